#!/usr/bin/env bash
# Build (once) the Debian bookworm guest of rpod's systemd test tier.
#
#   contrib/vm/build-image.sh          (root; prints the image path)
#
# The guest is a debootstrap minbase with systemd, dbus, uidmap, passt,
# fuse-overlayfs (and podman, crun, hyperfine for the guest benchmark),
# booted with the host's Debian kernel (linux-image-amd64, whose modules are
# copied in).  It has an unprivileged user `rpodtest`
# (uid 1001, subordinate ids 100000:65536) whose `systemd --user` manager is
# started at boot (linger), every controller delegated to user sessions
# (Delegate=cpu cpuset io memory pids, what Podman's docs ask for), and one
# oneshot unit, rpod-vm.service, that mounts the second disk (/dev/vdb) and
# runs the guest-run.sh found there, then powers the guest off.  What a run
# does lives on that disk (contrib/vm/run.sh makes it), so changing the tests
# or the runner never rebuilds the image.
#
# The image is cached in $RPOD_VM_CACHE (default /var/cache/rpod-vm) under a
# key hashed from this script and the kernel version; a second call only
# checks.  The Debian mirror is read from apt's configuration at run time.
set -euo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
CACHE=${RPOD_VM_CACHE:-/var/cache/rpod-vm}
SUITE=bookworm
GUEST_USER=rpodtest
GUEST_UID=1001
PACKAGES=ca-certificates,systemd,systemd-sysv,dbus,dbus-user-session,libpam-systemd,udev,kmod,uidmap,passt,fuse-overlayfs,iproute2,procps
# Installed with apt in the tree after debootstrap (whose own configuration
# step fails on golang-github-containers-common): contrib/bench/stats-guest.sh
# measures rpod beside Podman under the guest's real systemd.
LATE_PACKAGES="podman crun catatonit hyperfine"

log() { printf '[vm-image %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[vm-image] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap)"

# The newest Debian kernel installed on the host (linux-image-amd64).
kernel_version() {
    local v best=
    for v in /boot/vmlinuz-*; do
        [ -e "$v" ] || continue
        v=${v#/boot/vmlinuz-}
        [ -f "/boot/initrd.img-$v" ] && [ -d "/lib/modules/$v" ] || continue
        if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
    done
    [ -n "$best" ] || die "no /boot/vmlinuz-* with its initrd and modules: apt-get install linux-image-amd64"
    echo "$best"
}

# The Debian mirror apt uses here (deb822 .sources first, then sources.list).
apt_mirror() {
    local m
    m=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    if [ -z "$m" ]; then
        m=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
            /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
    fi
    [ -n "$m" ] || die "cannot find a Debian mirror in apt's configuration"
    echo "$m"
}

KVER=$(kernel_version)
KEY=$( { cat "$SCRIPT"; echo "$KVER"; } | sha256sum | cut -c1-16)
DIR=$CACHE/$KEY
IMG=$DIR/rootfs.img
ready() { [ -s "$IMG" ] && [ -s "$DIR/vmlinuz" ] && [ -s "$DIR/initrd.img" ]; }
if ready; then
    echo "$IMG"
    exit 0
fi

# One build at a time; a second caller waits for the first and uses its image.
mkdir -p "$CACHE"
exec 9>"$CACHE/lock"
flock -w 1800 9 || die "another build of the guest image holds $CACHE/lock"
if ready; then
    echo "$IMG"
    exit 0
fi

command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
START=$(date +%s)
# Half-made builds are dropped, and older images (another script version or
# kernel) but the newest one: a checkout of another version (a branch being
# rebased) may still use it, and would otherwise rebuild it, dropping this one.
find "$CACHE" -mindepth 1 -maxdepth 1 -type d -name 'build.*' -exec rm -rf {} +
{ ls -dt "$CACHE"/*/rootfs.img 2>/dev/null || true; } | tail -n +2 | xargs -r -n1 dirname | xargs -r rm -rf
WORK=$(mktemp -d "$CACHE/build.XXXXXX")
cleanup() {
    # debootstrap mounts /proc and /sys in the tree while it runs.
    umount -R "$WORK/root/proc" "$WORK/root/sys" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ROOT=$WORK/root
MIRROR=$(apt_mirror)
log "debootstrap $SUITE from $MIRROR (kernel $KVER)"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOT" "$MIRROR" \
    >"$WORK/debootstrap.log" 2>&1 || { tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
log "debootstrap done ($(( $(date +%s) - START )) s)"
log "apt-get install $LATE_PACKAGES (in the tree)"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"
{ chroot "$ROOT" apt-get update -q && DEBIAN_FRONTEND=noninteractive chroot "$ROOT" apt-get install -y -q --no-install-recommends $LATE_PACKAGES; } \
    >"$WORK/apt.log" 2>&1 || { umount "$ROOT/proc"; tail -n 30 "$WORK/apt.log" >&2; die "apt-get install $LATE_PACKAGES failed in the guest tree"; }
umount "$ROOT/proc"

# The host's kernel modules (overlay, fuse, tun, ...), so the guest matches
# the kernel it boots.
mkdir -p "$ROOT/lib/modules"
cp -a "/lib/modules/$KVER" "$ROOT/lib/modules/"

echo rpod-vm >"$ROOT/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 rpod-vm\n' >"$ROOT/etc/hosts"
printf '/dev/vda / ext4 rw,noatime 0 1\n' >"$ROOT/etc/fstab"
: >"$ROOT/etc/resolv.conf"

# The unprivileged user, its subordinate ids, and linger (what
# `loginctl enable-linger` writes): logind starts user@UID.service at boot.
chroot "$ROOT" useradd -m -u "$GUEST_UID" -s /bin/bash "$GUEST_USER"
echo "$GUEST_USER:100000:65536" >"$ROOT/etc/subuid"
echo "$GUEST_USER:100000:65536" >"$ROOT/etc/subgid"
mkdir -p "$ROOT/var/lib/systemd/linger"
touch "$ROOT/var/lib/systemd/linger/$GUEST_USER"

# Every controller delegated to the user's manager (systemd's default is
# fewer): Podman's documented drop-in for rootless limits.
mkdir -p "$ROOT/etc/systemd/system/user@.service.d"
printf '[Service]\nDelegate=cpu cpuset io memory pids\n' >"$ROOT/etc/systemd/system/user@.service.d/delegate.conf"

# A quiet, quick boot: no gettys, no periodic jobs.
for u in getty@tty1.service serial-getty@ttyS0.service apt-daily.timer apt-daily-upgrade.timer \
         e2scrub_all.timer fstrim.timer dpkg-db-backup.timer e2scrub_reap.service; do
    ln -sf /dev/null "$ROOT/etc/systemd/system/$u"
done

cat >"$ROOT/etc/systemd/system/rpod-vm.service" <<UNIT
[Unit]
Description=rpod systemd test tier (runs guest-run.sh from /dev/vdb)
Requires=dev-vdb.device
After=dev-vdb.device systemd-user-sessions.service user@$GUEST_UID.service
Wants=user@$GUEST_UID.service

[Service]
Type=oneshot
ExecStartPre=/bin/mkdir -p /mnt/rpod-vm
ExecStartPre=/bin/mount /dev/vdb /mnt/rpod-vm
ExecStart=/bin/bash /mnt/rpod-vm/guest-run.sh
ExecStopPost=/bin/systemctl poweroff --no-block
StandardOutput=tty
StandardError=tty
TTYPath=/dev/ttyS0
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
UNIT
mkdir -p "$ROOT/etc/systemd/system/multi-user.target.wants"
ln -sf ../rpod-vm.service "$ROOT/etc/systemd/system/multi-user.target.wants/rpod-vm.service"

rm -rf "$ROOT/var/cache/apt/archives/"*.deb "$ROOT/var/lib/apt/lists/"*
echo "$KVER" >"$WORK/kernel-version"
# The kernel and its initrd, readable by the user who runs the tier
# (Debian installs /boot/vmlinuz-* mode 0600).
install -m 0644 "/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
install -m 0644 "/boot/initrd.img-$KVER" "$WORK/initrd.img"
log "mkfs.ext4 -d (3 GiB, sparse)"
truncate -s 3G "$WORK/rootfs.img"
mkfs.ext4 -q -F -L rpod-vm -d "$ROOT" "$WORK/rootfs.img"
mkdir -p "$DIR"
mv "$WORK/kernel-version" "$WORK/vmlinuz" "$WORK/initrd.img" "$DIR/"
mv "$WORK/rootfs.img" "$IMG"
log "guest image ready: $IMG ($(( $(date +%s) - START )) s)"
echo "$IMG"
