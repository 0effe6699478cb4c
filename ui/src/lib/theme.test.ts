// Both themes of app.css meet WCAG 2.2 AA: every text colour has at least 4.5:1 contrast on
// each background it is used on, in the light theme and in the dark one.
import { describe, expect, it as test } from "vitest";
import css from "../app.css?raw";

/** The custom properties of the first `:root { … }` after `from` in the stylesheet. */
function palette(from: number): Record<string, string> {
  const start = css.indexOf(":root {", from);
  const block = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Text colour, and the backgrounds the stylesheet puts it on.
const PAIRS: [string, string[]][] = [
  ["text", ["bg", "panel", "panel-soft", "hover", "accent-soft", "reply-bg", "note-bg", "resolution-bg", "head-bg"]],
  ["muted", ["bg", "panel", "panel-soft", "head-bg", "neutral-bg"]],
  ["accent", ["panel", "bg", "accent-soft"]],
  ["accent-text", ["accent"]],
  ["warn-text", ["warn-bg", "note-tag-bg"]],
  ["error", ["error-bg", "panel"]],
  ["ok", ["ok-bg", "panel"]],
  ["neutral-text", ["neutral-bg"]],
  ["info-text", ["info-bg"]],
  ["orange-text", ["orange-bg"]],
  ["on-danger", ["error"]],
];

describe("the themes' contrast", () => {
  const dark = css.indexOf("@media (prefers-color-scheme: dark)");
  test("contrast is measured as WCAG defines it", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrast("#777777", "#ffffff")).toBeLessThan(4.5);
  });
  test("the stylesheet has a light theme and a dark one", () => {
    expect(dark).toBeGreaterThan(0);
  });
  for (const [name, at] of [
    ["light", 0],
    ["dark", dark],
  ] as const) {
    test(`${name}: every text colour is AA on its backgrounds`, () => {
      const colours = palette(at);
      const low: string[] = [];
      for (const [fg, bgs] of PAIRS) {
        for (const bg of bgs) {
          expect(colours[fg], `--${fg}`).toBeDefined();
          expect(colours[bg], `--${bg}`).toBeDefined();
          const ratio = contrast(colours[fg], colours[bg]);
          if (ratio < 4.5) low.push(`--${fg} on --${bg}: ${ratio.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
    });
  }
});
