import { describe, expect, it as test } from "vitest";
import { SPLIT_DEFAULT, SPLIT_MAX, SPLIT_MIN, clampSplit, loadSplit, saveSplit, splitAfterKey } from "./split";

function memory(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
  } as Storage;
}

describe("the queue and case split", () => {
  test("is remembered between runs", () => {
    const storage = memory();
    expect(loadSplit(storage)).toBe(SPLIT_DEFAULT);
    saveSplit(37.25, storage);
    expect(loadSplit(storage)).toBe(37.3);
  });
  test("stays where both panes remain usable, whatever was stored", () => {
    expect(clampSplit(5)).toBe(SPLIT_MIN);
    expect(clampSplit(99)).toBe(SPLIT_MAX);
    expect(clampSplit("garbage")).toBe(SPLIT_DEFAULT);
    expect(clampSplit(Number.NaN)).toBe(SPLIT_DEFAULT);
    const storage = memory();
    storage.setItem("sportello.split", "<b>1e9</b>");
    expect(loadSplit(storage)).toBe(SPLIT_DEFAULT);
  });
  test("moves with the arrow keys, Home and End", () => {
    expect(splitAfterKey(46, "ArrowLeft")).toBe(44);
    expect(splitAfterKey(46, "ArrowRight")).toBe(48);
    expect(splitAfterKey(SPLIT_MAX, "ArrowRight")).toBe(SPLIT_MAX);
    expect(splitAfterKey(46, "Home")).toBe(SPLIT_MIN);
    expect(splitAfterKey(46, "End")).toBe(SPLIT_MAX);
    expect(splitAfterKey(46, "a")).toBeNull();
  });
});
