//! Hostile PDFs for the verification tests, built without any compressor so the CLI's tests can
//! include this file too (`#[path]`): a decompression bomb whose metadata stream is FlateDecode
//! inside FlateDecode of gigabytes of zeros, written bit by bit, and a small PDF writer with a
//! correct cross-reference table (so a general parser such as lopdf loads the file and then
//! inflates the bomb, which is what verification once did).
//!
//! The bomb: a zlib stream of N·258 + 1 zeros is one dynamic-Huffman deflate block whose codes
//! give the length 258 and the distance 1 one bit each — two bits per 258 bytes, the 1032:1 that
//! zlib itself reaches — and those bits are zeros. So the inner layer is a few header bytes and a
//! long run of zero bytes, and the outer layer is the same construction over that run.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

/// Bits packed least significant first, as deflate wants.
struct Bits {
    out: Vec<u8>,
    acc: u8,
    used: u32,
}

impl Bits {
    fn new() -> Self {
        Self { out: Vec::new(), acc: 0, used: 0 }
    }

    fn bit(&mut self, bit: bool) {
        self.acc |= u8::from(bit) << self.used;
        self.used += 1;
        if self.used == 8 {
            self.out.push(self.acc);
            self.acc = 0;
            self.used = 0;
        }
    }

    /// `count` low bits of `value`, least significant first (header fields, extra bits).
    fn put(&mut self, value: u32, count: u32) {
        for i in 0..count {
            self.bit(value >> i & 1 == 1);
        }
    }

    /// A Huffman code as written in the spec, most significant bit first.
    fn code(&mut self, code: &str) {
        for c in code.bytes() {
            self.bit(c == b'1');
        }
    }

    fn zeros(&mut self, mut count: u64) {
        while self.used != 0 && count > 0 {
            self.bit(false);
            count -= 1;
        }
        let bytes = usize::try_from(count / 8).unwrap();
        self.out.resize(self.out.len() + bytes, 0);
        for _ in 0..count % 8 {
            self.bit(false);
        }
    }

    fn align(&mut self) {
        while self.used != 0 {
            self.bit(false);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.align();
        self.out
    }
}

/// A dynamic block that writes `1 + 258 · pairs` zero bytes: literal 0 (code 10), then `pairs`
/// times length 258 (code 0) at distance 1 (code 0), then end of block (code 11).
fn zero_run_block(bits: &mut Bits, pairs: u64, last: bool) {
    bits.put(u32::from(last), 1);
    bits.put(2, 2);
    bits.put(29, 5); // 286 literal/length codes (up to 285, length 258)
    bits.put(1, 5); // 2 distance codes
    bits.put(14, 4); // 18 code-length codes, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1
    for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] {
        bits.put(length, 3);
    }
    // Code-length codes: 18 (a run of zeros) → 0, length 1 → 10, length 2 → 11.
    bits.code("11"); // literal 0: 2 bits
    bits.code("0");
    bits.put(138 - 11, 7); // literals 1–138: none
    bits.code("0");
    bits.put(117 - 11, 7); // literals 139–255: none
    bits.code("11"); // 256, end of block: 2 bits
    bits.code("0");
    bits.put(28 - 11, 7); // lengths 257–284: none
    bits.code("10"); // 285, length 258: 1 bit
    bits.code("10"); // distance code 0 (distance 1): 1 bit
    bits.code("10"); // distance code 1: 1 bit (keeps the code complete)
    bits.code("10"); // literal 0
    bits.zeros(2 * pairs); // (258, distance 1) × pairs
    bits.code("11"); // end of block
}

fn stored_block(bits: &mut Bits, data: &[u8], last: bool) {
    bits.put(u32::from(last), 1);
    bits.put(0, 2);
    bits.align();
    let length = u16::try_from(data.len()).unwrap();
    bits.out.extend_from_slice(&length.to_le_bytes());
    bits.out.extend_from_slice(&(!length).to_le_bytes());
    bits.out.extend_from_slice(data);
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    b << 16 | a
}

fn zlib(deflate: Vec<u8>, adler: u32) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    out.extend(deflate);
    out.extend_from_slice(&adler.to_be_bytes());
    out
}

/// zlib data that inflates to `1 + 258 · pairs` zero bytes, about `pairs / 4` bytes long.
pub fn zeros_zlib(pairs: u64) -> Vec<u8> {
    let mut bits = Bits::new();
    zero_run_block(&mut bits, pairs, true);
    let total = 1 + 258 * pairs;
    let adler = u32::try_from(total % 65521).unwrap() << 16 | 1;
    zlib(bits.finish(), adler)
}

/// `data` as zlib, for data that is a few bytes, a long run of zeros and a few bytes again (what
/// [`zeros_zlib`] makes): the ends as stored blocks, the run as a zero-run block.
pub fn run_zlib(data: &[u8]) -> Vec<u8> {
    let head = data.iter().take(64).rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let run = data[head..].iter().position(|&b| b != 0).unwrap_or(data.len() - head);
    assert!(run > 258, "no run of zeros to pack");
    let pairs = u64::try_from((run - 1) / 258).unwrap();
    let rest = head + 1 + usize::try_from(pairs).unwrap() * 258;
    let mut bits = Bits::new();
    stored_block(&mut bits, &data[..head], false);
    zero_run_block(&mut bits, pairs, false);
    stored_block(&mut bits, &data[rest..], true);
    zlib(bits.finish(), adler32(data))
}

/// The number of zero bytes the bomb's metadata inflates to, twice over.
pub const BOMB_PAIRS: u64 = 25_000_000;

/// `/Filter [/FlateDecode /FlateDecode]` data of `1 + 258 · BOMB_PAIRS` zeros (6.4 GB) in about
/// 6 KB.
pub fn bomb_stream() -> Vec<u8> {
    run_zlib(&zeros_zlib(BOMB_PAIRS))
}

/// A PDF made of `objects` (bodies of objects 1, 2, …), with a correct xref table; object 1 is
/// the catalogue.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

/// A stream object's body: `dictionary` (without `/Length`, which is added) and `data`.
pub fn stream(dictionary: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dictionary} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// A one-page-tree PDF whose catalogue's `/Metadata` is a stream with `dictionary` and `data`,
/// followed by `extra` objects.
pub fn pdf_with_metadata(dictionary: &str, data: &[u8], extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
        stream(&format!("/Type /Metadata /Subtype /XML {dictionary}"), data),
    ];
    objects.extend_from_slice(extra);
    pdf(&objects)
}

/// The 7 KB bomb: a well-formed PDF whose metadata stream is FlateDecode inside FlateDecode of
/// 6.4 GB of zeros.
pub fn bomb_pdf() -> Vec<u8> {
    pdf_with_metadata("/Filter [/FlateDecode /FlateDecode]", &bomb_stream(), &[])
}

/// Deterministic filler (xorshift), incompressible, without a `<` (so no stray tag).
pub fn filler(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.max(1);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let byte = state.to_le_bytes()[1];
            if byte == b'<' { b'.' } else { byte }
        })
        .collect()
}

/// A 40 MB PDF: the bomb's metadata and a 40 MB page-content stream of filler.
pub fn large_pdf() -> Vec<u8> {
    let content = stream("", &filler(40 * 1024 * 1024, 7));
    pdf_with_metadata("/Filter [/FlateDecode /FlateDecode]", &bomb_stream(), &[content])
}

/// Peak resident memory of this process in KiB (`VmHWM`), and the current one (`VmRSS`).
pub fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|value| value.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Resets the peak (`VmHWM`) to the current resident size (Linux ≥ 4.0); returns the size the
/// peak now starts from, in KiB.
pub fn reset_peak() -> u64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (peak, _) = memory_kib();
    peak
}
