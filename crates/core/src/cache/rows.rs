//! Writing rows in bulk and reading stored documents back, for every layer over the cache.

use sqlx::SqliteConnection;

use super::error::{corrupt, Result, What};

/// Rows bound per statement: one statement per few hundred rows, far below SQLite's limit of
/// 32,766 parameters.
const ROWS_PER_STATEMENT: usize = 400;

/// Runs `head` (an `INSERT … (columns)`) with `VALUES` for `rows`, a few hundred rows per
/// statement, every value bound as a parameter; nothing when there are none.
pub(crate) async fn insert<const N: usize>(
    conn: &mut SqliteConnection,
    head: &'static str,
    rows: &[[Option<&str>; N]],
) -> Result<()> {
    insert_around(conn, head, "", ROWS_PER_STATEMENT, rows).await
}

/// [`insert`] for a statement that goes on after its `VALUES` list (`tail`).
pub(crate) async fn insert_around<const N: usize>(
    conn: &mut SqliteConnection,
    head: &'static str,
    tail: &'static str,
    per_statement: usize,
    rows: &[[Option<&str>; N]],
) -> Result<()> {
    let row = format!("({})", ["?"; N].join(", "));
    for chunk in rows.chunks(per_statement) {
        let values = vec![row.as_str(); chunk.len()].join(", ");
        let sql = format!("{head} VALUES {values}{tail}");
        let mut query =
            sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(chunk.len() == per_statement);
        for value in chunk.iter().flatten() {
            query = query.bind(*value);
        }
        query
            .execute(&mut *conn)
            .await
            .what(format!("write {}", table(head)))?;
    }
    Ok(())
}

/// The table an `INSERT … INTO table …` statement writes, for its errors.
fn table(head: &str) -> &str {
    head.split_once(" INTO ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .unwrap_or("rows")
}

/// Items as one JSON array, for `json_each`.
pub(crate) fn json_array<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<T> = items.into_iter().collect();
    serde_json::to_string(&items).expect("ids serialise")
}

/// A stored document (`what` names it in the error).
pub(crate) fn document<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
) -> Result<T> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e))
}

/// A document as the cache stores it.
pub(crate) fn to_document<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("documents serialise")
}
