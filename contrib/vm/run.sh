#!/usr/bin/env bash
# rpod's systemd test tier: boot the Debian guest (contrib/vm/build-image.sh)
# under qemu, run the selected integration tests there as an unprivileged
# user with a `systemd --user` manager and delegated cgroup v2 controllers,
# and fail when they fail.
#
#   contrib/vm/run.sh [TEST...]        (tests/TEST.rs)
#
# By default it runs the tests about cgroups that need a real systemd host:
# tests/limits.rs and, where they exist, tests/stats.rs, tests/cgroup_manager.rs
# (the systemd cgroup manager: scopes of the user's manager) and tests/quadlet.rs
# (Quadlet units under the user's manager; it asks for a second boot).
#
# Environment:
#   RPOD_VM_TEST_ARGS  arguments for the test binaries (e.g. a name filter)
#   RPOD_VM_TIMEOUT    seconds the whole guest run may take (default 1500)
#   RPOD_VM_BOOT_TIMEOUT  seconds until the runner must have started (600)
#   RPOD_VM_CACHE      where the guest image is cached (default /var/cache/rpod-vm)
#   RPOD_VM_KEEP=1     keep the run directory (serial log, disks)
#   RPOD_VM_APPEND     more kernel parameters for the guest (e.g. loglevel=7)
#   RPOD_VM_SILENCE    seconds of console silence taken for a frozen guest
#                      (default: the guest's per-binary limit + 180); a frozen
#                      guest is booted once more from fresh disks
#   RPOD_VM_BENCH      a benchmark script to run in the guest after the tests,
#                      as the user in its systemd --user manager (e.g.
#                      contrib/bench/stats-guest.sh); with it and no TEST
#                      named, no tests run
#   RPOD_VM_RPOD       the rpod binary to copy in (default: the one cargo
#                      builds with the tests; a release build for benchmarks)
#   RPOD_VM_RPOD_BASE  a second rpod binary for a benchmark to compare with
#                      (the guest's bench sees it as $RPOD_BASE)
#
# The guest image must exist (setup-test-env.sh builds it as root; as root
# this script builds it too).  Everything else is per run: a qcow2 overlay
# over the cached image, and a data disk (ext4 made with mkfs.ext4 -d)
# holding the freshly built rpod, the test binaries, docker-registry with
# the busybox test images, and guest-run.sh.  The guest's console (serial)
# is streamed here; its last line `RPOD-VM-RESULT N` is the verdict.  qemu
# uses software emulation (TCG): KVM is not usable on these machines.
set -euo pipefail

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$VM_DIR/../.." && pwd)
STATE=${RPOD_TEST_STATE:-/var/lib/rpod-test}
TIMEOUT=${RPOD_VM_TIMEOUT:-1500}
BOOT_TIMEOUT=${RPOD_VM_BOOT_TIMEOUT:-600}
TESTS=("$@")
BENCH=${RPOD_VM_BENCH:-}
if [ -n "$BENCH" ]; then
    [ -f "$BENCH" ] || { echo "[vm] ERROR: RPOD_VM_BENCH=$BENCH: no such file" >&2; exit 1; }
    BENCH=$(readlink -f "$BENCH")
fi
if [ ${#TESTS[@]} -eq 0 ] && [ -z "$BENCH" ]; then
    for t in limits stats cgroup_manager quadlet; do
        [ -f "$REPO/tests/$t.rs" ] && TESTS+=("$t")
    done
fi

log() { printf '[vm %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[vm] ERROR: %s\n' "$*" >&2; exit 1; }
START=$(date +%s)

for c in qemu-system-x86_64 qemu-img mkfs.ext4 jq; do
    command -v "$c" >/dev/null || die "$c is missing (run contrib/setup-test-env.sh as root)"
done
if [ "$(id -u)" -eq 0 ]; then
    IMG=$(bash "$VM_DIR/build-image.sh")
else
    IMG=$(ls -t "${RPOD_VM_CACHE:-/var/cache/rpod-vm}"/*/rootfs.img 2>/dev/null | head -n 1 || true)
    [ -n "$IMG" ] || die "no guest image: run contrib/setup-test-env.sh (or contrib/vm/build-image.sh) as root"
fi
IMG_DIR=$(dirname "$IMG")
KVER=$(cat "$IMG_DIR/kernel-version")

# ------------------------------------------------------------------ build
if ! command -v cargo >/dev/null && [ -f "${HOME:-/nonexistent}/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
cd "$REPO"
test_args=()
for t in "${TESTS[@]}"; do
    [ -f "tests/$t.rs" ] || die "no tests/$t.rs"
    test_args+=(--test "$t")
done
if [ ${#TESTS[@]} -gt 0 ]; then
    log "cargo test --no-run ${test_args[*]}"
    build=(cargo test --no-run --message-format=json "${test_args[@]}")
else
    build=(cargo build --bin rpod --message-format=json)
fi
ARTIFACTS=$("${build[@]}" | jq -r '
    select(.reason == "compiler-artifact" and .executable != null)
    | "\(.target.kind[0]) \(.target.name) \(.executable)"')
RPOD_BIN=$(awk '$1 == "bin" && $2 == "rpod" {print $3}' <<<"$ARTIFACTS")
[ -n "$RPOD_BIN" ] || die "cargo did not report the rpod binary"
COPY_BIN=${RPOD_VM_RPOD:-$RPOD_BIN}
[ -x "$COPY_BIN" ] || die "RPOD_VM_RPOD=$COPY_BIN is not an executable"

# --------------------------------------------------------------- data disk
RUN=$(mktemp -d "${TMPDIR:-/var/tmp}/rpod-vm.XXXXXX")
QPID=
cleanup() {
    [ -n "$QPID" ] && kill "$QPID" 2>/dev/null || true
    if [ "${RPOD_VM_KEEP:-0}" = 1 ]; then log "kept $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
STAGE=$RUN/stage
mkdir -p "$STAGE/bin" "$STAGE/tests" "$STAGE/registry"
# Debug info is most of a debug binary's size and useless in the guest.
objcopy --strip-debug "$COPY_BIN" "$STAGE/bin/rpod"
if [ -n "${RPOD_VM_RPOD_BASE:-}" ]; then
    [ -x "$RPOD_VM_RPOD_BASE" ] || die "RPOD_VM_RPOD_BASE=$RPOD_VM_RPOD_BASE is not an executable"
    objcopy --strip-debug "$RPOD_VM_RPOD_BASE" "$STAGE/bin/rpod-base"
fi
for t in "${TESTS[@]}"; do
    exe=$(awk -v t="$t" '$1 == "test" && $2 == t {print $3}' <<<"$ARTIFACTS")
    [ -n "$exe" ] || die "cargo did not report the test binary of tests/$t.rs"
    objcopy --strip-debug "$exe" "$STAGE/tests/$t"
done
cp /usr/bin/docker-registry "$STAGE/bin/"
# tests/quadlet.rs sends sd_notify messages from a busybox container with it.
cc -static -s -O1 -o "$STAGE/bin/netprobe" "$REPO/tests/data/netprobe.c" || die "cannot compile tests/data/netprobe.c statically (gcc, libc6-dev)"
cp "$VM_DIR/guest-run.sh" "$STAGE/"
[ -z "$BENCH" ] || cp "$BENCH" "$STAGE/bench.sh"
# The busybox test images: their repositories and the blobs they link.
REG=$STATE/registry-a/docker/registry/v2
[ -d "$REG/repositories/busybox" ] || die "no test images in $REG (run contrib/setup-test-env.sh)"
mkdir -p "$STAGE/registry/docker/registry/v2/repositories" "$STAGE/registry/docker/registry/v2/blobs"
for r in busybox; do
    cp -a "$REG/repositories/$r" "$STAGE/registry/docker/registry/v2/repositories/"
    find "$REG/repositories/$r" -name link -exec awk 1 {} + | sed -n 's/^sha256:\([0-9a-f]\{64\}\)$/\1/p' | sort -u |
        while read -r d; do
            b=blobs/sha256/${d:0:2}/$d
            [ -d "$REG/$b" ] || continue
            mkdir -p "$STAGE/registry/docker/registry/v2/$b"
            cp -a "$REG/$b/." "$STAGE/registry/docker/registry/v2/$b/"
        done
done
grep '^127\.0\.0\.1:5000/busybox:' "$STATE/images.txt" >"$STAGE/images.txt"
{
    printf 'RPOD_VM_BIN=%q\n' "$RPOD_BIN"
    printf 'RPOD_VM_TESTS=%q\n' "${TESTS[*]}"
    printf 'RPOD_VM_TEST_ARGS=%q\n' "${RPOD_VM_TEST_ARGS:-}"
    # Each test binary stops well before the guest is stopped, so a hung
    # test still ends with its output and a verdict.
    test_timeout=$(( TIMEOUT - 300 )); [ $test_timeout -ge 60 ] || test_timeout=60
    printf 'RPOD_VM_TEST_TIMEOUT=%q\n' "$test_timeout"
} >"$STAGE/env"
chmod -R a+rX "$STAGE"
size_mb=$(( $(du -sm "$STAGE" | cut -f1) + 128 ))
# disks: a fresh data disk and a fresh overlay over the cached image.
disks() {
    rm -f "$RUN/data.img" "$RUN/root.qcow2"
    truncate -s "${size_mb}M" "$RUN/data.img"
    mkfs.ext4 -q -F -L rpod-vm-data -d "$STAGE" "$RUN/data.img"
    qemu-img create -q -f qcow2 -F raw -b "$IMG" "$RUN/root.qcow2"
}
disks
log "data disk ${size_mb} MB ready ($(( $(date +%s) - START )) s since start); booting the guest (kernel $KVER, TCG)"

# -------------------------------------------------------------------- boot
# boot LOG: one boot of the guest, its console streamed here and kept in LOG.
# A test may ask for a second boot of the same disks (the guest prints
# RPOD-VM-REBOOT before its verdict, see guest-run.sh): qemu runs with
# -no-reboot, so that is a second qemu over the same overlay.
# stop_qemu: SIGTERM, then SIGKILL if it is still there after 10 s.
stop_qemu() {
    kill "$QPID" 2>/dev/null || return 0
    for _ in $(seq 20); do kill -0 "$QPID" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL "$QPID" 2>/dev/null || true
}
boot() {
    local serial=$1
    : >"$serial"
    BOOT=$(date +%s)
    qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m 2048 -smp 2 \
        -display none -monitor none -serial "file:$serial" -no-reboot \
        -device virtio-rng-pci \
        -drive "file=$RUN/root.qcow2,format=qcow2,if=virtio" \
        -drive "file=$RUN/data.img,format=raw,if=virtio" \
        -kernel "$IMG_DIR/vmlinuz" -initrd "$IMG_DIR/initrd.img" \
        -append "console=ttyS0 root=/dev/vda rw quiet systemd.show_status=0 panic=5 ${RPOD_VM_APPEND:-}" \
        >"$RUN/qemu.log" 2>&1 &
    QPID=$!
    tail -n +1 -f --pid="$QPID" "$serial" >&2 &
    TPID=$!
    timed_out=0 FROZE=0
    local last_size=0 last_change=$BOOT size
    while kill -0 "$QPID" 2>/dev/null; do
        # The guest stops a test binary itself after its BINARY_TIMEOUT
        # (guest-run.sh) and says so: a console silent for longer than that
        # means the guest itself stopped running (seen under TCG, see
        # docs/decisions.md), which no test can report.
        size=$(stat -c %s "$serial" 2>/dev/null || echo 0)
        if [ "$size" != "$last_size" ]; then
            last_size=$size last_change=$(date +%s)
        elif [ $(( $(date +%s) - last_change )) -ge "$SILENCE" ]; then
            log "the guest's console has been silent for $SILENCE s: the guest froze; stopping qemu"
            stop_qemu
            FROZE=1
            break
        fi
        if [ $(( $(date +%s) - BOOT )) -ge "$BOOT_TIMEOUT" ] && ! grep -q '^\[guest ' "$serial"; then
            log "the guest did not reach its test runner within $BOOT_TIMEOUT s: stopping qemu"
            stop_qemu
            timed_out=1
            break
        fi
        if [ $(( $(date +%s) - BOOT )) -ge "$TIMEOUT" ]; then
            log "the guest did not finish within $TIMEOUT s: stopping qemu"
            stop_qemu
            timed_out=1
            break
        fi
        sleep 1
    done
    wait "$QPID" 2>/dev/null || true
    QPID=
    wait "$TPID" 2>/dev/null || true
    if [ -s "$RUN/qemu.log" ]; then
        log "qemu said:"; cat "$RUN/qemu.log" >&2
    fi
    ELAPSED=$(( $(date +%s) - BOOT ))
    [ $FROZE = 0 ] || return 0
    [ $timed_out = 0 ] || die "systemd tier timed out after $ELAPSED s"
    RESULT=$(tr -d '\r' <"$serial" | sed -n 's/^RPOD-VM-RESULT \([0-9]\+\)$/\1/p' | tail -n 1)
    [ -n "$RESULT" ] || die "the guest stopped without a verdict after $ELAPSED s (see the console above)"
}
# A console silent this long is a frozen guest: the guest's own limit for
# one test binary (guest-run.sh: RPOD_VM_TEST_TIMEOUT / 5, at least 420 s)
# plus three minutes for it to list what was left and say so.
SILENCE=$(( test_timeout / 5 )); [ $SILENCE -ge 420 ] || SILENCE=420
SILENCE=${RPOD_VM_SILENCE:-$(( SILENCE + 180 ))}
# guest: the boot (and the second boot a test asks for) on the disks as made.
guest() {
    boot "$RUN/serial.log"
    [ $FROZE = 0 ] || return 0
    if tr -d '\r' <"$RUN/serial.log" | grep -qx 'RPOD-VM-REBOOT'; then
        FIRST=$RESULT FIRST_ELAPSED=$ELAPSED
        log "first boot: exit $FIRST in $ELAPSED s; a test asked for a second boot of the same disk"
        boot "$RUN/serial2.log"
        [ $FROZE = 0 ] || return 0
        log "second boot: exit $RESULT in $ELAPSED s"
        ELAPSED=$(( FIRST_ELAPSED + ELAPSED ))
        [ "$FIRST" = 0 ] || RESULT=$FIRST
    fi
}
guest
if [ $FROZE = 1 ]; then
    # Once more from fresh disks; a second freeze fails the tier. The
    # frozen console is kept beside the run's (RPOD_VM_KEEP=1) and its last
    # lines are above.
    cp "$RUN/serial.log" "$RUN/serial-froze.log" 2>/dev/null || true
    log "FLAKE: the guest froze; booting it once more from fresh disks"
    disks
    guest
    [ $FROZE = 0 ] || die "the guest froze twice (console silent for $SILENCE s each time)"
fi
log "guest ran ${TESTS[*]}${BENCH:+ and $(basename "$BENCH")} in $ELAPSED s (boot to poweroff); whole tier $(( $(date +%s) - START )) s"
[ "$RESULT" = 0 ] || die "systemd tier: tests failed in the guest (exit $RESULT)"
log "systemd tier passed"
