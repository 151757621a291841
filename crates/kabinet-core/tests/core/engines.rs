//! The two engines' schemas in lockstep (issue 14, its first part): the SQLCipher database the
//! core migrates (`migrations/*.sql`) and a PostgreSQL database migrated with
//! `migrations/postgres/*.sql` must have the same tables, columns (type class, nullability,
//! primary keys), indexes (columns, uniqueness, partial or not), foreign keys, CHECK constraints
//! and triggers. A migration written for one engine only fails here.
//!
//! Needs a PostgreSQL: the test command runs the suite under `scripts/lib/with-postgres.sh`,
//! which starts a throwaway cluster and sets `KABINET_TEST_DATABASE_URL`.

use std::collections::BTreeMap;

use sqlx::{Connection, Executor, Row};

use crate::common::*;

/// What the comparison sees of one table.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// name → (type class, NOT NULL, part of the primary key)
    columns: BTreeMap<String, (&'static str, bool, bool)>,
    /// name → (unique, columns, partial)
    indexes: BTreeMap<String, (bool, Vec<String>, bool)>,
    foreign_keys: usize,
    checks: usize,
}

type Schema = (BTreeMap<String, Table>, Vec<String>);

fn class(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int8" => "integer",
        "text" => "text",
        "blob" | "bytea" => "bytes",
        "real" | "double precision" | "float8" => "float",
        _ => "other",
    }
}

async fn sqlite_schema(dir: &std::path::Path) -> Schema {
    let mut conn = raw_connection(dir).await;
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut schema = BTreeMap::new();
    for (name, sql) in tables {
        let mut table = Table { checks: sql.matches("CHECK (").count(), ..Table::default() };
        let columns = sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA table_info(\"{name}\")")))
            .fetch_all(&mut conn)
            .await
            .unwrap();
        for column in columns {
            let pk: i64 = column.get("pk");
            let notnull: i64 = column.get("notnull");
            let declared: String = column.get("type");
            table.columns.insert(column.get("name"), (class(&declared), notnull == 1 || pk > 0, pk > 0));
        }
        table.foreign_keys = sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA foreign_key_list(\"{name}\")")))
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .len();
        let indexes: Vec<(String, String)> = sqlx::query_as(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        )
        .bind(&name)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        for (index, sql) in indexes {
            let columns: Vec<String> =
                sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA index_info(\"{index}\")")))
                    .fetch_all(&mut conn)
                    .await
                    .unwrap()
                    .iter()
                    .map(|row| row.get::<String, _>("name"))
                    .collect();
            let upper = sql.to_uppercase();
            table
                .indexes
                .insert(index, (upper.starts_with("CREATE UNIQUE"), columns, upper.contains(" WHERE ")));
        }
        schema.insert(name, table);
    }
    let triggers: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    (schema, triggers)
}

async fn postgres_schema(conn: &mut sqlx::PgConnection) -> Schema {
    let mut schema: BTreeMap<String, Table> = BTreeMap::new();
    let columns = sqlx::query(
        "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'NO' AS not_null, \
         EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) \
                 WHERE i.indisprimary AND i.indrelid = (quote_ident(c.table_name))::regclass \
                 AND a.attname = c.column_name) AS pk \
         FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for row in columns {
        let table: String = row.get("table_name");
        let declared: String = row.get("data_type");
        schema
            .entry(table)
            .or_default()
            .columns
            .insert(row.get("column_name"), (class(&declared), row.get("not_null"), row.get("pk")));
    }
    let constraints: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT cl.relname::text, con.contype::text, count(*) FROM pg_constraint con \
         JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace \
         WHERE n.nspname = 'public' AND con.contype IN ('f', 'c') GROUP BY 1, 2",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (table, kind, count) in constraints {
        let entry = schema.entry(table).or_default();
        if kind == "f" {
            entry.foreign_keys = count as usize;
        } else {
            entry.checks = count as usize;
        }
    }
    let indexes = sqlx::query(
        "SELECT t.relname::text AS table_name, i.relname::text AS index_name, x.indisunique AS is_unique, \
         x.indpred IS NOT NULL AS partial, \
         array(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n) \
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS columns \
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations' \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for row in indexes {
        let table: String = row.get("table_name");
        schema.entry(table).or_default().indexes.insert(
            row.get("index_name"),
            (row.get("is_unique"), row.get::<Vec<String>, _>("columns"), row.get("partial")),
        );
    }
    let mut triggers: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    triggers.sort();
    (schema, triggers)
}

#[tokio::test]
async fn the_two_schemas_match() {
    // Once per run of the suite: it opens both engines itself, in the SQLCipher pass.
    crate::sqlite_only!();
    let url = std::env::var("KABINET_TEST_DATABASE_URL").expect(
        "KABINET_TEST_DATABASE_URL: run the suite under scripts/lib/with-postgres.sh (the test command does)",
    );
    // A database of its own, so the comparison sees only what the migrations made.
    let name = format!("kabinet_schema_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
    admin.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).await.unwrap();
    admin.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    let mut pg = sqlx::PgConnection::connect(&format!("{base}/{name}")).await.unwrap();
    let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/postgres");
    sqlx::migrate::Migrator::new(migrations).await.unwrap().run(&mut pg).await.unwrap();

    let f = fixture().await;
    let (sqlite, sqlite_triggers) = sqlite_schema(f.dir.path()).await;
    let (postgres, postgres_triggers) = postgres_schema(&mut pg).await;
    pg.close().await.unwrap();
    admin.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}"))).await.unwrap();

    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "the same tables on both engines"
    );
    for (name, table) in &sqlite {
        assert_eq!(Some(table), postgres.get(name), "table {name}: SQLite left, PostgreSQL right");
    }
    assert_eq!(sqlite_triggers, postgres_triggers, "the same triggers");
    assert!(sqlite.len() > 40, "the whole schema was read: {} tables", sqlite.len());
}
