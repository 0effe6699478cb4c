import { describe, expect, it as test } from "vitest";
import {
  AUDIT_ACTIONS,
  CALLBACK_OUTCOMES,
  CATEGORIES,
  ERROR_CODES,
  ERROR_PARAMS,
  FLAG_KINDS,
  IDENTITY_METHODS,
  TICKET_STATUSES,
} from "../generated/types";
import en from "./en.json";
import it from "./it.json";

describe("translations", () => {
  test("Italian has every English key and no extra ones", () => {
    expect(Object.keys(it).sort()).toEqual(Object.keys(en).sort());
  });
  test("no translation is empty and placeholders match", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, text] of Object.entries(en)) {
      const other = (it as Record<string, string>)[key];
      expect(text.trim(), key).not.toBe("");
      expect(other.trim(), key).not.toBe("");
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });
  test("every value the console lists from Rust has a name", () => {
    const listed: [string, readonly string[]][] = [
      ["ticket", TICKET_STATUSES],
      ["category", CATEGORIES],
      ["outcome", CALLBACK_OUTCOMES],
      ["identity", IDENTITY_METHODS],
      ["action", AUDIT_ACTIONS],
      ["flag", FLAG_KINDS],
      ["flag_title", FLAG_KINDS],
    ];
    for (const [prefix, values] of listed) {
      for (const value of values) expect(Object.keys(en), `${prefix}.${value}`).toContain(`${prefix}.${value}`);
    }
  });
  test("every error code has a message naming exactly the parameters Rust gives it", () => {
    const placeholders = (s: string) => (s.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
    const dict = en as Record<string, string>;
    for (const code of ERROR_CODES) {
      const text = dict[`error.${code}`];
      expect(text, `error.${code}`).toBeDefined();
      // A parameter worded by `param.<name>.<value>` may name others in those words.
      const named = new Set(placeholders(text));
      for (const name of placeholders(text)) {
        for (const [key, words] of Object.entries(dict)) {
          if (key.startsWith(`param.${name}.`)) placeholders(words).forEach((p) => named.add(p));
        }
      }
      expect([...named].sort(), `error.${code}`).toEqual([...ERROR_PARAMS[code]].sort());
    }
  });
});
