//! The change feed under concurrent writers, on both engines: a reader that follows the
//! cursor while several transactions commit in any order ends with every change exactly once.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::{Engine, TestStore};
use sportello_server::secrets::Keys;
use sportello_server::seed::{generate_batch, SeedOptions};
use sportello_server::store::PreparedBatch;

const WRITERS: u32 = 6;
const BATCHES_PER_WRITER: u32 = 4;
const TICKETS_PER_BATCH: u32 = 15;

async fn a_reader_never_misses_a_change_under_concurrent_writers(engine: Engine) {
    let test_store = TestStore::new(engine);
    let store = sportello_server::store::open(&test_store.url)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let keys = Arc::new(Keys::load_or_create(&test_store.dir.path().join("keys.json")).unwrap());
    let options = Arc::new(SeedOptions {
        tickets: 0,
        seed: 11,
        today: "2026-11-23".parse().unwrap(),
        now: "2026-11-23T09:00:00Z".parse().unwrap(),
    });

    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (store, done) = (store.clone(), done.clone());
        tokio::spawn(async move {
            let (mut since, mut seen, mut order) = (0i64, Vec::new(), Vec::new());
            loop {
                // Read the flag before the page: a page read after the writers finished drains.
                let finished = done.load(Ordering::SeqCst);
                let page = store.changes(since, 37).await.unwrap();
                for c in &page.changes {
                    seen.push((c.kind, c.id.clone()));
                    order.push(c.cursor);
                }
                since = page.next;
                if finished && !page.more {
                    return (seen, order);
                }
                tokio::task::yield_now().await;
            }
        })
    };

    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let (store, keys, options) = (store.clone(), keys.clone(), options.clone());
        writers.push(tokio::spawn(async move {
            for b in 0..BATCHES_PER_WRITER {
                let batch_no = w * BATCHES_PER_WRITER + b;
                let batch = generate_batch(&options, &keys, batch_no, TICKETS_PER_BATCH).unwrap();
                let batch = PreparedBatch::new(batch, options.now, &[3; 32]);
                store.write_seed(batch).await.unwrap();
            }
        }));
    }
    for w in writers {
        w.await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let (seen, order) = reader.await.unwrap();

    assert!(order.windows(2).all(|w| w[0] < w[1]), "cursors only grow");
    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no change came twice");
    let all = store.changes(0, 5000).await.unwrap();
    assert!(!all.more);
    let expected: HashSet<_> = all.changes.iter().map(|c| (c.kind, c.id.clone())).collect();
    assert_eq!(unique, expected, "the reader saw every change");
    let tickets = seen
        .iter()
        .filter(|(k, _)| *k == sportello_protocol::EntityKind::Ticket)
        .count();
    assert_eq!(
        tickets as u32,
        WRITERS * BATCHES_PER_WRITER * TICKETS_PER_BATCH
    );
}

on_both_engines!(a_reader_never_misses_a_change_under_concurrent_writers);
