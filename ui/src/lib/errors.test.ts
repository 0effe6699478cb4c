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
