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
  test("a courier's or the feed's account is named by what it is for", () => {
    const error = (role: string) => ({
      kind: "not_allowed" as const,
      code: "account_not_for_console" as const,
      params: { role },
      message: "…",
    });
    locale.lang = "en";
    expect(describe(error("courier"))).toBe(
      "This is an account for the courier's hand-over device, not for the support console. Sign in with an agent's, a team lead's or an admin's account.",
    );
    expect(describe(error("integration"))).toContain("for the carrier feed, not");
    locale.lang = "it";
    expect(describe(error("courier"))).toContain("per il dispositivo di consegna del corriere,");
    locale.lang = "en";
  });
  test("a value without words of its own is shown as it is", () => {
    const error = { kind: "invalid_input" as const, code: "export_failed" as const, params: { path: "/tmp/a.csv", detail: "disk full" }, message: "…" };
    expect(describe(error)).toBe("The export could not be written to /tmp/a.csv (disk full). Choose another folder or name and try again.");
  });
});
