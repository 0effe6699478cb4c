// What a launch asks the shell first, side by side: its status (which asks the server) and the
// queue's first page as the shell read it from the cache while the window loaded (which does
// not). main.ts asks both before the app mounts, and the app opens the main screen with both
// in hand, so the first rows are laid out with the screen, in one pass.
import * as api from "./api";
import type { ConsoleStatus, QueuePage } from "./generated/types";
import { mark } from "./launch";

export interface Opening {
  status: ConsoleStatus;
  /** The unfiltered queue's first page; null when none was read ahead. */
  page: QueuePage | null;
}

let asked: Promise<Opening> | null = null;

/** Asks for the status and the first page now, at once. */
export function begin(): void {
  const status = api.startup().then((s) => (mark("status"), s));
  // Without it the queue asks for its first page itself: not worth an error.
  const page = api.firstPage().then(
    (p) => (mark("page"), p),
    () => null,
  );
  asked = Promise.all([status, page]).then(([status, page]) => ({ status, page }));
}

/** What `begin` asked, once; asked now, without a page, when it was taken or never asked. */
export function opening(): Promise<Opening> {
  const mine = asked ?? api.startup().then((status) => ({ status, page: null }));
  asked = null;
  return mine;
}
