//! The SQL of `seeding`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

#[async_trait]
impl crate::store::Seeding for Engine {
    async fn is_empty(&self) -> StoreResult<bool> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT (SELECT count(*) FROM agents) + (SELECT count(*) FROM tickets)")
                .fetch_one(&self.pool)
                .await?;
        Ok(n == 0)
    }

    fn seed_encoder(&self) -> Option<SeedEncoder> {
        SEED_ENCODER
    }

    async fn write_seed(&self, batch: PreparedBatch) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        bulk_settings(&mut conn, true).await?;
        let head = batch
            .rows
            .audit
            .last()
            .map(|e| (e.seq as i64, e.hash.clone()));
        let written = async {
            let mut tx = conn.begin().await?;
            write_batch(&mut tx, batch).await?;
            if let Some((seq, hash)) = head {
                sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
                    .bind(seq)
                    .bind(hash)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok::<_, StoreError>(())
        }
        .await;
        bulk_settings(&mut conn, false).await?;
        written
    }

    async fn seeded(&self) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        refresh_statistics(&mut conn).await
    }
}
