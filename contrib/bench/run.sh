#!/usr/bin/env bash
# Benchmark container start-up and exec of rpod against Podman (Debian's
# podman, rootless, runc, native overlay, conmon) with hyperfine, and
# compare the memory of rpod's per-container monitor with Podman's conmon.
# Run as root; every rpod/podman command runs as the test user through
# runuser.
#
#   contrib/bench/run.sh [--runs N] [--only rpod|podman]
#
# Measures (each tool with its own store, busybox pulled beforehand):
#   run   `run --rm --network=none REG/busybox true`     (--warmup 3)
#   exec  `exec bench-exec true` in a running `sleep 1000` container
#   mem   VmRSS/RssAnon/RssFile (/proc/PID/status) and Pss/Pss_Anon
#         (/proc/PID/smaps_rollup) of rpod's monitor and of podman's conmon
#         for that container (pid from `inspect --format {{.State.ConmonPid}}`)
#   base  `runuser -u USER -- env -i ... true`: the wrapper's own cost, which
#         is inside every timing above
# Both stores and run roots live on one fresh ext4 loop file system (see
# pull.sh for why); podman's pause process is stopped after it is mounted.
# This machine may be shared: before each hyperfine call the script waits
# (up to BENCH_QUIET_WAIT seconds, default 120) for the CPUs to be idle and
# prints the load average around each call.
#
# Environment: RPOD (binary; default target/release/rpod if it exists, else
# target/debug/rpod), RUNS (default 30), RPOD_TEST_USER (default rpodtest),
# RPOD_TEST_REGISTRY (default 127.0.0.1:5000), BENCH_DIR (default
# /var/tmp/rpod-bench-run), BENCH_FS_SIZE (default 2G), BENCH_QUIET_WAIT,
# BENCH_SKIP_SETUP=1 (do not run contrib/setup-test-env.sh first: it
# rebuilds and pushes the test images whenever contrib/images changed).
set -euo pipefail
# shellcheck source=contrib/bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/../.." && pwd)
BENCH_USER=${RPOD_TEST_USER:-rpodtest}
BENCH_DIR=${BENCH_DIR:-/var/tmp/rpod-bench-run}
BENCH_FS_SIZE=${BENCH_FS_SIZE:-2G}
BENCH_IMG=$BENCH_DIR/fs.img
BENCH_MNT=$BENCH_DIR/mnt
BENCH_CONF=$BENCH_DIR/config          # XDG_CONFIG_HOME of the test user
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
REG=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
RUNS=${RUNS:-30}
ONLY=
CTR=bench-exec

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        -h|--help) sed -n '2,29p' "$SELF"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
done
case $ONLY in ""|rpod|podman) ;; *) die "--only takes rpod or podman" ;; esac
TOOLS=()
[ "$ONLY" = podman ] || TOOLS+=(rpod)
[ "$ONLY" = rpod ] || TOOLS+=(podman)

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

# ------------------------------------------------ fresh file system helpers
# Stop what the test user left running with the bench file system in its
# mount table (podman's pause process, monitors, conmon, containers).
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
    # Mounts the tools left under the bench mount (none expected).
    local m
    for m in $(awk -v p="$BENCH_MNT/" 'index($2, p) == 1 {print $2}' /proc/mounts | sort -r); do
        umount -l "$m" 2>/dev/null || true
    done
    if mountpoint -q "$BENCH_MNT"; then
        umount "$BENCH_MNT" 2>/dev/null || { sleep 0.5; umount "$BENCH_MNT"; }
    fi
    local dev
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
declare -A CLI
CLI[rpod]="$as_user $RPOD --root $BENCH_MNT/rpod/store --runroot $BENCH_MNT/rpod/run"
CLI[podman]="$as_user podman --root $BENCH_MNT/podman/store --runroot $BENCH_MNT/podman/run"
IMAGE=$REG/busybox:latest

cleanup() {
    local t
    for t in "${TOOLS[@]}"; do
        case $t in
            rpod) ${CLI[rpod]} stop -t 0 "$CTR" >/dev/null 2>&1 || true
                  ${CLI[rpod]} rm -f "$CTR" >/dev/null 2>&1 || true ;;
            podman) ${CLI[podman]} rm -f -t 0 "$CTR" >/dev/null 2>&1 || true ;;
        esac
    done
    release_fs
}
trap cleanup EXIT

log "fresh ext4 at $BENCH_MNT"
fresh_fs
for t in "${TOOLS[@]}"; do
    log "$t: pull $IMAGE"
    ${CLI[$t]} pull -q --tls-verify=false "$IMAGE" >/dev/null ||
        die "$t could not pull $IMAGE"
done

bench() {  # NAME hyperfine-args... -- (commands via -n NAME CMD pairs)
    local name=$1; shift
    wait_quiet
    local before; before=$(loadavg)
    hyperfine -N --export-json "$OUT/$name.json" "$@"
    log "$name: load average before: $before, after: $(loadavg)"
}

# ------------------------------------------------------------------ run --rm
cmds=(-n "runuser (baseline)" "$as_user true")
for t in "${TOOLS[@]}"; do
    cmds+=(-n "$t" "${CLI[$t]} run --rm --network=none $IMAGE true")
done
log "run --rm --network=none busybox true: warmup 3, $RUNS runs each"
bench run --warmup 3 --runs "$RUNS" "${cmds[@]}"

# ---------------------------------------------------------------------- exec
cmds=()
for t in "${TOOLS[@]}"; do
    ${CLI[$t]} run -d --network=none --name "$CTR" "$IMAGE" sleep 1000 >/dev/null ||
        die "$t could not start the $CTR container"
    cmds+=(-n "$t" "${CLI[$t]} exec $CTR true")
done
log "exec $CTR true: warmup 3, $RUNS runs each"
bench exec --warmup 3 --runs "$RUNS" "${cmds[@]}"

# ----------------------------------------------------------- monitor memory
mem_row() {  # TOOL PID
    local t=$1 pid=$2 comm st sm
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || { printf '%-8s %8s (gone)\n' "$t" "$pid"; return; }
    st=$(awk '/^(VmRSS|RssAnon|RssFile):/{printf "%s ", $2}' "/proc/$pid/status")
    sm=$(awk '/^(Pss|Pss_Anon):/{printf "%s ", $2}' "/proc/$pid/smaps_rollup")
    # shellcheck disable=SC2086
    printf '%-8s %8s %-10s %8s %8s %8s %8s %8s\n' "$t" "$pid" "$comm" $st $sm
}
{
    printf '%-8s %8s %-10s %8s %8s %8s %8s %8s\n' tool pid comm \
        "VmRSS" "RssAnon" "RssFile" "Pss" "Pss_Anon"
    for t in "${TOOLS[@]}"; do
        case $t in
            rpod) pid=$(${CLI[rpod]} container inspect "$CTR" --format '{{.State.ConmonPid}}') ;;
            podman) pid=$(${CLI[podman]} inspect --format '{{.State.ConmonPid}}' "$CTR") ;;
        esac
        mem_row "$t" "$pid"
    done
} >"$OUT/monitor-memory.txt"

# ------------------------------------------------------------------ summary
ms() {  # FILE COMMAND-NAME -> "median (min)" in ms, or -
    jq -r --arg n "$2" '.results[] | select(.command == $n) | "\(.median) \(.min)"' "$1" |
        awk 'NF == 2 {printf "%.1f (%.1f)", $1 * 1000, $2 * 1000; ok = 1} END {if (!ok) print "-"}'
}
echo
echo "Median (min) in ms, $RUNS runs each; speedup = podman median / rpod median"
printf '%-6s %18s %18s %18s %9s\n' bench rpod podman "runuser baseline" speedup
for b in run exec; do
    f=$OUT/$b.json
    sp=$(jq -r '(.results | map({key: .command, value: .median}) | from_entries) as $m
        | if ($m.rpod and $m.podman) then ($m.podman / $m.rpod * 100 | round / 100 | tostring) + "x"
          else "-" end' "$f")
    printf '%-6s %18s %18s %18s %9s\n' "$b" "$(ms "$f" rpod)" "$(ms "$f" podman)" \
        "$(ms "$f" "runuser (baseline)")" "$sp"
done
echo
echo "Monitor memory for the running $CTR container (kB):"
cat "$OUT/monitor-memory.txt"
echo "(JSON and tables in $OUT)"
