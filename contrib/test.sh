#!/usr/bin/env bash
# The test command of rpod: prepare the machine, build, run every test.
#
#   contrib/test.sh [cargo test arguments...]
#
# Works as root (CI) and as a developer: the machine setup
# (contrib/setup-test-env.sh) needs root and is run through sudo when the
# caller is not root; cargo runs as the caller.  The Rust tests run every
# rpod command as $RPOD_TEST_USER through runuser.
#
# Then, when no cargo arguments were given (a full run, as CI does), the
# systemd tier: contrib/vm/run.sh boots a Debian guest with systemd under
# qemu and runs tests/limits.rs, stats.rs, cgroup_manager.rs and quadlet.rs
# there for real (contrib/vm/run.sh's default list).  RPOD_SKIP_VM=1 skips it
# (and its setup); RPOD_VM=1 runs it even with cargo arguments.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

export RPOD_TEST_USER=${RPOD_TEST_USER:-rpodtest}
export RPOD_TEST_REGISTRY=${RPOD_TEST_REGISTRY:-127.0.0.1:5000}
export RPOD_TEST_AUTH_REGISTRY=${RPOD_TEST_AUTH_REGISTRY:-127.0.0.1:5001}

log() { printf '[test %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

log "setting up the test environment"
if [ "$(id -u)" -eq 0 ]; then
    RPOD_REPO=$REPO bash "$REPO/contrib/setup-test-env.sh"
else
    sudo env RPOD_TEST_USER="$RPOD_TEST_USER" RPOD_REPO="$REPO" RPOD_SKIP_VM="${RPOD_SKIP_VM:-0}" \
        bash "$REPO/contrib/setup-test-env.sh"
fi

if ! command -v cargo >/dev/null && [ -f "${HOME:-/nonexistent}/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null || { echo "cargo not found (install rustup)" >&2; exit 1; }

log "cargo fmt --check"
cargo fmt --check
log "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
# One profile (debug) for build and tests, so the binary is built once.
log "cargo build"
cargo build
log "cargo test $*"
cargo test "$@"
if [ "${RPOD_SKIP_VM:-0}" != 1 ] && { [ $# -eq 0 ] || [ "${RPOD_VM:-0}" = 1 ]; }; then
    log "systemd tier (contrib/vm/run.sh)"
    bash "$REPO/contrib/vm/run.sh"
fi
log "all tests passed"
