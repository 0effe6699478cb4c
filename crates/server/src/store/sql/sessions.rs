//! The SQL of `sessions`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

#[async_trait]
impl crate::store::Sessions for Engine {
    async fn agent_by_username(&self, username: &str) -> StoreResult<Option<AgentRecord>> {
        let row: Option<(String, String, String, String, String, bool)> = sqlx::query_as(
            "SELECT id, username, name, role, password_hash, disabled FROM agents WHERE
                username = $1",
        )
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(id, username, name, role, password_hash, disabled)| {
            Ok(AgentRecord {
                info: AgentInfo {
                    role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                    id,
                    username,
                    name,
                },
                password_hash,
                disabled,
            })
        })
        .transpose()
    }

    async fn create_session(
        &self,
        token_hash: &[u8],
        agent_id: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) VALUES
                ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(agent_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session_agent(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<AgentInfo>> {
        let token_hash = token_hash.to_vec();
        let row: Option<(String, String, String, String, DateTime<Utc>)> = self
            .read(move |conn| {
                Box::pin(async move {
                    sqlx::query_as(crate::store::queries::SESSION_AGENT)
                        .bind(token_hash)
                        .fetch_optional(conn)
                        .await
                })
            })
            .await?;
        match row {
            Some((id, username, name, role, expires_at)) if expires_at > now => {
                Ok(Some(AgentInfo {
                    role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                    id,
                    username,
                    name,
                }))
            }
            _ => Ok(None),
        }
    }

    async fn session_expiry(&self, token_hash: &[u8]) -> StoreResult<Option<DateTime<Utc>>> {
        let row: Option<(DateTime<Utc>,)> =
            sqlx::query_as("SELECT expires_at FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(at,)| at))
    }

    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn reserve_try(&self, t: ThrottleTry<'_>) -> StoreResult<Result<(), DateTime<Utc>>> {
        let counted: Option<(i64,)> = sqlx::query_as(crate::store::queries::THROTTLE_RESERVE)
            .bind(t.key)
            .bind(t.now)
            .bind(t.window_ended_before)
            .bind(i64::from(t.limit))
            .fetch_optional(&self.pool)
            .await?;
        if counted.is_some() {
            return Ok(Ok(()));
        }
        let (started,): (DateTime<Utc>,) =
            sqlx::query_as("SELECT window_start FROM login_throttle WHERE key = $1")
                .bind(t.key)
                .fetch_one(&self.pool)
                .await?;
        Ok(Err(started))
    }

    async fn release_try(&self, key: &str) -> StoreResult<()> {
        sqlx::query("UPDATE login_throttle SET tries = tries - 1 WHERE key = $1 AND tries > 0")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn clear_tries(&self, key: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn add_agent(&self, agent: NewAgent) -> StoreResult<()> {
        let added = sqlx::query(
            "INSERT INTO agents (id, username, name, role, password_hash) VALUES ($1,
                $2, $3, $4, $5)
             ON CONFLICT DO NOTHING",
        )
        .bind(&agent.info.id)
        .bind(&agent.info.username)
        .bind(&agent.info.name)
        .bind(agent.info.role.as_str())
        .bind(&agent.password_hash)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if added == 0 {
            return Err(StoreError::Conflict {
                kind: sportello_protocol::problem::types::ACCOUNT_EXISTS,
                detail: format!("there is already an account {:?}", agent.info.username),
            });
        }
        Ok(())
    }

    async fn agents(&self, now: DateTime<Utc>) -> StoreResult<Vec<AgentListing>> {
        let rows: Vec<(String, String, String, String, bool, Option<String>, i64)> =
            sqlx::query_as(
                "SELECT a.id, a.username, a.name, a.role, a.disabled, a.flagged,
                    (SELECT count(*) FROM sessions s WHERE s.agent_id = a.id AND
                    s.expires_at > $1)
               FROM agents a ORDER BY a.username",
            )
            .bind(now)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|(id, username, name, role, disabled, flagged, sessions)| {
                Ok(AgentListing {
                    info: AgentInfo {
                        role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                        id,
                        username,
                        name,
                    },
                    disabled,
                    flagged,
                    sessions: sessions as u32,
                })
            })
            .collect()
    }

    async fn set_password(
        &self,
        agent_id: &str,
        password_hash: &str,
        keep: Option<&[u8]>,
    ) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let updated = sqlx::query("UPDATE agents SET password_hash = $2 WHERE id = $1")
            .bind(agent_id)
            .bind(password_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(StoreError::NotFound(format!(
                "no account with id {agent_id:?}"
            )));
        }
        sqlx::query("DELETE FROM sessions WHERE agent_id = $1 AND token_hash <> $2")
            .bind(agent_id)
            .bind(keep.unwrap_or_default())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn disable_agent(&self, username: &str, flag: Option<&str>) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let id: Option<(String,)> = sqlx::query_as(
            "UPDATE agents SET disabled = $2, flagged = coalesce($3, flagged) WHERE
                username = $1 RETURNING id",
        )
        .bind(username)
        .bind(true)
        .bind(flag)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id,)) = id else {
            return Err(StoreError::NotFound(format!("no account {username:?}")));
        };
        sqlx::query("DELETE FROM sessions WHERE agent_id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn sweep(&self, cutoffs: SweepCutoffs) -> StoreResult<Swept> {
        let delete = |sql: &'static str, before: DateTime<Utc>| async move {
            Ok::<_, StoreError>(
                sqlx::query(sql)
                    .bind(before)
                    .execute(&self.pool)
                    .await?
                    .rows_affected(),
            )
        };
        Ok(Swept {
            throttles: delete(
                "DELETE FROM login_throttle WHERE window_start <= $1",
                cutoffs.throttles,
            )
            .await?,
            // Agents' and customers' sessions, and sign-in links used or not (rule 8.1).
            sessions: delete(
                "DELETE FROM sessions WHERE expires_at <= $1",
                cutoffs.sessions,
            )
            .await?
                + delete(
                    "DELETE FROM customer_sessions WHERE expires_at <= $1",
                    cutoffs.sessions,
                )
                .await?
                + delete(
                    "DELETE FROM customer_signin_links WHERE expires_at <= $1",
                    cutoffs.sessions,
                )
                .await?,
            idempotency_keys: delete(
                "DELETE FROM idempotency_keys WHERE created_at < $1",
                cutoffs.idempotency_keys,
            )
            .await?,
            verification_failures: delete(
                "DELETE FROM verification_failures WHERE at < $1",
                cutoffs.verification_failures,
            )
            .await?,
        })
    }
}
