#!/usr/bin/env bash
# Does the cost of a command grow with the number of stored containers?
# Times rpod and Podman (Debian's podman, rootless, runc, native overlay)
# with hyperfine at several store sizes and prints one table side by side.
# Run as root; every rpod/podman command runs as the test user through
# runuser.
#
#   contrib/bench/scale.sh [--runs N] [--levels "0 1000 10000"]
#                          [--podman-max N] [--only rpod|podman]
#
# For each level N (ascending; each tool's store is filled up to N by
# `create --network=none REG/busybox true` in a loop, so it grows from one
# level to the next), in one hyperfine call per tool and level:
#   create   `create --network=none REG/busybox true` (unnamed: the name
#            generator runs; each timed run adds a container, so a level
#            ends up to warmup+runs containers above N)
#   run      `run --rm --network=none REG/busybox true`
#   inspect  `container inspect scale-probe` (a named container made first:
#            a lookup by name)
#   ps       `ps -a` (lists every container)
#   base     `runuser -u USER -- env -i ... true`, the wrapper's own cost,
#            which is inside every timing
# Podman is measured up to --podman-max containers (default 1000: its
# create takes ~150 ms here, so filling 10,000 would take half an hour, and
# rootless Podman has 2048 container locks per user unless num_locks is
# raised).
# Both stores live on one fresh ext4 loop file system (see pull.sh for
# why); Podman's pause process is stopped after it is mounted. Before each
# hyperfine call the script waits (up to BENCH_QUIET_WAIT seconds, default
# 120) for the CPUs to be idle, and logs the load average around it.
#
# Environment: RPOD (binary; default target/release/rpod if it exists, else
# target/debug/rpod), RUNS (default 20), RPOD_TEST_USER (default rpodtest),
# RPOD_TEST_REGISTRY (default 127.0.0.1:5000), BENCH_DIR (default
# /var/tmp/rpod-bench-scale), BENCH_FS_SIZE (default 8G), BENCH_QUIET_WAIT,
# BENCH_SKIP_SETUP=1 (do not run contrib/setup-test-env.sh first).
set -euo pipefail
# shellcheck source=contrib/bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/../.." && pwd)
BENCH_USER=${RPOD_TEST_USER:-rpodtest}
BENCH_DIR=${BENCH_DIR:-/var/tmp/rpod-bench-scale}
BENCH_FS_SIZE=${BENCH_FS_SIZE:-8G}
BENCH_IMG=$BENCH_DIR/fs.img
BENCH_MNT=$BENCH_DIR/mnt
BENCH_CONF=$BENCH_DIR/config          # XDG_CONFIG_HOME of the test user
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
REG=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
RUNS=${RUNS:-20}
WARMUP=3
LEVELS="0 1000 10000"
PODMAN_MAX=1000
ONLY=
PROBE=scale-probe

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --levels) LEVELS=$2; shift 2 ;;
        --podman-max) PODMAN_MAX=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        -h|--help) sed -n '2,38p' "$SELF"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
done
case $ONLY in ""|rpod|podman) ;; *) die "--only takes rpod or podman" ;; esac
TOOLS=()
[ "$ONLY" = podman ] || TOOLS+=(rpod)
[ "$ONLY" = rpod ] || TOOLS+=(podman)
prev=-1
for n in $LEVELS; do
    [[ $n =~ ^[0-9]+$ ]] && [ "$n" -gt "$prev" ] || die "--levels takes ascending numbers"
    prev=$n
done

[ "$(id -u)" -eq 0 ] || die "run as root (the fresh file system needs mkfs and mount)"
for t in hyperfine jq runuser mkfs.ext4; do
    command -v "$t" >/dev/null || die "$t is missing (contrib/setup-test-env.sh installs it)"
done

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
if [ "$ONLY" != podman ]; then
    runuser -u "$BENCH_USER" -- test -x "$RPOD" || die "$RPOD is not executable by $BENCH_USER (build it, or set RPOD=...)"
fi

write_bench_config

OUT=$BENCH_DIR/results
mkdir -p "$OUT"
rm -f "$OUT"/scale-*.json

# ------------------------------------------- fresh file system (as run.sh)
stop_leftovers() {
    local pidf=/run/user/$UID_/libpod/tmp/pause.pid pid p
    if [ -s "$pidf" ]; then
        pid=$(cat "$pidf")
        if [ -d "/proc/$pid" ] && [ "$(stat -c %u "/proc/$pid")" = "$UID_" ]; then
            kill "$pid" 2>/dev/null || true
        fi
        rm -f "$pidf"
    fi
    for _ in $(seq 50); do
        pid=
        for p in /proc/[0-9]*; do
            [ "$(stat -c %u "$p" 2>/dev/null)" = "$UID_" ] || continue
            grep -qs " $BENCH_MNT[ /]" "$p/mountinfo" || continue
            pid=${p#/proc/}; kill "$pid" 2>/dev/null || true
        done
        [ -z "$pid" ] && return 0
        sleep 0.1
    done
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
}

release_fs() {
    stop_leftovers
    local m dev
    for m in $(awk -v p="$BENCH_MNT/" 'index($2, p) == 1 {print $2}' /proc/mounts | sort -r); do
        umount -l "$m" 2>/dev/null || true
    done
    if mountpoint -q "$BENCH_MNT"; then
        umount "$BENCH_MNT" 2>/dev/null || { sleep 0.5; umount "$BENCH_MNT"; }
    fi
    for dev in $(losetup -j "$BENCH_IMG" -O NAME -n 2>/dev/null); do
        losetup -d "$dev" 2>/dev/null || true
    done
    rm -f "$BENCH_IMG"
}

fresh_fs() {
    release_fs
    mkdir -p "$BENCH_MNT"
    truncate -s "$BENCH_FS_SIZE" "$BENCH_IMG"
    mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$BENCH_IMG"
    mount -o loop "$BENCH_IMG" "$BENCH_MNT"
    chown "$BENCH_USER:" "$BENCH_MNT"
    sync
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ------------------------------------------------------------ command lines
as_user="runuser -u $BENCH_USER -- env -i HOME=$HOME_ USER=$BENCH_USER LOGNAME=$BENCH_USER \
XDG_RUNTIME_DIR=/run/user/$UID_ XDG_CONFIG_HOME=$BENCH_CONF \
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
declare -A TOOL CLI COUNT
TOOL[rpod]="$RPOD --root $BENCH_MNT/rpod/store --runroot $BENCH_MNT/rpod/run"
TOOL[podman]="podman --root $BENCH_MNT/podman/store --runroot $BENCH_MNT/podman/run"
for t in rpod podman; do CLI[$t]="$as_user ${TOOL[$t]}"; done
IMAGE=$REG/busybox:latest

# Podman's container locks live in one shared-memory segment per user
# (num_locks, 2048 by default), not in the store: remove its containers
# before the store's file system goes, or their locks leak into the next run.
cleanup() {
    case " ${TOOLS[*]} " in
        *" podman "*) mountpoint -q "$BENCH_MNT" && ${CLI[podman]} rm -a -f -t 0 >/dev/null 2>&1 || true ;;
    esac
    release_fs
}
trap cleanup EXIT

log "fresh ext4 ($BENCH_FS_SIZE) at $BENCH_MNT"
fresh_fs
case " ${TOOLS[*]} " in
    *" podman "*)
        # Free the locks of containers whose store is gone (a run that was
        # killed before its cleanup): this script must be the user's only
        # Podman user anyway, as it stops the pause process.
        ${CLI[podman]} system renumber >/dev/null || die "podman system renumber failed" ;;
esac
for t in "${TOOLS[@]}"; do
    log "$t: pull $IMAGE"
    ${CLI[$t]} pull -q --tls-verify=false "$IMAGE" >/dev/null || die "$t could not pull $IMAGE"
    ${CLI[$t]} create --network=none --name "$PROBE" "$IMAGE" true >/dev/null || die "$t could not create $PROBE"
done

count() {  # TOOL -> number of stored containers
    ${CLI[$1]} ps -a -q | wc -l
}

fill() {  # TOOL N: create unnamed containers until the store holds N
    local t=$1 n=$2 have missing start
    have=$(count "$t")
    missing=$((n - have))
    [ "$missing" -gt 0 ] || return 0
    log "$t: creating $missing containers ($have -> $n)"
    start=$SECONDS
    # One shell as the user for the whole loop (a runuser per create would
    # add ~8 ms each).
    # shellcheck disable=SC2016,SC2086
    $as_user sh -c '
        n=$1 image=$2; shift 2
        i=0
        while [ "$i" -lt "$n" ]; do
            "$@" create --network=none "$image" true >/dev/null || exit 1
            i=$((i + 1))
        done' fill "$missing" "$IMAGE" ${TOOL[$t]} || die "$t: filling the store failed"
    log "$t: filled in $((SECONDS - start)) s ($(count "$t") containers)"
    # Write back now: the timed runs must not share the disk with the fill.
    sync
}

bench() {  # TOOL N
    local t=$1 n=$2 before
    local -a cmds=(-n "base" "$as_user true")
    cmds+=(-n "create" "${CLI[$t]} create --network=none $IMAGE true")
    cmds+=(-n "run" "${CLI[$t]} run --rm --network=none $IMAGE true")
    cmds+=(-n "inspect" "${CLI[$t]} container inspect $PROBE")
    cmds+=(-n "ps" "${CLI[$t]} ps -a")
    wait_quiet
    before=$(loadavg)
    log "$t at $n containers: warmup $WARMUP, $RUNS runs each"
    hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$OUT/scale-$t-$n.json" "${cmds[@]}" >&2
    log "$t at $n: load average before: $before, after: $(loadavg)"
    COUNT[$t-$n]=$(count "$t")
}

for n in $LEVELS; do
    for t in "${TOOLS[@]}"; do
        if [ "$t" = podman ] && [ "$n" -gt "$PODMAN_MAX" ]; then continue; fi
        fill "$t" "$n"
        bench "$t" "$n"
    done
done

# ------------------------------------------------------------------ summary
ms() {  # FILE COMMAND-NAME -> median in ms, or -
    [ -f "$1" ] || { echo -; return; }
    jq -r --arg n "$2" '.results[] | select(.command == $n) | .median' "$1" |
        awk 'NF == 1 {printf "%.1f", $1 * 1000; ok = 1} END {if (!ok) print "-"}'
}
cols=()
for t in "${TOOLS[@]}"; do
    for n in $LEVELS; do
        if [ "$t" = podman ] && [ "$n" -gt "$PODMAN_MAX" ]; then continue; fi
        cols+=("$t-$n")
    done
done
echo
echo "Median ms, $RUNS runs each (warmup $WARMUP); column = tool at N stored containers."
echo "Each timing includes the runuser wrapper (row 'base')."
printf '| %-8s |' bench
for c in "${cols[@]}"; do printf ' %12s |' "$c"; done
echo
printf '|%s|' "----------"
for _ in "${cols[@]}"; do printf '%s|' "--------------:"; done
echo
for b in create run inspect ps base; do
    printf '| %-8s |' "$b"
    for c in "${cols[@]}"; do printf ' %12s |' "$(ms "$OUT/scale-$c.json" "$b")"; done
    echo
done
printf '| %-8s |' "stored"
for c in "${cols[@]}"; do printf ' %12s |' "${COUNT[$c]:--}"; done
echo
echo "('stored': containers after that level's runs.  JSON in $OUT)"
