import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuditFlag, DailyCount } from "./generated/types";
import {
  actorsSeen,
  buildFilter,
  chartSeries,
  chartTotals,
  emptyForm,
  endOfLocalDay,
  flagForm,
  flagParams,
  identityText,
  localDay,
  problemName,
  sameFilter,
  startOfLocalDay,
} from "./audit";

// The days are the workstation's: these tests pin it to Rome, where summer time ends on
// 25 October 2026 (a 25-hour day) and starts on 29 March 2026 (a 23-hour one).
beforeAll(() => {
  vi.stubEnv("TZ", "Europe/Rome");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("the filter from the form", () => {
  it("sends the start of the from day and the start of the day after the to day, in the local zone", () => {
    const f = buildFilter({ ...emptyForm(), from: "2026-11-23", to: "2026-11-23" });
    expect(f.from).toBe("2026-11-22T23:00:00.000Z");
    expect(f.to).toBe("2026-11-23T23:00:00.000Z");
  });
  it("keeps whole local days across summer time", () => {
    expect(startOfLocalDay("2026-10-25")).toBe("2026-10-24T22:00:00.000Z");
    expect(endOfLocalDay("2026-10-25")).toBe("2026-10-25T23:00:00.000Z");
    expect(startOfLocalDay("2026-03-29")).toBe("2026-03-28T23:00:00.000Z");
    expect(endOfLocalDay("2026-03-29")).toBe("2026-03-29T22:00:00.000Z");
    expect(endOfLocalDay("2026-12-31")).toBe("2026-12-31T23:00:00.000Z");
  });
  it("reads blanks as any and trims what was typed", () => {
    expect(buildFilter(emptyForm())).toEqual({
      from: null, to: null, actor: null, action: null, outcome: null, shipment: null, cursor: null, limit: 0,
    });
    const f = buildFilter(
      { from: "", to: "", actor: "  alice ", action: "resend", outcome: "refused", shipment: " SHP-1 " },
      41,
      50,
    );
    expect(f).toEqual({
      from: null, to: null, actor: "alice", action: "resend", outcome: "refused", shipment: "SHP-1", cursor: 41, limit: 50,
    });
  });
  it("ignores a day that is not one", () => {
    expect(startOfLocalDay("2026-02-31")).toBeNull();
    expect(endOfLocalDay("23/11/2026")).toBeNull();
    expect(buildFilter({ ...emptyForm(), from: "tomorrow" }).from).toBeNull();
  });
  it("compares filters without their paging", () => {
    const form = { ...emptyForm(), actor: "alice" };
    expect(sameFilter(buildFilter(form, 10, 200), buildFilter(form))).toBe(true);
    expect(sameFilter(buildFilter(form), buildFilter({ ...form, actor: "bob" }))).toBe(false);
  });
  it("names the local day of a moment", () => {
    expect(localDay(new Date("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
  });
});

describe("refusals", () => {
  it("are named by their problem type's last segment", () => {
    expect(problemName("urn:sportello:problem:password-limit")).toBe("password-limit");
    expect(problemName("https://example.com/problems/too-soon")).toBe("too-soon");
    expect(problemName(null)).toBe("");
  });
});

const flag = (over: Partial<AuditFlag>): AuditFlag => ({
  kind: "busy_day", day: "2026-11-23", actor_name: "Alice Bianchi", shipment_id: null, count: 14, median: 2.5, seqs: [3, 9],
  ...over,
});
const daily: DailyCount[] = [
  { day: "2026-11-23", actor_username: "bob", actor_name: "Bob Verdi", resends: 2, regenerations: 1 },
  { day: "2026-11-22", actor_username: "alice", actor_name: "Alice Bianchi", resends: 4, regenerations: 0 },
  { day: "2026-11-23", actor_username: "alice", actor_name: "Alice Bianchi", resends: 10, regenerations: 4 },
];

describe("flags", () => {
  it("fill their explanation in the lead's language", () => {
    expect(flagParams(flag({}), "en")).toEqual({
      agent: "Alice Bianchi", day: "Nov 23, 2026", count: "14", median: "2.5", shipment: "", minutes: "14",
    });
    const it = flagParams(flag({ kind: "resend_after_regenerate", count: 4, median: null, shipment_id: "SHP-7" }), "it");
    expect(it.minutes).toBe("4");
    expect(it.shipment).toBe("SHP-7");
    expect(it.median).toBe("0");
    expect(it.day).toBe("23 nov 2026");
    expect(flagParams(flag({ count: 12_000 }), "it").count).toBe("12.000");
  });
  it("select their entries by day, shipment and the agent's username", () => {
    expect(flagForm(flag({}), daily)).toEqual({ ...emptyForm(), from: "2026-11-23", to: "2026-11-23", actor: "alice" });
    expect(flagForm(flag({ kind: "many_agents", actor_name: null, shipment_id: "SHP-7" }), daily)).toEqual({
      ...emptyForm(), from: "2026-11-23", to: "2026-11-23", shipment: "SHP-7",
    });
  });
  it("leave the agent out when the chart does not name exactly one username for them", () => {
    expect(flagForm(flag({ actor_name: "Carlo Rossi" }), daily).actor).toBe("");
    const twins = [...daily, { ...daily[0], actor_username: "alice2", actor_name: "Alice Bianchi" }];
    expect(flagForm(flag({}), twins).actor).toBe("");
  });
});

describe("the chart", () => {
  it("has days in order and one series per agent, zero where they did nothing", () => {
    const { days, agents } = chartSeries(daily);
    expect(days).toEqual(["2026-11-22", "2026-11-23"]);
    expect(agents.map((a) => a.username)).toEqual(["alice", "bob"]);
    expect(agents[0]).toEqual({
      username: "alice", name: "Alice Bianchi", totals: [4, 14], resends: [4, 10], regenerations: [0, 4],
    });
    expect(agents[1].totals).toEqual([0, 3]);
  });
  it("sums up for its text alternative", () => {
    expect(chartTotals(daily)).toEqual({ resends: 16, regenerations: 5, agents: 2, days: 2 });
    expect(chartTotals([])).toEqual({ resends: 0, regenerations: 0, agents: 0, days: 0 });
  });
  it("remembers every agent seen, for the agent filter", () => {
    const first = actorsSeen(new Map(), daily);
    expect([...first]).toEqual([["alice", "Alice Bianchi"], ["bob", "Bob Verdi"]]);
    const later = actorsSeen(first, [{ ...daily[0], actor_username: "ada", actor_name: "Ada Neri" }]);
    expect([...later.keys()]).toEqual(["ada", "alice", "bob"]);
  });
});

describe("an identity check", () => {
  const name = (m: string) => (m === "security_questions" ? "Security questions" : null);
  it("is named in words, with the note as typed", () => {
    expect(identityText("security_questions", name)).toBe("Security questions");
    expect(identityText("security_questions: mother's maiden name", name)).toBe("Security questions: mother's maiden name");
  });
  it("keeps a method without words as recorded, and a colon inside the note", () => {
    expect(identityText("other: asked at 10:30", name)).toBe("other: asked at 10:30");
    expect(identityText("", name)).toBe("");
  });
});
