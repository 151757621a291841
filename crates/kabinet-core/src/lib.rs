//! # kabinet-core
//!
//! Everything Кабинет knows, with no knowledge of Tauri: the account model, official-format
//! validation, the encrypted database and its keyring-held key, one-time codes, the delivery
//! outbox, sessions, and (later) documents and closure.
//!
//! The API is one facade, [`Kabinet`], reached per domain:
//! - [`Kabinet::registration`] — phone, code, personal data, password, agreements;
//! - [`Kabinet::session`] — sign-in, current session, sign-out, «Запомнить меня»;
//! - [`Kabinet::outbox`] — the messages waiting or delivered.
//! - [`Kabinet::notifications`] — «Уведомления»: settings, inbox, «История сообщений», delivery.
//! - [`Kabinet::documents`] — official PDFs: issue, verify against the registry, download again.
//! - [`Kabinet::applications`], [`Kabinet::debts`] — «Мои заявления» and «Задолженности».
//! - [`Kabinet::casework`] — operators' moves on citizens' applications, debts and documents.
//! - [`Kabinet::staff`] — staff mode in the app (password + TOTP, audited); [`Kabinet::admin`] —
//!   the same audit for `kabinet-cli`: staff accounts, the audit check, the transports.
//!
//! A long-running app holds a [`Host`], which keeps a start-up failure as data. Every call
//! returns [`ApiResult`]: `{code, message, fields}` with a closed set of codes. Request and
//! response types live in [`contract`]; the UI's TypeScript is generated from them.

pub mod account_number;
mod accounts;
pub mod api;
pub mod applications;
pub mod auth;
pub mod calendar;
pub mod casework;
pub mod checks;
mod clock;
pub mod closure;
pub mod config;
pub mod connection;
pub mod consents;
mod context;
pub mod contract;
pub mod db;
pub mod debts;
pub mod delivery;
pub mod device;
pub mod documents;
pub mod e2e;
mod error;
pub mod export;
mod facade;
mod fault;
mod fields;
pub mod i18n;
pub mod journal;
mod lockout;
pub mod notifications;
mod notify;
mod otp;
pub mod outbox;
mod password_hash;
mod passwords;
mod probe;
mod profile;
mod qr_svg;
mod recovery;
mod registration;
pub mod sealing;
mod second_factor;
pub mod secret;
mod security;
pub mod serving;
mod session;
mod signin;
pub mod staff;
mod storage;
pub mod support;
#[cfg(feature = "synthetic-data")]
mod synthetic;
mod totp;
pub mod uploads;
pub mod validate;
pub mod vault;

pub use api::Client;
pub use applications::Applications;
pub use auth::{Authed, Caller, Token};
pub use casework::Casework;
pub use clock::{Clock, local_offset};
pub use config::Config;
pub use consents::Consents;
pub use debts::Debts;
pub use documents::Documents;
pub use error::{ApiError, ApiResult, ErrorCode, ErrorDetails, FieldError};
pub use facade::{Host, Kabinet, Outbox};
pub use fields::Field;
pub use i18n::Locale;
pub use notifications::Notifications;
#[cfg(feature = "synthetic-data")]
pub use password_hash::argon2_spent;
pub use profile::Profiles;
pub use recovery::Recovery;
pub use registration::{CONSENT_VERSION, Registration, TERMS_VERSION};
pub use security::Security;
pub use session::Sessions;
pub use staff::{Admin, Staff};
#[cfg(feature = "synthetic-data")]
pub use synthetic::Synthetic;
pub use uploads::Uploads;
