import { beforeEach, describe, expect, it, vi } from "vitest";

// The shell's side of the command launch.ts sends, answered here.
const shown: [string, number][][] = [];
vi.mock("./api", () => ({
  firstRowShown: (steps: [string, number][]) => (shown.push(steps), Promise.resolve()),
}));

describe("launch", () => {
  beforeEach(() => {
    shown.length = 0;
    vi.resetModules();
  });

  it("sends the steps once, in order, from the navigation to the paint", async () => {
    const l = await import("./launch");
    l.mark("status");
    l.mark("page-asked");
    // Only a step's first time counts.
    l.mark("status");
    l.firstRowShown();
    l.firstRowShown();
    // After the first row, nothing is kept.
    l.mark("later");
    expect(shown).toHaveLength(1);
    const [steps] = shown;
    expect(steps.map(([name]) => name)).toEqual(["navigation", "script", "status", "page-asked", "painted"]);
    const times = steps.map(([, at]) => at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(steps[0][1]).toBe(performance.timeOrigin);
  });
});
