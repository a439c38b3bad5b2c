//! Turning a layer blob (gzip, zstd or plain tar) into a layer directory,
//! computing its uncompressed digest (the diff id) on the way.
//!
//! Compression is recognised by magic bytes, not trusted from the media type.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use sha2::{Digest as _, Sha256};
use thiserror::Error;

use super::digest::Digest;
use super::tarsplit::Recorder;
use super::unpack::{Owners, UnpackError, UnpackStats, Unpacker};

#[derive(Debug, Error)]
pub enum ImportError {
    #[error(transparent)]
    Unpack(#[from] UnpackError),
    #[error("reading the layer: {0}")]
    Read(#[source] io::Error),
}

/// The outcome of one import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub diff_id: Digest,
    pub uncompressed_size: u64,
    pub stats: UnpackStats,
}

/// Compression of a layer blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

pub fn sniff(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// A reader that hashes and counts what passes through it (and shows it
/// to the tar layout recorder).
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
    recorder: Option<Recorder>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        if let Some(r) = &self.recorder {
            r.feed(&buf[..n]);
        }
        Ok(n)
    }
}

/// Decompress, digest and unpack `blob` into the empty directory `dest`.
///
/// `dest` is a layer's `diff/` directory: the layout of the tar stream
/// ([`super::tarsplit`]) is recorded beside it, in `dest/../tar-split.zst`,
/// so that a push or a save can write the same stream again.
pub fn import_layer<R: Read>(blob: R, dest: &Path, owners: Owners) -> Result<Imported, ImportError> {
    let split_path = dest.parent().map(|p| p.join(super::tarsplit::FILE_NAME));
    let recorder = split_path.as_deref().and_then(|p| Recorder::create(p).ok());
    let mut blob = BufReader::with_capacity(256 * 1024, blob);
    let kind = sniff(blob.fill_buf().map_err(ImportError::Read)?);
    let decoded: Box<dyn Read> = match kind {
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(blob)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(blob).map_err(ImportError::Read)?),
        Compression::None => Box::new(blob),
    };
    let hashing = Hashing { inner: decoded, hasher: Sha256::new(), count: 0, recorder: recorder.clone() };
    let mut archive = tar::Archive::new(BufReader::with_capacity(256 * 1024, hashing));
    let stats = Unpacker::new(dest, owners)?.recording(recorder.clone()).unpack(&mut archive)?;
    // The diff id covers the whole stream, padding after the end marker included.
    let mut rest = archive.into_inner();
    io::copy(&mut rest, &mut io::sink()).map_err(ImportError::Read)?;
    let hashing = rest.into_inner();
    if let (Some(r), Some(p)) = (recorder, split_path) {
        drop(hashing.recorder);
        r.finish(&p);
    }
    Ok(Imported { diff_id: Digest::from_hasher(hashing.hasher), uncompressed_size: hashing.count, stats })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(sniff(&[0x28, 0xb5, 0x2f, 0xfd]), Compression::Zstd);
        assert_eq!(sniff(b"file.txt\0"), Compression::None);
    }
}
