#!/usr/bin/env bash
# Completion latency with N containers: `rpod __complete -- rm` (what the
# bash/zsh/fish scripts call for `rpod rm <TAB>`) next to Podman's
# `podman __complete rm ""` (cobra), as the test user, each tool with its own
# fresh store holding N created containers. Run as root.
#
#   RPOD=target/debug/rpod contrib/bench/complete.sh [N]      (default N=100)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
N=${1:-100}
RPOD=$(realpath "${RPOD:-target/release/rpod}")
USER_=${RPOD_TEST_USER:-rpodtest}
REG=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
BENCH_DIR=${BENCH_DIR:-/var/tmp/rpod-bench-complete}
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
BENCH_CONF=$BENCH_DIR/config
log() { echo "complete.sh: $*" >&2; }
# shellcheck source=lib.sh
. contrib/bench/lib.sh
rm -rf "$BENCH_DIR"
write_bench_config
mkdir -p "$BENCH_DIR/run" "$BENCH_DIR/results" && chmod 700 "$BENCH_DIR/run"
chown -R "$USER_" "$BENCH_DIR"
as_user() { runuser -u "$USER_" -- env -i HOME="$BENCH_DIR" USER="$USER_" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    XDG_RUNTIME_DIR="$BENCH_DIR/run" XDG_CONFIG_HOME="$BENCH_CONF" XDG_DATA_HOME="$BENCH_DIR/data" "$@"; }
cmds=()
as_user "$RPOD" pull -q "$REG/busybox" >/dev/null
for i in $(seq "$N"); do as_user "$RPOD" create --name "c$i" "$REG/busybox" true >/dev/null; done
cmds+=("runuser -u $USER_ -- env -i HOME=$BENCH_DIR PATH=/usr/bin:/bin XDG_RUNTIME_DIR=$BENCH_DIR/run XDG_CONFIG_HOME=$BENCH_CONF XDG_DATA_HOME=$BENCH_DIR/data $RPOD __complete -- rm")
if command -v podman >/dev/null; then
    as_user podman pull -q --tls-verify=false "$REG/busybox" >/dev/null
    for i in $(seq "$N"); do as_user podman create --name "c$i" "$REG/busybox" true >/dev/null; done
    cmds+=("runuser -u $USER_ -- env -i HOME=$BENCH_DIR PATH=/usr/bin:/bin XDG_RUNTIME_DIR=$BENCH_DIR/run XDG_CONFIG_HOME=$BENCH_CONF XDG_DATA_HOME=$BENCH_DIR/data podman __complete rm ''")
fi
wait_quiet
hyperfine -N -w 3 -r "${RUNS:-30}" --export-json "$BENCH_DIR/results/complete.json" "${cmds[@]}"
as_user "$RPOD" rm -a -f >/dev/null || true
command -v podman >/dev/null && as_user podman rm -a -f >/dev/null || true
