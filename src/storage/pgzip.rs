//! Parallel gzip, as pigz and Go's pgzip do: the stream is cut into 1 MiB
//! chunks, each compressed on its own thread into raw deflate blocks ending
//! with a sync flush, and the blocks are written in order inside one gzip
//! member (header, blocks, an empty final block, CRC-32 and size). Any gzip
//! reader reads it. The output depends only on the input and the level (not
//! on the number of threads), so a layer compresses to the same digest
//! every time.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

const CHUNK: usize = 1 << 20;

/// A chunk and its place in the stream.
type Job = (u64, Vec<u8>);
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// Deflate `data` (raw, no header) ending on a byte boundary (sync flush),
/// or as the final block when `finish`.
fn deflate(data: &[u8], level: u32, finish: bool) -> io::Result<Vec<u8>> {
    let mut c = Compress::new(Compression::new(level), false);
    let mut out = Vec::with_capacity(data.len() / 2 + 1024);
    let flush = if finish { FlushCompress::Finish } else { FlushCompress::Sync };
    loop {
        if out.capacity() - out.len() < 4096 {
            out.reserve(out.capacity().max(64 * 1024));
        }
        let consumed = c.total_in() as usize;
        let st = c.compress_vec(&data[consumed..], &mut out, flush).map_err(io::Error::other)?;
        if finish {
            if st == Status::StreamEnd {
                return Ok(out);
            }
        } else if c.total_in() as usize == data.len() && out.len() < out.capacity() {
            // All input taken and the flush had room to complete.
            return Ok(out);
        }
    }
}

/// Collects the stream into chunks for the workers and keeps the CRC.
struct Chunker {
    buf: Vec<u8>,
    seq: u64,
    tx: Option<SyncSender<(u64, Vec<u8>)>>,
    crc: Crc,
}

impl Chunker {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let data = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        let tx = self.tx.as_ref().expect("open until finished");
        tx.send((self.seq, data)).map_err(|_| io::Error::other("the compressor stopped"))?;
        self.seq += 1;
        Ok(())
    }
}

impl Write for Chunker {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let n = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        self.crc.update(&data[..n]);
        if self.buf.len() == CHUNK {
            self.send()?;
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Gzip what `produce` writes into `out`, on `threads` threads at `level`
/// (0-9). Returns `out` and the number of uncompressed bytes.
pub fn gzip<W, E>(out: W, level: u32, threads: usize, produce: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(W, u64), E>
where
    W: Write + Send,
    E: From<io::Error>,
{
    let threads = threads.clamp(1, 16);
    let level = level.min(9);
    std::thread::scope(|s| {
        let (jtx, jrx) = sync_channel::<(u64, Vec<u8>)>(threads * 2);
        let jrx: Arc<Mutex<Receiver<Job>>> = Arc::new(Mutex::new(jrx));
        let (rtx, rrx) = sync_channel::<(u64, io::Result<Vec<u8>>)>(threads * 2);
        for _ in 0..threads {
            let (jrx, rtx) = (jrx.clone(), rtx.clone());
            s.spawn(move || loop {
                let job = jrx.lock().map_err(|_| ()).and_then(|r| r.recv().map_err(|_| ()));
                let Ok((i, data)) = job else { break };
                if rtx.send((i, deflate(&data, level, false))).is_err() {
                    break;
                }
            });
        }
        drop(rtx);
        drop(jrx);
        let writer = s.spawn(move || -> io::Result<W> {
            let mut out = out;
            out.write_all(&HEADER)?;
            let mut next = 0u64;
            let mut pending = BTreeMap::new();
            for (i, block) in rrx {
                pending.insert(i, block?);
                while let Some(b) = pending.remove(&next) {
                    out.write_all(&b)?;
                    next += 1;
                }
            }
            Ok(out)
        });
        let mut chunker = Chunker { buf: Vec::with_capacity(CHUNK), seq: 0, tx: Some(jtx), crc: Crc::new() };
        let produced = produce(&mut chunker).and_then(|()| chunker.send().map_err(E::from));
        chunker.tx = None; // the workers, then the writer, run dry and end
        let written = writer.join().map_err(|_| E::from(io::Error::other("the gzip writer panicked")))?;
        produced?;
        let mut out = written?;
        out.write_all(&deflate(&[], level, true)?)?;
        out.write_all(&chunker.crc.sum().to_le_bytes())?;
        out.write_all(&(chunker.crc.amount()).to_le_bytes())?;
        Ok((out, chunker.crc.amount() as u64))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn any_gzip_reader_reads_it_and_threads_do_not_change_it() {
        let data: Vec<u8> = (0..3 * CHUNK + 12345).map(|i| ((i * 7) % 251) as u8 ^ ((i / 4096) as u8)).collect();
        let run = |threads| gzip::<_, io::Error>(Vec::new(), 6, threads, |w| w.write_all(&data)).unwrap();
        let (one, n) = run(1);
        let (four, _) = run(4);
        assert_eq!(n, data.len() as u64);
        assert!(one == four, "the output does not depend on the thread count");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&one[..]).read_to_end(&mut back).unwrap();
        assert!(back == data);
        let (empty, _) = gzip::<_, io::Error>(Vec::new(), 6, 2, |_| Ok(())).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&empty[..]).read_to_end(&mut back).unwrap();
        assert!(back.is_empty());
    }
}
