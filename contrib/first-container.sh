#!/usr/bin/env bash
# A first container, with or without a registry in reach (contrib/install.sh
# runs it last):
#
#   contrib/first-container.sh [IMAGE]     (default IMAGE: docker.io/library/busybox)
#
# Pulls IMAGE and runs it. When the pull fails (no network, no registry), it
# makes a first image from the host's static busybox (Debian's busybox-static,
# installed with sudo when missing) with `rpod import`, names it
# localhost/busybox and runs that instead, with no network. Environment:
# RPOD (default rpod), RPOD_BUSYBOX (default /bin/busybox).
set -euo pipefail
IMAGE=${1:-docker.io/library/busybox}
RPOD=${RPOD:-rpod}
if "$RPOD" pull "$IMAGE"; then
    exec "$RPOD" run --rm "$IMAGE" echo "hello from a rootless rpod container"
fi
echo "could not pull $IMAGE (is a registry in reach?): making a first image from the host's static busybox instead" >&2
bb=${RPOD_BUSYBOX:-/bin/busybox}
# ldd succeeds only on a dynamically linked program, which would not run alone.
if ! [ -x "$bb" ] || ldd "$bb" >/dev/null 2>&1; then
    if command -v sudo >/dev/null && command -v apt-get >/dev/null; then
        echo "installing busybox-static with sudo" >&2
        sudo apt-get install -y busybox-static
        bb=/bin/busybox
    else
        echo "no static busybox at $bb: install busybox-static (or set RPOD_BUSYBOX)" >&2
        exit 1
    fi
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/rootfs/bin" "$dir/rootfs/tmp" "$dir/rootfs/etc"
cp "$bb" "$dir/rootfs/bin/busybox"
for a in $("$dir/rootfs/bin/busybox" --list); do
    [ "$a" = busybox ] || ln -s busybox "$dir/rootfs/bin/$a"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$dir/rootfs/etc/passwd"
echo 'root:x:0:' > "$dir/rootfs/etc/group"
tar --numeric-owner --owner=0 --group=0 -C "$dir/rootfs" -c . | "$RPOD" import -q -c 'CMD ["/bin/sh"]' - localhost/busybox >/dev/null
echo "made localhost/busybox from $bb; try: rpod run --rm -it --network none localhost/busybox" >&2
"$RPOD" run --rm --network none localhost/busybox echo "hello from a rootless rpod container (offline, localhost/busybox)"
