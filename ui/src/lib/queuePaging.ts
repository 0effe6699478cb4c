// The paging of the virtualised queue: which pages of rows are loaded, which are on their way,
// which are dropped as the view moves far from them, the total, and starting again on a new
// query or reading again when the cache changed underneath. Plain TypeScript, driven by a
// page-loading function, so the tests drive it with a fake one; Queue.svelte renders what it
// holds and tells it where the view is. The window arithmetic is in ./virtual.
import { QUEUE_PAGE } from "./generated/types";
import { pagesOf } from "./virtual";

/** One page of the answer to a query: its rows, how many match in all, and whether more match
 *  than that (a search stops counting at `SEARCH_CAP`). */
export interface PageAnswer<Row> {
  rows: Row[];
  total: number;
  more: boolean;
}

/** Loads the `limit` rows from `offset` of the answer to `query`. */
export type LoadPage<Query, Row> = (query: Query, offset: number, limit: number) => Promise<PageAnswer<Row>>;

export interface QueuePagingOptions<Query, Row> {
  load: LoadPage<Query, Row>;
  /** The rows `[start, end)` in view now; read whenever pages are fetched or dropped. */
  view: () => { start: number; end: number };
  /** What `rowAt`, `findIndex`, `total`, `more`, `error` or `resetting` read may have changed:
   *  a page arrived, a load failed, or a new query started. (Dropping pages far from the view
   *  is not reported: nothing in view changes.) */
  onChange?: () => void;
  /** A new query's first page arrived: the list starts again from its top. Called before the
   *  page is stored and `onChange` reports it. */
  onRestart?: () => void;
  /** The row `waitFor` asked for arrived. */
  onWaited?: (row: Row, index: number) => void;
  /** Rows a page holds. */
  pageSize?: number;
  /** Rows fetched ahead of the view (and behind it), so scrolling rarely meets a placeholder:
   *  half a page unless told otherwise, which a flick (a dozen rows a frame) takes four frames
   *  to cross, longer than a page takes to read. Not more: at start-up the view (a screen of
   *  rows) and half a page fit in the first page, so a launch reads one page and no more. */
  prefetch?: number;
  /** Pages kept either side of the view; the rest are dropped. */
  keep?: number;
  /** Loads at a time, so dragging the scroll bar does not pile them up. */
  maxInFlight?: number;
}

/** Rows a page holds, unless told otherwise: the page the shell reads ahead at start-up. */
export const PAGE_SIZE = QUEUE_PAGE;
/** Pages kept either side of the view, unless told otherwise. */
export const KEEP = 2;
/** Loads at a time, unless told otherwise. */
export const MAX_IN_FLIGHT = 2;

/**
 * One continuously scrolling list, read a page at a time as the view reaches it. Every answer
 * belongs to a generation, which moves on each new query and each refresh; answers to an older
 * one are ignored, so a slow answer never shows rows of a query the agent has left.
 */
export class QueuePaging<Query, Row> {
  readonly pageSize: number;
  readonly #prefetch: number;
  readonly #keep: number;
  readonly #maxInFlight: number;
  readonly #options: QueuePagingOptions<Query, Row>;

  /** The query being paged; null before the first. */
  #current: { query: Query } | null = null;
  #generation = 0;
  /** Loaded pages by page index, each with the generation that loaded it. */
  readonly #pages = new Map<number, { generation: number; rows: Row[] }>();
  /** Loads on their way, as `generation:page`. */
  readonly #inFlight = new Set<string>();
  #total: number | null = null;
  #more = false;
  #error: unknown = null;
  #resetting = true;
  #waiting: number | null = null;

  constructor(options: QueuePagingOptions<Query, Row>) {
    this.#options = options;
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.#prefetch = options.prefetch ?? Math.floor(this.pageSize / 2);
    this.#keep = options.keep ?? KEEP;
    this.#maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
  }

  /** Rows matching the query; null before the first answer, or when the first page failed. */
  get total(): number | null {
    return this.#total;
  }

  /** More rows match than `total` (a search stops counting at its cap). */
  get more(): boolean {
    return this.#more;
  }

  /** Why the last load for the current query failed; null once a page loads. */
  get error(): unknown {
    return this.#error;
  }

  /** A new query is on its way: the old rows stay until its first page arrives. */
  get resetting(): boolean {
    return this.#resetting;
  }

  /** The row `waitFor` asked for, while its page is on its way. */
  get waiting(): number | null {
    return this.#waiting;
  }

  /** The indices of the pages held, in order. */
  get loadedPages(): number[] {
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }

  /** The row at `index` of the whole list, or null when its page is not loaded. */
  rowAt(index: number): Row | null {
    return this.#pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize] ?? null;
  }

  /** The index of the first loaded row that `matches`, or -1. */
  findIndex(matches: (row: Row) => boolean): number {
    for (const [page, entry] of this.#pages) {
      const i = entry.rows.findIndex(matches);
      if (i >= 0) return page * this.pageSize + i;
    }
    return -1;
  }

  /** A new query: back to the top once its first page is in. With `first`, that page is in
   *  already (read ahead at launch) and shown at once, without a load. */
  setQuery(query: Query, first?: PageAnswer<Row> | null): void {
    this.#current = { query };
    if (!first) {
      this.#restart();
      return;
    }
    this.#generation += 1;
    this.#arrived(this.#generation, 0, true, first);
    this.update();
  }

  /** The rows changed underneath: read the pages in view again, staying where the view is. */
  refresh(): void {
    if (this.#current === null) return;
    if (this.#resetting || this.#total === null) {
      this.#restart();
      return;
    }
    this.#generation += 1;
    // The page in view (the first when the list was empty) brings the new total too.
    const { start, end } = this.#options.view();
    this.#fetch(pagesOf(start, end, this.pageSize)[0] ?? 0, false);
    this.update();
  }

  /** The view moved (or time passed): fetches the pages it needs next, a few at a time, and
   *  drops those far away. */
  update(): void {
    if (this.#resetting || this.#total === null) return;
    const size = this.pageSize;
    const { start, end } = this.#options.view();
    const shown = pagesOf(start, end, size);
    const ahead = pagesOf(Math.max(0, start - this.#prefetch), Math.min(this.#total, end + this.#prefetch), size);
    const first = shown[0] ?? 0;
    const last = shown[shown.length - 1] ?? 0;
    for (const [page, entry] of this.#pages) {
      const far = page < first - this.#keep || page > last + this.#keep;
      const stale = entry.generation !== this.#generation && (page < first || page > last);
      if (far || stale) this.#pages.delete(page);
    }
    const waited = this.#waiting !== null ? [Math.floor(this.#waiting / size)] : [];
    for (const page of [...waited, ...shown, ...ahead]) {
      if (this.#inFlight.size >= this.#maxInFlight) break;
      if (this.#pages.get(page)?.generation === this.#generation) continue;
      this.#fetch(page, false);
    }
  }

  /** Wants the row at `index` (null: none): its page is fetched before any other, and
   *  `onWaited` is called when it arrives, unless a new query came first. */
  waitFor(index: number | null): void {
    this.#waiting = index;
    if (index !== null) this.update();
  }

  #restart(): void {
    this.#generation += 1;
    this.#resetting = true;
    this.#options.onChange?.();
    this.#fetch(0, true);
  }

  #fetch(page: number, restart: boolean): void {
    const current = this.#current;
    if (current === null) return;
    const mine = this.#generation;
    const key = `${mine}:${page}`;
    if (this.#inFlight.has(key)) return;
    this.#inFlight.add(key);
    let answer: Promise<PageAnswer<Row>>;
    try {
      answer = this.#options.load(current.query, page * this.pageSize, this.pageSize);
    } catch (e) {
      answer = Promise.reject(e);
    }
    void answer
      .then(
        (p) => this.#arrived(mine, page, restart, p),
        (e: unknown) => this.#failed(mine, restart, e),
      )
      .finally(() => {
        this.#inFlight.delete(key);
        this.update();
      });
  }

  #arrived(generation: number, page: number, restart: boolean, answer: PageAnswer<Row>): void {
    if (generation !== this.#generation) return;
    if (restart) {
      this.#pages.clear();
      this.#waiting = null;
      this.#resetting = false;
      this.#options.onRestart?.();
    }
    this.#pages.set(page, { generation, rows: answer.rows });
    this.#total = answer.total;
    this.#more = answer.more;
    this.#error = null;
    this.#options.onChange?.();
    const waiting = this.#waiting;
    if (waiting !== null && Math.floor(waiting / this.pageSize) === page) {
      const row = this.rowAt(waiting);
      this.#waiting = null;
      if (row) this.#options.onWaited?.(row, waiting);
    }
  }

  #failed(generation: number, restart: boolean, error: unknown): void {
    if (generation !== this.#generation) return;
    this.#error = error;
    if (restart) {
      // Rows of the previous query under the new one would mislead: show none.
      this.#pages.clear();
      this.#total = null;
      this.#resetting = false;
    }
    this.#options.onChange?.();
  }
}
