//! Search as you type over the local cache: by ticket id, order id, tracking number, customer
//! name, a whole e-mail address or phone number however it is typed (offline too, through
//! keyed tokens: the cache never holds the contacts, rule 5.2), subject and the words of the
//! conversation; ranked; combined with the status, category and due-callback filters.

mod support;

use sportello_core::inspect::QueueStatements;
use sportello_core::types::{QueuePage, QueueQuery};
use sportello_core::Console;
use sportello_protocol::{NewMessage, NewMessageKind, TicketStatus};
use support::synced_console;

async fn find(console: &Console, text: &str) -> Vec<String> {
    console
        .queue(&QueueQuery {
            text: Some(text.into()),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_way_an_agent_types_finds_the_case() {
    let (_smtp, _server_dir, _data_dir, mut server, console) = synced_console(400).await;

    // A case with an order and a shipment, whose customer has a phone with a country code.
    let all = console
        .queue(&QueueQuery {
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut picked = None;
    for row in &all.rows {
        let case = console.case(&row.id).await.unwrap();
        let customer = case.customer.clone().unwrap();
        let (email, phones) = server.contacts(&customer.id).await;
        // A phone with a country code: `+39 347 123 4567`.
        let international = phones.into_iter().find(|p| p.starts_with('+'));
        let open = case.ticket.status != TicketStatus::Closed;
        if let (true, Some(phone)) = (
            open && case.order.is_some() && !case.shipments.is_empty(),
            international,
        ) {
            picked = Some((case, email, phone));
            break;
        }
    }
    let (case, email, phone) = picked.expect("a case with an order, a shipment and a phone");
    let id = case.ticket.id.clone();
    let customer = case.customer.clone().unwrap();
    let order = case.order.clone().unwrap();

    assert_eq!(find(&console, &id).await[0], id, "by ticket id, first");
    assert!(find(&console, &order.id).await.contains(&id), "by order id");
    let order_digits: String = order.id.chars().filter(char::is_ascii_digit).collect();
    assert!(
        find(&console, &order_digits[..8]).await.contains(&id),
        "by order digits"
    );
    let tracking = &case.shipments[0].tracking_number;
    assert!(
        find(&console, tracking).await.contains(&id),
        "by tracking number"
    );
    let first_name = customer.name.split(' ').next().unwrap();
    assert!(
        find(&console, &first_name[..first_name.len().min(4)])
            .await
            .contains(&id),
        "by the start of the name"
    );
    assert!(
        find(&console, &customer.name).await.contains(&id),
        "by the whole name"
    );
    // Nothing in the cache spells the contacts out.
    let cached = serde_json::to_string(&customer).unwrap();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    assert!(
        !cached.contains(&email) && !cached.contains(&digits[2..]),
        "{cached}"
    );

    // A whole e-mail address or phone number, however it is typed, finds the case; offline
    // too. Fragments of a phone find nothing any more.
    let (cc, national) = phone[1..].split_once(' ').unwrap();
    let national: String = national.chars().filter(char::is_ascii_digit).collect();
    let ways = [
        email.to_uppercase(),
        phone.clone(),
        format!("+{cc}{national}"),
        format!("00{cc} {national}"),
        format!("{} {} {}", &national[..3], &national[3..6], &national[6..]),
        format!(
            "({}) {}-{}",
            &national[..3],
            &national[3..6],
            &national[6..]
        ),
    ];
    for online in [true, false] {
        if !online {
            server.stop().await;
        }
        for typed in &ways {
            assert!(
                find(&console, typed).await.contains(&id),
                "{typed:?} finds the case (online: {online})"
            );
        }
    }
    for fragment in [&national[..6], &national[3..8]] {
        assert!(
            !find(&console, fragment).await.contains(&id),
            "a fragment {fragment:?} of the phone is not searchable"
        );
    }
    server.start_again().await;

    // The words of the conversation, including a note just written.
    console
        .add_message(
            &id,
            NewMessage {
                kind: NewMessageKind::Note,
                body: "Courier says the parcel went to Zanzibar by mistake".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(find(&console, "zanzib").await, std::slice::from_ref(&id));

    // Filters combine with the text (a note makes a new ticket open).
    let status = console.case(&id).await.unwrap().ticket.status;
    let other = if status == TicketStatus::Closed {
        TicketStatus::Open
    } else {
        TicketStatus::Closed
    };
    let with = |s| QueueQuery {
        text: Some("zanzibar".into()),
        status: Some(s),
        ..Default::default()
    };
    assert_eq!(console.queue(&with(status)).await.unwrap().total, 1);
    assert_eq!(console.queue(&with(other)).await.unwrap().total, 0);
    let due = console
        .queue(&QueueQuery {
            due_only: Some(true),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(due.total > 0, "the seed has callbacks due now");
    assert!(due.rows.iter().all(|r| r.callback_due));
    assert!(due.total < all.total);
    console.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn broad_searches_stop_counting_and_show_the_latest_changes_first() {
    let (_smtp, _server_dir, _data_dir, _server, console) = synced_console(1500).await;
    let cap = sportello_core::types::SEARCH_CAP;

    // The queue without text: every case once, due callbacks first, then newest first, a
    // page at a time.
    let mut rows = Vec::new();
    loop {
        let page = console
            .queue(&QueueQuery {
                offset: rows.len() as u32,
                limit: 200,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(page.total, 1500);
        assert!(!page.more);
        if page.rows.is_empty() {
            break;
        }
        rows.extend(page.rows);
    }
    assert_eq!(rows.len(), 1500);
    let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 1500, "no case twice");
    let due = rows.iter().take_while(|r| r.callback_due).count();
    assert!(due > 0 && rows[due..].iter().all(|r| !r.callback_due));
    for part in [&rows[..due], &rows[due..]] {
        assert!(part.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    }
    // A status or a category without text: the same cases in the same order, filtered.
    for (status, category) in [
        (Some(TicketStatus::Closed), None),
        (None, Some(rows[0].category)),
        (Some(rows[due].status), Some(rows[due].category)),
    ] {
        let page = console
            .queue(&QueueQuery {
                status,
                category,
                limit: 500,
                ..Default::default()
            })
            .await
            .unwrap();
        let expected: Vec<&str> = rows
            .iter()
            .filter(|r| status.is_none_or(|s| r.status == s))
            .filter(|r| category.is_none_or(|c| r.category == c))
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(
            page.total as usize,
            expected.len(),
            "{status:?} {category:?}"
        );
        let got: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            got,
            expected[..expected.len().min(500)],
            "{status:?} {category:?}"
        );
    }

    // One letter matches most cases: the count stops at the cap, and the cases changed last
    // come first.
    let broad = |text: &str| QueueQuery {
        text: Some(text.into()),
        limit: 50,
        ..Default::default()
    };
    let oldest = rows.last().unwrap().id.clone();
    console
        .add_message(
            &oldest,
            NewMessage {
                kind: NewMessageKind::Note,
                body: "Spoke to the customer again".into(),
            },
        )
        .await
        .unwrap();
    let page = console.queue(&broad("s")).await.unwrap();
    assert!(page.more, "more than {cap} match");
    assert_eq!(page.total, cap);
    assert_eq!(
        page.rows[0].id, oldest,
        "the case just worked on comes first"
    );
    let last = console
        .queue(&QueueQuery {
            offset: cap - 10,
            ..broad("s")
        })
        .await
        .unwrap();
    assert_eq!(last.rows.len(), 10, "the list ends at the cap");

    // Typing on narrows it to a ranked list with an exact count.
    let narrow = console.queue(&broad(&oldest)).await.unwrap();
    assert!(!narrow.more);
    assert_eq!(narrow.rows[0].id, oldest);
    console.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_on_ranks_and_counts_in_one_statement_with_the_same_answers() {
    let (_smtp, _server_dir, data_dir, _server, console) = synced_console(1500).await;
    let first = console.queue(&QueueQuery::default()).await.unwrap().rows[0].clone();
    let name = console
        .case(&first.id)
        .await
        .unwrap()
        .customer
        .unwrap()
        .name;
    console.shutdown().await;
    let cache = support::open_alices_cache(&support::cache_file(data_dir.path())).await;
    let now = sportello_clock::test_clock().now();
    let query = |text: &str, offset: u32| QueueQuery {
        text: Some(text.into()),
        offset,
        limit: 50,
        ..Default::default()
    };
    let answer = |page: QueuePage| {
        let rows: Vec<(String, String)> = page
            .rows
            .into_iter()
            .map(|r| (r.id, r.customer_name))
            .collect();
        (rows, page.total, page.more)
    };
    // Every keystroke of the customer's name, typed on (after the keystroke before it), and
    // typed afresh (after a query without text, which forgets the last search): the same
    // answer either way, also for a page past the end.
    let mut typed = String::new();
    let mut narrowed = 0;
    for c in name.chars() {
        typed.push(c);
        if c == ' ' {
            continue;
        }
        for offset in [0, 2000] {
            let q = query(&typed, offset);
            if cache.narrows(&QueueStatements::new(&q, now, None).unwrap()) {
                narrowed += 1;
            }
            let typed_on = answer(cache.queue(&q, now).await.unwrap());
            cache.queue(&QueueQuery::default(), now).await.unwrap();
            let afresh = answer(cache.queue(&q, now).await.unwrap());
            assert_eq!(typed_on, afresh, "{typed:?} at {offset}");
            if offset == 0 {
                assert!(
                    typed_on
                        .0
                        .iter()
                        .any(|(id, name_shown)| id == &first.id && name_shown == &name)
                        // or more match than the page shows
                        || typed_on.1 > 50,
                    "{typed:?}"
                );
            }
        }
    }
    assert!(
        narrowed > 0,
        "typing {name:?} on narrowed some search to one statement"
    );
    // A filter that changes does not narrow.
    let st = QueueStatements::new(
        &QueueQuery {
            status: Some(TicketStatus::Closed),
            ..query(&name, 0)
        },
        now,
        None,
    )
    .unwrap();
    assert!(!cache.narrows(&st));
    cache.close().await;
}
