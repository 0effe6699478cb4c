import { afterEach, describe, expect, it } from "vitest";
import type { PasswordEvent } from "./generated/types";
import { locale, t } from "./i18n/index.svelte";
import { historyLine, recentEvents } from "./history";

const now = new Date("2026-11-23T12:00:00Z");
const event = (over: Partial<PasswordEvent>): PasswordEvent => ({
  at: "2026-11-23T11:59:40Z", action: "resend", actor_name: "Alice Bianchi", destination: "a•••@example.com",
  reason: "Customer lost the e-mail", ...over,
});
const line = (e: PasswordEvent) => {
  const { key, params } = historyLine(e, now, locale.lang);
  return t(key, params);
};

afterEach(() => {
  locale.lang = "en";
});

describe("a password card's history", () => {
  it("says at a glance what was done, when, by whom and where to", () => {
    locale.lang = "en";
    expect(line(event({}))).toBe("Resent 20 seconds ago by Alice Bianchi to a•••@example.com");
    expect(line(event({ action: "regenerate", at: "2026-11-23T09:00:00Z" }))).toBe(
      "Regenerated 3 hours ago by Alice Bianchi; the new code went to a•••@example.com",
    );
    locale.lang = "it";
    expect(line(event({}))).toBe("Reinviata 20 secondi fa da Alice Bianchi a a•••@example.com");
  });
  it("falls back to the action's name when nothing was sent or the action has no sentence", () => {
    locale.lang = "en";
    const { key } = historyLine(event({ destination: "" }), now, "en");
    expect(key).toBe("history.other");
    expect(line(event({ action: "code_rejected", destination: "" }))).toBe("Code rejected 20 seconds ago by Alice Bianchi");
  });
  it("lists the newest five", () => {
    const list = Array.from({ length: 7 }, (_, i) => event({ at: `2026-11-2${i}T10:00:00Z`, reason: String(i) }));
    expect(recentEvents(list).map((e) => e.reason)).toEqual(["6", "5", "4", "3", "2"]);
  });
});
