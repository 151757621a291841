//! `kabinet-server` as its clients meet it: real server processes on a real PostgreSQL (the test
//! command's throwaway cluster), called over real HTTP and HTTPS. One binary for every test of
//! the server, so the suite links once.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod crash;
mod files;
mod protocol;
mod replica;
mod startup;
mod together;
