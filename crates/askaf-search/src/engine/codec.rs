//! The binary layout of the record kept beside the index: little-endian
//! integers and length-prefixed strings and lists. The record of a large
//! site holds millions of counts; read as JSON it would cost a restart
//! seconds, read this way a fraction of one. A reader never panics: a
//! short or garbled record reads as none, and the index is rebuilt.

/// Writes values to `out` as they come: the record of a large site is tens
/// of megabytes, which an edit would otherwise build whole in memory before
/// writing it (at 100,000 articles, 67 MB above the server's resting size).
/// The first write error is kept, and every later write skipped, so that
/// the caller asks once, at [`Writer::finish`].
/// `n` as the `u32` the records store counts and places in. The index's
/// tables are held in memory long before any reaches 2^32 entries (at 4
/// bytes each that would be 16 GB for one of them), so a larger `n` is a bug.
#[expect(clippy::expect_used, reason = "a count past u32 is a bug, see above")]
pub(super) fn u32_of(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 entries")
}

pub(super) struct Writer<W: std::io::Write> {
    out: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> Writer<W> {
    pub fn new(out: W) -> Writer<W> {
        Writer { out, error: None }
    }
    pub fn bytes(&mut self, b: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(b) {
                self.error = Some(e);
            }
        }
    }
    pub fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    pub fn len(&mut self, n: usize) {
        self.u32(u32_of(n));
    }
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes(s.as_bytes());
    }
    /// A list of (id, count) pairs, its length first: the pairs are
    /// counted in a first pass, so nothing is written twice.
    pub fn pairs<I>(&mut self, pairs: I)
    where
        I: IntoIterator<Item = (u32, u32)>,
        I::IntoIter: Clone,
    {
        let pairs = pairs.into_iter();
        self.len(pairs.clone().count());
        for (a, b) in pairs {
            self.u32(a);
            self.u32(b);
        }
    }
    /// `payload` as one entry that a reader can tell whole from torn: its
    /// length and [`checksum`] first (see [`Reader::frame`]).
    pub fn frame(&mut self, payload: &[u8]) {
        self.len(payload.len());
        self.u64(checksum(payload));
        self.bytes(payload);
    }
    /// The output, or the first error writing to it.
    pub fn finish(mut self) -> std::io::Result<W> {
        match self.error.take() {
            Some(e) => Err(e),
            None => {
                self.out.flush()?;
                Ok(self.out)
            }
        }
    }
}

/// Reads values back; `None` past the end or on a string that is not UTF-8.
pub(super) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf }
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.buf.len() < n {
            return None;
        }
        let (head, tail) = self.buf.split_at(n);
        self.buf = tail;
        Some(head)
    }
    pub fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    pub fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }
    /// A length, refused when the rest of the record could not hold that
    /// many entries of `min_size` bytes (so a garbled length allocates nothing).
    pub fn len(&mut self, min_size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.saturating_mul(min_size.max(1)) <= self.buf.len()).then_some(n)
    }
    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.len(1)?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    pub fn pairs(&mut self) -> Option<Vec<(u32, u32)>> {
        let n = self.len(8)?;
        (0..n).map(|_| Some((self.u32()?, self.u32()?))).collect()
    }
    /// The next entry [`Writer::frame`] wrote, to read on its own; `None`
    /// when it is cut short or its checksum does not match: an append
    /// that a crash stopped halfway, or bytes that are not an entry.
    pub fn frame(&mut self) -> Option<Reader<'a>> {
        let n = self.len(1)?;
        let sum = self.u64()?;
        let payload = self.take(n)?;
        (checksum(payload) == sum).then_some(Reader::new(payload))
    }
    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.buf.len()
    }
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// FNV-1a over `bytes`: enough to tell an entry cut short or overwritten
/// from a whole one (it is no defence against someone forging a record),
/// and stable across builds and platforms.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_and_a_short_record_reads_as_none() {
        let mut w = Writer::new(Vec::new());
        w.u8(7);
        w.u32(70_000);
        w.u64(1 << 40);
        w.str("کابل");
        w.pairs([(1, 2), (3, 4)]);
        let buf = w.finish().unwrap();
        let mut r = Reader::new(&buf);
        assert_eq!(r.u8(), Some(7));
        assert_eq!(r.u32(), Some(70_000));
        assert_eq!(r.u64(), Some(1 << 40));
        assert_eq!(r.str(), Some("کابل"));
        assert_eq!(r.pairs(), Some(vec![(1, 2), (3, 4)]));
        assert!(r.is_empty());
        let cut = &buf[..buf.len() - 3];
        let mut r = Reader::new(cut);
        r.u8();
        r.u32();
        r.u64();
        r.str();
        assert_eq!(r.pairs(), None);
        // A write error is kept and returned once, at the end.
        let mut w = Writer::new(std::io::Cursor::new([0u8; 6]));
        w.u32(1);
        w.u32(2);
        w.u8(3);
        assert!(w.finish().is_err());
        // A length far beyond the record allocates nothing.
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 1]);
        assert_eq!(r.len(8), None);
    }

    #[test]
    fn a_frame_reads_back_whole_and_not_at_all_when_torn_or_changed() {
        let mut w = Writer::new(Vec::new());
        w.frame(b"first");
        w.frame(b"second entry");
        let buf = w.finish().unwrap();
        let mut r = Reader::new(&buf);
        let mut first = r.frame().unwrap();
        assert_eq!(
            (first.take(5), first.is_empty()),
            (Some(&b"first"[..]), true)
        );
        assert_eq!(r.frame().unwrap().remaining(), 12);
        assert!(r.is_empty());
        // Every cut of the second entry reads as none: a torn append.
        for cut in 17..buf.len() {
            let mut r = Reader::new(&buf[..cut]);
            assert!(r.frame().is_some());
            assert!(r.frame().is_none(), "cut at {cut}");
        }
        // One byte changed: the checksum tells.
        let mut changed = buf.clone();
        *changed.last_mut().unwrap() ^= 1;
        let mut r = Reader::new(&changed);
        r.frame().unwrap();
        assert!(r.frame().is_none());
    }
}
