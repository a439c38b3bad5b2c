#!/usr/bin/env bash
# Install rpod for the current user, pull a first image and run a first container.
#
#   contrib/install.sh [IMAGE]        (default IMAGE: docker.io/library/busybox)
#
# Installs the setuid id-mapping helpers (package uidmap) with sudo when they
# are missing, checks /etc/subuid and /etc/subgid, builds rpod with cargo into
# ~/.local/bin, and pulls IMAGE as the current user. rpod itself never needs root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
IMAGE=${1:-docker.io/library/busybox}
user=$(id -un)

if ! command -v newuidmap >/dev/null || ! command -v newgidmap >/dev/null; then
    echo "installing uidmap (newuidmap/newgidmap) with sudo" >&2
    sudo apt-get install -y uidmap
fi
for f in /etc/subuid /etc/subgid; do
    if ! grep -qE "^($user|$(id -u)):" "$f" 2>/dev/null; then
        echo "no range for $user in $f; adding 100000-165535 with sudo usermod" >&2
        sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 "$user"
        break
    fi
done
if ! command -v cargo >/dev/null && [ -f "$HOME/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs" >&2; exit 1; }
cargo install --locked --path . --root "$HOME/.local"
export PATH="$HOME/.local/bin:$PATH"
rpod version
rpod pull "$IMAGE"
rpod run --rm "$IMAGE" echo "hello from a rootless rpod container"
