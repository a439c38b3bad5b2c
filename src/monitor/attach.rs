//! The attach protocol between the monitor and attached CLIs.

use std::io::{self, Read, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
    /// The container exited; payload is the decimal exit code.
    Exit = 3,
    /// The container could not start; payload is `CODE\tmessage`.
    Error = 4,
    CloseStdin = 6,
    /// Terminal size; payload `ROWS COLS`.
    Resize = 7,
}

impl Frame {
    fn from(b: u8) -> Option<Frame> {
        Some(match b {
            0 => Frame::Stdin,
            1 => Frame::Stdout,
            2 => Frame::Stderr,
            3 => Frame::Exit,
            4 => Frame::Error,
            6 => Frame::CloseStdin,
            7 => Frame::Resize,
            _ => return None,
        })
    }
}

pub fn write_frame(w: &mut impl Write, kind: Frame, data: &[u8]) -> io::Result<()> {
    let mut buf = Vec::with_capacity(5 + data.len());
    buf.push(kind as u8);
    buf.extend_from_slice(&(data.len() as u32).to_be_bytes());
    buf.extend_from_slice(data);
    w.write_all(&buf)
}

pub fn read_frame(r: &mut impl Read) -> io::Result<(Frame, Vec<u8>)> {
    let mut head = [0u8; 5];
    r.read_exact(&mut head)?;
    let kind = Frame::from(head[0]).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "unknown attach frame"))?;
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len > 16 << 20 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "attach frame too large"));
    }
    let mut data = vec![0u8; len];
    r.read_exact(&mut data)?;
    Ok((kind, data))
}

pub fn parse_size(data: &[u8]) -> Option<(u16, u16)> {
    let s = std::str::from_utf8(data).ok()?;
    let (r, c) = s.split_once(' ')?;
    Some((r.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut buf = Vec::new();
        write_frame(&mut buf, Frame::Stdout, b"hello").unwrap();
        write_frame(&mut buf, Frame::Exit, b"3").unwrap();
        let mut r = &buf[..];
        assert_eq!(read_frame(&mut r).unwrap(), (Frame::Stdout, b"hello".to_vec()));
        assert_eq!(read_frame(&mut r).unwrap(), (Frame::Exit, b"3".to_vec()));
        assert!(read_frame(&mut r).is_err());
        assert_eq!(parse_size(b"24 80"), Some((24, 80)));
    }
}
