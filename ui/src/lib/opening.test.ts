import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConsoleStatus, QueuePage } from "./generated/types";

// The shell's side of the two commands, answered when the test says.
const asked: string[] = [];
let answerStatus: (s: ConsoleStatus) => void = () => {};
let answerPage: (p: QueuePage | null) => void = () => {};
let failPage: (e: unknown) => void = () => {};
vi.mock("./api", () => ({
  startup: () => (asked.push("startup"), new Promise<ConsoleStatus>((resolve) => (answerStatus = resolve))),
  firstPage: () =>
    (asked.push("first_page"),
    new Promise<QueuePage | null>((resolve, reject) => ((answerPage = resolve), (failPage = reject)))),
  firstRowShown: () => Promise.resolve(),
}));

const status = { connection: "offline", cache_available: true } as ConsoleStatus;
const page: QueuePage = { rows: [], total: 0, more: false } as unknown as QueuePage;

describe("opening", () => {
  beforeEach(() => {
    asked.length = 0;
    vi.resetModules();
  });

  it("asks for the status and the first page at once, and answers with both", async () => {
    const o = await import("./opening");
    o.begin();
    // Both are on their way before either answers.
    expect(asked).toEqual(["startup", "first_page"]);
    const opened = o.opening();
    answerPage(page);
    answerStatus(status);
    expect(await opened).toEqual({ status, page });
  });

  it("opens without a page when the shell has none to give", async () => {
    const o = await import("./opening");
    o.begin();
    const opened = o.opening();
    failPage(new Error("no such command"));
    answerStatus(status);
    expect(await opened).toEqual({ status, page: null });
  });

  it("hands out what it asked once; later openings ask for the status alone", async () => {
    const o = await import("./opening");
    o.begin();
    void o.opening();
    asked.length = 0;
    const again = o.opening();
    expect(asked).toEqual(["startup"]);
    answerStatus(status);
    expect(await again).toEqual({ status, page: null });
  });
});
