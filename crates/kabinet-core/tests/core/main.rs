//! The integration tests of `kabinet-core`, one module per area, linked into one test binary:
//! linking is most of what building a test costs, and one binary is linked once where a file per
//! area was linked 22 times. Run one area with a filter on its module,
//! e.g. `cargo test -p kabinet-core --test core notifications::`.
//!
//! The modules share `common` (a fresh data directory and a `Kabinet` at a manual clock),
//! `servers` (SMTP and HTTP on loopback), `sqlcipher` (decrypting pages by hand) and `hostile`
//! (crafted PDFs, also used by the CLI's tests). Tests that re-run this binary as a child process
//! select their child by its full name (`module::test`) with `--exact`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod hostile;
mod servers;
mod sqlcipher;

mod access;
mod applications;
mod closure;
mod codes;
mod consents;
mod contract;
mod desk;
mod documents;
mod engines;
mod export;
mod find;
mod forced;
mod my_documents;
mod notifications;
mod pdf_limits;
mod personal_data;
mod private_files;
mod processes;
mod profile;
mod purge;
mod registration;
mod release_fixture;
mod sealing;
mod secrets;
mod security;
mod staff;
mod storage;
mod support;
mod uploads;
mod working_days;
