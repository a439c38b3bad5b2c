#!/usr/bin/env bash
# What --userns=keep-id costs, rpod against Podman (Debian's podman, rootless,
# runc, native overlay), on the Debian test image (~205 MB, ~6,800 files).
# Run as root; every rpod/podman command runs as the test user via runuser.
#
#   contrib/bench/keepid.sh [--runs N] [--first-runs N] [--only rpod|podman]
#
# Measures, per tool:
#   plain    `run --rm --network=none IMAGE true`
#   later    `run --rm --network=none --userns=keep-id IMAGE true` once a
#            keep-id container has run (hyperfine's warmup runs do that)
#   first    the first keep-id run after a pull: every timed run gets a fresh
#            ext4 file system and a new pull in hyperfine's --prepare (not
#            timed), so whatever a tool does once per image (Podman: a
#            chowned copy of the layers) is inside the timing
# plain and later share one fresh ext4 for the session (see pull.sh for why
# a new file system per run matters on this machine).
#
# Environment: RPOD (default target/release/rpod, else target/debug/rpod),
# RUNS (default 20), BLOCKS (default 6: plain and later alternate in that
# many blocks), GAP (default 0.2: seconds between two plain/later runs),
# FIRST_RUNS (default 3), RPOD_TEST_USER (rpodtest),
# RPOD_TEST_REGISTRY (127.0.0.1:5000), BENCH_DIR (/var/tmp/rpod-bench-keepid),
# BENCH_FS_SIZE (4G), BENCH_QUIET_WAIT (120), BENCH_IMAGE (debian:minbase).
set -euo pipefail
# shellcheck source=contrib/bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/../.." && pwd)
BENCH_USER=${RPOD_TEST_USER:-rpodtest}
BENCH_DIR=${BENCH_DIR:-/var/tmp/rpod-bench-keepid}
BENCH_FS_SIZE=${BENCH_FS_SIZE:-4G}
BENCH_IMG=$BENCH_DIR/fs.img
BENCH_MNT=$BENCH_DIR/mnt
BENCH_CONF=$BENCH_DIR/config
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
REG=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
IMAGE=$REG/${BENCH_IMAGE:-debian:minbase}
RUNS=${RUNS:-20}
BLOCKS=${BLOCKS:-6}
GAP=${GAP:-0.2}
FIRST_RUNS=${FIRST_RUNS:-3}
ONLY=

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

MODE=main
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --first-runs) FIRST_RUNS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --prepare-first) MODE=prepare; PREP_TOOL=$2; shift 2 ;;  # internal: hyperfine's --prepare
        -h|--help) sed -n '2,24p' "$SELF"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
done
TOOLS=()
[ "$ONLY" = podman ] || TOOLS+=(rpod)
[ "$ONLY" = rpod ] || TOOLS+=(podman)

[ "$(id -u)" -eq 0 ] || die "run as root (the fresh file systems need mkfs and mount)"
if [ -z "${RPOD:-}" ]; then
    if [ -x "$REPO/target/release/rpod" ]; then RPOD=$REPO/target/release/rpod
    else RPOD=$REPO/target/debug/rpod; fi
fi
UID_=$(id -u "$BENCH_USER")
HOME_=$(getent passwd "$BENCH_USER" | cut -d: -f6)
as_user="runuser -u $BENCH_USER -- env -i HOME=$HOME_ USER=$BENCH_USER LOGNAME=$BENCH_USER \
XDG_RUNTIME_DIR=/run/user/$UID_ XDG_CONFIG_HOME=$BENCH_CONF \
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
declare -A CLI
CLI[rpod]="$as_user $RPOD --root $BENCH_MNT/rpod/store --runroot $BENCH_MNT/rpod/run"
CLI[podman]="$as_user podman --root $BENCH_MNT/podman/store --runroot $BENCH_MNT/podman/run"

# Stop what the test user left running with the bench file system in its
# mount table (podman's pause process, monitors, fuse-overlayfs, containers).
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
        umount "$BENCH_MNT" 2>/dev/null || { sleep 0.5; umount -l "$BENCH_MNT"; }
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

pull() {  # TOOL
    ${CLI[$1]} pull -q --tls-verify=false "$IMAGE" >/dev/null || die "$1 could not pull $IMAGE"
}

if [ "$MODE" = prepare ]; then
    fresh_fs
    pull "$PREP_TOOL"
    exit 0
fi

for t in hyperfine jq runuser mkfs.ext4 fuse-overlayfs; do
    command -v "$t" >/dev/null || die "$t is missing (contrib/setup-test-env.sh installs it)"
done
curl -sf -o /dev/null "http://$REG/v2/" || die "registry $REG is not answering"
write_bench_config
OUT=$BENCH_DIR/results
mkdir -p "$OUT"
rm -f "$OUT"/steady-*.json
trap release_fs EXIT

bench() {  # NAME hyperfine-args...
    local name=$1; shift
    wait_quiet
    local before; before=$(loadavg)
    hyperfine -N --export-json "$OUT/$name.json" "$@"
    log "$name: load average before: $before, after: $(loadavg)"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

log "fresh ext4 at $BENCH_MNT; pulling $IMAGE"
fresh_fs
for t in "${TOOLS[@]}"; do pull "$t"; done
# plain and later runs alternate in BLOCKS blocks (plain first in odd
# blocks, keep-id first in even ones): on these machines the figures drift
# by several ms between windows of a few seconds, and a run leaves work
# (its namespaces' teardown in the monitor) that lands on the next one, so
# one long block of each measured the window and the order, not keep-id.
# Each run starts GAP seconds after the last (hyperfine --prepare): "the
# second run" a user makes, alone; GAP=0 measures back-to-back loops, where
# a run also pays for the previous one's teardown.
per_block=$(( (RUNS + BLOCKS - 1) / BLOCKS ))
log "plain and later keep-id runs: warmup 2, $BLOCKS alternating blocks of $per_block runs each"
for b in $(seq "$BLOCKS"); do
    cmds=()
    for t in "${TOOLS[@]}"; do
        plain=(-n "$t plain" "${CLI[$t]} run --rm --network=none $IMAGE true")
        later=(-n "$t keep-id later" "${CLI[$t]} run --rm --network=none --userns=keep-id $IMAGE true")
        if [ $(( b % 2 )) = 1 ]; then cmds+=("${plain[@]}" "${later[@]}"); else cmds+=("${later[@]}" "${plain[@]}"); fi
    done
    gap=()
    [ "$GAP" = 0 ] || gap=(--prepare "sleep $GAP")
    bench "steady-$b" --warmup 2 --runs "$per_block" "${gap[@]}" "${cmds[@]}"
done
# All blocks' times as one hyperfine-shaped file, for ms() below.
jq -s '{results: ([.[].results[]] | group_by(.command) | map({command: .[0].command, times: (map(.times[]) | sort)})
    | map(. + {median: (.times | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end), min: .times[0]}))}' \
    "$OUT"/steady-*.json >"$OUT/steady.json"

for t in "${TOOLS[@]}"; do
    log "$t: first keep-id run after a pull, fresh file system each, $FIRST_RUNS runs"
    bench "first-$t" --runs "$FIRST_RUNS" --prepare "bash $SELF --prepare-first $t" \
        -n "$t keep-id first" "${CLI[$t]} run --rm --network=none --userns=keep-id $IMAGE true"
done

ms() {  # FILE COMMAND-NAME -> "median (min)" in ms, or -
    jq -r --arg n "$2" '.results[] | select(.command == $n) | "\(.median) \(.min)"' "$1" 2>/dev/null |
        awk 'NF == 2 {printf "%.1f (%.1f)", $1 * 1000, $2 * 1000; ok = 1} END {if (!ok) print "-"}'
}
echo
echo "Median (min) in ms; $IMAGE; plain/later $RUNS runs, first $FIRST_RUNS runs (fresh fs each)"
printf '%-7s %18s %18s %18s\n' tool plain "keep-id later" "keep-id first"
for t in "${TOOLS[@]}"; do
    printf '%-7s %18s %18s %18s\n' "$t" "$(ms "$OUT/steady.json" "$t plain")" \
        "$(ms "$OUT/steady.json" "$t keep-id later")" "$(ms "$OUT/first-$t.json" "$t keep-id first")"
done
echo "(JSON in $OUT)"
