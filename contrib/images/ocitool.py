#!/usr/bin/env python3
"""Hand-written OCI images for rpod's tests (called by contrib/images/build.sh).

Every layer made here is deterministic: fixed mtimes, numeric owners only,
PAX tar format, gzip with mtime 0.  The expected trees are documented in
contrib/images/README.md; keep the two in sync.

Usage:
  ocitool.py layers    LAYOUT BASE_TAG NEW_TAG
  ocitool.py multiarch LAYOUT BASE_TAG NEW_TAG
  ocitool.py plain     LAYOUT BASE_TAG NEW_TAG
  ocitool.py hostile   LAYOUT
  ocitool.py procsymlink    LAYOUT BASE_TAG NEW_TAG
  ocitool.py hostile-derived LAYOUT BASE_TAG   (the hostile-* images built on busybox)
  ocitool.py single    LAYOUT TAG LAYER.tar.gz DIFF_ID CMD LABEL CREATED_BY
  ocitool.py digest    LAYOUT TAG        (prints the manifest/index digest)
"""
import copy
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import sys
import tarfile

MT_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MT_INDEX = "application/vnd.oci.image.index.v1+json"
MT_CONFIG = "application/vnd.oci.image.config.v1+json"
MT_TAR = "application/vnd.oci.image.layer.v1.tar"
MT_TGZ = MT_TAR + "+gzip"
REF_NAME = "org.opencontainers.image.ref.name"

EPOCH = 1577836800        # 2020-01-01T00:00:00Z: mtime of every entry unless noted
KEEP_MTIME = 981173106    # 2001-02-03T04:05:06Z: mtime of /data/keep
CREATED = "2020-01-01T00:00:00Z"
PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# security.capability, VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE,
# permitted = CAP_NET_BIND_SERVICE (bit 10): "cap_net_bind_service+ep".
CAP_NET_BIND_SERVICE_EP = bytes.fromhex("0100000200040000" + "00" * 12)
LONG_NAME = "this-is-a-long-file-name-" + "x" * 120 + ".txt"   # 149 chars


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def dumps(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


# --------------------------------------------------------------------- tar
def _info(name, typ, mode, uid=0, gid=0, mtime=EPOCH, **kw):
    ti = tarfile.TarInfo(name)
    ti.type = typ
    ti.mode = mode
    ti.uid, ti.gid = uid, gid
    ti.uname = ti.gname = ""
    ti.mtime = mtime
    for k, v in kw.items():
        setattr(ti, k, v)
    return ti


def D(name, mode=0o755, uid=0, gid=0, **kw):
    return (_info(name, tarfile.DIRTYPE, mode, uid, gid, **kw), None)


def F(name, data=b"", mode=0o644, uid=0, gid=0, xattrs=None, **kw):
    if isinstance(data, str):
        data = data.encode()
    ti = _info(name, tarfile.REGTYPE, mode, uid, gid, **kw)
    ti.size = len(data)
    if xattrs:
        # PAX values are str: surrogateescape makes tarfile write the raw
        # bytes back (with hdrcharset=BINARY when they are not UTF-8).
        ti.pax_headers = {"SCHILY.xattr." + k: v.decode("utf-8", "surrogateescape")
                          for k, v in xattrs.items()}
    return (ti, data)


def WH(name):
    """Whiteout / opaque marker: an empty regular file."""
    return F(name, b"", 0o644)


def SYM(name, target, **kw):
    return (_info(name, tarfile.SYMTYPE, 0o777, linkname=target, **kw), None)


def HARD(name, target, **kw):
    return (_info(name, tarfile.LNKTYPE, 0o644, linkname=target, **kw), None)


def FIFO(name, mode=0o644, **kw):
    return (_info(name, tarfile.FIFOTYPE, mode, **kw), None)


def CHR(name, major, minor, mode=0o666, **kw):
    return (_info(name, tarfile.CHRTYPE, mode, devmajor=major, devminor=minor, **kw), None)


def BLK(name, major, minor, mode=0o660, **kw):
    return (_info(name, tarfile.BLKTYPE, mode, devmajor=major, devminor=minor, **kw), None)


def make_tar(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
        for ti, data in entries:
            tf.addfile(ti, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


# ------------------------------------------------------------------ layout
class Layout:
    def __init__(self, path):
        self.path = path
        os.makedirs(os.path.join(path, "blobs", "sha256"), exist_ok=True)
        ol = os.path.join(path, "oci-layout")
        if not os.path.exists(ol):
            with open(ol, "w") as f:
                json.dump({"imageLayoutVersion": "1.0.0"}, f)
        ix = os.path.join(path, "index.json")
        if not os.path.exists(ix):
            self._write_index({"schemaVersion": 2, "manifests": []})

    def blob_path(self, digest):
        algo, hexd = digest.split(":", 1)
        return os.path.join(self.path, "blobs", algo, hexd)

    def put(self, data, media_type):
        d = sha256(data)
        p = self.blob_path(d)
        if not os.path.exists(p):
            with open(p + ".tmp", "wb") as f:
                f.write(data)
            os.rename(p + ".tmp", p)
        return {"mediaType": media_type, "digest": d, "size": len(data)}

    def put_file(self, src, digest, media_type):
        p = self.blob_path(digest)
        if not os.path.exists(p):
            try:
                os.link(src, p)
            except OSError:
                shutil.copyfile(src, p)
        return {"mediaType": media_type, "digest": digest, "size": os.path.getsize(p)}

    def get(self, digest):
        with open(self.blob_path(digest), "rb") as f:
            data = f.read()
        if sha256(data) != digest:
            raise SystemExit(f"blob {digest} is corrupt")
        return data

    def get_json(self, digest):
        return json.loads(self.get(digest))

    def _index(self):
        with open(os.path.join(self.path, "index.json")) as f:
            return json.load(f)

    def _write_index(self, ix):
        p = os.path.join(self.path, "index.json")
        with open(p + ".tmp", "w") as f:
            json.dump(ix, f, indent=2)
        os.rename(p + ".tmp", p)

    def resolve(self, tag):
        for m in self._index()["manifests"]:
            if m.get("annotations", {}).get(REF_NAME) == tag:
                return m
        raise SystemExit(f"tag {tag} not found in {self.path}")

    def tag(self, tag, desc):
        ix = self._index()
        ix["manifests"] = [m for m in ix["manifests"]
                           if m.get("annotations", {}).get(REF_NAME) != tag]
        d = dict(desc)
        d["annotations"] = {REF_NAME: tag}
        ix["manifests"].append(d)
        self._write_index(ix)

    def image(self, tag):
        """(manifest, config) of a single-platform image."""
        desc = self.resolve(tag)
        if desc["mediaType"] != MT_MANIFEST:
            raise SystemExit(f"{tag}: not an OCI image manifest ({desc['mediaType']})")
        manifest = self.get_json(desc["digest"])
        return manifest, self.get_json(manifest["config"]["digest"])

    def write_image(self, config, layers, tag=None, annotations=None):
        cdesc = self.put(dumps(config), MT_CONFIG)
        manifest = {"schemaVersion": 2, "mediaType": MT_MANIFEST,
                    "config": cdesc, "layers": layers}
        if annotations:
            manifest["annotations"] = annotations
        mdesc = self.put(dumps(manifest), MT_MANIFEST)
        if tag:
            self.tag(tag, mdesc)
        return mdesc

    def add_layer(self, tar_bytes, compress=True):
        """Store a layer; returns (descriptor, diff_id)."""
        diff_id = sha256(tar_bytes)
        if compress:
            return self.put(gz(tar_bytes), MT_TGZ), diff_id
        return self.put(tar_bytes, MT_TAR), diff_id


def bare_config(diff_ids, created_by, arch="amd64", cfg=None):
    return {
        "created": CREATED,
        "architecture": arch,
        "os": "linux",
        "config": cfg if cfg is not None else {"Env": [PATH_ENV]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created": CREATED, "created_by": created_by}],
    }


# ---------------------------------------------------------------- commands
def layer_data():
    """Layer 2: the /data tree."""
    return [
        D("data/"),
        F("data/keep", "keep\n", mtime=KEEP_MTIME),
        F("data/gone", "gone\n"),
        D("data/dir/"),
        F("data/dir/a", "a\n"),
        F("data/dir/b", "b\n"),
        F("data/suid", "#!/bin/sh\necho suid\n", mode=0o4755),
        F("data/sgid", "#!/bin/sh\necho sgid\n", mode=0o2755, gid=1000),
        HARD("data/hard", "data/keep", mtime=KEEP_MTIME),   # same inode as keep
        SYM("data/link", "keep"),
        SYM("data/abslink", "/data/keep"),
        F("data/owned", "owned by app\n", mode=0o640, uid=1000, gid=1000),
        D("data/appdir/", mode=0o700, uid=1000, gid=1000),
        F("data/appdir/secret", "secret\n", mode=0o600, uid=1000, gid=1000),
        F("data/cap", "#!/bin/sh\necho cap\n", mode=0o755,
          xattrs={"security.capability": CAP_NET_BIND_SERVICE_EP}),
        F("data/xattr", "xattr\n", xattrs={"user.rpod": b"hello"}),
        F("data/empty", "", mode=0o600),
        FIFO("data/fifo"),
        D("data/long/"),
        F("data/long/" + LONG_NAME, "long\n"),
        D("data/rmdir/"),
        F("data/rmdir/x", "x\n"),
        D("data/rmdir/sub/"),
        F("data/rmdir/sub/y", "y\n"),
        F("data/replaced", "file\n"),
    ]


def layer_whiteouts():
    """Layer 3: whiteout of /data/gone, opaque /data/dir with a new c."""
    return [
        D("data/"),
        WH("data/.wh.gone"),
        D("data/dir/"),
        WH("data/dir/.wh..wh..opq"),
        F("data/dir/c", "c\n"),
    ]


def layer_last():
    """Layer 4: remove a whole directory, file->directory, re-add under opaque dir."""
    return [
        D("data/"),
        WH("data/.wh.rmdir"),
        D("data/replaced/"),
        F("data/replaced/inner", "inner\n"),
        D("data/dir/"),
        F("data/dir/b", "b again\n"),
        F("data/new", "new in layer 4\n"),
    ]


def cmd_layers(lay, base, new):
    manifest, config = lay.image(base)
    if len(manifest["layers"]) != 1:
        raise SystemExit("base image must have exactly one layer")
    cfg = copy.deepcopy(config)
    inner = cfg.setdefault("config", {})
    inner["Env"] = list(inner.get("Env") or []) + ["RPOD_IMAGE=layers"]
    inner["WorkingDir"] = "/data"
    inner.setdefault("Labels", {})["org.rpod.test"] = "layers"
    layers = list(manifest["layers"])           # layer 1: the busybox blob itself
    history = list(cfg.get("history") or [])
    steps = [
        (layer_data(), "rpod test: /data tree (owners, modes, links, xattrs, fifo)"),
        (None, "ENV RPOD_IMAGE=layers"),
        (layer_whiteouts(), "rpod test: whiteout /data/gone, opaque /data/dir"),
        (layer_last(), "rpod test: remove /data/rmdir, file->dir /data/replaced"),
    ]
    for entries, created_by in steps:
        if entries is None:
            history.append({"created": CREATED, "created_by": created_by, "empty_layer": True})
            continue
        desc, diff_id = lay.add_layer(make_tar(entries))
        layers.append(desc)
        cfg["rootfs"]["diff_ids"].append(diff_id)
        history.append({"created": CREATED, "created_by": created_by})
    cfg["history"] = history
    lay.write_image(cfg, layers, tag=new)


def cmd_multiarch(lay, base, new):
    manifest, config = lay.image(base)
    entries = []
    for arch, variant in (("amd64", None), ("arm64", "v8")):
        desc, diff_id = lay.add_layer(make_tar([D("etc/"), F("etc/rpod-arch", arch + "\n")]))
        cfg = copy.deepcopy(config)
        cfg["architecture"] = arch
        cfg.pop("variant", None)
        if variant:
            cfg["variant"] = variant
        cfg.setdefault("config", {}).setdefault("Labels", {})["org.rpod.test"] = "multiarch-" + arch
        cfg["rootfs"]["diff_ids"].append(diff_id)
        cfg.setdefault("history", []).append(
            {"created": CREATED, "created_by": f"rpod test: /etc/rpod-arch = {arch}"})
        mdesc = lay.write_image(cfg, list(manifest["layers"]) + [desc])
        platform = {"architecture": arch, "os": "linux"}
        if variant:
            platform["variant"] = variant
        mdesc["platform"] = platform
        entries.append(mdesc)
    index = {"schemaVersion": 2, "mediaType": MT_INDEX, "manifests": entries}
    lay.tag(new, lay.put(dumps(index), MT_INDEX))


def cmd_plain(lay, base, new):
    manifest, _ = lay.image(base)
    layers = []
    for l in manifest["layers"]:
        data = gzip.decompress(lay.get(l["digest"]))
        layers.append(lay.put(data, MT_TAR))
    m = dict(manifest, layers=layers)
    lay.tag(new, lay.put(dumps(m), MT_MANIFEST))


def cmd_hostile(lay):
    def one(tag, entries, what):
        desc, diff_id = lay.add_layer(make_tar(entries))
        lay.write_image(bare_config([diff_id], "rpod test: " + what), [desc], tag=tag)

    one("hostile-dotdot", [F("../escape", "escaped\n")], "entry ../escape")
    one("hostile-absolute", [F("/abs-escape", "escaped\n")], "entry /abs-escape")
    one("hostile-symlink", [SYM("evil", "/tmp"), F("evil/owned", "owned\n")],
        "symlink evil -> /tmp, then evil/owned")
    one("hostile-symlink-rel", [SYM("up", "../../.."), F("up/owned", "owned\n")],
        "symlink up -> ../../.., then up/owned")
    one("hostile-hardlink", [HARD("hl", "../../../etc/passwd")],
        "hardlink hl -> ../../../etc/passwd")

    # bad-diffid: a valid layer, but the config names another diff_id.
    desc, diff_id = lay.add_layer(make_tar([F("hello", "hello\n")]))
    wrong = sha256(b"this is not the layer")
    assert wrong != diff_id
    lay.write_image(bare_config([wrong], "rpod test: wrong diff_id"), [desc], tag="bad-diffid")

    one("bad-highuid", [F("high", "high\n", uid=200000, gid=200000)],
        "file owned by 200000:200000")

    # bad-notar: gzip of random bytes that are not a tar; digests all match.
    junk = random.Random(20011).randbytes(4096)
    desc = lay.put(gz(junk), MT_TGZ)
    lay.write_image(bare_config([sha256(junk)], "rpod test: not a tar"), [desc], tag="bad-notar")


def cmd_procsymlink(lay, base, new):
    """busybox plus a layer that turns /proc into a symlink to /tmp: a runtime
    must refuse to mount proc through it."""
    manifest, config = lay.image(base)
    cfg = copy.deepcopy(config)
    desc, diff_id = lay.add_layer(make_tar([SYM("proc", "/tmp")]))
    cfg["rootfs"]["diff_ids"].append(diff_id)
    cfg.setdefault("history", []).append({"created": CREATED, "created_by": "rpod test: /proc -> /tmp"})
    lay.write_image(cfg, list(manifest["layers"]) + [desc], tag=new)


# Where hostile-passwd-host's symlinks point; build.sh creates both files on
# the host (they name a user and group "hostonly" that busybox lacks).
HOST_PASSWD = "/var/lib/rpod-test/host-passwd"
HOST_GROUP_REL = "../../../../../var/lib/rpod-test/host-group"
BUSYBOX_PASSWD = ("root:x:0:0:root:/root:/bin/sh\n"
                  "app:x:1000:1000:app:/home/app:/bin/sh\n"
                  "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
HUGE_LINE = b"a:x:1:1::/:/bin/sh\n"
HUGE_SIZE = 64 << 20      # at least 64 MiB: whole lines, so a little more


def derive(lay, base, tag, entries, created_by, config=None):
    """busybox (BASE) plus one layer of ENTRIES (None: no layer, only a
    history entry marked empty_layer); CONFIG(cfg["config"]) edits the
    runtime config in place."""
    manifest, base_cfg = lay.image(base)
    cfg = copy.deepcopy(base_cfg)
    if config:
        config(cfg.setdefault("config", {}))
    layers = list(manifest["layers"])
    hist = {"created": CREATED, "created_by": "rpod test: " + created_by}
    if entries is None:
        hist["empty_layer"] = True
    else:
        desc, diff_id = lay.add_layer(make_tar(entries))
        layers.append(desc)
        cfg["rootfs"]["diff_ids"].append(diff_id)
    cfg.setdefault("history", []).append(hist)
    lay.write_image(cfg, layers, tag=tag)


def cmd_hostile_derived(lay, base):
    """Images for the escape suite (issue 12): busybox plus one hostile change
    each.  README.md lists what each holds."""
    def workdir(c):
        # runc CVE-2024-21626: a leaked host fd as the working directory.
        c["WorkingDir"] = "/proc/self/fd/4"
        c["Cmd"] = ["sh", "-c", "pwd; ls ../../../../../../.. ; "
                    "cat ../../../../../../../../tmp/rpod-escape-secret"]
    derive(lay, base, "hostile-workdir-fd", None,
           "WORKDIR /proc/self/fd/4 (CVE-2024-21626)", workdir)
    derive(lay, base, "hostile-passwd-zero", [D("etc/"), SYM("etc/passwd", "/dev/zero")],
           "/etc/passwd -> /dev/zero")
    derive(lay, base, "hostile-passwd-fifo", [D("etc/"), FIFO("etc/passwd")],
           "/etc/passwd is a fifo")
    derive(lay, base, "hostile-passwd-host",
           [D("etc/"), SYM("etc/passwd", HOST_PASSWD), SYM("etc/group", HOST_GROUP_REL)],
           f"/etc/passwd -> {HOST_PASSWD}, /etc/group -> {HOST_GROUP_REL}")
    lines = -(-HUGE_SIZE // len(HUGE_LINE))
    derive(lay, base, "hostile-passwd-huge", [D("etc/"), F("etc/passwd", HUGE_LINE * lines)],
           f"/etc/passwd is {lines} lines of {HUGE_LINE.decode().strip()}")
    derive(lay, base, "hostile-wh-dot", [WH(".wh.."), D("etc/"), WH("etc/.wh..")],
           "whiteouts .wh.. and etc/.wh..")
    derive(lay, base, "hostile-wh-dotdot", [WH(".wh..."), D("etc/"), WH("etc/.wh...")],
           "whiteouts .wh... and etc/.wh...")
    derive(lay, base, "hostile-devices",
           [D("dev/"), CHR("dev/evil", 1, 3), BLK("dev/sda", 8, 0),
            D("etc/"), F("etc/passwd", BUSYBOX_PASSWD)],
           "device nodes dev/evil (c 1:3) and dev/sda (b 8:0)")

    def mountlink(c):
        # An image VOLUME whose path passes through a symlink.
        c["Volumes"] = {"/evil/imgvol": {}}
    # CVE-2021-30465 class: mount destinations that are, or pass through,
    # symlinks to host paths (absolute, relative, dangling).
    derive(lay, base, "hostile-mountlink",
           [D("tmp/", mode=0o1777), D("tmp/rpod-mount-escape/"),
            D("tmp/rpod-mount-escape/imgvol/"), F("tmp/rpod-mount-escape/imgvol/seed", b"seed\n"),
            SYM("evil", "/tmp/rpod-mount-escape"),
            SYM("evil-rel", "../../../../../../../../tmp/rpod-mount-escape"),
            SYM("evil-dangling", "/tmp/rpod-mount-escape-dangling")],
           "mount destinations through symlinks (CVE-2021-30465)", mountlink)
    # The network's per-start files (/etc/hosts, resolv.conf, hostname) are
    # bound over whatever the image has there: here symlinks out of the
    # root (absolute, climbing, and dangling).
    derive(lay, base, "hostile-netfiles",
           [D("etc/"),
            SYM("etc/hosts", "/tmp/rpod-netfile-escape/hosts"),
            SYM("etc/resolv.conf", "../../../../../../../../tmp/rpod-netfile-escape/resolv.conf"),
            SYM("etc/hostname", "/tmp/rpod-netfile-escape/hostname")],
           "network files as symlinks out of the root")


def cmd_single(lay, tag, layer_path, diff_id, cmd, label, created_by):
    with open(layer_path, "rb") as f:
        h = hashlib.sha256()
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    desc = lay.put_file(layer_path, "sha256:" + h.hexdigest(), MT_TGZ)
    cfg = bare_config([diff_id], created_by,
                      cfg={"Env": [PATH_ENV], "Cmd": [cmd], "Labels": {"org.rpod.test": label}})
    lay.write_image(cfg, [desc], tag=tag)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    cmd, lay = argv[1], Layout(argv[2])
    args = argv[3:]
    if cmd == "layers":
        cmd_layers(lay, *args)
    elif cmd == "multiarch":
        cmd_multiarch(lay, *args)
    elif cmd == "plain":
        cmd_plain(lay, *args)
    elif cmd == "hostile":
        cmd_hostile(lay)
    elif cmd == "procsymlink":
        cmd_procsymlink(lay, *args)
    elif cmd == "hostile-derived":
        cmd_hostile_derived(lay, *args)
    elif cmd == "single":
        cmd_single(lay, *args)
    elif cmd == "digest":
        print(lay.resolve(args[0])["digest"])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
