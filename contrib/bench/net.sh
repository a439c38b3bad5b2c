#!/usr/bin/env bash
# Benchmark rootless networking of rpod against Podman (Debian's podman
# 4.3: slirp4netns, its default, with the rootlesskit port handler), side
# by side in one run. Run as root; every rpod/podman command runs as the
# test user through runuser.
#
#   contrib/bench/net.sh [--runs N] [--mb N]
#
# Measures:
#   start  `run --rm [--network=MODE] REG/busybox true` with hyperfine:
#          rpod none, pasta (default), slirp4netns; podman none, slirp4netns
#   tput   bulk TCP host -> container through a published port: a Python
#          client sends --mb MiB (default 1024) to the host port, the
#          container's busybox `nc -l -e dd of=/dev/null bs=1M` reads it;
#          MiB/s from the client's first byte to the last one acknowledged
#          (3 runs, median). Not a plain `nc -l` as receiver: it reads
#          1 KiB per read(2) (the bottleneck: ~500 MiB/s even over the veth
#          pair), writes what it reads to the container's log, and, its
#          stdin being at EOF in `run -d`, shuts down its sending direction
#          first, which Debian 12's pasta mishandles (data stalls or is
#          corrupted; contrib/bench/pasta-halfclose.sh). Clients: the
#          host's loopback (127.0.0.1) and the namespace rpod-client
#          (198.51.100.2 -> 198.51.100.1, made by contrib/setup-test-env.sh).
#          "veth (limit)" is the same transfer straight into rpod-client
#          over its veth pair: what this machine's kernel path can do.
# Stores live under BENCH_DIR (default /var/tmp/rpod-bench-net); nothing
# here writes much, so no fresh file system per run.
#
# Environment: RPOD (default target/release/rpod if it exists), RUNS
# (default 20), RPOD_TEST_USER, RPOD_TEST_REGISTRY, BENCH_QUIET_WAIT.
set -euo pipefail
# shellcheck source=contrib/bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/../.." && pwd)
BENCH_USER=${RPOD_TEST_USER:-rpodtest}
BENCH_DIR=${BENCH_DIR:-/var/tmp/rpod-bench-net}
BENCH_CONF=$BENCH_DIR/config
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
REG=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
RUNS=${RUNS:-20}
MB=1024

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --mb) MB=$2; shift 2 ;;
        -h|--help) sed -n '2,30p' "$SELF"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
done
[ "$(id -u)" -eq 0 ] || die "run as root"
for t in hyperfine runuser python3 ip; do command -v "$t" >/dev/null || die "$t is missing (contrib/setup-test-env.sh installs it)"; done
ip netns exec rpod-client true 2>/dev/null || die "network namespace rpod-client is missing: run contrib/setup-test-env.sh"
if [ -z "${RPOD:-}" ]; then
    if [ -x "$REPO/target/release/rpod" ]; then RPOD=$REPO/target/release/rpod; else RPOD=$REPO/target/debug/rpod; fi
fi

UID_=$(id -u "$BENCH_USER")
HOME_=$(getent passwd "$BENCH_USER" | cut -d: -f6)
mkdir -p "$BENCH_DIR"
chown "$BENCH_USER:" "$BENCH_DIR"
write_bench_config
OUT=$BENCH_DIR/results
mkdir -p "$OUT"

as_user="runuser -u $BENCH_USER -- env -i HOME=$HOME_ USER=$BENCH_USER LOGNAME=$BENCH_USER \
XDG_RUNTIME_DIR=/run/user/$UID_ XDG_CONFIG_HOME=$BENCH_CONF \
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
RPODC="$as_user $RPOD --root $BENCH_DIR/rpod/store --runroot $BENCH_DIR/rpod/run"
PODC="$as_user podman --root $BENCH_DIR/podman/store --runroot $BENCH_DIR/podman/run"
IMAGE=$REG/busybox:latest
CTR=bench-net

cleanup() {
    $RPODC rm -f "$CTR" >/dev/null 2>&1 || true
    $PODC rm -f -t 0 "$CTR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

$RPODC pull -q "$IMAGE" >/dev/null || die "rpod could not pull $IMAGE"
$PODC pull -q --tls-verify=false "$IMAGE" >/dev/null || die "podman could not pull $IMAGE"

# ------------------------------------------------------------ start latency
wait_quiet
before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/start.json" \
    -n "rpod none" "$RPODC run --rm --network=none $IMAGE true" \
    -n "rpod pasta (default)" "$RPODC run --rm $IMAGE true" \
    -n "rpod slirp4netns" "$RPODC run --rm --network=slirp4netns $IMAGE true" \
    -n "podman none" "$PODC run --rm --network=none $IMAGE true" \
    -n "podman slirp4netns (default)" "$PODC run --rm $IMAGE true"
log "start: load average before: $before, after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --------------------------------------------------------------- throughput
SENDER='
import socket, sys, time
host, port, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
buf = b"\0" * (1 << 20)
for _ in range(100):
    try:
        s = socket.create_connection((host, port), timeout=5)
        break
    except OSError:
        time.sleep(0.05)
else:
    sys.exit("cannot connect to %s:%d" % (host, port))
t = time.time()
for _ in range(mb):
    s.sendall(buf)
s.shutdown(socket.SHUT_WR)
# Until every byte is acknowledged (SIOCOUTQ: unsent + unacked bytes);
# an old pasta does not always pass on the close of the receiver.
import fcntl, struct, termios
while struct.unpack("i", fcntl.ioctl(s, termios.TIOCOUTQ, b"\0\0\0\0"))[0] > 0:
    time.sleep(0.0005)
print("%.0f" % (mb / (time.time() - t)))
'
RECEIVER='
import socket, sys
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("198.51.100.2", int(sys.argv[1]))); l.listen(1)
print("ready", flush=True)
c, _ = l.accept()
while c.recv(1 << 20):
    pass
c.close()
'
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One transfer into a fresh container serving on port 80 published at $2.
transfer() {  # CLI NETWORK-FLAG HOST-PORT CLIENT(lo|ns)
    local cli=$1 net=$2 hp=$3 client=$4 r
    $cli run -d --name "$CTR" $net -p "$hp:80" "$IMAGE" nc -l -p 80 -e dd of=/dev/null bs=1M >/dev/null
    if [ "$client" = lo ]; then
        r=$(python3 -c "$SENDER" 127.0.0.1 "$hp" "$MB")
    else
        r=$(ip netns exec rpod-client python3 -c "$SENDER" 198.51.100.1 "$hp" "$MB")
    fi
    $cli rm -f "$CTR" >/dev/null 2>&1 || $cli rm -f -t 0 "$CTR" >/dev/null 2>&1 || true
    echo "$r"
}

tput_row() {  # LABEL CLI NETWORK-FLAG CLIENT
    local label=$1 cli=$2 net=$3 client=$4 i vals=()
    wait_quiet
    for i in 1 2 3; do vals+=("$(transfer "$cli" "$net" $((18300 + i)) "$client")"); done
    printf '%-50s %8s MiB/s   (runs: %s)\n' "$label" "$(printf '%s\n' "${vals[@]}" | median)" "${vals[*]}"
}

veth_row() {
    local i vals=() p
    wait_quiet
    for i in 1 2 3; do
        p=$((18400 + i))
        coproc RECV { ip netns exec rpod-client python3 -c "$RECEIVER" "$p"; }
        read -r _ <&"${RECV[0]}"
        vals+=("$(python3 -c "$SENDER" 198.51.100.2 "$p" "$MB")")
        wait "$RECV_PID" 2>/dev/null || true
    done
    printf '%-50s %8s MiB/s   (runs: %s)\n' "veth pair, host -> rpod-client (limit)" "$(printf '%s\n' "${vals[@]}" | median)" "${vals[*]}"
}

{
    echo "bulk TCP, $MB MiB per run, median of 3 (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
    tput_row "rpod pasta, client on host loopback" "$RPODC" "" lo
    tput_row "rpod pasta, client in rpod-client" "$RPODC" "" ns
    tput_row "rpod slirp4netns, client on host loopback" "$RPODC" "--network=slirp4netns" lo
    tput_row "rpod slirp4netns, client in rpod-client" "$RPODC" "--network=slirp4netns" ns
    tput_row "podman slirp4netns, client on host loopback" "$PODC" "" lo
    tput_row "podman slirp4netns, client in rpod-client" "$PODC" "" ns
    # Podman's default port handler (rootlesskit) is a user-space proxy: the
    # container sees connections from its own address. Like with like for
    # rpod's slirp4netns rows (the client's address kept): slirp's own.
    tput_row "podman slirp4netns:port_handler=slirp4netns, lo" "$PODC" "--network=slirp4netns:port_handler=slirp4netns" lo
    tput_row "podman slirp4netns:port_handler=slirp4netns, ns" "$PODC" "--network=slirp4netns:port_handler=slirp4netns" ns
    veth_row
} | tee "$OUT/throughput.txt"
