//! The sync part: one client follows the change feed from the start, as a console catching up
//! does, parsing every page whole into the protocol's `SyncPage`.

use std::time::Instant;

use anyhow::{bail, Context, Result};
use sportello_protocol::{EntityKind, SyncPage, API_PREFIX};

/// The largest page the server allows.
pub use sportello_server::api::SYNC_MAX_LIMIT as MAX_LIMIT;

/// What following the feed measured.
pub struct SyncResult {
    pub changes: u64,
    pub tickets: u64,
    pub pages: u64,
    pub seconds: f64,
}

impl SyncResult {
    pub fn changes_per_second(&self) -> f64 {
        self.changes as f64 / self.seconds
    }
}

/// Follows the feed from `since=0` until `more` is false; every seeded ticket must arrive.
pub async fn follow(base: &str, token: &str, tickets: u32) -> Result<SyncResult> {
    let client = super::api::client()?;
    eprintln!("bench: following /sync from 0, {MAX_LIMIT} changes a page");
    let started = Instant::now();
    let mut result = SyncResult {
        changes: 0,
        tickets: 0,
        pages: 0,
        seconds: 0.0,
    };
    let mut since = 0;
    loop {
        let page = fetch(&client, base, token, since, MAX_LIMIT).await?;
        result.pages += 1;
        result.changes += page.changes.len() as u64;
        result.tickets += page
            .changes
            .iter()
            .filter(|c| c.kind == EntityKind::Ticket && !c.deleted)
            .count() as u64;
        if !page.more {
            break;
        }
        if page.next <= since {
            bail!(
                "the feed does not advance: since={since}, next={}",
                page.next
            );
        }
        since = page.next;
    }
    result.seconds = started.elapsed().as_secs_f64();
    if result.tickets != u64::from(tickets) {
        bail!(
            "the feed carried {} tickets, {tickets} were seeded",
            result.tickets
        );
    }
    Ok(result)
}

/// One page, parsed.
async fn fetch(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    since: i64,
    limit: u32,
) -> Result<SyncPage> {
    let response = get(client, base, token, since, limit).await?;
    let status = response.status();
    let body = response.bytes().await.context("cannot read a sync page")?;
    if status != reqwest::StatusCode::OK {
        bail!(
            "GET /sync?since={since}: {status} {}",
            String::from_utf8_lossy(&body)
        );
    }
    serde_json::from_slice(&body).with_context(|| format!("a bad sync page after {since}"))
}

async fn get(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    since: i64,
    limit: u32,
) -> Result<reqwest::Response> {
    client
        .get(format!("{base}{API_PREFIX}/sync"))
        .query(&[("since", since.to_string()), ("limit", limit.to_string())])
        .bearer_auth(token)
        .send()
        .await
        .with_context(|| format!("GET /sync?since={since}&limit={limit}"))
}
