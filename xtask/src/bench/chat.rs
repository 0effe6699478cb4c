//! Live chat latency (issue 17): two replicas of the server on one PostgreSQL database.
//! [`CHATS`] customers each open a live chat on the first replica and keep its page's event
//! stream open there; an agent's stream (`GET /api/v1/stream`, what the console follows)
//! follows the feed on the second. Then [`SAMPLES`] round trips, [`AT_ONCE`] at a time: a
//! customer writes on the first replica; when the agent's stream brings the message, the agent
//! answers on the second; the time until the customer's page hears the answer is one sample
//! (goal: p95 under 300 ms). Every hop between the replicas goes through PostgreSQL
//! (`LISTEN`/`NOTIFY` and the feed).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;
use sportello_protocol::API_PREFIX;
use tokio::sync::oneshot;

use super::postgres::psql_lines;
use super::server::Server;
use super::stats::Latencies;

/// Open chats, each with its page's event stream.
pub const CHATS: usize = 500;
/// Round trips measured.
pub const SAMPLES: usize = 300;
/// Conversations going on at once while measuring.
pub const AT_ONCE: usize = 10;
/// Round trips before measuring, not counted.
const WARM_UP: usize = 20;

/// What the chat part measured.
pub struct ChatResult {
    pub chats: usize,
    /// Customer's message to the agent's answer heard on the customer's page.
    pub round_trips: Latencies,
    /// Customer's message to the agent's stream bringing it.
    pub to_agent: Latencies,
}

/// Who waits for what: a marker text, and when it was seen.
type Waiting = Arc<Mutex<HashMap<String, oneshot::Sender<Instant>>>>;

/// A server-sent event stream, read event by event.
struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    async fn open(request: reqwest::RequestBuilder) -> Result<Events> {
        let response = request
            .send()
            .await
            .context("cannot open an event stream")?;
        if !response.status().is_success() {
            bail!("an event stream answered {}", response.status());
        }
        Ok(Events {
            response,
            buffer: String::new(),
        })
    }

    /// The next event's name and data; `None` when the stream ends.
    async fn next(&mut self) -> Option<(String, String)> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = String::new();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.strip_prefix(' ').unwrap_or(v));
                    }
                }
                if !event.is_empty() {
                    return Some((event, data));
                }
                continue;
            }
            let chunk = self.response.chunk().await.ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

/// Picks [`CHATS`] customers with an order and makes their sessions (token `bench-chat-N`);
/// their orders, in order.
fn prepare(db_url: &str) -> Result<Vec<String>> {
    let sql = format!(
        "DROP TABLE IF EXISTS bench_chats;
         CREATE TABLE bench_chats (n integer PRIMARY KEY, customer_id text, order_id text);
         INSERT INTO bench_chats (n, customer_id, order_id)
         SELECT row_number() OVER (ORDER BY md5(c.id)), c.id, min(o.id)
           FROM customers c JOIN orders o ON o.customer_id = c.id
          GROUP BY c.id ORDER BY md5(c.id) LIMIT {CHATS};
         INSERT INTO customer_sessions (token_hash, customer_id, created_at, expires_at)
         SELECT sha256(convert_to('bench-chat-' || n, 'UTF8')), customer_id, now(),
                now() + interval '1 day'
           FROM bench_chats;
         SELECT order_id FROM bench_chats ORDER BY n"
    );
    let orders = psql_lines(db_url, &sql)?;
    if orders.len() < CHATS {
        bail!(
            "only {} customers with an order for {CHATS} chats",
            orders.len()
        );
    }
    Ok(orders)
}

fn cookie(n: usize) -> String {
    format!("sportello_customer=bench-chat-{n}")
}

/// Runs the chat part: `customers` is the first replica; the second is started here.
pub fn run(
    runtime: &tokio::runtime::Runtime,
    binary: &Path,
    customers: &str,
    db_url: &str,
    out_dir: &Path,
) -> Result<ChatResult> {
    let orders = prepare(db_url)?;
    let agents = Server::start(binary, db_url, &out_dir.join("server-agents.log"))?;
    runtime.block_on(measure(customers, &agents.base, &orders))
}

async fn measure(customers: &str, agents: &str, orders: &[String]) -> Result<ChatResult> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    eprintln!("bench: {CHATS} customers open a live chat on one replica");
    let mut chats = Vec::with_capacity(CHATS);
    for (i, order) in orders.iter().enumerate() {
        let n = i + 1;
        let sent = http
            .post(format!("{customers}/customer/help"))
            .header(reqwest::header::COOKIE, cookie(n))
            .form(&[
                ("topic", "orders/where_is_my_parcel"),
                ("order", order.as_str()),
                ("note", "Is anyone there?"),
                ("contact", "chat"),
            ])
            .send()
            .await?;
        let location = sent
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .with_context(|| format!("no request opened for order {order}: {}", sent.status()))?;
        let ticket = location
            .trim_start_matches("/customer/requests/")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_string();
        chats.push((n, ticket));
    }

    // Every chat's page listens; an answer it hears is matched to whoever waits for it.
    let heard: Waiting = Arc::default();
    for (n, ticket) in &chats {
        let mut events = Events::open(
            http.get(format!(
                "{customers}/customer/requests/{ticket}/events?seen=1"
            ))
            .header(reqwest::header::COOKIE, cookie(*n)),
        )
        .await?;
        let heard = heard.clone();
        tokio::spawn(async move {
            while let Some((event, data)) = events.next().await {
                if event != "message" {
                    continue;
                }
                let at = Instant::now();
                let body: Value = serde_json::from_str(&data).unwrap_or_default();
                if let Some(text) = body["body"].as_str() {
                    if let Some(tx) = heard.lock().unwrap().remove(text) {
                        let _ = tx.send(at);
                    }
                }
            }
        });
    }

    // The agent on the other replica: each customer's message its stream brings is answered.
    let token = super::api::login(agents).await?;
    let page: Value = http
        .get(format!("{agents}{API_PREFIX}/sync?since=0&limit=1"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let head = page["head"].as_i64().context("the feed's head")?;
    let mut stream = Events::open(
        http.get(format!(
            "{agents}{API_PREFIX}/stream?since={head}&wait=3600"
        ))
        .bearer_auth(&token),
    )
    .await?;
    let seen: Waiting = Arc::default();
    {
        let (http, agents, token, seen) = (
            http.clone(),
            agents.to_string(),
            token.clone(),
            seen.clone(),
        );
        tokio::spawn(async move {
            while let Some((event, data)) = stream.next().await {
                if event != "changes" {
                    continue;
                }
                let at = Instant::now();
                let page: Value = serde_json::from_str(&data).unwrap_or_default();
                for change in page["changes"].as_array().into_iter().flatten() {
                    let last = change["data"]["messages"].as_array().and_then(|m| m.last());
                    let Some(last) = last.filter(|m| m["kind"] == "customer") else {
                        continue;
                    };
                    let Some(ping) = last["body"].as_str().filter(|b| b.starts_with("ping-"))
                    else {
                        continue;
                    };
                    let Some(tx) = seen.lock().unwrap().remove(ping) else {
                        continue;
                    };
                    let _ = tx.send(at);
                    let reply = http
                        .post(format!("{agents}{API_PREFIX}/tickets/{}/messages", change["id"].as_str().unwrap_or_default()))
                        .bearer_auth(&token)
                        .json(&serde_json::json!({"kind": "reply", "body": ping.replace("ping-", "pong-")}));
                    tokio::spawn(async move {
                        let _ = reply.send().await;
                    });
                }
            }
        });
    }

    eprintln!("bench: {SAMPLES} round trips, {AT_ONCE} at a time, across the replicas");
    let chats = Arc::new(chats);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..AT_ONCE {
        let (http, customers, chats, next) = (
            http.clone(),
            customers.to_string(),
            chats.clone(),
            next.clone(),
        );
        let (heard, seen) = (heard.clone(), seen.clone());
        workers.push(tokio::spawn(async move {
            let mut round_trips = Vec::new();
            let mut to_agent = Vec::new();
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if k >= SAMPLES + WARM_UP {
                    return Ok::<_, anyhow::Error>((round_trips, to_agent));
                }
                let (n, ticket) = &chats[k * 7 % chats.len()];
                let (agent_tx, agent_rx) = oneshot::channel();
                let (page_tx, page_rx) = oneshot::channel();
                seen.lock().unwrap().insert(format!("ping-{k}"), agent_tx);
                heard.lock().unwrap().insert(format!("pong-{k}"), page_tx);
                let started = Instant::now();
                let sent = http
                    .post(format!("{customers}/customer/requests/{ticket}/messages"))
                    .header(reqwest::header::COOKIE, cookie(*n))
                    .form(&[("body", format!("ping-{k}"))])
                    .send()
                    .await?;
                if sent.status() != reqwest::StatusCode::SEE_OTHER {
                    bail!("the customer's message answered {}", sent.status());
                }
                let patience = Duration::from_secs(10);
                let reached = tokio::time::timeout(patience, agent_rx)
                    .await
                    .with_context(|| format!("ping-{k} never reached the agent's stream"))??;
                let answered = tokio::time::timeout(patience, page_rx)
                    .await
                    .with_context(|| format!("pong-{k} never reached the customer's page"))??;
                if k >= WARM_UP {
                    to_agent.push(reached - started);
                    round_trips.push(answered - started);
                }
            }
        }));
    }
    let mut round_trips = Vec::new();
    let mut to_agent = Vec::new();
    for worker in workers {
        let (r, a) = worker.await.context("a chat worker panicked")??;
        round_trips.extend(r);
        to_agent.extend(a);
    }
    Ok(ChatResult {
        chats: CHATS,
        round_trips: Latencies::new(round_trips),
        to_agent: Latencies::new(to_agent),
    })
}
