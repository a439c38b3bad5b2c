#!/usr/bin/env bash
# Install rpod for the current user, pull a first image and run a first container
# (offline: rpod built from the crates cargo already has, and a first image
# made from the host's static busybox).
#
#   contrib/install.sh [IMAGE]        (default IMAGE: docker.io/library/busybox)
#
# Installs the setuid id-mapping helpers (package uidmap) and catatonit (for
# --init) with sudo when they are missing, checks /etc/subuid and /etc/subgid,
# builds rpod with cargo, installs it root-owned as /usr/local/bin/rpod (with
# sudo), and pulls IMAGE as the current user. rpod itself never needs root.
#
# Why not ~/.local/bin: rootless, a container's root is your uid, the owner
# of everything in your home. A binary the container could overwrite would
# run outside the container the next time you type `rpod` (docs/security.md).
# Without sudo (or with RPOD_INSTALL_DIR=DIR) rpod goes to DIR, default
# ~/.local/bin, with a warning.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
IMAGE=${1:-docker.io/library/busybox}
user=$(id -un)

missing=()
command -v newuidmap >/dev/null && command -v newgidmap >/dev/null || missing+=(uidmap)
[ -x /usr/bin/catatonit ] || [ -x /usr/libexec/podman/catatonit ] || missing+=(catatonit)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} with sudo" >&2
    sudo apt-get install -y "${missing[@]}"
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
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
# Offline (no crates.io in reach): build from the crates cargo has already
# downloaded (~/.cargo/registry) instead of failing before the first container.
offline=()
if ! cargo fetch --locked --quiet; then
    echo "crates.io is unreachable: building rpod offline (cargo install --offline) from the crates cargo already has" >&2
    offline=(--offline)
fi
if ! cargo install --locked "${offline[@]}" --path . --root "$BUILD"; then
    if [ ${#offline[@]} -gt 0 ]; then
        echo "the offline build failed: some crates were never downloaded here; run 'cargo fetch' once where crates.io is reachable (or copy ~/.cargo/registry from such a machine), then run contrib/install.sh again" >&2
    fi
    exit 1
fi
if [ -z "${RPOD_INSTALL_DIR:-}" ] && command -v sudo >/dev/null; then
    sudo install -o root -g root -m 0755 "$BUILD/bin/rpod" /usr/local/bin/rpod
    echo "installed /usr/local/bin/rpod (root-owned: a container cannot replace it)" >&2
else
    dir=${RPOD_INSTALL_DIR:-$HOME/.local/bin}
    mkdir -p "$dir"
    install -m 0755 "$BUILD/bin/rpod" "$dir/rpod"
    echo "warning: installed $dir/rpod, writable by your uid, which is container root's uid too; prefer a root-owned /usr/local/bin (docs/security.md)" >&2
    export PATH="$dir:$PATH"
fi
# Completions (they complete live container, image and volume names through
# `rpod __complete`) and man pages, where bash-completion, zsh and fish look.
if [ -z "${RPOD_INSTALL_DIR:-}" ] && command -v sudo >/dev/null; then
    sudo install -D -m 0644 completions/rpod.bash /usr/share/bash-completion/completions/rpod
    sudo install -D -m 0644 completions/_rpod /usr/local/share/zsh/site-functions/_rpod
    sudo install -D -m 0644 completions/rpod.fish /usr/share/fish/vendor_completions.d/rpod.fish
    sudo install -d /usr/local/share/man/man1 && sudo install -m 0644 man/*.1 /usr/local/share/man/man1/
else
    data=${XDG_DATA_HOME:-$HOME/.local/share}
    install -D -m 0644 completions/rpod.bash "$data/bash-completion/completions/rpod"
    install -D -m 0644 completions/rpod.fish "${XDG_CONFIG_HOME:-$HOME/.config}/fish/completions/rpod.fish"
    install -D -m 0644 completions/_rpod "$data/zsh/site-functions/_rpod"
    echo "zsh: add 'fpath=($data/zsh/site-functions \$fpath)' before compinit in ~/.zshrc" >&2
    install -d "$data/man/man1" && install -m 0644 man/*.1 "$data/man/man1/"
fi
# Quadlet: rpod as a systemd user generator (units from ~/.config/containers/systemd).
if [ -z "${RPOD_INSTALL_DIR:-}" ] && command -v sudo >/dev/null; then
    sudo install -d /usr/local/lib/systemd/user-generators
    sudo ln -sf /usr/local/bin/rpod /usr/local/lib/systemd/user-generators/rpod-user-generator
else
    # systemd runs user generators only from system directories (never from
    # ~/.config), so without root the units are written once instead.
    echo "Quadlet: without root rpod cannot be installed as a systemd user generator;" \
        "after adding or editing files in ~/.config/containers/systemd run" \
        "'rpod quadlet --user ~/.config/systemd/user && systemctl --user daemon-reload'" >&2
fi
rpod version
rpod doctor || echo "rpod doctor found something to fix (above); containers may not start until it is fixed" >&2
# Pull IMAGE and run it; with no registry in reach, an image made from the
# host's static busybox instead.
contrib/first-container.sh "$IMAGE"
