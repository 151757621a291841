//! Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six
//! digits, the form every authenticator app understands. A code is accepted for the current
//! step and one step either side (clock drift), and never twice: the caller records the last
//! step used and refuses a step not newer than it.
//!
//! Every value that reveals the secret — the secret itself, its Base32 manual key, the
//! `otpauth://` URI, a code — is wiped from memory when dropped (`Zeroizing`, [`Secret`]); the
//! intermediate texts are built in wiping buffers too.

use std::fmt::Write;

use hmac::{Hmac, Mac};
use sha1::Sha1;
use zeroize::Zeroizing;

use crate::secret::Secret;

/// Seconds per step.
pub const STEP: i64 = 30;
/// Steps accepted either side of now.
pub const DRIFT: i64 = 1;

/// A new 160-bit secret, as RFC 4226 recommends.
pub fn new_secret() -> Zeroizing<[u8; 20]> {
    let mut secret = Zeroizing::new([0u8; 20]);
    rand::fill(&mut secret[..]);
    secret
}

/// The secret in Base32, in a wiping buffer.
fn base32(secret: &[u8]) -> Zeroizing<String> {
    let mut encoded =
        Zeroizing::new(String::with_capacity(data_encoding::BASE32_NOPAD.encode_len(secret.len())));
    data_encoding::BASE32_NOPAD.encode_append(secret, &mut encoded);
    encoded
}

/// The secret as the Base32 text a citizen types into an app by hand.
pub fn manual_key(secret: &[u8]) -> Secret {
    let encoded = base32(secret);
    let mut grouped = Zeroizing::new(String::with_capacity(encoded.len() + encoded.len() / 4));
    for (i, c) in encoded.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    grouped.into()
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub fn provisioning_uri(secret: &[u8], account: &str) -> Secret {
    let key = base32(secret);
    let mut uri = Zeroizing::new(String::with_capacity(128 + account.len()));
    let _ = write!(
        uri,
        "otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&algorithm=SHA1&digits=6&period=30",
        key = key.as_str(),
        issuer = "Kabinet",
    );
    uri.into()
}

/// The code for one step.
pub fn code_at_step(secret: &[u8], step: i64) -> Secret {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else { return Secret::default() };
    mac.update(&step.to_be_bytes());
    let digest = Zeroizing::new(<[u8; 20]>::from(mac.finalize().into_bytes()));
    let offset = usize::from(digest[19] & 0x0f);
    let binary = Zeroizing::new(u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]));
    let mut code = Zeroizing::new(String::with_capacity(6));
    let _ = write!(code, "{:06}", *binary % 1_000_000);
    code.into()
}

/// The step a code matches within the drift window around `now`, newest first.
pub fn matching_step(secret: &[u8], code: &str, now: i64) -> Option<i64> {
    use subtle::ConstantTimeEq;
    let current = now.div_euclid(STEP);
    (current - DRIFT..=current + DRIFT)
        .rev()
        .find(|step| bool::from(code_at_step(secret, *step).as_bytes().ct_eq(code.trim().as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn matches_the_rfc_6238_sha1_vectors() {
        for (time, eight_digits) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at_step(RFC_SECRET, time / STEP), eight_digits[2..], "t = {time}");
        }
    }

    #[test]
    fn accepts_one_step_of_drift_and_no_more() {
        let now = 1_700_000_000;
        let step = now / STEP;
        assert_eq!(matching_step(RFC_SECRET, &code_at_step(RFC_SECRET, step - 1), now), Some(step - 1));
        assert_eq!(matching_step(RFC_SECRET, &code_at_step(RFC_SECRET, step + 1), now), Some(step + 1));
        assert_eq!(matching_step(RFC_SECRET, &code_at_step(RFC_SECRET, step - 2), now), None);
    }

    #[test]
    fn manual_key_is_grouped_base32() {
        assert_eq!(manual_key(RFC_SECRET), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assert_eq!(manual_key(&[0xff; 3]), "7777 6");
    }

    /// Compiles only for a wiping buffer.
    fn wiped<T: zeroize::Zeroize>(_: &Zeroizing<T>) {}

    #[test]
    fn everything_that_reveals_the_secret_is_wiped() {
        let secret = new_secret();
        wiped(&secret);
        assert_ne!(*secret, [0u8; 20]);
        wiped(manual_key(&secret[..]).zeroizing());
        let uri = provisioning_uri(RFC_SECRET, "+79161234567");
        wiped(uri.zeroizing());
        assert_eq!(
            uri,
            "otpauth://totp/Kabinet:+79161234567?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Kabinet\
             &algorithm=SHA1&digits=6&period=30"
        );
        wiped(code_at_step(RFC_SECRET, 1).zeroizing());
    }
}
