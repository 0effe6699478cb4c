import { describe, expect, it } from "vitest";
import { modal, modalOverlay } from "./modal.svelte";

describe("modal", () => {
  it("is open while any overlay is", () => {
    expect(modal.open).toBe(false);
    const closeFirst = modalOverlay();
    const closeSecond = modalOverlay();
    expect(modal.open).toBe(true);
    closeFirst();
    expect(modal.open).toBe(true);
    closeSecond();
    expect(modal.open).toBe(false);
  });
});
