//! The SQL of `schema`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

#[async_trait]
impl crate::store::Schema for Engine {
    async fn migrate(&self) -> StoreResult<()> {
        self.run_migrations().await?;
        // The deployment's contact-hash key, made once (rule 5.2).
        let mut key = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut key);
        sqlx::query(
            "INSERT INTO deployment (name, value) VALUES ('contact_key', $1)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(&key[..])
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn contact_key(&self) -> StoreResult<sportello_protocol::contact::ContactKey> {
        contact_key(&mut *self.pool.acquire().await?).await
    }
}
