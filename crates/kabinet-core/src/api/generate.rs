//! Files generated from the command table (filled in below).
