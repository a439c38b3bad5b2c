#!/bin/bash
# Regenerate src/cli/podman-flags.tsv: every flag of every Podman command,
# from Podman's own `--help` (Debian's podman package), plus the few global
# flags Podman 5 added (listed below by hand, from its documentation).
#
# Usage: contrib/podman-flags.sh > src/cli/podman-flags.tsv
# Runs podman as the calling user; it only reads --help, so no store,
# registry or network is touched.
#
# Columns: command path ("podman" for global flags), long flag, short flag
# (or "-"), value type ("-" for a boolean).
set -euo pipefail
command -v podman >/dev/null || { echo "podman is not installed (apt-get install podman)" >&2; exit 1; }
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_RUNTIME_DIR=$tmp

version=$(podman --version 2>/dev/null | awk '{print $3}')
echo "# Podman's flags, from \`podman ... --help\` of Podman $version (contrib/podman-flags.sh)."
echo "# command	long	short	value"

# flags SECTION_TEXT PATH: print the flag lines of the first Options section.
flags() {
    local path=$1
    awk -v path="$path" '
        /^Options:/ { if (done) exit; inopts = 1; next }
        inopts && /^[A-Za-z]/ { inopts = 0; done = 1 }
        inopts && match($0, /^  (-[A-Za-z0-9], |    )--[a-z0-9-]+/) {
            line = $0
            short = "-"
            if (line ~ /^  -[A-Za-z0-9], /) { short = substr(line, 4, 1) }
            sub(/^  (-[A-Za-z0-9], |    )--/, "", line)
            n = split(line, parts, " ")
            long = parts[1]
            value = "-"
            # "--name type   help": a type word follows with one space.
            if (n > 1 && substr(line, length(long) + 1, 2) ~ /^ [a-zA-Z]/) { value = parts[2] }
            if (long != "help") printf "%s\t%s\t%s\t%s\n", path, long, short, value
        }
    '
}

# subcommands of a help text
subs() {
    awk '
        /^Available Commands:/ { on = 1; next }
        on && /^[A-Za-z]/ { on = 0 }
        on && /^  [a-z]/ { print $1 }
    '
}

walk() {
    local path=$1
    local help
    # shellcheck disable=SC2086
    help=$(podman ${path#podman} --help 2>/dev/null) || return 0
    printf '%s\n' "$help" | flags "$path"
    local s
    for s in $(printf '%s\n' "$help" | subs); do
        [ "$s" = help ] && continue
        walk "$path $s"
    done
}

walk podman | sort -u -t "	" -k1,1 -k2,2
# Podman 5 global flags missing from Podman 4's --help.
printf 'podman\t%s\t-\t%s\n' \
    config string \
    module string \
    db-backend string \
    imagestore string \
    transient-store - \
    out string
