#!/usr/bin/env bash
# What placing a container in its cgroup adds to `run --rm`, two rpod
# builds side by side in one boot of the systemd guest.
#
#   RPOD_VM_BENCH=contrib/bench/placement-guest.sh RPOD_VM_RPOD=NEW \
#   RPOD_VM_RPOD_BASE=OLD contrib/vm/run.sh
#
# Runs inside the guest (contrib/vm/), as the lingering user in its own
# `systemd --user` manager (the systemd cgroup manager: a transient scope
# per container over D-Bus). Each round runs, in a rotating order,
# `run --rm --network none busybox true` with each build's own cgroup and
# with `--cgroups=disabled`; per build, the median of (own - disabled)
# over the rounds is what placement costs. The guest runs under TCG
# (software emulation): compare the builds with each other only.
# Environment (set by guest-run.sh): RPOD, RPOD_BASE, REG; ROUNDS (30).
set -euo pipefail
RPOD=${RPOD:?RPOD: the rpod binary}
RPOD_BASE=${RPOD_BASE:?RPOD_BASE: the rpod binary to compare with (RPOD_VM_RPOD_BASE)}
REG=${REG:-127.0.0.1:5000}
ROUNDS=${ROUNDS:-30}
IMAGE=$REG/busybox:latest
say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
mkdir -p "$HOME/.config/containers"
printf '[[registry]]\nlocation = "%s"\ninsecure = true\n' "$REG" >"$HOME/.config/containers/registries.conf"
"$RPOD" pull -q "$IMAGE" >/dev/null
for b in "$RPOD" "$RPOD_BASE"; do
    for i in 1 2; do "$b" run --rm --network none "$IMAGE" true; "$b" run --rm --network none --cgroups=disabled "$IMAGE" true; done
done
say "placement: $ROUNDS rounds of 4 runs (new own, new disabled, base own, base disabled; rotating order)"
cmds=("$RPOD run --rm --network none $IMAGE true" "$RPOD run --rm --network none --cgroups=disabled $IMAGE true"
      "$RPOD_BASE run --rm --network none $IMAGE true" "$RPOD_BASE run --rm --network none --cgroups=disabled $IMAGE true")
for r in $(seq "$ROUNDS"); do
    line=()
    for k in 0 1 2 3; do
        j=$(( (k + r) % 4 ))
        t0=${EPOCHREALTIME/./}; ${cmds[$j]} >/dev/null 2>&1; t1=${EPOCHREALTIME/./}
        line[$j]=$(( t1 - t0 ))
    done
    echo "${line[*]}"
done | awk '
    function med(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
                               return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
    { no[NR] = $1 / 1000; nd[NR] = $2 / 1000; bo[NR] = $3 / 1000; bd[NR] = $4 / 1000; np[NR] = ($1 - $2) / 1000; bp[NR] = ($3 - $4) / 1000 }
    END {
        n = NR
        printf "new:  own cgroup median %.1f ms, --cgroups=disabled %.1f ms, placement (median of per-round differences) %.1f ms\n", med(no, n), med(nd, n), med(np, n)
        printf "base: own cgroup median %.1f ms, --cgroups=disabled %.1f ms, placement (median of per-round differences) %.1f ms\n", med(bo, n), med(bd, n), med(bp, n)
    }'
