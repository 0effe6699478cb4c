//! The SQL of `idempotency`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

/// Claims an idempotency key inside a write transaction. `None`: the key is new and now
/// held by this transaction (a concurrent request with the same key waits for it).
/// `Some(answer)`: the same request already succeeded; nothing must change.
pub(super) async fn claim_key(conn: &mut Conn, idem: &Idempotency) -> StoreResult<Option<String>> {
    let lifetime = chrono::Duration::hours(crate::store::IDEMPOTENCY_KEY_LIFETIME_HOURS);
    sqlx::query("DELETE FROM idempotency_keys WHERE agent_id = $1 AND created_at < $2")
        .bind(&idem.agent_id)
        .bind(idem.at - lifetime)
        .execute(&mut *conn)
        .await?;
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (agent_id, key, request_hash, answer, created_at)
         VALUES ($1, $2, $3, NULL, $4) ON CONFLICT (agent_id, key) DO NOTHING",
    )
    .bind(&idem.agent_id)
    .bind(&idem.key)
    .bind(&idem.request_hash)
    .bind(idem.at)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed == 1 {
        return Ok(None);
    }
    let (hash, answer): (Vec<u8>, Option<String>) = sqlx::query_as(
        "SELECT request_hash, answer FROM idempotency_keys WHERE agent_id = $1 AND key = \
            $2",
    )
    .bind(&idem.agent_id)
    .bind(&idem.key)
    .fetch_one(&mut *conn)
    .await?;
    if hash != idem.request_hash {
        return Err(StoreError::KeyReused);
    }
    answer
        .map(Some)
        .ok_or_else(|| corrupt("idempotency key without an answer", &idem.key))
}

/// [`claim_key`] when the request came with a key.
pub(super) async fn claim(
    conn: &mut Conn,
    idem: Option<&Idempotency>,
) -> StoreResult<Option<String>> {
    match idem {
        Some(idem) => claim_key(conn, idem).await,
        None => Ok(None),
    }
}

/// Stores the answer under the request's key, if it has one, and commits: the change
/// is done.
pub(super) async fn done<T: serde::Serialize>(
    mut tx: sqlx::Transaction<'_, <Conn as sqlx::Connection>::Database>,
    idem: Option<&Idempotency>,
    value: T,
) -> StoreResult<Applied<T>> {
    if let Some(idem) = idem {
        settle_key(&mut tx, idem, &value).await?;
    }
    tx.commit().await?;
    Ok(Applied::Done(value))
}

/// Stores the answer of the request that claimed `idem`, in its transaction.
pub(super) async fn settle_key<T: serde::Serialize>(
    conn: &mut Conn,
    idem: &Idempotency,
    answer: &T,
) -> StoreResult<()> {
    let answer = serde_json::to_string(answer).map_err(|e| StoreError::Other(e.into()))?;
    sqlx::query("UPDATE idempotency_keys SET answer = $3 WHERE agent_id = $1 AND key = $2")
        .bind(&idem.agent_id)
        .bind(&idem.key)
        .bind(answer)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
