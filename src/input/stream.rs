//! A byte stream that knows its offset and can take bytes back.
//!
//! Resynchronising after a broken record means looking again at bytes already read: the
//! rest of a gzip member that failed, or the block of a WARC record whose length lied. A
//! plain `BufReader` forgets them; this stream can record what it hands out since a mark and
//! push bytes back in front of what is still unread, so recovery works on standard input too,
//! where there is no seeking.

use std::io::{self, BufRead, BufReader, Read};

/// Recorded bytes beyond this are dropped: a mark only rewinds records of reasonable size.
const MARK_CAP: usize = 64 << 20;

pub(crate) struct Stream<R> {
    inner: BufReader<R>,
    back: Vec<u8>,
    back_pos: usize,
    offset: u64,
    recorded: Option<Vec<u8>>,
    overflowed: bool,
}

impl<R: Read> Stream<R> {
    pub fn new(inner: R) -> Self {
        Stream {
            inner: BufReader::with_capacity(256 << 10, inner),
            back: Vec::new(),
            back_pos: 0,
            offset: 0,
            recorded: None,
            overflowed: false,
        }
    }

    /// A stream that hands out `front` first, then `inner`, at offset 0: as if `front` had
    /// been read from `inner` and pushed back.
    pub fn with_front(inner: R, front: Vec<u8>) -> Self {
        Stream {
            back: front,
            ..Stream::new(inner)
        }
    }

    /// The reader underneath; bytes buffered or pushed back are dropped.
    pub fn into_inner(self) -> R {
        self.inner.into_inner()
    }

    /// Offset, from the start of the stream, of the next byte to be read.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Start recording every byte read from here on.
    pub fn mark(&mut self) {
        self.recorded = Some(Vec::new());
        self.overflowed = false;
    }

    /// Stop recording and return what was read since the mark (None if it grew too big).
    pub fn take_mark(&mut self) -> Option<Vec<u8>> {
        let rec = self.recorded.take();
        if self.overflowed { None } else { rec }
    }

    /// Put bytes back in front of the unread ones; they were read, so the offset moves back.
    pub fn push_back(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let mut back = Vec::with_capacity(bytes.len() + self.back.len() - self.back_pos);
        back.extend_from_slice(bytes);
        back.extend_from_slice(&self.back[self.back_pos..]);
        self.back = back;
        self.back_pos = 0;
        self.offset -= bytes.len() as u64;
    }

    /// True when no byte is left.
    pub fn at_eof(&mut self) -> io::Result<bool> {
        Ok(self.fill_buf()?.is_empty())
    }

    /// Skip forward to the next occurrence of `pat` (left unread). False at end of stream.
    pub fn scan_to(&mut self, pat: &[u8]) -> io::Result<bool> {
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            if let Some(i) = find(buf, pat) {
                self.consume(i);
                return Ok(true);
            }
            if buf.len() >= pat.len() {
                let n = buf.len() + 1 - pat.len();
                self.consume(n);
            } else {
                // Too few bytes buffered to hold the pattern: gather more, then look again.
                let mut carry = buf.to_vec();
                let n = carry.len();
                self.consume(n);
                let more = self.fill_buf()?.to_vec();
                if more.is_empty() {
                    return Ok(false);
                }
                let m = more.len();
                self.consume(m);
                carry.extend_from_slice(&more);
                self.push_back(&carry);
                if find(&carry, pat).is_none() {
                    let skip = carry.len() + 1 - pat.len().min(carry.len() + 1);
                    self.consume(skip);
                }
            }
        }
    }

    /// Read one line (with its `\n`) of at most `cap` bytes. None at end of stream.
    pub fn read_line_capped(&mut self, cap: usize) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        (&mut *self).take(cap as u64).read_until(b'\n', &mut line)?;
        if line.is_empty() {
            Ok(None)
        } else {
            Ok(Some(line))
        }
    }
}

pub(crate) fn find(hay: &[u8], pat: &[u8]) -> Option<usize> {
    if pat.is_empty() || hay.len() < pat.len() {
        return None;
    }
    hay.windows(pat.len()).position(|w| w == pat)
}

impl<R: Read> Read for Stream<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Stream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.back_pos < self.back.len() {
            return Ok(&self.back[self.back_pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        let from_back = self.back_pos < self.back.len();
        if let Some(rec) = self.recorded.as_mut() {
            let bytes = if from_back {
                &self.back[self.back_pos..self.back_pos + n]
            } else {
                &self.inner.buffer()[..n]
            };
            if rec.len() + n > MARK_CAP {
                self.overflowed = true;
                rec.clear();
            } else if !self.overflowed {
                rec.extend_from_slice(bytes);
            }
        }
        if from_back {
            self.back_pos += n;
            if self.back_pos == self.back.len() {
                self.back.clear();
                self.back_pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
        self.offset += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_back_and_scan_keep_offsets_right() {
        let mut s = Stream::new(&b"abcdefWARC/1.0xyz"[..]);
        let mut four = [0u8; 4];
        s.read_exact(&mut four).unwrap();
        assert_eq!(s.offset(), 4);
        s.push_back(&four[1..]);
        assert_eq!(s.offset(), 1);
        assert!(s.scan_to(b"WARC/").unwrap());
        assert_eq!(s.offset(), 6);
        assert!(!s.scan_to(b"nothere").unwrap());
    }

    #[test]
    fn mark_records_what_was_read() {
        let mut s = Stream::new(&b"hello world"[..]);
        s.mark();
        let mut five = [0u8; 5];
        s.read_exact(&mut five).unwrap();
        assert_eq!(s.take_mark().unwrap(), b"hello");
    }
}
