#!/usr/bin/env bash
# Benchmark `rpod push` against `podman push` (Debian's podman, rootless,
# runc, native overlay) with hyperfine.  Run as root; every rpod/podman
# command runs as the test user through runuser.
#
#   contrib/bench/push.sh [--runs N] [--image debian:minbase] [--only rpod|podman]
#
# Each tool first pulls IMAGE from registry A (127.0.0.1:5000) into its own
# store on a fresh ext4 file system; then two cases are timed, each run to a
# repository name never used before:
#   mount   push to registry A: the layer blob is mounted from the
#           repository it was pulled from (both tools know it), nothing is
#           uploaded;
#   upload  push to registry B (127.0.0.1:5001, TLS and htpasswd): no blob
#           there, so each tool rebuilds the layer from its store, gzips it
#           and uploads it.
#
# Environment: RPOD (binary; default target/release/rpod if it exists, else
# target/debug/rpod), RUNS (default 5), RPOD_TEST_USER (default rpodtest),
# RPOD_TEST_REGISTRY (default 127.0.0.1:5000), RPOD_TEST_AUTH_REGISTRY
# (default 127.0.0.1:5001), BENCH_DIR (default /var/tmp/rpod-bench-push),
# BENCH_FS_SIZE (default 4G), BENCH_QUIET_WAIT (default 120),
# BENCH_SKIP_SETUP=1 (do not run contrib/setup-test-env.sh first),
# RPOD_BASELINE (a second rpod binary, say main's, timed in the same
# hyperfine call as "rpod-baseline" on rpod's store: before/after
# comparisons interleaved under the same load).
set -euo pipefail

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/../.." && pwd)
BENCH_USER=${RPOD_TEST_USER:-rpodtest}
BENCH_DIR=${BENCH_DIR:-/var/tmp/rpod-bench-push}
BENCH_FS_SIZE=${BENCH_FS_SIZE:-4G}
BENCH_IMG=$BENCH_DIR/fs.img
BENCH_MNT=$BENCH_DIR/mnt
BENCH_CONF=$BENCH_DIR/config
REG=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
REG_B=${RPOD_TEST_AUTH_REGISTRY:-127.0.0.1:5001}
CREDS=rpoduser:rpodpass
RUNS=${RUNS:-5}
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
IMAGE=debian:minbase
ONLY=

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (the fresh file system needs mkfs and mount)"

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --image) IMAGE=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        -h|--help) sed -n '2,27p' "$SELF"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
done
case $ONLY in ""|rpod|podman) ;; *) die "--only takes rpod or podman" ;; esac

# shellcheck source=contrib/bench/lib.sh
. "$(dirname "$SELF")/lib.sh"

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

UID_=$(id -u "$BENCH_USER")
HOME_=$(getent passwd "$BENCH_USER" | cut -d: -f6)
write_bench_config
cat >>"$BENCH_CONF/containers/registries.conf" <<EOC

[[registry]]
location = "$REG_B"
insecure = true
EOC

# One fresh ext4 for both stores (a push reads the store, it writes little).
cleanup() {
    local pidf=/run/user/$UID_/libpod/tmp/pause.pid
    if [ -s "$pidf" ] && [ "$(stat -c %u "/proc/$(cat "$pidf")" 2>/dev/null)" = "$UID_" ]; then
        kill "$(cat "$pidf")" 2>/dev/null || true
        sleep 0.5
    fi
    if mountpoint -q "$BENCH_MNT"; then umount "$BENCH_MNT" 2>/dev/null || umount -l "$BENCH_MNT"; fi
    rm -f "$BENCH_IMG"
}
trap cleanup EXIT
cleanup
mkdir -p "$BENCH_MNT"
truncate -s "$BENCH_FS_SIZE" "$BENCH_IMG"
mkfs.ext4 -q -F "$BENCH_IMG"
mount -o loop "$BENCH_IMG" "$BENCH_MNT"
chown "$BENCH_USER:" "$BENCH_MNT"

as_user="runuser -u $BENCH_USER -- env -i HOME=$HOME_ USER=$BENCH_USER LOGNAME=$BENCH_USER \
XDG_RUNTIME_DIR=/run/user/$UID_ XDG_CONFIG_HOME=$BENCH_CONF \
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
rpod="$as_user $RPOD --root $BENCH_MNT/rpod/store --runroot $BENCH_MNT/rpod/run"
podman="$as_user podman --root $BENCH_MNT/podman/store --runroot $BENCH_MNT/podman/run"
ref=$REG/$IMAGE
[ "$ONLY" = podman ] || $rpod pull -q "$ref" >/dev/null
[ "$ONLY" = rpod ] || $podman pull -q --tls-verify=false "$ref" >/dev/null

OUT=$BENCH_DIR/results
mkdir -p "$OUT"
name=${IMAGE//[:\/]/_}
# A repository name per run: \$(date) is expanded by hyperfine's shell.
fresh='bench-$(date +%s%N)'
for case_ in mount upload; do
    case $case_ in
        mount) dest=$REG; extra="--tls-verify=false" ;;
        upload) dest=$REG_B; extra="--tls-verify=false --creds $CREDS" ;;
    esac
    cmds=()
    [ "$ONLY" = podman ] || cmds+=(-n rpod "$rpod push -q $extra $ref $dest/rpod-$fresh:x")
    if [ -n "${RPOD_BASELINE:-}" ] && [ "$ONLY" != podman ]; then
        cmds+=(-n rpod-baseline "${rpod/$RPOD/$RPOD_BASELINE} push -q $extra $ref $dest/rpodb-$fresh:x")
    fi
    [ "$ONLY" = rpod ] || cmds+=(-n podman "$podman push -q $extra $ref $dest/podman-$fresh:x")
    wait_quiet
    before=$(cut -d' ' -f1-3 /proc/loadavg)
    log "push $ref ($case_ to $dest): $RUNS runs each"
    hyperfine --runs "$RUNS" --warmup 1 --export-json "$OUT/push-$case_-$name.json" "${cmds[@]}"
    log "load average before: $before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
done

echo
printf '%-10s %12s %12s %14s %12s\n' case "rpod (s)" "podman (s)" "rpod/podman" "baseline (s)"
for case_ in mount upload; do
    jq -r --arg c "$case_" '
        (.results | map({key: .command, value: .median}) | from_entries) as $m
        | [$c,
           ($m.rpod // null | if . == null then "-" else (. * 1000 | round / 1000 | tostring) end),
           ($m.podman // null | if . == null then "-" else (. * 1000 | round / 1000 | tostring) end),
           (if ($m.rpod and $m.podman) then ($m.rpod / $m.podman * 100 | round / 100 | tostring) else "-" end),
           ($m["rpod-baseline"] // null | if . == null then "-" else (. * 1000 | round / 1000 | tostring) end)]
        | @tsv' "$OUT/push-$case_-$name.json" |
        awk -F'\t' '{printf "%-10s %12s %12s %14s %12s\n", $1, $2, $3, $4, $5}'
done
echo "(medians; JSON in $OUT)"
