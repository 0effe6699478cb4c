//! The SQL of `social`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its
//! store and connection and `begin_write`, `record_change` and the feed's reads are its own.

use sportello_protocol::{Category, Channel, SocialReceipt, SocialReply, SocialVisibility};

use super::requests::{answer_on, append_customer_message, insert_ticket};
use super::*;

#[async_trait]
impl crate::store::Social for Engine {
    async fn receive_social(&self, m: NewSocialMessage<'_>) -> StoreResult<SocialReceipt> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let (customer_id, made) = identity(&mut tx, &m).await?;
        // Under the identity's row lock (PostgreSQL), so a message posted twice at once is
        // filed once.
        let known: Option<(String, String)> = sqlx::query_as(
            "SELECT ticket_id, message_id FROM social_messages
              WHERE network = $1 AND external_id = $2",
        )
        .bind(m.network)
        .bind(m.external_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((ticket_id, message_id)) = known {
            tx.commit().await?;
            return Ok(SocialReceipt {
                ticket_id,
                message_id,
                duplicate: true,
            });
        }
        let open: Option<(String,)> = sqlx::query_as(
            "SELECT t.id FROM social_threads st JOIN tickets t ON t.id = st.ticket_id
              WHERE st.network = $1 AND st.handle = $2 AND st.visibility = $3
                AND t.status <> 'closed'
              ORDER BY t.created_at DESC LIMIT 1",
        )
        .bind(m.network)
        .bind(m.handle)
        .bind(m.visibility.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let (ticket_id, message_id) = match open {
            Some((ticket_id,)) => {
                let message = answer_on(&mut tx, &ticket_id, m.handle, m.text, m.now).await?;
                (ticket_id, message)
            }
            None => {
                let ticket_id = insert_ticket(
                    &mut tx,
                    &customer_id,
                    None,
                    Category::Orders,
                    Channel::Social,
                    m.subject,
                    m.now,
                )
                .await?;
                sqlx::query(
                    "INSERT INTO social_threads (ticket_id, network, handle, visibility, language)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&ticket_id)
                .bind(m.network)
                .bind(m.handle)
                .bind(m.visibility.as_str())
                .bind(m.language)
                .execute(&mut *tx)
                .await?;
                let message =
                    append_customer_message(&mut tx, &ticket_id, m.handle, m.text, m.now).await?;
                (ticket_id, message)
            }
        };
        sqlx::query(
            "INSERT INTO social_messages (network, external_id, ticket_id, message_id)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(m.network)
        .bind(m.external_id)
        .bind(&ticket_id)
        .bind(&message_id)
        .execute(&mut *tx)
        .await?;
        if made {
            let customer = render_customer(&mut tx, &customer_id).await?;
            record_change(&mut tx, EntityKind::Customer, &customer_id, &customer).await?;
        }
        publish_ticket(&mut tx, &ticket_id, &[]).await?;
        tx.commit().await?;
        Ok(SocialReceipt {
            ticket_id,
            message_id,
            duplicate: false,
        })
    }
}

/// The customer a handle is, made on its first message (no e-mail: what is mailed to a
/// customer is not sent to one made from a handle), with the identity's row locked
/// (PostgreSQL). The id, and whether it was made now.
async fn identity(conn: &mut Conn, m: &NewSocialMessage<'_>) -> StoreResult<(String, bool)> {
    let known: Option<(String,)> = sqlx::query_as(
        "SELECT customer_id FROM social_identities WHERE network = $1 AND handle = $2",
    )
    .bind(m.network)
    .bind(m.handle)
    .fetch_optional(&mut *conn)
    .await?;
    let made = match known {
        Some(_) => None,
        None => {
            let id = format!(
                "C-S{}",
                uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase()
            );
            sqlx::query(
                "INSERT INTO customers (id, name, email, language) VALUES ($1, $2, '', $3)",
            )
            .bind(&id)
            .bind(m.name)
            .bind(m.language)
            .execute(&mut *conn)
            .await?;
            // A writer filing the same handle's first message at this moment may win.
            sqlx::query(
                "INSERT INTO social_identities (network, handle, customer_id) VALUES ($1, $2, $3)
                 ON CONFLICT (network, handle) DO NOTHING",
            )
            .bind(m.network)
            .bind(m.handle)
            .bind(&id)
            .execute(&mut *conn)
            .await?;
            Some(id)
        }
    };
    let (customer_id,): (String,) = sqlx::query_as(
        "UPDATE social_identities SET customer_id = customer_id
          WHERE network = $1 AND handle = $2 RETURNING customer_id",
    )
    .bind(m.network)
    .bind(m.handle)
    .fetch_one(&mut *conn)
    .await?;
    match made {
        Some(id) if id == customer_id => Ok((customer_id, true)),
        Some(lost) => {
            sqlx::query("DELETE FROM customers WHERE id = $1")
                .bind(lost)
                .execute(&mut *conn)
                .await?;
            Ok((customer_id, false))
        }
        None => Ok((customer_id, false)),
    }
}

/// Records an agent's reply on a `social` ticket as a `social_reply` change, for the
/// connector to publish where the customer wrote (rule 8.5).
pub(super) async fn publish_social_reply(
    conn: &mut Conn,
    ticket_id: &str,
    message: &NewMessageRow,
    message_id: &str,
) -> StoreResult<()> {
    let thread: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT network, handle, visibility, language FROM social_threads WHERE ticket_id = $1",
    )
    .bind(ticket_id)
    .fetch_optional(&mut *conn)
    .await?;
    // A social ticket an agent opened by hand has no thread: there is nowhere to publish.
    let Some((network, handle, visibility, language)) = thread else {
        return Ok(());
    };
    let (in_reply_to,): (String,) = sqlx::query_as(
        "SELECT sm.external_id FROM social_messages sm JOIN messages m ON m.id = sm.message_id
          WHERE sm.ticket_id = $1 ORDER BY m.position DESC LIMIT 1",
    )
    .bind(ticket_id)
    .fetch_one(&mut *conn)
    .await?;
    let reply = SocialReply {
        id: message_id.to_owned(),
        ticket_id: ticket_id.to_owned(),
        network,
        handle,
        visibility: SocialVisibility::parse(&visibility)
            .ok_or_else(|| corrupt("social visibility", &visibility))?,
        in_reply_to,
        language,
        author: message.author.clone(),
        at: message.at,
        text: message.body.clone(),
    };
    record_change(conn, EntityKind::SocialReply, message_id, &Some(reply)).await
}
