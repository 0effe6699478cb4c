//! The console's allocators (`sportello_core::memory::setup`, run first thing by its binaries):
//! once set up, SQLite's memory (page caches, statements) comes from mimalloc. The test process
//! keeps the system allocator for Rust, so what mimalloc has committed is SQLite's alone.

use sqlx::Connection;

/// Memory mimalloc has committed in this process, in bytes.
fn mimalloc_committed() -> usize {
    let mut v = [0usize; 8];
    // SAFETY: mimalloc writes each figure through its pointer.
    unsafe {
        let [a, b, c, d, e, f, g, h] = &mut v;
        libmimalloc_sys::mi_process_info(a, b, c, d, e, f, g, h);
    }
    v[5]
}

#[tokio::test]
async fn sqlite_allocates_with_mimalloc_once_set_up() {
    sportello_core::memory::setup();
    let before = mimalloc_committed();
    let mut db = sqlx::SqliteConnection::connect("sqlite::memory:")
        .await
        .unwrap();
    // About 20 MB of rows, all in the page cache of an in-memory database.
    sqlx::raw_sql(
        "PRAGMA cache_size = -65536;
         CREATE TABLE t (x BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO t SELECT randomblob(1000) FROM n;",
    )
    .execute(&mut db)
    .await
    .unwrap();
    let grown = mimalloc_committed().saturating_sub(before);
    db.close().await.unwrap();
    assert!(
        grown > 10 << 20,
        "SQLite's 20 MB came from mimalloc: it committed {grown} bytes more"
    );
}
