-- Local search (issue 7): one row per cached ticket with everything an agent may type to find
-- it. `ids`: ticket id, order id and tracking numbers, each also as bare digits; `people`:
-- customer name, e-mail and phone digits (with and without country code, and every tail of at
-- least four digits, so a fragment from the middle of a number matches); `subject`; and the
-- whole conversation. Rebuilt whenever the ticket, its customer or its shipments change.
CREATE VIRTUAL TABLE search USING fts5(
    ticket_id UNINDEXED,
    ids,
    people,
    subject,
    conversation,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

-- A customer's or an order's tickets, for rebuilding their search rows.
CREATE INDEX tickets_by_customer ON tickets(customer_id);
CREATE INDEX tickets_by_order ON tickets(order_id);
