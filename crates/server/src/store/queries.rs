//! Statements that outside tools must run exactly as the server does: `cargo xtask bench`
//! replays the ones behind `GET /tickets/{id}` and behind a password resend to the account
//! e-mail through `pgbench` to compare the API with the database alone.

/// The agent and expiry of a session, by token hash (`$1`, bytes); none for a disabled
/// account.
pub const SESSION_AGENT: &str = "SELECT a.id, a.username, a.name, a.role, s.expires_at
   FROM sessions s JOIN agents a ON a.id = s.agent_id
  WHERE s.token_hash = $1 AND NOT a.disabled";

/// Counts a try against throttle `$1` at `$2`: a window that started at or before `$3` has
/// ended and starts again at `$2` with this try; otherwise the try counts only while the
/// window has fewer than `$4`. No row comes back when the window's tries are used up. One
/// statement, so concurrent tries (on any replica) are counted one after the other.
pub const THROTTLE_RESERVE: &str = "INSERT INTO login_throttle (key, window_start, tries) VALUES ($1, $2, 1)
  ON CONFLICT (key) DO UPDATE SET
     tries = CASE WHEN login_throttle.window_start <= $3 THEN 1 ELSE login_throttle.tries + 1 END,
     window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2 ELSE login_throttle.window_start END
   WHERE login_throttle.window_start <= $3 OR login_throttle.tries < $4
  RETURNING tries";

/// The deployment's contact-hash key.
pub const CONTACT_KEY: &str = "SELECT value FROM deployment WHERE name = 'contact_key'";

/// The current document of one entity (`$1` kind, `$2` id) from the change feed: what the
/// matching `GET` returns.
pub const ENTITY_DOC: &str = "SELECT data FROM changes WHERE kind = $1 AND id = $2 AND NOT deleted";

/// Takes the row lock of shipment `$1`'s delivery password (PostgreSQL) without changing it;
/// no row when the shipment has no password.
pub const PASSWORD_LOCK: &str =
    "UPDATE delivery_passwords SET generation = generation WHERE shipment_id = $1";

/// Takes the row lock of customer `$1` (PostgreSQL) without changing it; no row when there
/// is no such customer.
pub const CUSTOMER_LOCK: &str = "UPDATE customers SET name = name WHERE id = $1 RETURNING id";

/// What the password rules need about shipment `$1`: its status, the password's state,
/// generation, expiry and counters, the delivery date and zone, and the customer with the
/// account e-mail.
pub const PASSWORD_RECORD: &str =
    "SELECT s.status, p.state, p.generation, p.expires_at, p.counters_day, p.sends_today,
                            p.regenerations_today, p.last_sent_at, s.delivery_date, s.delivery_tz,
                            o.customer_id, c.email
                       FROM delivery_passwords p
                       JOIN shipments s ON s.id = p.shipment_id
                       JOIN orders o ON o.id = s.order_id
                       JOIN customers c ON c.id = o.customer_id
                      WHERE p.shipment_id = $1";

/// A resend's counters for shipment `$1`: the day (`$2`), sends (`$3`) and regenerations
/// (`$4`) on it, and the time of this send (`$5`).
pub const PASSWORD_RESEND_COUNTERS: &str = "UPDATE delivery_passwords
                                SET counters_day = $2, sends_today = $3, regenerations_today = $4,
                                    last_sent_at = $5
                              WHERE shipment_id = $1";

/// A password mail waiting in the outbox: created and due at `$1`, kind `$2`, shipment `$3`,
/// generation `$4`, recipient contact id `$5`.
pub const OUTBOX_INSERT: &str = "INSERT INTO mail_outbox (created_at, kind, shipment_id, generation, recipient_id, next_attempt_at)
                     VALUES ($1, $2, $3, $4, $5, $1)";

/// The order of shipment `$1` (an audit entry names both).
pub const SHIPMENT_ORDER: &str = "SELECT order_id FROM shipments WHERE id = $1";

/// An audit entry written in the transaction of the action it records, waiting to be chained
/// (`$1` at … `$16` destination; see `store/sql/audit.rs`). No lock: writers commit
/// concurrently.
pub const AUDIT_PENDING_INSERT: &str =
    "INSERT INTO audit_pending (at, actor_id, actor_username, actor_name, actor_role,
                           action, outcome, problem, shipment_id, order_id, ticket_id, generation,
                           reason, identity_check, channel, destination)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

/// Whether any committed entry waits to be chained.
pub const AUDIT_ANY_PENDING: &str = "SELECT EXISTS (SELECT 1 FROM audit_pending)";

/// The advisory lock key under which PostgreSQL chains the waiting entries ("SPAUDITC").
pub const AUDIT_LOCK: i64 = 0x5350_4155_4449_5443;

/// The chain's head: the last entry's number and hash.
pub const AUDIT_HEAD: &str = "SELECT seq, hash FROM audit_head WHERE id = 1";

/// The first `$1` waiting entries, in the order they were written, taken out of
/// `audit_pending` to be chained (in one statement: the rows read are the rows removed; the
/// order they come back in is not SQL's promise, the chainer sorts them by `id`).
pub const AUDIT_PENDING_TAKE: &str = "DELETE FROM audit_pending
 WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT $1)
 RETURNING id, at, actor_id, actor_username, actor_name, actor_role, action, outcome,
       problem, shipment_id, order_id, ticket_id, generation, reason, identity_check, channel,
       destination";

/// The chain's head moves to the last entry chained (number `$1`, hash `$2`).
pub const AUDIT_HEAD_SET: &str = "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1";

/// The last `$2` sends and regenerations of shipment `$1`'s password, newest first: those
/// waiting to be chained (the action's own, in its transaction) before the chained ones.
pub const PASSWORD_HISTORY: &str = "SELECT at, action, actor_name, destination, reason FROM (
    SELECT at, action, actor_name, destination, reason, 1 AS waiting, id AS n FROM audit_pending
     WHERE shipment_id = $1 AND outcome = 'done' AND action IN ('issue', 'resend', 'regenerate', 'unlock')
    UNION ALL
    SELECT at, action, actor_name, destination, reason, 0, seq FROM audit_chain
     WHERE shipment_id = $1 AND outcome = 'done' AND action IN ('issue', 'resend', 'regenerate', 'unlock')
  ) history ORDER BY waiting DESC, n DESC LIMIT $2";

/// The customer of the live customer session whose token hashes to `$1` (`$2`: now).
pub const CUSTOMER_SESSION: &str = "SELECT c.id, c.name, c.email, c.language
               FROM customer_sessions s JOIN customers c ON c.id = s.customer_id
              WHERE s.token_hash = $1 AND s.expires_at > $2";

/// Order `$1`, the first read of its document.
pub const ORDER_ROW: &str =
    "SELECT id, customer_id, placed_at, total_cents, currency FROM orders WHERE id = $1";

/// Order `$1`'s items, in order.
pub const ORDER_ITEMS: &str = "SELECT title, quantity, price_cents, frequently_returned
               FROM order_items WHERE order_id = $1 ORDER BY position";

/// Order `$1`'s shipments' ids.
pub const ORDER_SHIPMENTS: &str = "SELECT id FROM shipments WHERE order_id = $1 ORDER BY id";

/// The columns of shipments' documents: each shipment with its order's customer and their
/// account e-mail, and its delivery password's status (never the code; all NULL when it has
/// none), read in one statement; `$where` picks the shipments.
macro_rules! shipment_rows {
    ($where:literal) => {
        concat!(
            "SELECT s.id, s.order_id, s.carrier, s.tracking_number, s.status, s.delivery_date,
                    s.delivery_tz, o.customer_id, c.email, p.generation, p.state, p.issued_at,
                    p.expires_at, p.counters_day, p.sends_today, p.regenerations_today,
                    p.failed_verifications
               FROM shipments s JOIN orders o ON o.id = s.order_id
               JOIN customers c ON c.id = o.customer_id
               LEFT JOIN delivery_passwords p ON p.shipment_id = s.id ",
            $where
        )
    };
}

/// Shipment `$1` with its customer's e-mail and its password's status: the first read of its
/// document.
pub const SHIPMENT_ROW: &str = shipment_rows!("WHERE s.id = $1");

/// Order `$1`'s shipments as [`SHIPMENT_ROW`] reads one, in order: the customer's page reads
/// them at once.
pub const ORDER_SHIPMENT_ROWS: &str = shipment_rows!("WHERE s.order_id = $1 ORDER BY s.id");

/// Shipment `$1`'s tracking events, in order.
pub const SHIPMENT_EVENTS: &str =
    "SELECT at, kind, location FROM tracking_events WHERE shipment_id = $1 ORDER BY position";

/// The account e-mail of customer `$1`.
pub const CUSTOMER_EMAIL: &str = "SELECT email FROM customers WHERE id = $1";

/// Customer `$1`'s phone numbers, in order.
pub const CUSTOMER_PHONES: &str =
    "SELECT id, label, number, wrong_number FROM customer_phones WHERE customer_id = $1 ORDER BY position";

/// Customer `$1`'s trusted recipients, in order.
pub const CUSTOMER_RECIPIENTS: &str =
    "SELECT id, name, email FROM trusted_recipients WHERE customer_id = $1 ORDER BY position";

/// The advisory lock key under which PostgreSQL's pending feed rows are numbered (an
/// arbitrary constant: "SPORTELL").
pub const FEED_LOCK: i64 = 0x5350_4f52_5445_4c4c;

/// Takes the transaction-scoped advisory lock `$1` ([`FEED_LOCK`] or [`AUDIT_LOCK`]),
/// PostgreSQL only.
pub const FEED_LOCK_TAKE: &str = "SELECT pg_advisory_xact_lock($1)";

/// Puts an entity's document in the PostgreSQL feed, pending: kind `$1`, id `$2`, whether it
/// was deleted `$3`, the document `$4` (JSON text). It gets its cursor when the next reader
/// numbers the committed pending rows ([`FEED_PENDING`], [`FEED_NUMBER`]).
pub const CHANGE_UPSERT: &str = "INSERT INTO changes (kind, id, deleted, data)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, id) DO UPDATE
            SET cursor = NULL, pending = excluded.pending, deleted = excluded.deleted,
                data = excluded.data";

/// [`CHANGE_UPSERT`] for many documents at once (PostgreSQL: `$1` kinds, `$2` ids, `$3`
/// documents, each `(kind, id)` at most once), none of them a deletion.
pub const CHANGES_UPSERT_MANY: &str = "INSERT INTO changes (kind, id, deleted, data)
         SELECT kind, id, false, data FROM unnest($1::text[], $2::text[], $3::text[]) AS d(kind, id, data)
         ON CONFLICT (kind, id) DO UPDATE
            SET cursor = NULL, pending = excluded.pending, deleted = excluded.deleted,
                data = excluded.data";

/// Whether any committed feed row waits for its cursor.
pub const FEED_ANY_PENDING: &str = "SELECT EXISTS (SELECT 1 FROM changes WHERE cursor IS NULL)";

/// The committed pending feed rows, oldest first, locked until they are numbered. A row a
/// writer is rewriting right now is skipped, not waited for (waiting could deadlock with that
/// writer): it is pending again when the writer commits, and numbered by a later call.
pub const FEED_PENDING: &str =
    "SELECT kind, id FROM changes WHERE cursor IS NULL ORDER BY pending FOR UPDATE SKIP LOCKED";

/// Reserves `$1` cursors from the sequence; answers the last of them.
pub const FEED_RESERVE: &str = "SELECT setval('change_cursor', nextval('change_cursor') + $1 - 1)";

/// Gives pending rows their cursors: kinds `$1`, ids `$2`, cursors `$3`, as arrays.
pub const FEED_NUMBER: &str = "UPDATE changes c SET cursor = v.cursor
      FROM unnest($1::text[], $2::text[], $3::int8[]) AS v(kind, id, cursor)
     WHERE c.kind = v.kind AND c.id = v.id";
