//! The inbox's sealed texts (issue 16): a message's title and text speak of the citizen's affairs
//! (an application, a debt, a sign-in), so they are stored sealed under the account's key and
//! opened in Rust; a purge deleting the key leaves every surviving copy of them unreadable.
//! Nothing in SQL may compare, search or sort these two columns.

/// The associated-data name of a message's title.
pub(crate) const TITLE: &str = "notifications.title";
/// The associated-data name of a message's text.
pub(crate) const BODY: &str = "notifications.body";
