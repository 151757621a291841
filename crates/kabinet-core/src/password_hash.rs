//! Argon2id password hashes (argon2 crate defaults: 19 MiB, 2 passes, 1 lane, the OWASP
//! recommendation), computed off the async runtime so sign-in never stalls other work.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use zeroize::Zeroizing;

use crate::error::{ApiError, ApiResult};
use crate::i18n::Locale;

/// Hashes a password into a PHC string.
pub async fn hash(password: Zeroizing<String>, locale: Locale) -> ApiResult<String> {
    let hashed = tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())?;
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|hash| hash.to_string())
    })
    .await
    .map_err(|e| ApiError::internal(e, locale))?;
    hashed.map_err(|e| ApiError::internal(e, locale))
}

/// Whether `password` matches `stored`; with no stored hash a dummy one is checked, so an
/// unknown identifier costs the same time as a wrong password.
pub async fn verify(stored: Option<String>, password: Zeroizing<String>) -> bool {
    #[cfg(feature = "synthetic-data")]
    let started = std::time::Instant::now();
    let matched = tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let matches = PasswordHash::new(&phc)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        known && matches
    })
    .await
    .unwrap_or(false);
    #[cfg(feature = "synthetic-data")]
    SPENT_NANOS.fetch_add(
        u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX),
        std::sync::atomic::Ordering::Relaxed,
    );
    matched
}

/// Nanoseconds spent in Argon2 verification so far, for benchmarks only: a benchmark reads it
/// around one call to report the call's time excluding Argon2 exactly, not as a difference of
/// two noisy medians.
#[cfg(feature = "synthetic-data")]
static SPENT_NANOS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The time spent in Argon2 verification so far (benchmarks only).
#[cfg(feature = "synthetic-data")]
pub fn argon2_spent() -> std::time::Duration {
    std::time::Duration::from_nanos(SPENT_NANOS.load(std::sync::atomic::Ordering::Relaxed))
}

/// The Argon2id hash of a random string nobody knows, with the same parameters as real ones.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5X6HZ0hNIb7CuAXbDOT2ouTgS6LuM5s4mXXC2xAfA8M";
