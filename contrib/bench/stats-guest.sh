#!/usr/bin/env bash
# stats and cgroup placement, rpod beside Podman, in the systemd guest.
#
#   RPOD_VM_BENCH=contrib/bench/stats-guest.sh RPOD_VM_RPOD=target/release/rpod contrib/vm/run.sh
#
# Runs inside the guest of the systemd tier (contrib/vm/), as the lingering
# user in its own `systemd --user` manager with every controller delegated:
# the only machine here where both tools place containers in cgroups of
# their own (Podman: systemd scopes over D-Bus, its default). Measures, with
# hyperfine in one run:
#   stats      `stats --no-stream` with N (default 10) running containers
#              each (busybox `sleep`), rpod and Podman (Debian's 4.3, crun)
#   placement  `run --rm --network none busybox true` with rpod's cgroup
#              (the default) and with `--cgroups=disabled`: the difference
#              is what placing a container in its cgroup costs
# The guest runs under TCG (software emulation), several times slower than
# the host: compare the tools with each other, not with host figures.
# Environment (set by guest-run.sh): RPOD (rpod's path), REG (the guest's
# registry, 127.0.0.1:5000); N, RUNS (default 10).
set -euo pipefail
RPOD=${RPOD:?RPOD: the rpod binary}
REG=${REG:-127.0.0.1:5000}
N=${N:-10}
RUNS=${RUNS:-10}
IMAGE=$REG/busybox:latest
say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
# Interleaved pairs: A then B, RUNS times; prints the medians of A and B (ms)
# and the median of the per-pair ratio B/A and difference A-B. The host
# running the guest is shared, so its load drifts during a hyperfine run of
# one command; pairs taken a moment apart see the same load.
pairs() {
    local name=$1 a=$2 b=$3 i t0 t1 t2
    for i in $(seq "$RUNS"); do
        # bash's own clock (no `date` process: under TCG one costs ~20 ms,
        # which an interval would count and which flattens the ratio).
        t0=${EPOCHREALTIME/./}; $a >/dev/null 2>&1; t1=${EPOCHREALTIME/./}; $b >/dev/null 2>&1; t2=${EPOCHREALTIME/./}
        echo "$(( t1 - t0 )) $(( t2 - t1 ))"
    done | awk -v name="$name" '
        { a[NR] = $1 / 1000; b[NR] = $2 / 1000; r[NR] = $2 / $1; d[NR] = ($1 - $2) / 1000 }
        function med(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
                                   return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
        END { printf "%s: %d interleaved pairs: A median %.1f ms, B median %.1f ms, median B/A %.2fx, median A-B %.1f ms\n", name, NR, med(a, NR), med(b, NR), med(r, NR), med(d, NR) }'
}

mkdir -p "$HOME/.config/containers"
printf '[[registry]]\nlocation = "%s"\ninsecure = true\n' "$REG" >"$HOME/.config/containers/registries.conf"
cleanup() {
    for i in $(seq "$N"); do
        "$RPOD" rm -f -t 0 --ignore "bench-r$i" >/dev/null 2>&1 || true
        podman rm -f -t 0 --ignore "bench-p$i" >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT

say "rpod $("$RPOD" version --format '{{.Client.Version}}' 2>/dev/null || echo '?'), $(podman --version), $(hyperfine --version)"
say "cgroup manager: podman $(podman info --format '{{.Host.CgroupManager}}'), cgroup $(podman info --format '{{.Host.CgroupsVersion}}')"
"$RPOD" pull -q "$IMAGE" >/dev/null
podman pull -q "$IMAGE" >/dev/null
for i in $(seq "$N"); do
    "$RPOD" run -d --network none --name "bench-r$i" "$IMAGE" sleep 1000 >/dev/null
    podman run -d --network none --name "bench-p$i" "$IMAGE" sleep 1000 >/dev/null
done
say "$N containers each: rpod $("$RPOD" ps -q | wc -l) running, podman $(podman ps -q | wc -l) running"
# Both list exactly their N containers with numbers (a check, not a timing).
[ "$("$RPOD" stats --no-stream --format '{{.Name}}' | grep -c '^bench-r')" = "$N" ] || { say "rpod stats does not list the $N containers"; exit 1; }
[ "$(podman stats --no-stream --format '{{.Name}}' | grep -c '^bench-p')" = "$N" ] || { say "podman stats does not list the $N containers"; exit 1; }

say "stats --no-stream, $N running containers, and --version (the cost of starting each program): $RUNS runs each"
hyperfine -N --style basic --warmup 2 --runs "$RUNS" \
    -n rpod "$RPOD stats --no-stream" \
    -n podman "podman stats --no-stream" \
    -n "rpod --version" "$RPOD --version" \
    -n "podman --version" "podman --version"

pairs "stats (A rpod, B podman)" "$RPOD stats --no-stream" "podman stats --no-stream"

cleanup
say "placement: run --rm --network none busybox true, $RUNS runs each"
hyperfine -N --style basic --warmup 2 --runs "$RUNS" \
    -n "rpod (own cgroup)" "$RPOD run --rm --network none $IMAGE true" \
    -n "rpod --cgroups=disabled" "$RPOD run --rm --network none --cgroups=disabled $IMAGE true" \
    -n "podman (systemd scope)" "podman run --rm --network none $IMAGE true"
pairs "placement (A rpod own cgroup, B rpod --cgroups=disabled)" "$RPOD run --rm --network none $IMAGE true" "$RPOD run --rm --network none --cgroups=disabled $IMAGE true"
