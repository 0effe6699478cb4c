import { describe, expect, it } from "vitest";
import { pagesOf, renderRange, revealTop } from "./virtual";

describe("renderRange", () => {
  it("renders the rows in view plus the overscan", () => {
    // 600 px viewport with a 30 px head: 570 px of 30 px rows is 19 rows.
    expect(renderRange(0, 600, 30, 30, 100_000, 10)).toEqual({ start: 0, end: 29 });
    expect(renderRange(30 * 50_000, 600, 30, 30, 100_000, 10)).toEqual({ start: 49_990, end: 50_029 });
  });
  it("stays small however many rows there are", () => {
    const { start, end } = renderRange(12_345_678, 800, 32, 32, 1_000_000, 10);
    expect(end - start).toBeLessThan(50);
  });
  it("stops at the ends", () => {
    expect(renderRange(30 * 99_990, 600, 30, 30, 100_000, 10)).toEqual({ start: 99_980, end: 100_000 });
    expect(renderRange(0, 600, 30, 30, 3, 10)).toEqual({ start: 0, end: 3 });
    expect(renderRange(0, 600, 30, 30, 0, 10)).toEqual({ start: 0, end: 0 });
    // A scroll position beyond a list that just shrank still renders its last rows.
    expect(renderRange(30 * 5_000, 600, 30, 30, 50, 10)).toEqual({ start: 49, end: 50 });
  });
});

describe("pagesOf", () => {
  it("names the pages that hold a range", () => {
    expect(pagesOf(0, 29, 200)).toEqual([0]);
    expect(pagesOf(190, 229, 200)).toEqual([0, 1]);
    expect(pagesOf(200, 400, 200)).toEqual([1]);
    expect(pagesOf(5, 5, 200)).toEqual([]);
  });
});

describe("revealTop", () => {
  it("scrolls as little as needed to show a row", () => {
    // Rows 0..18 are in view at scrollTop 0 (600 px viewport, 30 px head and rows).
    expect(revealTop(5, 0, 600, 30, 30)).toBeNull();
    expect(revealTop(18, 0, 600, 30, 30)).toBeNull();
    expect(revealTop(19, 0, 600, 30, 30)).toBe(30);
    expect(revealTop(3, 300, 600, 30, 30)).toBe(90);
    expect(revealTop(99_999, 0, 600, 30, 30)).toBe(30 * 100_000 + 30 - 600);
  });
});
