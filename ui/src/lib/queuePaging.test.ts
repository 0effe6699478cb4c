import { describe, expect, it } from "vitest";
import { SEARCH_CAP } from "./generated/types";
import { PAGE_SIZE, QueuePaging, type PageAnswer } from "./queuePaging";

type Row = { id: string };

/** A load the test answers when it likes. */
interface Call {
  query: string;
  offset: number;
  limit: number;
  page: number;
  settled: boolean;
  answer: () => void;
  fail: (error: unknown) => void;
}

/** Every promise reaction queued so far runs. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A queue over a fake loader: query `q` has `totals[q]` rows, row `i` having id `q-i`. Loads wait
 * until the test answers them, one by one or all with `drain`.
 */
function harness(
  totals: Record<string, number>,
  more: Record<string, boolean> = {},
  // Pages of 200 rows read a page ahead, which the cases below count in; the defaults have
  // their own case at the end.
  sizes: { pageSize?: number; prefetch?: number } = { pageSize: 200, prefetch: 200 },
) {
  const calls: Call[] = [];
  const view = { start: 0, end: 29 };
  const events = { changes: 0, restarts: 0, waited: [] as { id: string; index: number }[] };
  const paging = new QueuePaging<string, Row>({
    ...sizes,
    load: (query, offset, limit) =>
      new Promise<PageAnswer<Row>>((resolve, reject) => {
        const call: Call = {
          query,
          offset,
          limit,
          page: offset / limit,
          settled: false,
          answer: () => {
            call.settled = true;
            const total = totals[query] ?? 0;
            const rows: Row[] = [];
            for (let i = offset; i < Math.min(offset + limit, total); i++) rows.push({ id: `${query}-${i}` });
            resolve({ rows, total, more: more[query] ?? false });
          },
          fail: (error) => {
            call.settled = true;
            reject(error);
          },
        };
        calls.push(call);
      }),
    view: () => view,
    onChange: () => (events.changes += 1),
    onRestart: () => (events.restarts += 1),
    onWaited: (row, index) => events.waited.push({ id: row.id, index }),
  });
  const pending = () => calls.filter((c) => !c.settled);
  /** Answers every load, and those they lead to, until none waits. */
  async function drain() {
    await settle();
    for (let open = pending(); open.length > 0; open = pending()) {
      open.forEach((c) => c.answer());
      await settle();
    }
  }
  /** Puts rows `[start, start + 29)` in view and tells the queue. */
  function scrollTo(start: number) {
    view.start = start;
    view.end = start + 29;
    paging.update();
  }
  return { paging, calls, pending, drain, scrollTo, view, events };
}

describe("QueuePaging", () => {
  it("loads the first page of a new query, then the page ahead", async () => {
    const h = harness({ a: 1_000 });
    expect(h.paging.resetting).toBe(true);
    expect(h.paging.total).toBeNull();
    h.paging.setQuery("a");
    expect(h.calls.map((c) => [c.query, c.offset, c.limit])).toEqual([["a", 0, 200]]);
    h.calls[0].answer();
    await settle();
    expect(h.paging.resetting).toBe(false);
    expect(h.paging.total).toBe(1_000);
    expect(h.paging.rowAt(0)).toEqual({ id: "a-0" });
    expect(h.paging.rowAt(199)).toEqual({ id: "a-199" });
    expect(h.paging.rowAt(200)).toBeNull();
    expect(h.events.restarts).toBe(1);
    expect(h.events.changes).toBeGreaterThanOrEqual(2);
    // A page's worth ahead of the view (rows 0–28) is fetched next: page 1, nothing further.
    expect(h.pending().map((c) => c.page)).toEqual([1]);
    await h.drain();
    expect(h.paging.loadedPages).toEqual([0, 1]);
  });

  it("loads pages as the view moves, a few at a time", async () => {
    const h = harness({ a: 100_000 });
    h.paging.setQuery("a");
    await h.drain();
    h.scrollTo(50_000);
    // Page 250 is in view; 249 and 251 hold the rows a page behind and ahead of it. Two loads
    // at a time: the page in view first.
    expect(h.pending().map((c) => c.page)).toEqual([250, 249]);
    expect(h.paging.rowAt(50_000)).toBeNull();
    await h.drain();
    expect(h.calls.slice(-3).map((c) => c.page)).toEqual([250, 249, 251]);
    expect(h.paging.rowAt(50_000)).toEqual({ id: "a-50000" });
    expect(h.paging.rowAt(50_028)).toEqual({ id: "a-50028" });
  });

  it("drops pages far from the view and keeps those near it", async () => {
    const h = harness({ a: 100_000 });
    h.paging.setQuery("a");
    await h.drain();
    expect(h.paging.loadedPages).toEqual([0, 1]);
    h.scrollTo(50_000);
    await h.drain();
    expect(h.paging.loadedPages).toEqual([249, 250, 251]);
    expect(h.paging.rowAt(0)).toBeNull();
    // One page on: 249 is within two pages of the view and stays.
    h.scrollTo(50_200);
    await h.drain();
    expect(h.paging.loadedPages).toEqual([249, 250, 251, 252]);
    // Back to the top: the whole neighbourhood of page 250 is dropped, and page 0 read again.
    h.scrollTo(0);
    await h.drain();
    expect(h.paging.loadedPages).toEqual([0, 1]);
    expect(h.calls.filter((c) => c.page === 0)).toHaveLength(2);
  });

  it("ignores a late answer to a query the agent has left", async () => {
    const h = harness({ a: 500, b: 3 });
    h.paging.setQuery("a");
    h.paging.setQuery("b");
    const [a, b] = h.calls;
    b.answer();
    await settle();
    a.answer();
    await h.drain();
    expect(h.paging.total).toBe(3);
    expect(h.paging.rowAt(0)).toEqual({ id: "b-0" });
    expect(h.paging.rowAt(3)).toBeNull();
    expect(h.events.restarts).toBe(1);
  });

  it("keeps the old rows in view until a new query's first page arrives", async () => {
    const h = harness({ a: 500, b: 3 });
    h.paging.setQuery("a");
    await h.drain();
    h.paging.setQuery("b");
    expect(h.paging.resetting).toBe(true);
    expect(h.paging.rowAt(0)).toEqual({ id: "a-0" });
    await h.drain();
    expect(h.paging.resetting).toBe(false);
    expect(h.paging.rowAt(0)).toEqual({ id: "b-0" });
    expect(h.paging.loadedPages).toEqual([0]);
  });

  it("reports a page that fails to load and tries it again", async () => {
    const h = harness({ a: 1_000 });
    h.paging.setQuery("a");
    h.calls[0].answer();
    await settle();
    const [page1] = h.pending();
    expect(page1.page).toBe(1);
    const changes = h.events.changes;
    const failure = { kind: "cache", message: "disk I/O error" };
    page1.fail(failure);
    await settle();
    expect(h.paging.error).toBe(failure);
    expect(h.events.changes).toBe(changes + 1);
    // The rows loaded stay, and the page is asked for again.
    expect(h.paging.rowAt(0)).toEqual({ id: "a-0" });
    expect(h.pending().map((c) => c.page)).toEqual([1]);
    await h.drain();
    expect(h.paging.error).toBeNull();
    expect(h.paging.rowAt(200)).toEqual({ id: "a-200" });
  });

  it("shows no rows when a new query's first page fails, until it is read again", async () => {
    const h = harness({ a: 500, b: 7 });
    h.paging.setQuery("a");
    await h.drain();
    h.paging.setQuery("b");
    h.pending()[0].fail("unreachable");
    await settle();
    expect(h.paging.error).toBe("unreachable");
    expect(h.paging.total).toBeNull();
    expect(h.paging.resetting).toBe(false);
    expect(h.paging.rowAt(0)).toBeNull();
    // Nothing is asked for until something changes.
    expect(h.pending()).toEqual([]);
    h.paging.refresh();
    await h.drain();
    expect(h.paging.error).toBeNull();
    expect(h.paging.total).toBe(7);
    expect(h.paging.rowAt(6)).toEqual({ id: "b-6" });
  });

  it("passes the total and the more flag through", async () => {
    const totals = { phone: SEARCH_CAP };
    const more = { phone: true };
    const h = harness(totals, more);
    h.paging.setQuery("phone");
    await h.drain();
    expect(h.paging.total).toBe(SEARCH_CAP);
    expect(h.paging.more).toBe(true);
    // The cache changed: the same search now matches a dozen.
    totals.phone = 12;
    more.phone = false;
    h.paging.refresh();
    await h.drain();
    expect(h.paging.total).toBe(12);
    expect(h.paging.more).toBe(false);
  });

  it("reads the pages in view again on a refresh, staying where the view is", async () => {
    const totals = { a: 100_000 };
    const h = harness(totals);
    h.paging.setQuery("a");
    await h.drain();
    h.scrollTo(50_000);
    await h.drain();
    totals.a = 99_999;
    const before = h.calls.length;
    h.paging.refresh();
    // The page in view first; its old rows stay shown meanwhile.
    expect(h.calls.slice(before).map((c) => c.page)).toEqual([250, 249]);
    expect(h.paging.rowAt(50_000)).toEqual({ id: "a-50000" });
    await h.drain();
    expect(h.calls.slice(before).map((c) => c.page)).toEqual([250, 249, 251]);
    expect(h.paging.total).toBe(99_999);
    expect(h.events.restarts).toBe(1);
  });

  it("fetches a row waited for first and says when it arrives", async () => {
    const h = harness({ a: 100_000 });
    h.paging.setQuery("a");
    await h.drain();
    h.view.start = 5_000;
    h.view.end = 5_029;
    h.paging.waitFor(5_010);
    expect(h.paging.waiting).toBe(5_010);
    expect(h.pending()[0].page).toBe(25);
    await h.drain();
    expect(h.events.waited).toEqual([{ id: "a-5010", index: 5_010 }]);
    expect(h.paging.waiting).toBeNull();
  });

  it("forgets a row waited for when a new query starts", async () => {
    const h = harness({ a: 100_000, b: 100_000 });
    h.paging.setQuery("a");
    await h.drain();
    h.view.start = 5_000;
    h.view.end = 5_029;
    h.paging.waitFor(5_010);
    h.paging.setQuery("b");
    await h.drain();
    expect(h.events.waited).toEqual([]);
    expect(h.paging.waiting).toBeNull();
  });

  it("shows a first page it is given at once, and loads only what the view needs beyond it", async () => {
    const h = harness({ a: 1_000 });
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: `a-${i}` }));
    h.paging.setQuery("a", { rows, total: 1_000, more: false });
    // No load for it, and no wait: the rows are there before any promise settles.
    expect(h.paging.resetting).toBe(false);
    expect(h.paging.total).toBe(1_000);
    expect(h.paging.rowAt(0)).toEqual({ id: "a-0" });
    expect(h.events.restarts).toBe(1);
    // The page ahead of the view is fetched as after a loaded first page.
    expect(h.calls.map((c) => c.page)).toEqual([1]);
    await h.drain();
    expect(h.paging.loadedPages).toEqual([0, 1]);
    // The next query loads its first page as usual.
    h.paging.setQuery("b", null);
    expect(h.paging.resetting).toBe(true);
    expect(h.pending().map((c) => [c.query, c.page])).toEqual([["b", 0]]);
  });

  it("finds a loaded row", async () => {
    const h = harness({ a: 1_000 });
    h.paging.setQuery("a");
    await h.drain();
    expect(h.paging.findIndex((r) => r.id === "a-250")).toBe(250);
    expect(h.paging.findIndex((r) => r.id === "a-900")).toBe(-1);
  });

  it("reads one page at start-up, and the next once the view is within half a page of it", async () => {
    const h = harness({ a: 100_000 }, {}, {});
    expect(h.paging.pageSize).toBe(PAGE_SIZE);
    // A screen of rows (29) and half a page ahead fit in the first page: a launch reads no more.
    expect(29 + PAGE_SIZE / 2).toBeLessThan(PAGE_SIZE);
    h.paging.setQuery("a");
    await h.drain();
    expect(h.calls.map((c) => [c.offset, c.limit])).toEqual([[0, PAGE_SIZE]]);
    expect(h.paging.loadedPages).toEqual([0]);
    // Scrolled until the view's last row is half a page from the first page's end: still one.
    h.scrollTo(PAGE_SIZE / 2 - 29);
    await h.drain();
    expect(h.paging.loadedPages).toEqual([0]);
    // One row further, and the next page is read before the view reaches it.
    h.scrollTo(PAGE_SIZE / 2 - 28);
    expect(h.pending().map((c) => c.page)).toEqual([1]);
    await h.drain();
    expect(h.paging.loadedPages).toEqual([0, 1]);
    expect(h.paging.rowAt(PAGE_SIZE)).toEqual({ id: `a-${PAGE_SIZE}` });
  });
});
