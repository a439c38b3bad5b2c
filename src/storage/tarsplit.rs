//! Tar-split: the byte layout of a layer's tar stream without the contents of
//! its regular files, recorded while the layer is unpacked, so that the very
//! same stream (same diff id) can be written again from the unpacked files
//! when the image is pushed or saved. This is what containers/storage's
//! tar-split does for Podman.
//!
//! The record is a zstd-compressed sequence of
//! - `R` u32-le LEN, LEN bytes: raw bytes of the stream (headers, padding,
//!   extension records, anything that is not a regular file's content);
//! - `F` u64-le SIZE, u32-le LEN, LEN bytes of path: SIZE bytes of content,
//!   to be read from the regular file PATH under the layer directory;
//! - `E`: the end.
//!
//! Not for: hostile input. The record is rpod's own (written in the store);
//! still, files are opened beneath the layer directory without following
//! symlinks, must be regular and exactly SIZE bytes, and the caller checks
//! the digest of what comes out against the layer's diff id.

use std::cell::RefCell;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::rc::Rc;

use nix::fcntl::{openat2, OFlag, OpenHow, ResolveFlag};
use thiserror::Error;

/// Name of the record in a layer's directory (beside `diff/`).
pub const FILE_NAME: &str = "tar-split.zst";

/// Raw bytes not yet known to be raw (a content declaration may still claim
/// them) are held in memory; past this, recording gives up (the layer stays
/// usable, it just cannot be written back bit for bit).
const PENDING_LIMIT: usize = 64 << 20;

#[derive(Debug, Error)]
pub enum TarSplitError {
    #[error("reading the tar layout record {path}: {source}")]
    Record { path: String, source: io::Error },
    #[error("the tar layout record {0} is corrupt")]
    Corrupt(String),
    #[error("layer file {path:?}: {why}")]
    File { path: String, why: String },
    #[error("writing the layer stream: {0}")]
    Write(io::Error),
}

struct State {
    out: Option<zstd::stream::write::Encoder<'static, BufWriter<File>>>,
    /// Bytes from `pending_start` on, not yet written.
    pending: Vec<u8>,
    pending_start: u64,
    /// Total bytes fed.
    fed: u64,
    /// Bytes below this offset are file content: dropped when fed.
    drop_until: u64,
    broken: Option<String>,
}

/// Records the layout of one tar stream. Cloned between the reader that
/// sees every byte ([`Recorder::feed`]) and the unpacker that knows which
/// bytes are file contents ([`Recorder::content`]). Single-threaded.
#[derive(Clone)]
pub struct Recorder(Rc<RefCell<State>>);

impl Recorder {
    /// Start recording into `path` (created, replaced if present).
    pub fn create(path: &Path) -> io::Result<Recorder> {
        let f = File::create(path)?;
        let enc = zstd::stream::write::Encoder::new(BufWriter::with_capacity(256 * 1024, f), 1)?;
        Ok(Recorder(Rc::new(RefCell::new(State { out: Some(enc), pending: Vec::new(), pending_start: 0, fed: 0, drop_until: 0, broken: None }))))
    }

    /// Every byte of the uncompressed stream, in order.
    pub fn feed(&self, data: &[u8]) {
        let mut s = self.0.borrow_mut();
        if s.broken.is_some() {
            return;
        }
        let start = s.fed;
        s.fed += data.len() as u64;
        let skip = (s.drop_until.saturating_sub(start) as usize).min(data.len());
        s.pending.extend_from_slice(&data[skip..]);
        if s.pending.len() > PENDING_LIMIT {
            s.broken = Some("too many bytes between two files".into());
            s.pending = Vec::new();
        }
    }

    /// The stream bytes `[start, start+size)` are the content of the regular
    /// file `path` (relative to the layer root).
    pub fn content(&self, start: u64, size: u64, path: &[u8]) {
        let mut s = self.0.borrow_mut();
        if s.broken.is_some() {
            return;
        }
        let avail_end = s.pending_start + s.pending.len() as u64;
        if start < s.pending_start || start > avail_end {
            s.broken = Some(format!("content of {:?} at an unexpected offset", String::from_utf8_lossy(path)));
            return;
        }
        let k = (start - s.pending_start) as usize;
        let raw: Vec<u8> = s.pending.drain(..k).collect();
        let res = write_raw(&mut s, &raw).and_then(|()| {
            let out = s.out.as_mut().expect("open while not broken");
            out.write_all(b"F")?;
            out.write_all(&size.to_le_bytes())?;
            out.write_all(&(path.len() as u32).to_le_bytes())?;
            out.write_all(path)
        });
        if let Err(e) = res {
            s.broken = Some(e.to_string());
            return;
        }
        let end = start + size;
        let avail_end = start + s.pending.len() as u64;
        if end <= avail_end {
            s.pending.drain(..(end - start) as usize);
        } else {
            s.pending.clear();
            s.drop_until = end;
        }
        s.pending_start = end;
    }

    /// Write what remains and close the record. An error (or an earlier
    /// give-up) removes the record: the layer then has none.
    pub fn finish(self, path: &Path) {
        let mut s = self.0.borrow_mut();
        let res = if let Some(why) = s.broken.take() {
            Err(io::Error::other(why))
        } else {
            let rest = std::mem::take(&mut s.pending);
            write_raw(&mut s, &rest).and_then(|()| {
                let mut out = s.out.take().expect("open while not broken");
                out.write_all(b"E")?;
                let mut w = out.finish()?;
                w.flush()?;
                w.get_ref().sync_data()
            })
        };
        if let Err(e) = res {
            tracing::debug!(path = %path.display(), "not keeping the tar layout: {e}");
            s.out = None;
            let _ = std::fs::remove_file(path);
        }
    }
}

fn write_raw(s: &mut State, raw: &[u8]) -> io::Result<()> {
    let out = s.out.as_mut().expect("open while not broken");
    for chunk in raw.chunks(u32::MAX as usize) {
        if chunk.is_empty() {
            continue;
        }
        out.write_all(b"R")?;
        out.write_all(&(chunk.len() as u32).to_le_bytes())?;
        out.write_all(chunk)?;
    }
    Ok(())
}

/// Write the layer's tar stream again: the record `split`, with file
/// contents read from the layer directory `diff`.
pub fn reassemble(split: &Path, diff: &Path, out: &mut dyn Write) -> Result<(), TarSplitError> {
    let rec_err = |e: io::Error| TarSplitError::Record { path: split.display().to_string(), source: e };
    let corrupt = || TarSplitError::Corrupt(split.display().to_string());
    let f = File::open(split).map_err(rec_err)?;
    let mut r = zstd::stream::read::Decoder::with_buffer(BufReader::with_capacity(256 * 1024, f)).map_err(rec_err)?;
    let root = nix::fcntl::open(diff, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
        .map_err(|e| TarSplitError::File { path: diff.display().to_string(), why: e.to_string() })?;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let mut tag = [0u8; 1];
        r.read_exact(&mut tag).map_err(|_| corrupt())?;
        match tag[0] {
            b'R' => {
                let mut len = [0u8; 4];
                r.read_exact(&mut len).map_err(|_| corrupt())?;
                let mut left = u32::from_le_bytes(len) as usize;
                while left > 0 {
                    let n = left.min(buf.len());
                    r.read_exact(&mut buf[..n]).map_err(|_| corrupt())?;
                    out.write_all(&buf[..n]).map_err(TarSplitError::Write)?;
                    left -= n;
                }
            }
            b'F' => {
                let mut size = [0u8; 8];
                r.read_exact(&mut size).map_err(|_| corrupt())?;
                let size = u64::from_le_bytes(size);
                let mut len = [0u8; 4];
                r.read_exact(&mut len).map_err(|_| corrupt())?;
                let len = u32::from_le_bytes(len) as usize;
                if len > 64 * 1024 {
                    return Err(corrupt());
                }
                let mut path = vec![0u8; len];
                r.read_exact(&mut path).map_err(|_| corrupt())?;
                copy_file(&root, &path, size, &mut buf, out)?;
            }
            b'E' => return Ok(()),
            _ => return Err(corrupt()),
        }
    }
}

fn copy_file(root: &std::os::fd::OwnedFd, path: &[u8], size: u64, buf: &mut [u8], out: &mut dyn Write) -> Result<(), TarSplitError> {
    use std::os::fd::AsFd;
    let err = |why: String| TarSplitError::File { path: String::from_utf8_lossy(path).into_owned(), why };
    let how = OpenHow::new()
        .flags(OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS | ResolveFlag::RESOLVE_NO_MAGICLINKS | ResolveFlag::RESOLVE_NO_XDEV);
    let fd = openat2(root.as_fd(), OsStr::from_bytes(path), how).map_err(|e| err(e.to_string()))?;
    let mut f = File::from(fd);
    let meta = f.metadata().map_err(|e| err(e.to_string()))?;
    if !meta.is_file() {
        return Err(err("not a regular file".into()));
    }
    if meta.len() != size {
        return Err(err(format!("has {} bytes, the layer's tar stream had {size}", meta.len())));
    }
    let mut left = size;
    while left > 0 {
        let want = (left.min(buf.len() as u64)) as usize;
        let n = match f.read(&mut buf[..want]) {
            Ok(0) => return Err(err("shorter than recorded".into())),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(err(e.to_string())),
        };
        out.write_all(&buf[..n]).map_err(TarSplitError::Write)?;
        left -= n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::import::import_layer;
    use crate::storage::unpack::Owners;

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("rpod-tarsplit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("diff")).unwrap();
        d
    }

    #[test]
    fn reproduces_the_stream_bit_for_bit() {
        let mut b = tar::Builder::new(Vec::new());
        let hdr = || {
            let mut h = tar::Header::new_gnu();
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(12345);
            h
        };
        let mut h = hdr();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o755);
        h.set_size(0);
        b.append_data(&mut h, "etc/", io::empty()).unwrap();
        for (name, len) in [("etc/a", 1usize), ("etc/big", 700_000), ("etc/empty", 0), (&"x".repeat(150) as &str, 513)] {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let mut h = hdr();
            h.set_mode(0o644);
            h.set_size(len as u64);
            h.set_mtime(12345);
            b.append_data(&mut h, name, &data[..]).unwrap();
        }
        let mut h = hdr();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_mode(0o777);
        h.set_size(0);
        b.append_link(&mut h, "etc/link", "a").unwrap();
        let mut stream = b.into_inner().unwrap();
        stream.extend_from_slice(&[0u8; 3000]); // padding past the end marker
        let d = tmp("roundtrip");
        let imported = import_layer(&stream[..], &d.join("diff"), Owners::Ignore).unwrap();
        let mut out = Vec::new();
        reassemble(&d.join(FILE_NAME), &d.join("diff"), &mut out).unwrap();
        assert_eq!(out.len(), stream.len());
        assert!(out == stream, "the reassembled stream differs");
        assert_eq!(crate::storage::Digest::of(&out), imported.diff_id);
        // A changed file is refused, not silently written.
        std::fs::write(d.join("diff/etc/a"), b"xy").unwrap();
        let err = reassemble(&d.join(FILE_NAME), &d.join("diff"), &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("etc/a"), "{err}");
        // A symlink planted where a file was is not followed.
        std::fs::remove_file(d.join("diff/etc/a")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", d.join("diff/etc/a")).unwrap();
        assert!(reassemble(&d.join(FILE_NAME), &d.join("diff"), &mut Vec::new()).is_err());
        let _ = std::fs::remove_dir_all(&d);
    }
}
