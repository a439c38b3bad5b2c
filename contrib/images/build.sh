#!/usr/bin/env bash
# Build rpod's test images and push them to the local registries started by
# contrib/setup-test-env.sh.  Run as root.  See README.md in this directory
# for the images and their exact contents.
#
# Skips everything when the registries already hold every image and the
# stamp (sha256 of this directory's sources + tool versions) is unchanged.
# RPOD_REBUILD_IMAGES=1 forces a rebuild; the debootstrap result is cached
# in $BUILD/cache (delete it to re-run debootstrap).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${RPOD_TEST_STATE:-/var/lib/rpod-test}
BUILD=$STATE/build
CACHE=$BUILD/cache
L=$BUILD/oci                       # OCI layout holding every image
LZ=$BUILD/oci-zstd                 # busybox recompressed with zstd
REG=127.0.0.1:5000
REGB=127.0.0.1:5001
CREDS=rpoduser:rpodpass
SUITE=bookworm
PATH_ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
SKOPEO=(skopeo --insecure-policy)
OCITOOL=(python3 "$HERE/ocitool.py")

log() { printf '[images %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root"

# layout tag -> registry reference (registry A unless noted)
PUSHES=(
    "busybox        $REG/busybox:latest"
    "busybox        $REG/busybox-docker:latest"
    "busybox-zstd   $REG/busybox-zstd:latest"
    "busybox-plain  $REG/busybox-plain:latest"
    "layers         $REG/layers:latest"
    "multiarch      $REG/multiarch:latest"
    "debian         $REG/debian:minbase"
    "hostile-dotdot      $REG/hostile:dotdot"
    "hostile-absolute    $REG/hostile:absolute"
    "hostile-symlink     $REG/hostile:symlink"
    "hostile-symlink-rel $REG/hostile:symlink-rel"
    "hostile-hardlink    $REG/hostile:hardlink"
    "hostile-procsymlink $REG/hostile:procsymlink"
    "hostile-workdir-fd  $REG/hostile:workdir-fd"
    "hostile-passwd-zero $REG/hostile:passwd-zero"
    "hostile-passwd-fifo $REG/hostile:passwd-fifo"
    "hostile-passwd-host $REG/hostile:passwd-host"
    "hostile-passwd-huge $REG/hostile:passwd-huge"
    "hostile-wh-dot      $REG/hostile:wh-dot"
    "hostile-wh-dotdot   $REG/hostile:wh-dotdot"
    "hostile-devices     $REG/hostile:devices"
    "hostile-mountlink   $REG/hostile:mountlink"
    "hostile-netfiles    $REG/hostile:netfiles"
    "bad-diffid     $REG/bad:diffid"
    "bad-highuid    $REG/bad:highuid"
    "bad-notar      $REG/bad:notar"
    "busybox        $REGB/busybox:latest"
)

ACCEPT="application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.docker.distribution.manifest.list.v2+json"

# manifest_digest REF: digest the registry serves for REF, or nothing.
manifest_digest() {
    local ref=$1 host repo tag url auth=()
    host=${ref%%/*}; repo=${ref#*/}; tag=${repo##*:}; repo=${repo%:*}
    if [ "$host" = "$REGB" ]; then url=https://$host; auth=(-k -u "$CREDS"); else url=http://$host; fi
    curl -sf --max-time 10 "${auth[@]}" -I -H "Accept: $ACCEPT" "$url/v2/$repo/manifests/$tag" 2>/dev/null |
        tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}'
}

stamp() {
    {
        (cd "$HERE" && find . -type f ! -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
        dpkg-query -W busybox-static skopeo umoci debootstrap
    } | sha256sum | cut -d' ' -f1
}

write_summary() {
    local line tag ref
    : >"$STATE/images.txt.tmp"
    for line in "${PUSHES[@]}"; do
        read -r tag ref <<<"$line"
        printf '%-42s %s\n' "$ref" "$(manifest_digest "$ref")" >>"$STATE/images.txt.tmp"
    done
    mv "$STATE/images.txt.tmp" "$STATE/images.txt"
}

# Host files that hostile:passwd-host's symlinks point at (fixed paths, baked
# into the image, whatever RPOD_TEST_STATE is).  A container must never read
# them: `rpod run -u hostonly hostile:passwd-host` has to fail.  Cheap and
# idempotent, so written even when the images are up to date.
HOST_FILES=/var/lib/rpod-test
write_host_file() { # PATH CONTENT
    mkdir -p "$(dirname "$1")"
    printf '%s\n' "$2" >"$1.tmp"
    chmod 644 "$1.tmp"
    mv "$1.tmp" "$1"
}
write_host_file "$HOST_FILES/host-passwd" 'hostonly:x:4242:4242::/home/hostonly:/bin/sh'
write_host_file "$HOST_FILES/host-group" 'hostonly:x:4242:'

STAMP=$(stamp)
if [ "${RPOD_REBUILD_IMAGES:-0}" != 1 ] && [ -f "$BUILD/stamp" ] && [ "$(cat "$BUILD/stamp")" = "$STAMP" ]; then
    all=1
    for line in "${PUSHES[@]}"; do
        read -r tag ref <<<"$line"
        [ -n "$(manifest_digest "$ref")" ] || { log "missing in registry: $ref"; all=0; break; }
    done
    if [ $all = 1 ]; then
        log "images up to date (stamp ${STAMP:0:12}), nothing to build"
        write_summary
        exit 0
    fi
fi

log "building test images in $BUILD (stamp ${STAMP:0:12})"
rm -f "$BUILD/stamp"
mkdir -p "$BUILD" "$CACHE"
rm -rf "$L" "$LZ" "$BUILD/bundle-busybox"

# ------------------------------------------------------------ 1. busybox
# umoci: new empty image, unpack, fill the rootfs, repack, and only then
# set the config (repack writes back the config unpack saw).
log "busybox: umoci"
umoci init --layout "$L"
umoci new --image "$L:busybox"
umoci unpack --image "$L:busybox" "$BUILD/bundle-busybox" >/dev/null
R=$BUILD/bundle-busybox/rootfs
chmod 755 "$R"
install -d -m 755 "$R"/{bin,dev,etc,home,proc,run,sys,usr,usr/bin,usr/sbin,var}
install -d -m 700 "$R/root"
install -d -m 1777 "$R/tmp"
install -d -m 755 -o 1000 -g 1000 "$R/home/app"
install -m 755 /bin/busybox "$R/bin/busybox"
for a in $("$R/bin/busybox" --list); do
    [ "$a" = busybox ] || ln -s busybox "$R/bin/$a"
done
for a in sh ls cat echo id true false sleep env mkdir rm touch stat readlink ln chmod \
         ps grep wc head tail printf test hostname whoami; do
    [ -L "$R/bin/$a" ] || die "busybox lacks applet $a"
done
cat >"$R/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$R/etc/group" <<'EOF'
root:x:0:
app:x:1000:
nogroup:x:65534:
EOF
chmod 644 "$R/etc/passwd" "$R/etc/group"
umoci repack --image "$L:busybox" --history.created_by "rpod test: busybox-static $(dpkg-query -W -f='${Version}' busybox-static) + applet links, /etc/passwd, /etc/group" \
    "$BUILD/bundle-busybox"
umoci config --image "$L:busybox" --no-history --os linux --architecture amd64 \
    --config.cmd sh --config.env "$PATH_ENV" --config.label org.rpod.test=busybox
umoci gc --layout "$L"
rm -rf "$BUILD/bundle-busybox"
cfg=$("${SKOPEO[@]}" inspect --config "oci:$L:busybox")
jq -e --arg p "$PATH_ENV" '.config.Cmd == ["sh"] and (.config.Env | index($p)) != null
    and .config.Labels["org.rpod.test"] == "busybox" and .architecture == "amd64"
    and .os == "linux" and (.history | length) >= 1 and (.rootfs.diff_ids | length) == 1' \
    <<<"$cfg" >/dev/null || die "busybox config is wrong (umoci): $cfg"

# ------------------------------------------- 2-5, 7. hand-written images
log "busybox-plain, layers, multiarch, hostile/bad: ocitool.py"
"${OCITOOL[@]}" plain "$L" busybox busybox-plain
"${OCITOOL[@]}" layers "$L" busybox layers
"${OCITOOL[@]}" multiarch "$L" busybox multiarch
"${OCITOOL[@]}" hostile "$L"
"${OCITOOL[@]}" procsymlink "$L" busybox hostile-procsymlink
"${OCITOOL[@]}" hostile-derived "$L" busybox
# zstd: recompress into a second layout.  (Pushing straight to the registry
# with --dest-compress-format zstd silently reuses the gzip blob the
# registry already has.)
log "busybox-zstd: skopeo --dest-compress-format zstd"
"${SKOPEO[@]}" copy -q --dest-compress-format zstd "oci:$L:busybox" "oci:$LZ:busybox-zstd"

# --------------------------------------------------------- 6. debian
# Mirror: from apt's own configuration, never hard-coded.
detect_mirror() {
    python3 - "$SUITE" <<'EOF'
import glob, re, sys
suite = sys.argv[1]
cands = []   # (score, uri)
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for stanza in re.split(r"\n\s*\n", open(path).read()):
        f = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line or line[:1].isspace():
                continue
            k, v = line.split(":", 1)
            f[k.strip().lower()] = v.split()
        if "deb" not in f.get("types", []) or f.get("enabled", ["yes"])[0] == "no":
            continue
        for uri in f.get("uris", []):
            suites = f.get("suites", [])
            cands.append((0 if suite in suites else 1, uri, suites))
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        m = re.match(r"\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line)
        if m:
            cands.append((0 if m.group(2) == suite else 1, m.group(1), [m.group(2)]))
# A Debian archive: its suites are plain names (bookworm, trixie), not -security.
cands = [c for c in cands if any(re.fullmatch(r"[a-z]+", s) for s in c[2])
         and "security" not in c[1]]
cands.sort(key=lambda c: c[0])
if not cands:
    sys.exit("no Debian mirror found in apt's sources")
print(cands[0][1])
EOF
}
DEB_LAYER=$CACHE/debian-$SUITE-minbase.tar.gz
if [ ! -s "$DEB_LAYER" ] || [ ! -s "$DEB_LAYER.diffid" ]; then
    MIRROR=${RPOD_DEBIAN_MIRROR:-$(detect_mirror)}
    DEB_ROOT=$BUILD/debian-rootfs
    log "debian: debootstrap --variant=minbase $SUITE from $MIRROR (about a minute)"
    rm -rf "$DEB_ROOT"
    debootstrap --variant=minbase "$SUITE" "$DEB_ROOT" "$MIRROR" >"$BUILD/debootstrap.log" 2>&1 ||
        { tail -n 30 "$BUILD/debootstrap.log" >&2; die "debootstrap failed (log $BUILD/debootstrap.log)"; }
    # No device nodes in an image layer; no host identity either.  The
    # downloaded .debs stay in /var/cache/apt/archives: that makes the
    # ~95 MB (compressed) / ~204 MB layer the benchmarks were measured with.
    find "$DEB_ROOT/dev" -mindepth 1 \( -type c -o -type b \) -delete
    rm -f "$DEB_ROOT/etc/hostname" "$DEB_ROOT/etc/resolv.conf"
    rm -rf "$DEB_ROOT/debootstrap"
    log "debian: packing the layer"
    (cd "$DEB_ROOT" && tar --numeric-owner --sort=name --format=posix \
        --pax-option='exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime' \
        -cf "$CACHE/debian.tar" $(ls -A))
    sha256sum "$CACHE/debian.tar" | awk '{print "sha256:" $1}' >"$DEB_LAYER.diffid.tmp"
    pigz -n -6 -c "$CACHE/debian.tar" >"$DEB_LAYER.tmp"
    rm -f "$CACHE/debian.tar"
    rm -rf "$DEB_ROOT"
    mv "$DEB_LAYER.tmp" "$DEB_LAYER"
    mv "$DEB_LAYER.diffid.tmp" "$DEB_LAYER.diffid"
else
    log "debian: using cached layer $DEB_LAYER"
fi
"${OCITOOL[@]}" single "$L" debian "$DEB_LAYER" "$(cat "$DEB_LAYER.diffid")" bash debian \
    "debootstrap --variant=minbase $SUITE"

# ------------------------------------------------------------------ push
push() { # TAG REF [skopeo copy options...]
    local tag=$1 ref=$2; shift 2
    local creds=()
    [[ $ref == "$REGB"/* ]] && creds=(--dest-creds "$CREDS")
    log "push $tag -> $ref $*"
    "${SKOPEO[@]}" copy -q --dest-tls-verify=false "${creds[@]}" "$@" "oci:${LAYOUT:-$L}:$tag" "docker://$ref" ||
        die "skopeo copy oci:${LAYOUT:-$L}:$tag docker://$ref failed"
}
# Pushed byte for byte: the registry must serve the layout's own digest.
push_exact() { # TAG REF [options]
    local want got
    push "$@" --preserve-digests
    want=$("${OCITOOL[@]}" digest "${LAYOUT:-$L}" "$1")
    got=$(manifest_digest "$2")
    [ "$want" = "$got" ] || die "$2: registry serves $got, layout has $want (skopeo changed the image)"
}
push_exact busybox          "$REG/busybox:latest"
push       busybox          "$REG/busybox-docker:latest" --format v2s2
LAYOUT=$LZ push_exact busybox-zstd "$REG/busybox-zstd:latest"
push_exact busybox-plain    "$REG/busybox-plain:latest"
push_exact layers           "$REG/layers:latest"
push_exact multiarch        "$REG/multiarch:latest" --all
push_exact debian           "$REG/debian:minbase"
for line in "${PUSHES[@]}"; do
    read -r tag ref <<<"$line"
    case $tag in hostile-*|bad-*) push_exact "$tag" "$ref" ;; esac
done
push_exact busybox          "$REGB/busybox:latest"

# ---------------------------------------------------------------- verify
log "verifying media types"
raw() { "${SKOPEO[@]}" inspect --raw --tls-verify=false "docker://$1"; }
conf() { "${SKOPEO[@]}" inspect --config --tls-verify=false "docker://$1"; }
expect() { # DESCRIPTION JQ-FILTER JSON
    jq -e "$2" <<<"$3" >/dev/null || die "$1: check failed: $2"$'\n'"$3"
}
OCI_GZ=application/vnd.oci.image.layer.v1.tar+gzip
BB_LAYER=$(raw "$REG/busybox:latest" | jq -r '.layers[0].digest')
expect busybox '(.mediaType // "application/vnd.oci.image.manifest.v1+json") == "application/vnd.oci.image.manifest.v1+json" and (.layers|length) == 1 and .layers[0].mediaType == "'$OCI_GZ'"' "$(raw "$REG/busybox:latest")"
expect busybox-docker '.mediaType == "application/vnd.docker.distribution.manifest.v2+json" and .config.mediaType == "application/vnd.docker.container.image.v1+json" and .layers[0].mediaType == "application/vnd.docker.image.rootfs.diff.tar.gzip"' "$(raw "$REG/busybox-docker:latest")"
expect busybox-docker '.config.Cmd == ["sh"] and .config.Labels["org.rpod.test"] == "busybox"' "$(conf "$REG/busybox-docker:latest")"
expect busybox-zstd '(.layers|length) == 1 and .layers[0].mediaType == "application/vnd.oci.image.layer.v1.tar+zstd"' "$(raw "$REG/busybox-zstd:latest")"
expect busybox-plain '(.layers|length) == 1 and .layers[0].mediaType == "application/vnd.oci.image.layer.v1.tar"' "$(raw "$REG/busybox-plain:latest")"
expect layers "(.layers|length) == 4 and .layers[0].digest == \"$BB_LAYER\"" "$(raw "$REG/layers:latest")"
expect layers '(.rootfs.diff_ids|length) == 4 and .config.WorkingDir == "/data"' "$(conf "$REG/layers:latest")"
expect multiarch '.mediaType == "application/vnd.oci.image.index.v1+json" and ([.manifests[].platform | "\(.os)/\(.architecture)/\(.variant // "")"] == ["linux/amd64/", "linux/arm64/v8"])' "$(raw "$REG/multiarch:latest")"
expect debian '.config.Cmd == ["bash"] and (.rootfs.diff_ids|length) == 1' "$(conf "$REG/debian:minbase")"
expect bad-diffid ".rootfs.diff_ids == [\"sha256:$(printf 'this is not the layer' | sha256sum | cut -d' ' -f1)\"]" "$(conf "$REG/bad:diffid")"

# Images on top of busybox: layer 1 is the busybox blob, the last layer holds
# exactly the listed entries (checked in the blob the registry serves).
top_layer() { # REF: `tar -tv` of the image's last layer, "TYPE+MODE UID/GID SIZE NAME[ -> TARGET]"
    local repo=${1#*/} dig
    repo=${repo%:*}
    dig=$(raw "$1" | jq -r '.layers[-1].digest')
    curl -sf --max-time 60 "http://$REG/v2/$repo/blobs/$dig" | tar -tvzf - --numeric-owner |
        awk '{ $4 = $5 = ""; print }' | tr -s ' '
}
expect_layer() { # TAG NLAYERS EXPECTED-LISTING
    local got
    expect "hostile:$1" "(.layers|length) == $2 and .layers[0].digest == \"$BB_LAYER\"" "$(raw "$REG/hostile:$1")"
    [ "$2" = 1 ] && return 0
    got=$(top_layer "$REG/hostile:$1")
    [ "$got" = "$3" ] || die "hostile:$1: last layer is"$'\n'"$got"$'\n'"expected"$'\n'"$3"
}
expect_layer procsymlink 2 'lrwxrwxrwx 0/0 0 proc -> /tmp'
expect_layer mountlink 2 'drwxrwxrwt 0/0 0 tmp/
drwxr-xr-x 0/0 0 tmp/rpod-mount-escape/
drwxr-xr-x 0/0 0 tmp/rpod-mount-escape/imgvol/
-rw-r--r-- 0/0 5 tmp/rpod-mount-escape/imgvol/seed
lrwxrwxrwx 0/0 0 evil -> /tmp/rpod-mount-escape
lrwxrwxrwx 0/0 0 evil-rel -> ../../../../../../../../tmp/rpod-mount-escape
lrwxrwxrwx 0/0 0 evil-dangling -> /tmp/rpod-mount-escape-dangling'
expect_layer netfiles 2 'drwxr-xr-x 0/0 0 etc/
lrwxrwxrwx 0/0 0 etc/hosts -> /tmp/rpod-netfile-escape/hosts
lrwxrwxrwx 0/0 0 etc/resolv.conf -> ../../../../../../../../tmp/rpod-netfile-escape/resolv.conf
lrwxrwxrwx 0/0 0 etc/hostname -> /tmp/rpod-netfile-escape/hostname'
expect hostile:mountlink '.config.Volumes == {"/evil/imgvol": {}}' "$(conf "$REG/hostile:mountlink")"
expect_layer workdir-fd 1 ''
expect hostile:workdir-fd '.config.WorkingDir == "/proc/self/fd/4" and .config.Cmd[0:2] == ["sh", "-c"] and (.rootfs.diff_ids|length) == 1' "$(conf "$REG/hostile:workdir-fd")"
expect_layer passwd-zero 2 'drwxr-xr-x 0/0 0 etc/
lrwxrwxrwx 0/0 0 etc/passwd -> /dev/zero'
expect_layer passwd-fifo 2 'drwxr-xr-x 0/0 0 etc/
prw-r--r-- 0/0 0 etc/passwd'
expect_layer passwd-host 2 'drwxr-xr-x 0/0 0 etc/
lrwxrwxrwx 0/0 0 etc/passwd -> /var/lib/rpod-test/host-passwd
lrwxrwxrwx 0/0 0 etc/group -> ../../../../../var/lib/rpod-test/host-group'
expect_layer passwd-huge 2 'drwxr-xr-x 0/0 0 etc/
-rw-r--r-- 0/0 67108874 etc/passwd'
expect_layer wh-dot 2 '-rw-r--r-- 0/0 0 .wh..
drwxr-xr-x 0/0 0 etc/
-rw-r--r-- 0/0 0 etc/.wh..'
expect_layer wh-dotdot 2 '-rw-r--r-- 0/0 0 .wh...
drwxr-xr-x 0/0 0 etc/
-rw-r--r-- 0/0 0 etc/.wh...'
expect_layer devices 2 'drwxr-xr-x 0/0 0 dev/
crw-rw-rw- 0/0 1,3 dev/evil
brw-rw---- 0/0 8,0 dev/sda
drwxr-xr-x 0/0 0 etc/
-rw-r--r-- 0/0 120 etc/passwd'
for f in host-passwd host-group; do
    [ "$(stat -c %a "$HOST_FILES/$f")" = 644 ] || die "$HOST_FILES/$f is not mode 0644"
done

"${SKOPEO[@]}" inspect --raw --tls-verify=false --creds "$CREDS" "docker://$REGB/busybox:latest" >/dev/null ||
    die "cannot read $REGB/busybox:latest with credentials"

echo "$STAMP" >"$BUILD/stamp"
write_summary
log "all images pushed"
