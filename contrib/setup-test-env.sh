#!/usr/bin/env bash
# Prepare this machine for rpod's test suite (run as root; idempotent).
#
#  - installs the Debian packages the tests and benchmarks use;
#  - creates the unprivileged test user (RPOD_TEST_USER, default rpodtest)
#    with subordinate id ranges and /run/user/UID;
#  - makes /dev/fuse and /dev/net/tun usable by unprivileged users;
#  - starts two local registries (docker-registry):
#      A  http://127.0.0.1:5000   no auth
#      B  https://127.0.0.1:5001  TLS (test CA /var/lib/rpod-test/tls/ca.pem),
#                                 htpasswd rpoduser:rpodpass
#  - builds and pushes the test images (contrib/images/build.sh);
#  - installs qemu and the Debian kernel and builds (once; cached) the guest
#    image of the systemd test tier (contrib/vm/build-image.sh).
#
# A second run only checks and is quick.  Environment:
#   RPOD_TEST_USER   test user name (default rpodtest)
#   RPOD_REPO        repository the test user must be able to reach
#                    (default: the repository holding this script)
#   RPOD_TEST_STATE  state directory (default /var/lib/rpod-test)
#   RPOD_SKIP_IMAGES=1  do not build/push the images
#   RPOD_SKIP_VM=1      do not install qemu or build the systemd tier's guest
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEST_USER=${RPOD_TEST_USER:-rpodtest}
REPO=${RPOD_REPO:-$(cd "$SCRIPT_DIR/.." && pwd)}
STATE=${RPOD_TEST_STATE:-/var/lib/rpod-test}
REG_A=127.0.0.1:5000
REG_B=127.0.0.1:5001
REG_B_USER=rpoduser
REG_B_PASS=rpodpass
START=$(date +%s)

log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (try: sudo $0)"

# ---------------------------------------------------------------- packages
PACKAGES=(uidmap fuse-overlayfs docker-registry skopeo umoci busybox-static
          debootstrap hyperfine podman runc slirp4netns passt pigz zstd jq
          openssl apache2-utils python3 e2fsprogs util-linux procps curl
          catatonit golang-github-containers-common iproute2 iperf3 gcc libc6-dev
          xz-utils bzip2)

missing=()
for p in "${PACKAGES[@]}"; do
    st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    [[ $st == ii* ]] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_opts=(-o DPkg::Lock::Timeout=900 -o Dpkg::Options::=--force-confold)
    apt-get "${apt_opts[@]}" update -qq
    apt-get "${apt_opts[@]}" install -y -qq "${missing[@]}" >/dev/null
else
    log "packages: all ${#PACKAGES[@]} installed"
fi
# The systemd test tier (contrib/vm): qemu and the kernel it boots, without
# their recommends (a kernel's firmware, qemu's extra block drivers).
VM_PACKAGES=(qemu-system-x86 qemu-utils linux-image-amd64)
if [ "${RPOD_SKIP_VM:-0}" != 1 ]; then
    missing=()
    for p in "${VM_PACKAGES[@]}"; do
        st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
        [[ $st == ii* ]] || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt_opts=(-o DPkg::Lock::Timeout=900 -o Dpkg::Options::=--force-confold)
        apt-get "${apt_opts[@]}" update -qq
        apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
fi

# --------------------------------------------------------------- test user
if ! id -u "$TEST_USER" >/dev/null 2>&1; then
    log "creating user $TEST_USER"
    useradd -m -s /bin/bash "$TEST_USER"
fi
TEST_UID=$(id -u "$TEST_USER")
TEST_GID=$(id -g "$TEST_USER")

# Subordinate ids: 65536 of each.  A new range starts after every range
# already handed out (and not below 100000).
next_free_start() { # FILE
    awk -F: 'BEGIN{m=100000} NF>=3 {e=$2+$3; if (e>m) m=e} END{print m}' "$1"
}
ensure_subids() { # FILE OPTION
    local file=$1 opt=$2 start
    touch "$file"
    if awk -F: -v u="$TEST_USER" -v id="$TEST_UID" \
        '($1==u || $1==id) && $3>=65536 {f=1} END{exit !f}' "$file"; then
        return
    fi
    start=$(next_free_start "$file")
    log "adding $file range $start-$((start + 65535)) for $TEST_USER"
    usermod "$opt" "$start-$((start + 65535))" "$TEST_USER"
}
ensure_subids /etc/subuid --add-subuids
ensure_subids /etc/subgid --add-subgids
SUBUID=$(awk -F: -v u="$TEST_USER" -v id="$TEST_UID" '($1==u||$1==id){print $2":"$3; exit}' /etc/subuid)
SUBGID=$(awk -F: -v u="$TEST_USER" -v id="$TEST_UID" '($1==u||$1==id){print $2":"$3; exit}' /etc/subgid)

# newuidmap/newgidmap must be setuid root (uidmap package).
for h in /usr/bin/newuidmap /usr/bin/newgidmap; do
    [ -u "$h" ] || die "$h is not setuid root"
done

RUNTIME_DIR=/run/user/$TEST_UID
if [ ! -d "$RUNTIME_DIR" ]; then
    log "creating $RUNTIME_DIR"
    mkdir -p /run/user
    chmod 755 /run/user
    mkdir -m 0700 "$RUNTIME_DIR"
fi
chown "$TEST_UID:$TEST_GID" "$RUNTIME_DIR"
chmod 0700 "$RUNTIME_DIR"

# A second user with NO subordinate ids, for the "missing /etc/subuid range"
# tests (RPOD_TEST_NOSUB_USER, default rpodnosub).  useradd hands out ranges
# by default: remove every range it has, by name or by uid.
NOSUB_USER=${RPOD_TEST_NOSUB_USER:-rpodnosub}
if ! id -u "$NOSUB_USER" >/dev/null 2>&1; then
    log "creating user $NOSUB_USER (without subordinate ids)"
    useradd -m -s /bin/bash "$NOSUB_USER"
fi
NOSUB_UID=$(id -u "$NOSUB_USER")
NOSUB_GID=$(id -g "$NOSUB_USER")
nosub_ranges() { # FILE -> "first-last" per line
    [ -f "$1" ] || return 0
    awk -F: -v u="$NOSUB_USER" -v id="$NOSUB_UID" \
        '($1==u || $1==id) && NF>=3 && $3>0 {print $2 "-" ($2+$3-1)}' "$1"
}
drop_subids() { # FILE OPTION
    local file=$1 opt=$2 range tmp
    for range in $(nosub_ranges "$file"); do
        log "removing $file range $range of $NOSUB_USER"
        usermod "$opt" "$range" "$NOSUB_USER" || true
    done
    if [ -n "$(nosub_ranges "$file")" ]; then
        # usermod only removes lines keyed by the user name, not by the uid.
        log "removing the remaining $NOSUB_USER (uid $NOSUB_UID) lines of $file"
        tmp=$(mktemp "$file.XXXXXX")
        awk -F: -v u="$NOSUB_USER" -v id="$NOSUB_UID" '!($1==u || $1==id)' "$file" >"$tmp"
        chmod --reference="$file" "$tmp"
        mv "$tmp" "$file"
    fi
    [ -z "$(nosub_ranges "$file")" ] || die "$NOSUB_USER still has ranges in $file"
}
drop_subids /etc/subuid --del-subuids
drop_subids /etc/subgid --del-subgids
NOSUB_RUNTIME_DIR=/run/user/$NOSUB_UID
if [ ! -d "$NOSUB_RUNTIME_DIR" ]; then
    log "creating $NOSUB_RUNTIME_DIR"
    mkdir -m 0700 "$NOSUB_RUNTIME_DIR"
fi
chown "$NOSUB_UID:$NOSUB_GID" "$NOSUB_RUNTIME_DIR"
chmod 0700 "$NOSUB_RUNTIME_DIR"

# ----------------------------------------------------------------- devices
ensure_dev() { # PATH MAJOR MINOR
    if [ ! -c "$1" ]; then
        log "creating $1 (c $2 $3)"
        mkdir -p "$(dirname "$1")"
        rm -f "$1"
        mknod -m 666 "$1" c "$2" "$3"
    fi
    chmod 666 "$1"
}
ensure_dev /dev/fuse 10 229
ensure_dev /dev/net/tun 10 200

# ------------------------------------------------- client network namespace
# A "remote" client for the published-port tests: network namespace
# rpod-client, joined to the host by a veth pair in 198.51.100.0/24 (a
# documentation range; the machine's own interface is in 192.0.2.0/24).
# Traffic from it to 198.51.100.1 reaches the host's published ports with a
# non-loopback source address the container must see.
if ! ip netns list 2>/dev/null | grep -qw rpod-client; then
    log "creating network namespace rpod-client (198.51.100.2 <-> host 198.51.100.1)"
    ip netns add rpod-client
fi
if ! ip link show rpodc0 >/dev/null 2>&1; then
    ip link add rpodc0 type veth peer name eth0 netns rpod-client
fi
ip addr replace 198.51.100.1/24 dev rpodc0
ip link set rpodc0 up
ip -n rpod-client addr replace 198.51.100.2/24 dev eth0
ip -n rpod-client link set eth0 up
ip -n rpod-client link set lo up

# ------------------------------------------------ delegated cgroup v2 subtree
# Like systemd's user@UID.service: a subtree of the v2 hierarchy owned by the
# test user. The tests start every rpod call inside it (tests/common), so
# pause/unpause work here; on a systemd host the login session provides it.
CG2=$(findmnt -t cgroup2 -n -o TARGET 2>/dev/null | head -n 1 || true)
if [ -n "$CG2" ]; then
    DELEGATED=$CG2/user.slice/user-$TEST_UID.slice/user@$TEST_UID.service
    mkdir -p "$DELEGATED"
    chown -R "$TEST_UID:$TEST_GID" "$DELEGATED"
    log "delegated cgroup v2 subtree: $DELEGATED"
else
    log "no cgroup v2 hierarchy mounted: pause/unpause tests will fail"
fi

# --------------------------------------- repository reachable by test user
# The Rust tests run target/*/rpod as the test user: every directory above
# the repository must be searchable (o+x).  Only the search bit is added.
check_traversal() {
    local d=$1
    if runuser -u "$TEST_USER" -- test -x "$d" -a -r "$d"; then return 0; fi
    log "test user cannot reach $d; adding o+x to its parent directories"
    local p=$d
    while [ "$p" != / ]; do
        if ! runuser -u "$TEST_USER" -- test -x "$p"; then
            log "  chmod o+x $p"
            chmod o+x "$p"
        fi
        p=$(dirname "$p")
    done
    runuser -u "$TEST_USER" -- test -x "$d" || die "$TEST_USER cannot traverse $d"
}
check_traversal "$REPO"
[ -d "$REPO/target" ] && check_traversal "$REPO/target"
log "test user $TEST_USER can reach $REPO"

# -------------------------------------------------------------- registries
mkdir -p "$STATE" "$STATE/registry-a" "$STATE/registry-b" "$STATE/tls" "$STATE/logs"

# TLS for registry B: a private CA (ca.pem, the file clients trust) and a
# server certificate it signs for IP 127.0.0.1 and DNS localhost.  (A single
# self-signed CA:TRUE certificate is refused as a server certificate by
# rustls/webpki: CaUsedAsEndEntity.)  certs.d/127.0.0.1:5001/ca.crt is the
# containers-certs.d(5) layout that podman/skopeo --cert-dir accept.
TLS_DIR=$STATE/tls
TLS_CA=$TLS_DIR/ca.pem
TLS_CERT=$TLS_DIR/cert.pem
TLS_KEY=$TLS_DIR/key.pem
TLS_NEW=0
if [ ! -s "$TLS_CA" ] || [ ! -s "$TLS_CERT" ] || [ ! -s "$TLS_KEY" ] ||
   ! openssl verify -CAfile "$TLS_CA" "$TLS_CERT" >/dev/null 2>&1; then
    log "creating test CA and server certificate for 127.0.0.1/localhost"
    tmp=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout "$tmp/ca.key" -out "$tmp/ca.pem" \
        -subj "/CN=rpod test CA" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/req.csr" \
        -subj "/CN=127.0.0.1" 2>/dev/null
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$tmp/ext.cnf"
    openssl x509 -req -in "$tmp/req.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
        -days 3650 -sha256 -extfile "$tmp/ext.cnf" -out "$tmp/cert.pem" 2>/dev/null
    mv "$tmp/ca.key" "$TLS_DIR/ca.key"; mv "$tmp/key.pem" "$TLS_KEY"
    mv "$tmp/ca.pem" "$TLS_CA"; mv "$tmp/cert.pem" "$TLS_CERT"
    rm -rf "$tmp"
    TLS_NEW=1
fi
chmod 644 "$TLS_CA" "$TLS_CERT"
chmod 600 "$TLS_KEY" "$TLS_DIR/ca.key"
mkdir -p "$TLS_DIR/certs.d/$REG_B"
cp "$TLS_CA" "$TLS_DIR/certs.d/$REG_B/ca.crt"
chmod -R a+rX "$TLS_DIR/certs.d"
HTPASSWD=$STATE/htpasswd
if [ ! -s "$HTPASSWD" ] || ! htpasswd -vb "$HTPASSWD" "$REG_B_USER" "$REG_B_PASS" >/dev/null 2>&1; then
    log "writing $HTPASSWD (bcrypt)"
    htpasswd -Bbn "$REG_B_USER" "$REG_B_PASS" >"$HTPASSWD"
fi

write_if_changed() { # FILE (content on stdin)
    local tmp; tmp=$(mktemp)
    cat >"$tmp"
    if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 1; fi
    mv "$tmp" "$1"; chmod 644 "$1"; return 0
}

# docker-registry 2.8 config.  The `secret` only signs upload state; fixed
# so that a restart does not invalidate anything.
cat <<EOF | write_if_changed "$STATE/registry-a.yml" && CHANGED_A=1 || CHANGED_A=0
# generated by contrib/setup-test-env.sh
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/registry-a
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $REG_A
  secret: rpod-test-registry-a
  headers:
    X-Content-Type-Options: [nosniff]
EOF
cat <<EOF | write_if_changed "$STATE/registry-b.yml" && CHANGED_B=1 || CHANGED_B=0
# generated by contrib/setup-test-env.sh
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/registry-b
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $REG_B
  secret: rpod-test-registry-b
  headers:
    X-Content-Type-Options: [nosniff]
  tls:
    certificate: $TLS_CERT
    key: $TLS_KEY
auth:
  htpasswd:
    realm: rpod-test
    path: $HTPASSWD
EOF
[ "$TLS_NEW" = 1 ] && CHANGED_B=1

reg_a_up() { curl -sf -o /dev/null --max-time 3 "http://$REG_A/v2/"; }
reg_b_up() { curl -skf -o /dev/null --max-time 3 -u "$REG_B_USER:$REG_B_PASS" "https://$REG_B/v2/"; }
port_busy() { curl -sk -o /dev/null --max-time 3 "$1"; }

# PID of our registry NAME if it is running, else nothing.
reg_pid() {
    local pidf=$STATE/$1.pid pid
    [ -s "$pidf" ] || return 0
    pid=$(cat "$pidf")
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$STATE/$1.yml"; then
        echo "$pid"
    fi
}

start_registry() { # NAME ADDR-URL CHANGED CHECKFN
    local name=$1 url=$2 changed=$3 check=$4 pid i
    pid=$(reg_pid "$name")
    if [ -n "$pid" ] && [ "$changed" = 1 ]; then
        log "$name: configuration changed, restarting (pid $pid)"
        kill "$pid"; for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        pid=
    fi
    if [ -n "$pid" ] && $check; then
        log "$name: already running (pid $pid) at $url"
        return
    fi
    if [ -n "$pid" ]; then
        log "$name: pid $pid does not answer, restarting it"
        kill "$pid" 2>/dev/null || true
        for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        pid=
    fi
    if [ -z "$pid" ] && port_busy "$url/v2/"; then
        # Something else (e.g. Debian's own docker-registry service) holds the port.
        log "$name: $url is answered by a foreign process; stopping Debian's docker-registry service"
        /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
        sleep 1
        port_busy "$url/v2/" && die "$url is in use by another process"
    fi
    if [ -z "$pid" ]; then
        log "$name: starting docker-registry at $url"
        setsid nohup /usr/bin/docker-registry serve "$STATE/$name.yml" \
            >>"$STATE/logs/$name.log" 2>&1 </dev/null &
        echo $! >"$STATE/$name.pid"
    fi
    for i in $(seq 100); do
        $check && { log "$name: answering"; return; }
        sleep 0.1
    done
    tail -n 20 "$STATE/logs/$name.log" >&2 || true
    die "$name did not answer at $url"
}
start_registry registry-a "http://$REG_A" "$CHANGED_A" reg_a_up
start_registry registry-b "https://$REG_B" "$CHANGED_B" reg_b_up
# B must refuse anonymous access.
code=$(curl -sk -o /dev/null -w '%{http_code}' "https://$REG_B/v2/")
[ "$code" = 401 ] || die "registry-b answers $code without credentials (expected 401)"

# ------------------------------------------------------------------ images
if [ "${RPOD_SKIP_IMAGES:-0}" != 1 ]; then
    RPOD_TEST_STATE=$STATE bash "$SCRIPT_DIR/images/build.sh"
fi

# ------------------------------------------------------ systemd tier guest
if [ "${RPOD_SKIP_VM:-0}" != 1 ]; then
    log "guest image of the systemd tier (cached after the first build, ~1-3 min)"
    VM_IMAGE=$(bash "$SCRIPT_DIR/vm/build-image.sh")
else
    VM_IMAGE="(skipped: RPOD_SKIP_VM=1)"
fi

# ----------------------------------------------------------------- summary
cat >&2 <<EOF

==================== rpod test environment ready ($(( $(date +%s) - START )) s)
 test user        : $TEST_USER  uid=$TEST_UID gid=$TEST_GID  home=$(getent passwd "$TEST_USER" | cut -d: -f6)
 subuid / subgid  : $SUBUID / $SUBGID
 no-subid user    : $NOSUB_USER  uid=$NOSUB_UID (no /etc/subuid, /etc/subgid ranges)
 runtime dir      : $RUNTIME_DIR
 registry A       : http://$REG_A     (no auth, delete enabled, storage $STATE/registry-a)
 registry B       : https://$REG_B    (TLS, trust $TLS_CA, user $REG_B_USER / $REG_B_PASS)
 systemd tier     : $VM_IMAGE
 images           :
$(sed 's/^/   /' "$STATE/images.txt" 2>/dev/null || echo "   (not built)")
EOF
