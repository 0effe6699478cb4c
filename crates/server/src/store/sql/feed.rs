//! The SQL of `feed`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

#[async_trait]
impl crate::store::Feed for Engine {
    fn signal(&self) -> tokio::sync::watch::Receiver<u64> {
        subscribe_feed(self)
    }

    fn changed(&self) -> tokio::sync::broadcast::Receiver<Changed> {
        subscribe_changed(self)
    }

    async fn hear_others(&self) {
        hear_others(self).await
    }

    async fn announce_typing(&self, typing: &sportello_protocol::Typing) -> StoreResult<()> {
        announce_typing(self, typing).await
    }

    fn typing(&self) -> tokio::sync::broadcast::Receiver<sportello_protocol::Typing> {
        subscribe_typing(self)
    }

    async fn doc(&self, kind: EntityKind, id: &str) -> StoreResult<Option<String>> {
        let id = id.to_owned();
        let row: Option<(String,)> = self
            .read(move |conn| {
                Box::pin(async move {
                    sqlx::query_as(crate::store::queries::ENTITY_DOC)
                        .bind(kind.as_str())
                        .bind(id)
                        .fetch_optional(conn)
                        .await
                })
            })
            .await?;
        Ok(row.map(|(data,)| data))
    }

    async fn changes_raw(
        &self,
        since: i64,
        limit: u32,
        scope: FeedScope,
    ) -> StoreResult<RawSyncPage> {
        let mut conn = self.pool.acquire().await?;
        before_feed_read(&mut conn).await?;
        // One read transaction: the page and the head come from the same snapshot.
        let mut tx = conn.begin().await?;
        read_snapshot(&mut tx).await?;
        // What a reader may not see is not read: a page is full of what it may.
        let sql = match scope {
            FeedScope::SocialReplies => {
                "SELECT cursor, kind, id, deleted, data FROM changes
                  WHERE cursor > $1 AND kind = 'social_reply' ORDER BY cursor LIMIT $2"
            }
            FeedScope::Cases | FeedScope::CasesAndAudit => {
                "SELECT cursor, kind, id, deleted, data FROM changes
                  WHERE cursor > $1 AND ($3 OR kind <> 'audit') AND kind <> 'social_reply'
                  ORDER BY cursor LIMIT $2"
            }
        };
        let mut query = sqlx::query_as(sql).bind(since).bind(i64::from(limit) + 1);
        if scope != FeedScope::SocialReplies {
            query = query.bind(scope == FeedScope::CasesAndAudit);
        }
        let rows: Vec<(i64, String, String, bool, String)> = query.fetch_all(&mut *tx).await?;
        let (head,): (i64,) = sqlx::query_as("SELECT coalesce(max(cursor), 0) FROM changes")
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        let more = rows.len() > limit as usize;
        let mut changes = Vec::with_capacity(rows.len().min(limit as usize));
        for (cursor, kind, id, deleted, data) in rows.into_iter().take(limit as usize) {
            let kind = EntityKind::parse(&kind).ok_or_else(|| corrupt("change kind", &kind))?;
            changes.push(RawChange {
                cursor,
                kind,
                id,
                deleted,
                data: serde_json::value::RawValue::from_string(data)
                    .map_err(|e| StoreError::Other(e.into()))?,
            });
        }
        let next = changes.last().map_or(since, |c| c.cursor);
        Ok(RawSyncPage {
            changes,
            next,
            more,
            head,
        })
    }
}
