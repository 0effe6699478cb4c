import { describe as group, expect, it as test } from "vitest";
import { asConsoleError, describe } from "./errors";
import { locale } from "./i18n/index.svelte";

group("errors in the agent's language", () => {
  test("a console error is worded from its code and parameters", () => {
    const error = {
      kind: "unreachable" as const,
      code: "unreachable" as const,
      params: { server: "https://support.example.com" },
      message: "Cannot reach the server at https://support.example.com. …",
    };
    locale.lang = "it";
    expect(describe(error)).toBe(
      "Il server https://support.example.com non risponde. Controlla l'indirizzo e la rete, poi riprova.",
    );
    locale.lang = "en";
    expect(describe(error)).toBe(
      "Cannot reach the server at https://support.example.com. Check the address and your network, then try again.",
    );
  });
  test("anything else thrown is shown as text, never lost", () => {
    const wrapped = asConsoleError(new Error("<b>boom</b>"));
    expect(wrapped.code).toBe("unexpected_answer");
    expect(describe(new Error("<b>boom</b>"))).toContain("<b>boom</b>");
  });
});

group("an error's parameters in words", () => {
  test("the carrier feed's account is named by what it is for", () => {
    const error = {
      kind: "not_allowed" as const,
      code: "account_not_for_console" as const,
      params: { role: "integration" },
      message: "…",
    };
    locale.lang = "en";
    expect(describe(error)).toBe(
      "This is an account for the carrier feed, not for the support console. Sign in with an agent's, a team lead's or an admin's account.",
    );
    locale.lang = "it";
    expect(describe(error)).toContain("per il flusso dati del vettore,");
    locale.lang = "en";
  });
  test("a limit is named in words with its number, in the agent's language", () => {
    const error = (limit: string, max: string) => ({
      kind: "limit_reached" as const,
      code: "limit_reached" as const,
      params: { limit, max },
      message: "Limit reached: … try again after 2026-12-02T00:00:00+00:00.",
      resets_at: "2026-12-02T00:00:00Z",
    });
    locale.lang = "en";
    expect(describe(error("sends_per_day", "5"))).toBe(
      "Limit reached: this password was sent 5 times today, the most a delivery day allows.",
    );
    locale.lang = "it";
    expect(describe(error("sends_per_day", "5"))).toBe(
      "Limite raggiunto: questa password è stata inviata 5 volte oggi, il massimo per un giorno di consegna.",
    );
    expect(describe(error("seconds_between_sends", "60"))).toBe(
      "Limite raggiunto: questa password è stata inviata meno di 60 secondi fa.",
    );
    locale.lang = "en";
  });
  test("a value without words of its own is shown as it is", () => {
    const error = { kind: "invalid_input" as const, code: "export_failed" as const, params: { path: "/tmp/a.csv", detail: "disk full" }, message: "…" };
    expect(describe(error)).toBe("The export could not be written to /tmp/a.csv (disk full). Choose another folder or name and try again.");
  });
});
