//! The integration tests of `kabinet-cli`, one module per group of commands, linked into one test
//! binary (linking is most of what building a test costs). Each runs the real `kabinet-cli`
//! executable on a data directory of its own; run one group with a filter on its module,
//! e.g. `cargo test -p kabinet-cli --test cli staff::`.
//!
//! `common` runs the CLI and registers a citizen through the core; `hostile` is the core tests'
//! file of crafted PDFs, included as it is.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "../../../kabinet-core/tests/core/hostile/mod.rs"]
mod hostile;

mod calendar;
mod casework;
mod check;
mod documents;
mod forced;
mod logs;
mod notifications;
mod purge;
mod staff;
mod startup;
