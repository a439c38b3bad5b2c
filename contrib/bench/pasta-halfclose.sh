#!/usr/bin/env bash
# Check the installed pasta by hand, outside rpod: does a published port
# deliver a bulk upload intact when the receiver in the namespace has
# already closed its sending direction (shutdown(SHUT_WR), what busybox
# `nc -l` does when its stdin is at EOF, e.g. in `run -d`)?
#
#   contrib/bench/pasta-halfclose.sh [--mb N]      (as root)
#
# As the test user: `unshare -Urn` makes a user + network namespace, pasta
# is attached to it with the options rpod uses (src/network/helper.rs), and
# a Python receiver in it reads 1 MiB at a time and checks every byte of a
# counter pattern. A Python client sends --mb MiB (default 64) from the
# host's loopback (pasta splices) and from namespace rpod-client
# (198.51.100.2 -> 198.51.100.1: pasta's tap path), once with a receiver
# that half-closes first and once with one that does not. Debian 12's pasta
# (0.0~git20230309.7c7625d) fails both half-closed cases: see
# docs/decisions.md, "pasta and half-closed connections".
set -euo pipefail
USER_=${RPOD_TEST_USER:-rpodtest}
MB=64
while [ $# -gt 0 ]; do
    case $1 in
        --mb) MB=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 1 ;;
    esac
done
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
ip netns exec rpod-client true 2>/dev/null || { echo "namespace rpod-client missing: run contrib/setup-test-env.sh" >&2; exit 1; }
command -v pasta >/dev/null || { echo "pasta (package passt) is not installed" >&2; exit 1; }
echo "passt $(dpkg-query -W -f='${Version}' passt 2>/dev/null || echo '?'), $MB MiB per case"

W=$(mktemp -d /tmp/pasta-halfclose.XXXXXX)
chmod 755 "$W"
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    rm -rf "$W"
}
trap cleanup EXIT

cat >"$W/recv.py" <<'EOF'
import array, socket, struct, sys, time
l = socket.socket(socket.AF_INET6)
l.bind(("::", 80)); l.listen(1)
print("listening", flush=True)
c, _ = l.accept()
if sys.argv[1] == "half":
    c.shutdown(socket.SHUT_WR)
c.settimeout(10)
def expect(o, n):
    a = array.array("Q", range(o // 8, (o + n) // 8)); a.byteswap(); return a.tobytes()
buf, off = b"", 0
while True:
    try:
        d = c.recv(1 << 20)
    except socket.timeout:
        print("stalled: no data for 10 s after %d bytes" % off, flush=True); break
    if not d:
        print("EOF after %d bytes" % (off + len(buf)), flush=True); break
    buf += d
    n = len(buf) // 8 * 8
    e = expect(off, n)
    if buf[:n] != e:
        i = next(i for i in range(0, n, 8) if buf[i:i + 8] != e[i:i + 8])
        print("CORRUPT: at byte %d came the bytes of offset %d" % (off + i, struct.unpack_from(">Q", buf, i)[0] * 8), flush=True)
        break
    off += n; buf = buf[n:]
EOF
cat >"$W/send.py" <<'EOF'
import array, socket, sys, time
host, port, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.create_connection((host, port), timeout=10)
try:
    for blk in range(mb):
        a = array.array("Q", range(blk * 131072, (blk + 1) * 131072)); a.byteswap()
        s.sendall(a.tobytes())
    s.shutdown(socket.SHUT_WR)
    print("sent %d MiB" % mb)
except OSError as e:
    print("failed after %d MiB: %s" % (blk, e))
EOF
chmod 644 "$W"/*.py

case_() {  # MODE(half|full) CLIENT(lo|ns) PORT
    local mode=$1 client=$2 port=$3 d=$W/$1-$2 ns pasta recv sent
    mkdir -p "$d"; chown "$USER_" "$d"
    # Started in subshells, so that this shell does not report their kill.
    (runuser -u "$USER_" -- unshare -Urn sh -c "echo \$\$ > $d/ns.pid; exec sleep 300" >/dev/null 2>&1 &)
    while [ ! -s "$d/ns.pid" ]; do sleep 0.01; done
    ns=$(cat "$d/ns.pid"); PIDS+=("$ns")
    # rpod's options (helper.rs: spawn_pasta), then the namespace to join.
    (runuser -u "$USER_" -- pasta --config-net -f -q -t "$port:80" -u none -T none -U none \
        --dns-forward 169.254.1.1 --netns "/proc/$ns/ns/net" --userns "/proc/$ns/ns/user" -P "$d/pasta.pid" \
        >"$d/pasta.log" 2>&1 &)
    while [ ! -s "$d/pasta.pid" ]; do sleep 0.01; done
    pasta=$(cat "$d/pasta.pid"); PIDS+=("$pasta")
    (runuser -u "$USER_" -- sh -c "echo \$\$ > $d/recv.pid; exec nsenter -t $ns -U -n --preserve-credentials python3 $W/recv.py $mode" \
        >"$d/recv.out" 2>&1 &)
    while [ ! -s "$d/recv.pid" ]; do sleep 0.01; done
    recv=$(cat "$d/recv.pid"); PIDS+=("$recv")
    for _ in $(seq 500); do grep -q listening "$d/recv.out" 2>/dev/null && break; sleep 0.01; done
    if [ "$client" = lo ]; then
        sent=$(timeout 60 python3 "$W/send.py" 127.0.0.1 "$port" "$MB" 2>&1 || true)
    else
        sent=$(timeout 60 ip netns exec rpod-client python3 "$W/send.py" 198.51.100.1 "$port" "$MB" 2>&1 || true)
    fi
    timeout 15 tail --pid="$recv" -f /dev/null || true
    printf '%-9s %-26s client: %-36s receiver: %s\n' "$mode" "$([ "$client" = lo ] && echo "host loopback (splice)" || echo "rpod-client (tap)")" \
        "$sent" "$(grep -v listening "$d/recv.out" | tr '\n' ' ')"
    kill -9 "$recv" "$pasta" "$ns" 2>/dev/null || true
}

echo "receiver  client                      result"
case_ full lo 18591
case_ half lo 18592
case_ full ns 18593
case_ half ns 18594
