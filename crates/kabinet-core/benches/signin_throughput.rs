//! Sign-in throughput with N concurrent tasks against the pure Argon2id verification rate on the
//! same machine: the ratio shows how much the lockout gate, the database and the session cost on
//! top of the deliberately slow hash. Prints figures; asserts nothing.
//!
//! Run: `scripts/lib/with-keyring.sh cargo bench -p kabinet-core --bench signin_throughput`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;
use std::time::Instant;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use kabinet_core::contract::SignInRequest;
use kabinet_core::{Caller, Config, Kabinet};

const PASSWORD: &str = "Zq8#mW2!rLp";
const ACCOUNTS: usize = 10_000;
const SIGN_INS: usize = 64;

fn argon2_rate(threads: usize) -> f64 {
    let salt = SaltString::encode_b64(&[7; 16]).unwrap();
    let phc = argon2::Argon2::default().hash_password(PASSWORD.as_bytes(), &salt).unwrap().to_string();
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let parsed = PasswordHash::new(&phc).unwrap();
                for _ in 0..SIGN_INS / threads {
                    argon2::Argon2::default().verify_password(PASSWORD.as_bytes(), &parsed).unwrap();
                }
            });
        }
    });
    SIGN_INS as f64 / start.elapsed().as_secs_f64()
}

async fn sign_in_rate(kabinet: &Arc<Kabinet>, tasks: usize) -> f64 {
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|task| {
            let kabinet = kabinet.clone();
            tokio::spawn(async move {
                for i in 0..SIGN_INS / tasks {
                    let phone = format!("+7{}", 9_500_000_000u64 + (task * 1000 + i) as u64);
                    let request =
                        SignInRequest { identifier: phone, password: PASSWORD.into(), remember_me: false };
                    let caller = Caller::new();
                    kabinet.client(&caller).session().sign_in(request).await.unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await.unwrap();
    }
    SIGN_INS as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(cores).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kabinet = runtime.block_on(async {
        let kabinet = Kabinet::open(Config::with_data_dir(dir.path())).await.unwrap();
        kabinet.synthetic().seed_accounts(ACCOUNTS, 9_500_000_000, PASSWORD).await.unwrap();
        Arc::new(kabinet)
    });
    println!("{SIGN_INS} sign-ins on {ACCOUNTS} accounts, {cores} cores:");
    println!("{:>6} {:>18} {:>20} {:>8}", "tasks", "sign-ins / s", "Argon2 verify / s", "ratio");
    for tasks in [1, 2, 4, 8] {
        let pure = argon2_rate(tasks.min(cores));
        let real = runtime.block_on(sign_in_rate(&kabinet, tasks));
        println!("{tasks:>6} {real:>18.1} {pure:>20.1} {:>8.2}", real / pure);
    }
}
