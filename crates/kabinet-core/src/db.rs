//! One store, two engines: the encrypted SQLite file (SQLCipher) of one computer, or PostgreSQL
//! behind a server.
//!
//! Why a seam of our own rather than sqlx's `Any` driver: `Any` opens SQLite from a URL only, and
//! a URL cannot carry the SQLCipher key, which must be the first statement on every connection of
//! the pool. So the pools stay sqlx's own, typed per engine, and this module is the one place that
//! knows there are two: a [`Pool`] and a [`Conn`] of either engine, and queries ([`query`],
//! [`query_as`], [`query_scalar`], [`QueryBuilder`]) with the method names of sqlx's, whose
//! arguments are collected as engine-neutral [`Value`]s and bound to the engine the query runs on.
//!
//! SQL is written once, in the dialect both engines accept; placeholders are SQLite's `?` (or
//! `?N`) and become PostgreSQL's `$N` here. Where the dialects really differ a query says so in
//! one place, with [`Engine`] from [`Conn::engine`] or [`Pool::engine`]. Booleans are stored as
//! integers on both engines (0/1, `BIGINT` on PostgreSQL) so the schemas stay column for column
//! the same; a boolean read from such a column is written `(column <> 0)`, which both engines
//! type as a boolean.

use std::borrow::Cow;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgPool, PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteArguments, SqlitePool, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, Decode, FromRow, Transaction, Type};

/// Which database engine a pool or a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The encrypted SQLite file of one computer (SQLCipher).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// A pool of connections to the database, of either engine.
#[derive(Debug, Clone)]
pub enum Pool {
    /// The encrypted file.
    Sqlite(SqlitePool),
    /// A PostgreSQL database.
    Postgres(PgPool),
}

impl Pool {
    /// The engine behind this pool.
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// A connection from the pool, outside any transaction.
    pub async fn acquire(&self) -> sqlx::Result<Conn> {
        Ok(match self {
            Self::Sqlite(pool) => Conn::Sqlite(pool.acquire().await?),
            Self::Postgres(pool) => Conn::Postgres(pool.acquire().await?),
        })
    }

    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so two
    /// writers never deadlock upgrading a read lock; PostgreSQL locks rows as they are written.
    pub async fn begin_write(&self) -> sqlx::Result<Conn> {
        Ok(match self {
            Self::Sqlite(pool) => Conn::SqliteTx(pool.begin_with("BEGIN IMMEDIATE").await?),
            Self::Postgres(pool) => Conn::PostgresTx(pool.begin().await?),
        })
    }

    /// Closes every connection, waiting for those in use to come back.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

/// One connection of either engine, inside a transaction or not. Functions that must run inside
/// the caller's transaction take `&mut Conn`.
#[derive(Debug)]
pub enum Conn {
    /// A transaction on the encrypted file.
    SqliteTx(Transaction<'static, Sqlite>),
    /// A transaction on PostgreSQL.
    PostgresTx(Transaction<'static, Postgres>),
    /// A plain connection to the encrypted file.
    Sqlite(PoolConnection<Sqlite>),
    /// A plain connection to PostgreSQL.
    Postgres(PoolConnection<Postgres>),
}

impl Conn {
    /// The engine behind this connection.
    pub fn engine(&self) -> Engine {
        match self {
            Self::SqliteTx(_) | Self::Sqlite(_) => Engine::Sqlite,
            Self::PostgresTx(_) | Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Commits the transaction (nothing to do for a plain connection).
    pub async fn commit(self) -> sqlx::Result<()> {
        match self {
            Self::SqliteTx(tx) => tx.commit().await,
            Self::PostgresTx(tx) => tx.commit().await,
            Self::Sqlite(_) | Self::Postgres(_) => Ok(()),
        }
    }
}

/// Names of the advisory locks processes sharing one PostgreSQL take, so that what one process
/// alone may do at a time is done by one at a time. SQLite needs none: its writers already take
/// turns (`BEGIN IMMEDIATE`), and one app owns its file.
pub mod exclusive {
    /// The closure scheduler's run (requests due, forced closures, reports, purges).
    pub const SCHEDULER: i64 = 0x4b42_0001;
    /// The purge (also `kabinet-cli purge run`).
    pub const PURGE: i64 = 0x4b42_0002;
    /// Local delivery's batch.
    pub const LOCAL_DELIVERY: i64 = 0x4b42_0003;

    /// Sign-in attempts on one citizen's account.
    pub fn citizen(id: i64) -> i64 {
        (1 << 48) | (id & 0xffff_ffff_ffff)
    }

    /// Sign-in attempts on one staff account.
    pub fn staff(id: i64) -> i64 {
        (2 << 48) | (id & 0xffff_ffff_ffff)
    }
}

/// Waits, inside `conn`'s transaction, until no other transaction holds `key` (see
/// [`exclusive`]); held until this one ends. Nothing on SQLite.
pub async fn serialize(conn: &mut Conn, key: i64) -> sqlx::Result<()> {
    if conn.engine() == Engine::Postgres {
        query("SELECT pg_advisory_xact_lock(?)").bind(key).execute(conn).await?;
    }
    Ok(())
}

/// A run that only one process may make at a time, held until dropped (its connection closes
/// and PostgreSQL lets the lock go, also when the process dies).
#[derive(Debug)]
pub struct Runner(#[allow(dead_code)] Option<sqlx::PgConnection>);

impl Runner {
    /// Ends the run: unlocks and closes its connection, waiting for PostgreSQL to let the lock go,
    /// so the next run (here or in another process) finds it free. Dropping a run instead lets
    /// the lock go only once the server notices the closed connection.
    pub async fn release(self) {
        use sqlx::Connection as _;
        if let Some(mut conn) = self.0 {
            let _ = sqlx::query("SELECT pg_advisory_unlock_all()").execute(&mut conn).await;
            let _ = conn.close().await;
        }
    }
}

/// The run of `key` if no other process is making it, else `None`. On SQLite, always the run.
pub async fn try_runner(pool: &Pool, key: i64) -> sqlx::Result<Option<Runner>> {
    use sqlx::ConnectOptions as _;
    let Pool::Postgres(pg) = pool else { return Ok(Some(Runner(None))) };
    let mut conn = pg.connect_options().connect().await?;
    let got: bool =
        sqlx::query_scalar("SELECT pg_try_advisory_lock($1)").bind(key).fetch_one(&mut conn).await?;
    Ok(got.then_some(Runner(Some(conn))))
}

/// Creates an empty PostgreSQL database `name` (lower-case letters, digits, `_`) beside the one
/// `url` names, on the same server as the same user, and returns its URL: how tests and demos
/// each get a database of their own.
pub async fn create_postgres_database(url: &str, name: &str) -> sqlx::Result<String> {
    use sqlx::{Connection as _, Executor as _};
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(sqlx::Error::Configuration(format!("not a plain database name: {name:?}").into()));
    }
    let mut admin = sqlx::PgConnection::connect(url).await?;
    admin.execute(AssertSqlSafe(format!("CREATE DATABASE {name}"))).await?;
    let _ = admin.close().await;
    let base = url.split('?').next().unwrap_or(url);
    let base = base.rsplit_once('/').map_or(base, |(server, _)| server);
    Ok(format!("{base}/{name}"))
}

/// Where a query runs: a connection (maybe in a transaction) or any connection of a pool.
pub enum Target<'a> {
    /// A connection the caller holds.
    Conn(&'a mut Conn),
    /// Any free connection of the pool.
    Pool(&'a Pool),
}

impl<'a> From<&'a mut Conn> for Target<'a> {
    fn from(conn: &'a mut Conn) -> Self {
        Self::Conn(conn)
    }
}

impl<'a> From<&'a Pool> for Target<'a> {
    fn from(pool: &'a Pool) -> Self {
        Self::Pool(pool)
    }
}

impl<'a> From<&'a mut Pool> for Target<'a> {
    fn from(pool: &'a mut Pool) -> Self {
        Self::Pool(pool)
    }
}

/// An argument of a query, independent of the engine.
#[derive(Debug, Clone)]
pub enum Value {
    /// An integer (booleans too, as 0/1).
    Int(Option<i64>),
    /// A floating-point number.
    Real(Option<f64>),
    /// Text.
    Text(Option<String>),
    /// Bytes.
    Blob(Option<Vec<u8>>),
}

/// A Rust value that can be a query's argument.
pub trait Bind {
    /// The argument.
    fn value(self) -> Value;
    /// A NULL of this type (PostgreSQL wants the type of every parameter).
    fn null() -> Value
    where
        Self: Sized;
}

macro_rules! bind_int {
    ($($t:ty),*) => {$(
        impl Bind for $t {
            fn value(self) -> Value {
                Value::Int(Some(i64::from(self)))
            }
            fn null() -> Value {
                Value::Int(None)
            }
        }
    )*};
}
bind_int!(i64, i32, u32, i16, u16, i8, u8, bool);

macro_rules! bind_by_copy {
    ($($t:ty),*) => {$(
        impl Bind for &$t {
            fn value(self) -> Value {
                (*self).value()
            }
            fn null() -> Value {
                <$t>::null()
            }
        }
    )*};
}
bind_by_copy!(i64, i32, u32, i16, u16, i8, u8, bool, f64);

impl Bind for f64 {
    fn value(self) -> Value {
        Value::Real(Some(self))
    }
    fn null() -> Value {
        Value::Real(None)
    }
}

impl Bind for String {
    fn value(self) -> Value {
        Value::Text(Some(self))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Bind for &str {
    fn value(self) -> Value {
        Value::Text(Some(self.to_owned()))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Bind for &String {
    fn value(self) -> Value {
        Value::Text(Some(self.clone()))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Bind for Cow<'_, str> {
    fn value(self) -> Value {
        Value::Text(Some(self.into_owned()))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Bind for Vec<u8> {
    fn value(self) -> Value {
        Value::Blob(Some(self))
    }
    fn null() -> Value {
        Value::Blob(None)
    }
}

impl Bind for &[u8] {
    fn value(self) -> Value {
        Value::Blob(Some(self.to_vec()))
    }
    fn null() -> Value {
        Value::Blob(None)
    }
}

impl Bind for &Vec<u8> {
    fn value(self) -> Value {
        Value::Blob(Some(self.clone()))
    }
    fn null() -> Value {
        Value::Blob(None)
    }
}

impl<const N: usize> Bind for [u8; N] {
    fn value(self) -> Value {
        Value::Blob(Some(self.to_vec()))
    }
    fn null() -> Value {
        Value::Blob(None)
    }
}

impl<const N: usize> Bind for &[u8; N] {
    fn value(self) -> Value {
        Value::Blob(Some(self.to_vec()))
    }
    fn null() -> Value {
        Value::Blob(None)
    }
}

impl<T: Bind> Bind for Option<T> {
    fn value(self) -> Value {
        match self {
            Some(value) => value.value(),
            None => T::null(),
        }
    }
    fn null() -> Value {
        T::null()
    }
}

impl<'a, T> Bind for &'a Option<T>
where
    &'a T: Bind,
{
    fn value(self) -> Value {
        match self {
            Some(value) => value.value(),
            None => <&'a T>::null(),
        }
    }
    fn null() -> Value {
        <&'a T>::null()
    }
}

/// Binds an enum stored as its snake-case name (the `#[sqlx(rename_all = "snake_case")]` text)
/// through its serde name, which is the same.
#[macro_export]
#[doc(hidden)]
macro_rules! bind_as_text {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::db::Bind for $t {
            fn value(self) -> $crate::db::Value {
                $crate::db::Value::Text(Some($crate::db::serde_name(&self)))
            }
            fn null() -> $crate::db::Value {
                $crate::db::Value::Text(None)
            }
        }
    )*};
}

/// The serde name of a unit enum variant (`"in_review"`), for [`bind_as_text!`].
#[doc(hidden)]
pub fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// A type a row decodes into on either engine (`#[derive(sqlx::FromRow)]` structs, tuples).
pub trait Record: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Record for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

/// A type one column decodes into on either engine.
pub trait Scalar:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> + Send + Unpin
{
}
impl<T> Scalar for T where
    T: for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
        + Send
        + Unpin
{
}

/// What a statement did.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    rows: u64,
}

impl Done {
    /// How many rows it inserted, changed or deleted.
    pub fn rows_affected(&self) -> u64 {
        self.rows
    }
}

/// Statements run by this process so far, on either engine: the benchmarks count statements per
/// flow with it (a relaxed atomic add per statement).
static STATEMENTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many statements this process has run through the seam.
pub fn statements_run() -> u64 {
    STATEMENTS.load(std::sync::atomic::Ordering::Relaxed)
}

/// The SQL of a query and its arguments so far.
#[derive(Debug, Clone)]
struct Statement {
    sql: Cow<'static, str>,
    args: Vec<Value>,
}

impl Statement {
    fn sqlite(self) -> sqlx::Result<(AssertSqlSafe<Cow<'static, str>>, SqliteArguments)> {
        STATEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut args = SqliteArguments::default();
        for value in self.args {
            match value {
                Value::Int(v) => args.add(v),
                Value::Real(v) => args.add(v),
                Value::Text(v) => args.add(v),
                Value::Blob(v) => args.add(v),
            }
            .map_err(sqlx::Error::Encode)?;
        }
        Ok((AssertSqlSafe(self.sql), args))
    }

    fn postgres(self) -> sqlx::Result<(AssertSqlSafe<Cow<'static, str>>, PgArguments)> {
        STATEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut args = PgArguments::default();
        for value in self.args {
            match value {
                Value::Int(v) => args.add(v),
                Value::Real(v) => args.add(v),
                Value::Text(v) => args.add(v),
                Value::Blob(v) => args.add(v),
            }
            .map_err(sqlx::Error::Encode)?;
        }
        Ok((AssertSqlSafe(Cow::Owned(postgres_sql(&self.sql))), args))
    }
}

/// SQLite's placeholders (`?`, `?N`) as PostgreSQL's (`$N`), outside quotes and comments.
pub fn postgres_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 0u32;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    next += 1;
                    out.push_str(&next.to_string());
                } else {
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Runs `$body` with `$ex` the engine's executor and `$sql`/`$args` the statement for it.
macro_rules! on_engine {
    ($target:expr, $stmt:expr, |$ex:ident, $sql:ident, $args:ident| $body:expr) => {
        match $target {
            Target::Pool(Pool::Sqlite(pool)) => {
                let ($sql, $args) = $stmt.sqlite()?;
                let $ex = pool;
                $body
            }
            Target::Pool(Pool::Postgres(pool)) => {
                let ($sql, $args) = $stmt.postgres()?;
                let $ex = pool;
                $body
            }
            Target::Conn(Conn::SqliteTx(tx)) => {
                let ($sql, $args) = $stmt.sqlite()?;
                let $ex = &mut **tx;
                $body
            }
            Target::Conn(Conn::Sqlite(conn)) => {
                let ($sql, $args) = $stmt.sqlite()?;
                let $ex = &mut **conn;
                $body
            }
            Target::Conn(Conn::PostgresTx(tx)) => {
                let ($sql, $args) = $stmt.postgres()?;
                let $ex = &mut **tx;
                $body
            }
            Target::Conn(Conn::Postgres(conn)) => {
                let ($sql, $args) = $stmt.postgres()?;
                let $ex = &mut **conn;
                $body
            }
        }
    };
}

/// A statement whose rows, if any, are not read.
#[derive(Debug, Clone)]
#[must_use = "a query does nothing until it is executed"]
pub struct Query(Statement);

/// A query whose rows decode into `O`.
#[derive(Debug, Clone)]
#[must_use = "a query does nothing until it is executed"]
pub struct QueryAs<O>(Statement, std::marker::PhantomData<fn() -> O>);

/// A query whose rows' first column decodes into `O`.
#[derive(Debug, Clone)]
#[must_use = "a query does nothing until it is executed"]
pub struct QueryScalar<O>(Statement, std::marker::PhantomData<fn() -> O>);

fn statement(sql: impl Into<Cow<'static, str>>) -> Statement {
    Statement { sql: sql.into(), args: Vec::new() }
}

/// A statement (`INSERT`, `UPDATE`, `DELETE`, …).
pub fn query(sql: impl Into<Cow<'static, str>>) -> Query {
    Query(statement(sql))
}

/// A query whose rows decode into `O`.
pub fn query_as<O>(sql: impl Into<Cow<'static, str>>) -> QueryAs<O> {
    QueryAs(statement(sql), std::marker::PhantomData)
}

/// A query whose first column decodes into `O`.
pub fn query_scalar<O>(sql: impl Into<Cow<'static, str>>) -> QueryScalar<O> {
    QueryScalar(statement(sql), std::marker::PhantomData)
}

impl Query {
    /// Adds the next argument.
    pub fn bind(mut self, value: impl Bind) -> Self {
        self.0.args.push(value.value());
        self
    }

    /// Runs the statement.
    pub async fn execute<'a>(self, on: impl Into<Target<'a>>) -> sqlx::Result<Done> {
        on_engine!(on.into(), self.0, |ex, sql, args| {
            sqlx::query_with(sql, args).execute(ex).await.map(|done| Done { rows: done.rows_affected() })
        })
    }
}

/// `bind` and the three fetches of [`QueryAs`] and [`QueryScalar`]: the same on both, only the
/// sqlx function that decodes the rows differs.
macro_rules! fetches {
    ($query:ident, $bound:ident, $with:path) => {
        impl<O: $bound> $query<O> {
            /// Adds the next argument.
            pub fn bind(mut self, value: impl Bind) -> Self {
                self.0.args.push(value.value());
                self
            }

            /// The one row; an error if there is none.
            pub async fn fetch_one<'a>(self, on: impl Into<Target<'a>>) -> sqlx::Result<O> {
                on_engine!(on.into(), self.0, |ex, sql, args| $with(sql, args).fetch_one(ex).await)
            }

            /// The first row, if any.
            pub async fn fetch_optional<'a>(self, on: impl Into<Target<'a>>) -> sqlx::Result<Option<O>> {
                on_engine!(on.into(), self.0, |ex, sql, args| $with(sql, args).fetch_optional(ex).await)
            }

            /// Every row.
            pub async fn fetch_all<'a>(self, on: impl Into<Target<'a>>) -> sqlx::Result<Vec<O>> {
                on_engine!(on.into(), self.0, |ex, sql, args| $with(sql, args).fetch_all(ex).await)
            }
        }
    };
}
fetches!(QueryAs, Record, sqlx::query_as_with);
fetches!(QueryScalar, Scalar, sqlx::query_scalar_with);

/// SQL built at run time (optional filters, lists of values), with sqlx's `QueryBuilder` names.
#[derive(Debug, Clone)]
pub struct QueryBuilder {
    sql: String,
    args: Vec<Value>,
}

impl QueryBuilder {
    /// Starts with `init`.
    pub fn new(init: impl Into<String>) -> Self {
        Self { sql: init.into(), args: Vec::new() }
    }

    /// Appends SQL text (never input: input goes through [`QueryBuilder::push_bind`]).
    pub fn push(&mut self, sql: impl std::fmt::Display) -> &mut Self {
        use std::fmt::Write as _;
        let _ = write!(self.sql, "{sql}");
        self
    }

    /// Appends a placeholder for `value`.
    pub fn push_bind(&mut self, value: impl Bind) -> &mut Self {
        self.sql.push('?');
        self.args.push(value.value());
        self
    }

    /// Items appended with `separator` between them.
    pub fn separated(&mut self, separator: &'static str) -> Separated<'_> {
        Separated { builder: self, separator, first: true }
    }

    /// `VALUES (…), (…)`: `push` fills one row's values for each item.
    pub fn push_values<I, F>(&mut self, items: I, mut push: F) -> &mut Self
    where
        I: IntoIterator,
        F: FnMut(Separated<'_>, I::Item),
    {
        self.sql.push_str("VALUES ");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.sql.push('(');
            push(Separated { builder: self, separator: ", ", first: true }, item);
            self.sql.push(')');
        }
        self
    }

    fn statement(&self) -> Statement {
        Statement { sql: Cow::Owned(self.sql.clone()), args: self.args.clone() }
    }

    /// The statement.
    pub fn build(&self) -> Query {
        Query(self.statement())
    }

    /// The query, rows decoding into `O`.
    pub fn build_query_as<O>(&self) -> QueryAs<O> {
        QueryAs(self.statement(), std::marker::PhantomData)
    }

    /// The query, the first column decoding into `O`.
    pub fn build_query_scalar<O>(&self) -> QueryScalar<O> {
        QueryScalar(self.statement(), std::marker::PhantomData)
    }
}

/// Appends items with a separator between them (see [`QueryBuilder::separated`]).
pub struct Separated<'b> {
    builder: &'b mut QueryBuilder,
    separator: &'static str,
    first: bool,
}

impl Separated<'_> {
    fn separate(&mut self) {
        if !self.first {
            self.builder.sql.push_str(self.separator);
        }
        self.first = false;
    }

    /// Appends SQL text after a separator.
    pub fn push(&mut self, sql: impl std::fmt::Display) -> &mut Self {
        self.separate();
        self.builder.push(sql);
        self
    }

    /// Appends a placeholder for `value` after a separator.
    pub fn push_bind(&mut self, value: impl Bind) -> &mut Self {
        self.separate();
        self.builder.push_bind(value);
        self
    }

    /// Appends SQL text with no separator before it.
    pub fn push_unseparated(&mut self, sql: impl std::fmt::Display) -> &mut Self {
        self.builder.push(sql);
        self
    }

    /// Appends a placeholder with no separator before it.
    pub fn push_bind_unseparated(&mut self, value: impl Bind) -> &mut Self {
        self.builder.push_bind(value);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::postgres_sql;

    #[test]
    fn placeholders_become_numbered_outside_quotes_and_comments() {
        assert_eq!(
            postgres_sql("SELECT a FROM t WHERE b = ? AND c = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = $2"
        );
        assert_eq!(postgres_sql("WHERE a = ?1 OR b = ?1 AND c = ?2"), "WHERE a = $1 OR b = $1 AND c = $2");
        assert_eq!(postgres_sql("SELECT '?', \"?\" -- ?\n, ?"), "SELECT '?', \"?\" -- ?\n, $1");
        assert_eq!(postgres_sql("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
    }
    #[tokio::test]
    async fn a_database_name_other_than_plain_letters_digits_and_underscores_is_refused_unsent() {
        for name in ["", "a;DROP DATABASE kabinet", "Upper", "a-b", "a b", "\"x\""] {
            let refused = super::create_postgres_database("postgres://kabinet@127.0.0.1:1/x", name).await;
            assert!(matches!(refused, Err(sqlx::Error::Configuration(_))), "{name:?}");
        }
    }
}
