//! What `-v/--volume`, `--mount` and `--tmpfs` ask for, parsed into
//! [`MountRequest`]s with Podman's syntax and defaults. Pure parsing: no file
//! system access except making a relative bind source absolute. The engine
//! resolves volume names to directories and checks that bind sources exist;
//! the spec lists the result; the runtime resolves each destination inside
//! the container's root.

use serde::{Deserialize, Serialize};

/// The kind of a mount request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    /// A host file or directory.
    #[default]
    Bind,
    /// A named (or, with an empty source, anonymous) volume.
    Volume,
    /// A fresh tmpfs.
    Tmpfs,
    /// A new devpts instance (`--mount type=devpts`): its own ptys.
    Devpts,
    /// An image's layers (`--mount type=image`), read-only unless `rw=true`
    /// (then over a scratch layer discarded at every start).
    Image,
}

/// One mount the user asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MountRequest {
    pub kind: MountKind,
    /// Bind: an absolute host path. Volume: its name (empty: anonymous, until
    /// the engine names it). Tmpfs, devpts: empty. Image: the image as the
    /// user named it (in a spec's request: its layer directories, top first,
    /// joined by `:`).
    pub source: String,
    /// Absolute path inside the container.
    pub destination: String,
    /// Normalised options: `ro`, `nosuid`, `nodev`, `noexec`, a propagation
    /// name, `norbind` (a non-recursive bind), `size=`/`mode=` for tmpfs,
    /// `nocopy` (no copy-up for a volume), `U` (chown the source to the
    /// container's user at start), `O` (an overlay over a host directory,
    /// with `upperdir=`/`workdir=` when the changes are to be kept);
    /// devpts: `uid=`, `gid=`, `mode=`, `ptmxmode=`, `max=`.
    pub options: Vec<String>,
    /// An anonymous volume (made for this container; removed with it by
    /// `rm -v` and `--rm`).
    pub anonymous: bool,
}

impl MountRequest {
    pub fn read_only(&self) -> bool {
        self.options.iter().any(|o| o == "ro")
    }
}

const PROPAGATION: &[&str] = &["private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable"];

/// Validate an absolute container path.
fn destination(d: &str, what: &str) -> Result<String, String> {
    if !d.starts_with('/') {
        return Err(format!("invalid container path {d:?} in {what}: it must be absolute"));
    }
    if d.contains('\0') {
        return Err(format!("invalid container path in {what}: NUL byte"));
    }
    Ok(d.to_string())
}

/// Whether `-v SOURCE:...` names a host path (absolute, or relative with a
/// leading `.`) rather than a volume.
fn is_path(s: &str) -> bool {
    s.starts_with('/') || s.starts_with('.')
}

fn host_path(s: &str, what: &str) -> Result<String, String> {
    let p = std::path::absolute(s).map_err(|e| format!("invalid host path {s:?} in {what}: {e}"))?;
    Ok(p.display().to_string())
}

/// Valid volume names: as container names (Podman's rule).
pub fn valid_volume_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 253 && n.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) && n.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Add one `-v`-style option to `out`, checking it. `z`/`Z` (SELinux
/// relabelling) are accepted and dropped: there is no SELinux here.
fn volume_option(o: &str, out: &mut Vec<String>, what: &str) -> Result<(), String> {
    let push = |out: &mut Vec<String>, v: &str| {
        out.retain(|x| x != v);
        out.push(v.to_string());
    };
    match o {
        "ro" | "readonly" => {
            out.retain(|x| x != "rw");
            push(out, "ro")
        }
        "rw" => out.retain(|x| x != "ro"),
        "z" | "Z" => {}
        "nosuid" | "nodev" | "noexec" => push(out, o),
        "suid" | "dev" | "exec" => out.retain(|x| x != &format!("no{o}")),
        "rbind" => out.retain(|x| x != "norbind"),
        "bind" => push(out, "norbind"),
        "nocopy" => push(out, "nocopy"),
        "copy" => out.retain(|x| x != "nocopy"),
        p if PROPAGATION.contains(&p) => {
            out.retain(|x| !PROPAGATION.contains(&x.as_str()));
            out.push(p.to_string())
        }
        "U" | "O" => push(out, o),
        _ if o.starts_with("upperdir=") || o.starts_with("workdir=") => {
            let (k, v) = o.split_once('=').unwrap_or((o, ""));
            let v = overlay_dir(v, k, what)?;
            out.retain(|x| !x.starts_with(&format!("{k}=")));
            out.push(format!("{k}={v}"));
        }
        "idmap" => return Err(IDMAP_REFUSED.replace("{what}", what)),
        other if other.starts_with("idmap=") => return Err(IDMAP_REFUSED.replace("{what}", what)),
        other => {
            return Err(format!(
                "invalid option {other:?} in {what}: use ro, rw, z, Z, nosuid, nodev, noexec, a propagation (rprivate, rshared, ...), bind or rbind"
            ))
        }
    }
    Ok(())
}

/// Why `idmap` is refused: an idmapped mount needs CAP_SYS_ADMIN in the
/// user namespace that owns the source's file system, and every file system
/// an unprivileged user can name on the host (ext4, xfs, btrfs, tmpfs, even
/// FUSE mounted through fusermount) belongs to the initial namespace
/// (measured here: EPERM for the host's ext4; docs/decisions.md).
const IDMAP_REFUSED: &str = "the volume option \"idmap\" in {what} cannot work rootless: the kernel allows idmapped mounts only to root in the user namespace that owns the source's file system, which for host directories is the host's (use U to chown the source, or --userns=keep-id)";

/// Characters that would end a path early in overlay's mount options (or
/// inject further options: `,upperdir=...`).
pub const OVERLAY_UNSAFE: &[char] = &[',', ':', '\\', '\n'];

fn overlay_dir(v: &str, k: &str, what: &str) -> Result<String, String> {
    if !v.starts_with('/') {
        return Err(format!("invalid {k} {v:?} in {what}: it must be an absolute path"));
    }
    if v.contains(OVERLAY_UNSAFE) || v.contains('\0') {
        return Err(format!("invalid {k} {v:?} in {what}: overlay paths cannot contain ',', ':', '\\' or control characters"));
    }
    Ok(v.to_string())
}

/// The checks that span options: `O` is for host directories, with both
/// of `upperdir=`/`workdir=` or neither, and not with `U`.
fn check_combination(kind: MountKind, options: &[String], what: &str) -> Result<(), String> {
    let has = |o: &str| options.iter().any(|x| x == o);
    let has_prefix = |p: &str| options.iter().any(|x| x.starts_with(p));
    let (upper, work) = (has_prefix("upperdir="), has_prefix("workdir="));
    if (upper || work) && !has("O") {
        return Err(format!("upperdir= and workdir= in {what} apply to overlay mounts (the O option) only"));
    }
    if upper != work {
        return Err(format!("invalid {what}: an overlay mount needs both upperdir= and workdir=, or neither (then its changes are discarded)"));
    }
    if has("O") && kind != MountKind::Bind {
        return Err(format!("the option \"O\" in {what} applies to host directories only"));
    }
    if has("O") && has("U") {
        return Err(format!("the options \"O\" and \"U\" in {what} cannot be combined by rpod"));
    }
    if has("U") && kind == MountKind::Tmpfs {
        return Err(format!("the option \"U\" in {what} applies to bind mounts and volumes only"));
    }
    Ok(())
}

/// Parse `-v/--volume`: `HOST-DIR:CTR-DIR[:OPTIONS]`, `NAME:CTR-DIR[:OPTIONS]`
/// or `CTR-DIR` (an anonymous volume).
pub fn parse_volume(spec: &str) -> Result<MountRequest, String> {
    let what = format!("--volume {spec:?}");
    let parts: Vec<&str> = spec.split(':').collect();
    let (source, dest, opts) = match parts.as_slice() {
        [d] => ("", *d, ""),
        [s, d] if d.starts_with('/') => (*s, *d, ""),
        // `/ctr:ro`: an anonymous volume with options.
        [d, o] if d.starts_with('/') && !o.starts_with('/') => ("", *d, *o),
        [s, d, o] => (*s, *d, *o),
        _ => return Err(format!("incorrect volume format {spec:?}: use SOURCE:DESTINATION[:OPTIONS]")),
    };
    if parts.len() > 1 && source.is_empty() && parts.len() != 2 {
        return Err(format!("incorrect volume format {spec:?}: the source is empty"));
    }
    let destination = destination(dest, &what)?;
    let mut options = Vec::new();
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        volume_option(o, &mut options, &what)?;
    }
    let (kind, source) = if source.is_empty() {
        (MountKind::Volume, String::new())
    } else if is_path(source) {
        (MountKind::Bind, host_path(source, &what)?)
    } else if valid_volume_name(source) {
        (MountKind::Volume, source.to_string())
    } else {
        return Err(format!("invalid volume name {source:?} in {what}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*, paths must be absolute"));
    };
    if kind == MountKind::Bind && options.iter().any(|o| o == "nocopy") {
        return Err(format!("the option \"nocopy\" in {what} applies to volumes only"));
    }
    check_combination(kind, &options, &what)?;
    Ok(MountRequest { kind, source, destination, options, anonymous: false })
}

/// Parse `--tmpfs PATH[:OPTIONS]`. Podman's defaults: `rw,noexec,nosuid,nodev`.
pub fn parse_tmpfs(spec: &str) -> Result<MountRequest, String> {
    let what = format!("--tmpfs {spec:?}");
    let (dest, opts) = spec.split_once(':').unwrap_or((spec, ""));
    let destination = destination(dest, &what)?;
    let mut options: Vec<String> = ["noexec", "nosuid", "nodev"].iter().map(|s| s.to_string()).collect();
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        tmpfs_option(o, &mut options, &what)?;
    }
    Ok(MountRequest { kind: MountKind::Tmpfs, source: String::new(), destination, options, anonymous: false })
}

fn tmpfs_option(o: &str, out: &mut Vec<String>, what: &str) -> Result<(), String> {
    let (k, v) = o.split_once('=').unwrap_or((o, ""));
    match k {
        "size" | "mode" | "nr_inodes" | "uid" | "gid" if !v.is_empty() => {
            if k == "mode" && u32::from_str_radix(v, 8).is_err() {
                return Err(format!("invalid tmpfs mode {v:?} in {what}: use octal"));
            }
            if k == "size" && !valid_size(v) {
                return Err(format!("invalid tmpfs size {v:?} in {what}: use a number with an optional k, m, g or % suffix"));
            }
            out.retain(|x| !x.starts_with(&format!("{k}=")));
            out.push(o.to_string());
        }
        "tmpcopyup" | "notmpcopyup" | "z" | "Z" => {}
        "U" | "O" => return Err(format!("invalid tmpfs option {o:?} in {what}: it applies to bind mounts and volumes")),
        _ if k == "upperdir" || k == "workdir" => return Err(format!("invalid tmpfs option {o:?} in {what}")),
        _ => volume_option(o, out, what).map_err(|_| format!("invalid tmpfs option {o:?} in {what}"))?,
    }
    Ok(())
}

pub fn valid_size(v: &str) -> bool {
    let digits = v.trim_end_matches(['k', 'K', 'm', 'M', 'g', 'G', '%']);
    !digits.is_empty() && digits.len() + 1 >= v.len() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Parse `--mount type=bind|volume|tmpfs,KEY=VALUE,...` (Podman's keys).
pub fn parse_mount(spec: &str) -> Result<MountRequest, String> {
    let what = format!("--mount {spec:?}");
    let mut kind = None;
    let mut source = String::new();
    let mut dest = None;
    let mut options = Vec::new();
    let mut fields = Vec::new();
    for f in spec.split(',').filter(|f| !f.is_empty()) {
        let (k, v) = match f.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (f, None),
        };
        if k == "type" {
            kind = Some(match v {
                Some("bind") => MountKind::Bind,
                Some("volume") => MountKind::Volume,
                Some("tmpfs") => MountKind::Tmpfs,
                Some("devpts") => MountKind::Devpts,
                Some("image") => MountKind::Image,
                Some(t @ ("glob" | "ramfs" | "artifact")) => return Err(format!("--mount type={t} is not supported by rpod yet")),
                _ => return Err(format!("invalid mount type in {what}: use type=bind, type=volume, type=tmpfs, type=image or type=devpts")),
            });
        } else {
            fields.push((k, v));
        }
    }
    let kind = kind.ok_or_else(|| format!("invalid {what}: type= is required (bind, volume, tmpfs, image or devpts)"))?;
    if matches!(kind, MountKind::Devpts | MountKind::Image) {
        return parse_special(kind, &fields, &what);
    }
    if kind == MountKind::Tmpfs {
        options.extend(["noexec", "nosuid", "nodev"].iter().map(|s| s.to_string()));
    }
    let flag = |v: Option<&str>, k: &str| -> Result<bool, String> {
        match v {
            None | Some("true") | Some("1") => Ok(true),
            Some("false") | Some("0") => Ok(false),
            Some(x) => Err(format!("invalid value {x:?} for {k} in {what}: use true or false")),
        }
    };
    for (k, v) in fields {
        let need = |v: Option<&str>| v.filter(|v| !v.is_empty()).map(str::to_string).ok_or_else(|| format!("{k} in {what} needs a value"));
        match (k, kind) {
            ("src" | "source", MountKind::Bind | MountKind::Volume) => source = need(v)?,
            ("dst" | "destination" | "target", _) => dest = Some(need(v)?),
            ("ro" | "readonly", _) => volume_option(if flag(v, k)? { "ro" } else { "rw" }, &mut options, &what)?,
            ("rw", _) => volume_option(if flag(v, k)? { "rw" } else { "ro" }, &mut options, &what)?,
            ("nosuid" | "nodev" | "noexec" | "suid" | "dev" | "exec" | "z" | "Z", _) if v.is_none() => volume_option(k, &mut options, &what)?,
            ("relabel", _) => {
                need(v)?;
            }
            ("consistency", _) => {}
            ("bind-propagation", MountKind::Bind) => {
                let p = need(v)?;
                if !PROPAGATION.contains(&p.as_str()) {
                    return Err(format!("invalid bind-propagation {p:?} in {what}"));
                }
                volume_option(&p, &mut options, &what)?
            }
            ("bind-nonrecursive", MountKind::Bind) => {
                if flag(v, k)? {
                    volume_option("bind", &mut options, &what)?
                }
            }
            ("volume-nocopy" | "nocopy", MountKind::Volume) => {
                if flag(v, k)? {
                    options.push("nocopy".into())
                }
            }
            ("volume-opt" | "volume-label" | "volume-driver", MountKind::Volume) => {
                return Err(format!("{k} in {what} is not supported by rpod yet: create the volume first with `rpod volume create`"))
            }
            ("tmpfs-size", MountKind::Tmpfs) => tmpfs_option(&format!("size={}", need(v)?), &mut options, &what)?,
            ("tmpfs-mode", MountKind::Tmpfs) => tmpfs_option(&format!("mode={}", need(v)?), &mut options, &what)?,
            ("tmpcopyup" | "notmpcopyup", MountKind::Tmpfs) => {}
            ("U" | "chown", MountKind::Bind | MountKind::Volume) => {
                if flag(v, k)? {
                    volume_option("U", &mut options, &what)?
                }
            }
            ("idmap" | "idmap-options", _) => return Err(IDMAP_REFUSED.replace("{what}", &what)),
            _ => return Err(format!("invalid option {k:?} for a {} mount in {what}", format!("{kind:?}").to_lowercase())),
        }
    }
    let destination = destination(&dest.ok_or_else(|| format!("invalid {what}: target= is required"))?, &what)?;
    let source = match kind {
        MountKind::Bind if source.is_empty() => return Err(format!("invalid {what}: source= is required for a bind mount")),
        MountKind::Bind => host_path(&source, &what)?,
        MountKind::Volume if !source.is_empty() && !valid_volume_name(&source) => {
            return Err(format!("invalid volume name {source:?} in {what}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*"))
        }
        _ => source,
    };
    check_combination(kind, &options, &what)?;
    Ok(MountRequest { kind, source, destination, options, anonymous: false })
}

/// The keys of `--mount type=devpts` (`uid`, `gid`, `mode`, `ptmxmode`,
/// `max`: devpts's own options) and `type=image` (`source`, `rw`), as
/// Podman's. A devpts mount is always a new instance (its own ptys); an
/// image mount is read-only unless `rw=true`.
fn parse_special(kind: MountKind, fields: &[(&str, Option<&str>)], what: &str) -> Result<MountRequest, String> {
    let mut source = String::new();
    let mut dest = None;
    let mut options = Vec::new();
    let mut rw = false;
    for &(k, v) in fields {
        let need = || v.filter(|v| !v.is_empty()).map(str::to_string).ok_or_else(|| format!("{k} in {what} needs a value"));
        match (k, kind) {
            ("dst" | "destination" | "target", _) => dest = Some(need()?),
            ("uid" | "gid" | "max", MountKind::Devpts) => {
                let n = need()?;
                if n.parse::<u32>().is_err() {
                    return Err(format!("invalid {k} {n:?} in {what}: use a number"));
                }
                options.retain(|o: &String| !o.starts_with(&format!("{k}=")));
                options.push(format!("{k}={n}"));
            }
            ("mode" | "ptmxmode", MountKind::Devpts) => {
                let n = need()?;
                if u32::from_str_radix(&n, 8).map_or(true, |m| m > 0o7777) {
                    return Err(format!("invalid {k} {n:?} in {what}: use octal"));
                }
                options.retain(|o: &String| !o.starts_with(&format!("{k}=")));
                options.push(format!("{k}={n}"));
            }
            ("src" | "source", MountKind::Image) => source = need()?,
            ("rw" | "readwrite", MountKind::Image) => {
                rw = match v {
                    None | Some("true") | Some("1") => true,
                    Some("false") | Some("0") => false,
                    Some(x) => return Err(format!("invalid value {x:?} for {k} in {what}: use true or false")),
                }
            }
            ("consistency", MountKind::Image) => {}
            _ => return Err(format!("invalid option {k:?} for a {} mount in {what}", format!("{kind:?}").to_lowercase())),
        }
    }
    let destination = destination(&dest.ok_or_else(|| format!("invalid {what}: target= is required"))?, what)?;
    if kind == MountKind::Image {
        if source.is_empty() {
            return Err(format!("invalid {what}: source= (an image) is required for an image mount"));
        }
        if !rw {
            options.push("ro".into());
        }
    } else {
        options.insert(0, "newinstance".into());
    }
    Ok(MountRequest { kind, source, destination, options, anonymous: false })
}

/// Sort requests so a mount comes after the mounts of its parent
/// directories (Podman sorts by path depth); ties keep their order. Two
/// requests for the same destination are an error.
pub fn sort_and_check(reqs: &mut [MountRequest]) -> Result<(), String> {
    let norm = |d: &str| -> String {
        let c: Vec<&str> = d.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
        format!("/{}", c.join("/"))
    };
    for r in reqs.iter_mut() {
        r.destination = norm(&r.destination);
    }
    for (i, a) in reqs.iter().enumerate() {
        if reqs[..i].iter().any(|b| b.destination == a.destination) {
            return Err(format!("duplicate mount destination {:?}", a.destination));
        }
    }
    reqs.sort_by_key(|r| r.destination.split('/').filter(|c| !c.is_empty()).count());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn volume_flag() {
        let m = parse_volume("/src:/dst").unwrap();
        assert_eq!((m.kind, m.source.as_str(), m.destination.as_str()), (MountKind::Bind, "/src", "/dst"));
        assert!(m.options.is_empty());
        let m = parse_volume("/src:/dst:ro,Z,nosuid,rshared,z").unwrap();
        assert_eq!(m.options, opts(&["ro", "nosuid", "rshared"]));
        assert!(m.read_only());
        let m = parse_volume("/src:/dst:ro,rw,private,slave").unwrap();
        assert_eq!(m.options, opts(&["slave"]));
        let m = parse_volume("data:/var/lib/data").unwrap();
        assert_eq!((m.kind, m.source.as_str()), (MountKind::Volume, "data"));
        let m = parse_volume("/anon").unwrap();
        assert_eq!((m.kind, m.source.as_str(), m.destination.as_str()), (MountKind::Volume, "", "/anon"));
        let m = parse_volume("/anon:ro").unwrap();
        assert_eq!((m.kind, m.destination.as_str(), m.read_only()), (MountKind::Volume, "/anon", true));
        let m = parse_volume("./rel:/dst").unwrap();
        assert!(m.source.starts_with('/') && m.source.ends_with("/rel"), "{}", m.source);
        for bad in ["src:rel", "/a:/b:bogus", "/a:/b:ro:x", "bad name!:/x", "/a:/b:idmap", ":/x:ro", "/a:/b:nocopy"] {
            assert!(parse_volume(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn chown_and_overlay_options() {
        let m = parse_volume("/src:/dst:U,ro").unwrap();
        assert_eq!(m.options, opts(&["U", "ro"]));
        let m = parse_volume("vol:/dst:U").unwrap();
        assert_eq!((m.kind, m.options.clone()), (MountKind::Volume, opts(&["U"])));
        let m = parse_volume("/src:/dst:O").unwrap();
        assert_eq!(m.options, opts(&["O"]));
        let m = parse_volume("/src:/dst:O,upperdir=/u,workdir=/w").unwrap();
        assert_eq!(m.options, opts(&["O", "upperdir=/u", "workdir=/w"]));
        assert_eq!(parse_mount("type=bind,src=/s,dst=/d,U=true").unwrap().options, opts(&["U"]));
        assert_eq!(parse_mount("type=volume,src=v,dst=/d,chown").unwrap().options, opts(&["U"]));
        for bad in [
            "vol:/dst:O",
            "/anon:O",
            "/s:/d:O,U",
            "/s:/d:O,upperdir=/u",
            "/s:/d:upperdir=/u,workdir=/w",
            "/s:/d:O,upperdir=rel,workdir=/w",
            // Option injection into overlay's mount data (CWE-88 class).
            "/s:/d:O,upperdir=/u\\,lowerdir=/etc,workdir=/w",
        ] {
            assert!(parse_volume(bad).is_err(), "{bad}");
        }
        for bad in ["/a:/b:idmap", "/a:/b:idmap=uids=0-1-1"] {
            let e = parse_volume(bad).unwrap_err();
            assert!(e.contains("cannot work rootless") && !e.contains('\n'), "{e}");
        }
        assert!(parse_mount("type=bind,src=/s,dst=/d,idmap").unwrap_err().contains("cannot work rootless"));
        assert!(parse_tmpfs("/t:U").is_err() && parse_tmpfs("/t:O").is_err());
    }

    #[test]
    fn tmpfs_flag() {
        let m = parse_tmpfs("/run/x").unwrap();
        assert_eq!((m.kind, m.options.clone()), (MountKind::Tmpfs, opts(&["noexec", "nosuid", "nodev"])));
        let m = parse_tmpfs("/t:size=64m,mode=1777,exec,ro").unwrap();
        assert_eq!(m.options, opts(&["nosuid", "nodev", "size=64m", "mode=1777", "ro"]));
        for bad in ["rel", "/t:mode=999", "/t:size=lots", "/t:bogus"] {
            assert!(parse_tmpfs(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mount_flag() {
        let m = parse_mount("type=bind,source=/s,target=/d,readonly,bind-propagation=rslave").unwrap();
        assert_eq!((m.kind, m.source.as_str(), m.destination.as_str()), (MountKind::Bind, "/s", "/d"));
        assert_eq!(m.options, opts(&["ro", "rslave"]));
        let m = parse_mount("type=bind,src=/s,dst=/d,ro=false,bind-nonrecursive=true").unwrap();
        assert_eq!(m.options, opts(&["norbind"]));
        let m = parse_mount("type=volume,source=v1,destination=/d,ro=true").unwrap();
        assert_eq!((m.kind, m.source.as_str(), m.read_only()), (MountKind::Volume, "v1", true));
        let m = parse_mount("type=volume,target=/anon").unwrap();
        assert_eq!((m.kind, m.source.as_str()), (MountKind::Volume, ""));
        let m = parse_mount("type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=700").unwrap();
        assert_eq!(m.options, opts(&["noexec", "nosuid", "nodev", "size=1m", "mode=700"]));
        for bad in [
            "source=/s,target=/d",
            "type=bind,target=/d",
            "type=bind,source=/s",
            "type=tmpfs,source=/s,target=/d",
            "type=bind,source=/s,target=/d,tmpfs-size=1m",
            "type=weird,target=/d",
            "type=image,target=/d",
            "type=image,source=x,target=/d,ro",
            "type=devpts,target=/d,uid=x",
            "type=devpts,target=/d,mode=999",
            "type=devpts,target=/d,source=/x",
            "type=devpts",
            "type=bind,source=/s,target=/d,ro=maybe",
            "type=volume,source=bad/name,target=/d",
        ] {
            assert!(parse_mount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn devpts_and_image_mounts() {
        let m = parse_mount("type=devpts,destination=/dev/pts2,uid=0,gid=5,mode=620,ptmxmode=0666,max=10").unwrap();
        assert_eq!((m.kind, m.destination.as_str()), (MountKind::Devpts, "/dev/pts2"));
        assert_eq!(m.options, opts(&["newinstance", "uid=0", "gid=5", "mode=620", "ptmxmode=0666", "max=10"]));
        let m = parse_mount("type=image,source=busybox,destination=/img").unwrap();
        assert_eq!((m.kind, m.source.as_str(), m.read_only()), (MountKind::Image, "busybox", true));
        let m = parse_mount("type=image,src=busybox,dst=/img,rw=true").unwrap();
        assert!(!m.read_only());
    }

    #[test]
    fn sorted_by_depth_duplicates_refused() {
        let mut v = vec![parse_volume("/a:/x/y/z").unwrap(), parse_tmpfs("/x").unwrap(), parse_volume("/b:/x/y/").unwrap()];
        sort_and_check(&mut v).unwrap();
        let d: Vec<&str> = v.iter().map(|m| m.destination.as_str()).collect();
        assert_eq!(d, ["/x", "/x/y", "/x/y/z"]);
        let mut v = vec![parse_volume("/a:/x").unwrap(), parse_tmpfs("/x/").unwrap()];
        assert!(sort_and_check(&mut v).is_err());
    }
}
