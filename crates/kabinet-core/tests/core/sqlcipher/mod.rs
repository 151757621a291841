//! Reads an SQLCipher 4 database page by page with its key, without SQLCipher: every page of the
//! main file and every frame of the WAL, used and free alike, decrypted to the plaintext SQLite
//! itself would see. Grepping the encrypted files proves nothing; this is what a thief holding
//! the key would read.
//!
//! The format relied on (SQLCipher 4 defaults as `storage.rs` opens the database: a raw 256-bit
//! key `x'…'`, hence no key derivation for the encryption key; `cipher_page_size` 4096;
//! HMAC-SHA512):
//! - The file is a sequence of 4096-byte pages. Page 1 begins with the 16-byte random salt in
//!   clear (where plain SQLite has «SQLite format 3\0»); the salt feeds only the HMAC key
//!   (PBKDF2-HMAC-SHA512 of the key with the salt XOR 0x3a, 2 iterations), which a reader that
//!   does not authenticate pages can ignore.
//! - Every page ends with an 80-byte reserve: a 16-byte IV, then the 64-byte HMAC-SHA512 of the
//!   ciphertext, the IV and the page number. The bytes before the reserve — 0..4016, or 16..4016
//!   on page 1 — are AES-256-CBC ciphertext under the key with that IV, without padding.
//! - The WAL has a 32-byte header in clear (page size big-endian at bytes 8..12), then frames: a
//!   24-byte frame header in clear (page number big-endian at bytes 0..4) and the page,
//!   encrypted exactly as in the main file (a frame of page 1 carries the salt as well).
//!
//! Decrypted page 1 must show SQLite's own header fields — page size 4096, 80 reserved bytes,
//! payload fractions 64/32/32 — before anything is searched: that proves the key and the layout,
//! so a search that finds nothing means nothing is there, not that the decryption failed.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, KeyIvInit};

/// SQLCipher's page size.
pub const PAGE: usize = 4096;
const RESERVE: usize = 80;
const SALT: usize = 16;
const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

/// The database key of `dir`, read from the OS keyring as the app reads it.
pub fn key(dir: &Path) -> [u8; 32] {
    let vault = kabinet_core::vault::Vault::open(dir).unwrap();
    let literal = vault.database_key().unwrap().expect("a database key");
    let hex_key = literal.sqlcipher_literal().trim_matches(|c| c == '"' || c == 'x' || c == '\'').to_owned();
    hex::decode(hex_key).unwrap().try_into().unwrap()
}

/// One decrypted page, with where it came from.
pub struct Page {
    /// `kabinet.db` or `kabinet.db-wal`.
    pub file: &'static str,
    /// The page number.
    pub number: u32,
    /// The plaintext (the salt of page 1 replaced by SQLite's magic string).
    pub plain: Vec<u8>,
}

/// Every page of the main file and every frame of the WAL, decrypted.
pub fn pages(dir: &Path, key: &[u8; 32]) -> Vec<Page> {
    let main = std::fs::read(dir.join("kabinet.db")).unwrap();
    assert!(!main.is_empty() && main.len().is_multiple_of(PAGE), "whole pages: {}", main.len());
    let mut pages: Vec<Page> = main
        .chunks(PAGE)
        .enumerate()
        .map(|(i, page)| {
            let number = u32::try_from(i + 1).unwrap();
            Page { file: "kabinet.db", number, plain: decrypt(key, page, number == 1) }
        })
        .collect();
    check_header(&pages[0].plain);
    let wal = std::fs::read(dir.join("kabinet.db-wal")).unwrap_or_default();
    if !wal.is_empty() {
        assert_eq!(u32::from_be_bytes(wal[8..12].try_into().unwrap()) as usize, PAGE, "WAL page size");
        let frames = &wal[WAL_HEADER..];
        assert!(frames.len().is_multiple_of(FRAME_HEADER + PAGE), "whole WAL frames");
        for frame in frames.chunks(FRAME_HEADER + PAGE) {
            let number = u32::from_be_bytes(frame[..4].try_into().unwrap());
            let plain = decrypt(key, &frame[FRAME_HEADER..], number == 1);
            if number == 1 {
                check_header(&plain);
            }
            pages.push(Page { file: "kabinet.db-wal", number, plain });
        }
    }
    pages
}

/// Decrypts one page as SQLCipher stores it.
pub fn decrypt(key: &[u8; 32], page: &[u8], first: bool) -> Vec<u8> {
    let start = if first { SALT } else { 0 };
    let end = PAGE - RESERVE;
    let iv = &page[end..end + 16];
    let mut plain = page[..PAGE].to_vec();
    cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
        .unwrap()
        .decrypt_padded_mut::<NoPadding>(&mut plain[start..end])
        .unwrap();
    plain[end..].fill(0);
    if first {
        plain[..SALT].copy_from_slice(b"SQLite format 3\0");
    }
    plain
}

/// SQLite's database header fields that only a correct decryption shows.
fn check_header(page1: &[u8]) {
    assert_eq!(u16::from_be_bytes([page1[16], page1[17]]) as usize, PAGE, "page size in the header");
    assert_eq!(page1[20] as usize, RESERVE, "reserved bytes per page");
    assert_eq!(&page1[21..24], &[64, 32, 32], "payload fractions");
}

/// How many pages of the main file are free (SQLite's header of decrypted page 1, bytes 36..40).
pub fn free_pages(page1: &[u8]) -> u32 {
    u32::from_be_bytes(page1[36..40].try_into().unwrap())
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|window| window == needle)
}
