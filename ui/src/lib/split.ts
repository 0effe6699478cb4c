// The split between the queue and the case: a share of the window's width, moved by dragging
// the separator or with its arrow keys, and remembered between runs on this computer.

const KEY = "sportello.split";
export const SPLIT_MIN = 28;
export const SPLIT_MAX = 70;
export const SPLIT_DEFAULT = 46;
/** How far one arrow key moves the separator, in percent of the width. */
export const SPLIT_STEP = 2;

/** A share kept within what leaves both panes usable; anything unreadable is the default. */
export function clampSplit(value: unknown): number {
  const n = typeof value === "number" ? value : Number.parseFloat(String(value));
  if (!Number.isFinite(n)) return SPLIT_DEFAULT;
  return Math.round(Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, n)) * 10) / 10;
}

export function loadSplit(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): number {
  return clampSplit(storage?.getItem(KEY) ?? SPLIT_DEFAULT);
}

export function saveSplit(value: number, storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage) {
  storage?.setItem(KEY, String(clampSplit(value)));
}

/** The share after a key on the separator, or null for a key it does not take. */
export function splitAfterKey(value: number, key: string): number | null {
  switch (key) {
    case "ArrowLeft":
      return clampSplit(value - SPLIT_STEP);
    case "ArrowRight":
      return clampSplit(value + SPLIT_STEP);
    case "Home":
      return SPLIT_MIN;
    case "End":
      return SPLIT_MAX;
    default:
      return null;
  }
}
