import { describe, expect, it } from "vitest";
import {
  calendarDate, compactAge, count, dateTime, dateTimeIn, fromLocalInput, localInputValue, money, rate, recentTime, timeAgo,
  timeLeft,
} from "./format";

describe("compactAge", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it("shortens ages to one unit", () => {
    expect(compactAge("2026-11-23T11:59:30Z", now)).toBe("now");
    expect(compactAge("2026-11-23T11:55:00Z", now)).toBe("5m");
    expect(compactAge("2026-11-23T09:00:00Z", now)).toBe("3h");
    expect(compactAge("2026-11-20T12:00:00Z", now)).toBe("3d");
  });
  it("never shows a negative age for a clock that runs behind", () => {
    expect(compactAge("2026-11-23T12:05:00Z", now)).toBe("now");
  });
});

describe("dateTimeIn", () => {
  it("shows the delivery day's last minute in the delivery zone, not the workstation's", () => {
    // 23:59:59 in Rome on the day summer time ends is 22:59:59 UTC.
    expect(dateTimeIn("2026-10-25T22:59:59Z", "Europe/Rome", "en")).toContain("23:59");
    expect(dateTimeIn("2026-10-25T22:59:59Z", "Europe/Rome", "en")).toContain("25");
    expect(dateTimeIn("2026-07-02T03:59:59Z", "America/New_York", "en")).toContain("23:59");
    expect(dateTimeIn("2026-07-02T03:59:59Z", "America/New_York", "en")).toContain("Jul 1");
  });
  it("adds the seconds when asked", () => {
    expect(dateTimeIn("2026-10-25T22:59:59Z", "Europe/Rome", "en", true)).toContain("23:59:59");
    expect(dateTimeIn("2026-10-25T22:59:59Z", "Europe/Rome", "en")).not.toContain("23:59:59");
  });
});

describe("calendarDate", () => {
  it("keeps the calendar day whatever the zone", () => {
    expect(calendarDate("2026-11-23", "en")).toContain("23");
  });
});

describe("timeAgo and money", () => {
  it("speaks the agent's language", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(timeAgo("2026-11-23T11:48:00Z", now, "en")).toBe("12 minutes ago");
    expect(timeAgo("2026-11-23T09:00:00Z", now, "it")).toBe("3 ore fa");
    expect(money("12990.00", "EUR", "it")).toMatch(/12\.990,00\s€/);
    expect(money("1299.00", "GBP", "en")).toBe("£1,299.00");
  });
});

describe("localInputValue and fromLocalInput", () => {
  it("round-trip a moment to the minute in the workstation's zone", () => {
    const at = new Date("2026-11-23T14:05:00Z");
    const value = localInputValue(at);
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(value)).toBe("2026-11-23T14:05:00.000Z");
  });
  it("reads an empty or broken value as nothing", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
  });
});

describe("sync progress numbers", () => {
  it("groups counts and rates in the agent's language", () => {
    expect(count(100_000, "en")).toBe("100,000");
    expect(count(100_000, "it")).toBe("100.000");
    expect(rate(9_812.4, "en")).toBe("9,812");
    expect(rate(2.46, "it")).toBe("2,5");
  });
  it("says time left in the unit worth saying", () => {
    expect(timeLeft(8.6)).toEqual({ unit: "seconds", n: 9, m: 0 });
    expect(timeLeft(0.2)).toEqual({ unit: "seconds", n: 1, m: 0 });
    expect(timeLeft(59.4)).toEqual({ unit: "seconds", n: 59, m: 0 });
    expect(timeLeft(150)).toEqual({ unit: "minutes", n: 3, m: 0 });
    expect(timeLeft(3_599)).toEqual({ unit: "hours", n: 1, m: 0 });
    expect(timeLeft(5_400)).toEqual({ unit: "hours", n: 1, m: 30 });
  });
});

describe("recentTime", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it("says how long ago within the last day, to the second", () => {
    expect(recentTime("2026-11-23T11:59:40Z", now, "en")).toBe("20 seconds ago");
    expect(recentTime("2026-11-23T11:48:00Z", now, "en")).toBe("12 minutes ago");
    expect(recentTime("2026-11-23T09:00:00Z", now, "it")).toBe("3 ore fa");
  });
  it("never says now, even for a clock a little ahead", () => {
    expect(recentTime("2026-11-23T12:00:00Z", now, "en")).toBe("1 second ago");
    expect(recentTime("2026-11-23T12:00:02Z", now, "en")).toBe("1 second ago");
  });
  it("gives the local date and time from a day on", () => {
    expect(recentTime("2026-11-21T10:30:00Z", now, "en")).toBe(dateTime("2026-11-21T10:30:00Z", "en"));
  });
});
