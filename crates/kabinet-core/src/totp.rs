//! Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six
//! digits, the form every authenticator app understands. A code is accepted for the current
//! step and one step either side (clock drift), and never twice: the caller records the last
//! step used and refuses a step not newer than it.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP: i64 = 30;
/// Steps accepted either side of now.
pub const DRIFT: i64 = 1;

/// A new 160-bit secret, as RFC 4226 recommends.
pub fn new_secret() -> [u8; 20] {
    rand::random()
}

/// The secret as the Base32 text a citizen types into an app by hand.
pub fn manual_key(secret: &[u8]) -> String {
    let encoded = data_encoding::BASE32_NOPAD.encode(secret);
    encoded
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub fn provisioning_uri(secret: &[u8], account: &str) -> String {
    let key = data_encoding::BASE32_NOPAD.encode(secret);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&algorithm=SHA1&digits=6&period=30",
        issuer = "Kabinet",
    )
}

/// The code for one step.
pub fn code_at_step(secret: &[u8], step: i64) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else { return String::new() };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", binary % 1_000_000)
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
    }
}
