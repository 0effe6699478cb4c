import { describe, expect, it as test } from "vitest";
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
});
