// The arithmetic of a virtualised list with fixed-height rows, loaded a page at a time.
// Pure functions, so they are tested without a browser.

/** Rows `[start, end)` to render: those in view plus `overscan` above and below. */
export function renderRange(
  scrollTop: number,
  viewport: number,
  head: number,
  rowHeight: number,
  total: number,
  overscan: number,
): { start: number; end: number } {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  // Row i spans [head + i·h, head + (i+1)·h) in the scroller; the sticky head covers the
  // scroller's top `head` pixels, so rows show from scrollTop + head to scrollTop + viewport.
  const top = Math.max(0, scrollTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(viewport - head, 0)) / rowHeight);
  const start = Math.max(0, Math.min(first - overscan, total - 1));
  const end = Math.min(total, Math.max(last + overscan, start + 1));
  return { start, end };
}

/** Indices of the pages of `size` rows that hold rows `[start, end)`. */
export function pagesOf(start: number, end: number, size: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / size); p <= Math.floor((end - 1) / size); p++) pages.push(p);
  return pages;
}

/**
 * The scrollTop that brings row `index` fully into view, moving as little as possible,
 * or null when it is in view already.
 */
export function revealTop(
  index: number,
  scrollTop: number,
  viewport: number,
  head: number,
  rowHeight: number,
): number | null {
  const top = index * rowHeight; // the scrollTop that puts the row just under the head
  const bottom = head + (index + 1) * rowHeight - viewport; // ... at the bottom edge
  if (scrollTop > top) return top;
  if (scrollTop < bottom) return Math.min(bottom, top);
  return null;
}
