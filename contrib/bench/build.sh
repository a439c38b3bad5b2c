#!/usr/bin/env bash
# Benchmark `rpod build` against `podman build` (Debian's podman, rootless,
# runc, native overlay) with hyperfine: the same Containerfile (several RUN
# and COPY steps on busybox, one RUN on debian), cold (empty store: base
# images pulled, every step run) and fully cached (a second build with
# nothing changed). Run as root; every rpod/podman command runs as the test
# user through runuser.
#
#   contrib/bench/build.sh [--runs N] [--only rpod|podman]
#
# Each timed run starts on a FRESH ext4 file system (loop image under
# /var/tmp/rpod-bench, made in hyperfine's --prepare), for the reasons
# machine-facts.md gives; the cached case's --prepare also runs the first
# build. Podman's pause process is stopped whenever the file system is
# replaced. RUN steps use `--network none` for both tools (no step needs
# the network; the network helper's start would dominate otherwise).
#
# Environment: RPOD (binary; default target/release/rpod if it exists, else
# target/debug/rpod), RUNS (default 5), RPOD_TEST_USER (default rpodtest),
# RPOD_TEST_REGISTRY (default 127.0.0.1:5000), BENCH_DIR (default
# /var/tmp/rpod-bench), BENCH_FS_SIZE (default 4G), BENCH_QUIET_WAIT
# (default 120), BENCH_SKIP_SETUP=1 (do not run contrib/setup-test-env.sh).
set -euo pipefail
SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/../.." && pwd)
export BENCH_USER=${RPOD_TEST_USER:-rpodtest}
export BENCH_DIR=${BENCH_DIR:-/var/tmp/rpod-bench}
export BENCH_FS_SIZE=${BENCH_FS_SIZE:-4G}
export BENCH_IMG=$BENCH_DIR/fs.img
export BENCH_MNT=$BENCH_DIR/mnt
BENCH_CONF=$BENCH_DIR/config          # XDG_CONFIG_HOME of the test user
REG=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
RUNS=${RUNS:-5}
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
ONLY=

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (the fresh file system needs mkfs and mount)"

# ------------------------------------------------ fresh file system helpers
bench_uid() { id -u "$BENCH_USER"; }

# Stop what the benchmarked tools left running as the test user with the
# bench file system in its mount table (podman's pause process and
# anything like it), so that the file system can really go away.
stop_leftovers() {
    local uid pidf pid p
    uid=$(bench_uid)
    pidf=/run/user/$uid/libpod/tmp/pause.pid
    if [ -s "$pidf" ]; then
        pid=$(cat "$pidf")
        if [ -d "/proc/$pid" ] && [ "$(stat -c %u "/proc/$pid")" = "$uid" ]; then
            kill "$pid" 2>/dev/null || true
        fi
        rm -f "$pidf"
    fi
    for p in /proc/[0-9]*; do
        [ "$(stat -c %u "$p" 2>/dev/null)" = "$uid" ] || continue
        grep -qs " $BENCH_MNT " "$p/mountinfo" || continue
        kill "${p#/proc/}" 2>/dev/null || true
    done
    for _ in $(seq 50); do
        pid=
        for p in /proc/[0-9]*; do
            [ "$(stat -c %u "$p" 2>/dev/null)" = "$uid" ] || continue
            grep -qs " $BENCH_MNT " "$p/mountinfo" && { pid=${p#/proc/}; break; }
        done
        [ -z "$pid" ] && return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

release_fs() {
    stop_leftovers
    if mountpoint -q "$BENCH_MNT"; then
        umount "$BENCH_MNT" 2>/dev/null || { sleep 0.5; umount "$BENCH_MNT"; }
    fi
    local dev
    for dev in $(losetup -j "$BENCH_IMG" -O NAME -n 2>/dev/null); do
        losetup -d "$dev" 2>/dev/null || true
    done
}

fresh_fs() {
    release_fs
    mkdir -p "$BENCH_MNT"
    rm -f "$BENCH_IMG"
    truncate -s "$BENCH_FS_SIZE" "$BENCH_IMG"
    mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$BENCH_IMG"
    mount -o loop "$BENCH_IMG" "$BENCH_MNT"
    chown "$BENCH_USER:" "$BENCH_MNT"
    sync
}

cleanup_fs() {
    release_fs
    rm -f "$BENCH_IMG"
}

# shellcheck source=contrib/bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CTX=$BENCH_DIR/build-context

# The build as TOOL, store on the bench file system.
build_cmd() {
    local tool=$1 bin
    # rpod reads the registry's insecure flag from registries.conf; podman build needs --tls-verify.
    if [ "$tool" = rpod ]; then bin=$RPOD; else bin="podman"; fi
    local tls=
    [ "$tool" = podman ] && tls=--tls-verify=false
    echo "$as_user $bin --root $BENCH_MNT/store --runroot $BENCH_MNT/run build -q $tls --network none -t bench $CTX"
}

case ${1:-} in
    __fresh_fs) fresh_fs; exit 0 ;;
    __cleanup_fs) cleanup_fs; exit 0 ;;
    __prepare_cached) fresh_fs; eval "$2" >/dev/null; exit 0 ;;
esac

# ------------------------------------------------------------------ options
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        -h|--help) sed -n '2,23p' "$SELF"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
done
case $ONLY in ""|rpod|podman) ;; *) die "--only takes rpod or podman" ;; esac
if [ -z "${RPOD:-}" ]; then
    if [ -x "$REPO/target/release/rpod" ]; then RPOD=$REPO/target/release/rpod
    else RPOD=$REPO/target/debug/rpod; fi
fi

mkdir -p "$BENCH_DIR"
if [ "${BENCH_SKIP_SETUP:-0}" = 1 ]; then
    log "BENCH_SKIP_SETUP=1: not running contrib/setup-test-env.sh"
else
    log "making sure the test environment is up (log $BENCH_DIR/setup.log)"
    RPOD_REPO=$REPO bash "$REPO/contrib/setup-test-env.sh" >"$BENCH_DIR/setup.log" 2>&1 ||
        { tail -n 20 "$BENCH_DIR/setup.log" >&2; die "contrib/setup-test-env.sh failed"; }
fi
curl -sf -o /dev/null "http://$REG/v2/" || die "registry $REG is not answering"

UID_=$(bench_uid)
HOME_=$(getent passwd "$BENCH_USER" | cut -d: -f6)
if [ "$ONLY" != podman ]; then
    runuser -u "$BENCH_USER" -- test -x "$RPOD" || die "$RPOD is not executable by $BENCH_USER (build it, or set RPOD=...)"
fi

write_bench_config

OUT=$BENCH_DIR/results
mkdir -p "$OUT"

# The context: several RUN and COPY steps on busybox, one RUN on debian.
rm -rf "$CTX"
mkdir -p "$CTX/app/lib" "$CTX/conf"
for i in $(seq 1 50); do head -c 4096 /dev/urandom | base64 >"$CTX/app/lib/module$i.txt"; done
echo "setting=1" >"$CTX/conf/app.conf"
echo "#!/bin/sh" >"$CTX/app/run.sh"
cat >"$CTX/Containerfile" <<EOC
FROM $REG/debian:minbase AS tools
RUN echo "from debian" > /built-on-debian && ls /usr/bin | wc -l > /tool-count

FROM $REG/busybox:latest
ARG VERSION=1.0
ENV APP_HOME=/opt/app VERSION=\$VERSION
WORKDIR /opt/app
RUN mkdir -p /opt/app/data /var/log/app && echo "app:x:1000:1000::/opt/app:/bin/sh" >> /etc/passwd
COPY conf/ /etc/app/
COPY app/ /opt/app/
RUN chmod +x /opt/app/run.sh && ls /opt/app/lib | wc -l > /opt/app/count
COPY --from=tools /built-on-debian /tool-count /opt/app/
RUN rm -rf /var/log/app && echo "\$VERSION" > /opt/app/version
USER app
CMD ["/opt/app/run.sh"]
EOC
chmod -R a+rX "$BENCH_DIR"

as_user="runuser -u $BENCH_USER -- env -i HOME=$HOME_ USER=$BENCH_USER LOGNAME=$BENCH_USER \
XDG_RUNTIME_DIR=/run/user/$UID_ XDG_CONFIG_HOME=$BENCH_CONF \
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

trap 'cleanup_fs' EXIT

for case_ in cold cached; do
    cmds=()
    for tool in rpod podman; do
        [ -n "$ONLY" ] && [ "$ONLY" != "$tool" ] && continue
        cmds+=(-n "$tool" "$(build_cmd $tool)")
    done
    wait_quiet
    before=$(cut -d' ' -f1-3 /proc/loadavg)
    log "build, $case_: $RUNS runs each, fresh ext4 per run"
    if [ "$case_" = cold ]; then
        hyperfine --runs "$RUNS" --warmup 0 --prepare "bash $SELF __fresh_fs" --cleanup "bash $SELF __cleanup_fs" \
            --export-json "$OUT/build-$case_.json" "${cmds[@]}"
    else
        # hyperfine runs --prepare before each command's runs: the first build of the same tool.
        for ((i = 1; i < ${#cmds[@]}; i += 3)); do
            hyperfine --runs "$RUNS" --warmup 0 --prepare "bash $SELF __prepare_cached '${cmds[$((i + 1))]}'" \
                --cleanup "bash $SELF __cleanup_fs" --export-json "$OUT/build-$case_-${cmds[$i]}.json" \
                -n "${cmds[$i]}" "${cmds[$((i + 1))]}"
        done
        jq -s '{results: (map(.results) | add)}' "$OUT"/build-$case_-*.json >"$OUT/build-$case_.json"
    fi
    log "load average before: $before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
done

# ------------------------------------------------------------------ summary
echo
printf '%-10s %12s %12s %14s\n' case "rpod (s)" "podman (s)" "podman/rpod"
for case_ in cold cached; do
    jq -r --arg c "$case_" '
        (.results | map({key: .command, value: .median}) | from_entries) as $m
        | [$c,
           ($m.rpod // null | if . == null then "-" else (. * 1000 | round / 1000 | tostring) end),
           ($m.podman // null | if . == null then "-" else (. * 1000 | round / 1000 | tostring) end),
           (if ($m.rpod and $m.podman) then ($m.podman / $m.rpod * 10 | round / 10 | tostring) else "-" end)]
        | @tsv' "$OUT/build-$case_.json" |
        awk -F'\t' '{printf "%-10s %12s %12s %14s\n", $1, $2, $3, $4}'
done
echo "(medians; JSON in $OUT)"
