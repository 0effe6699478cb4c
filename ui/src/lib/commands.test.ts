import { describe, expect, it as test } from "vitest";
import { COMMANDS, commandFor, handlers, keysLabel, matches, type Workspace } from "./commands";
import en from "./i18n/en.json";

/** A workspace that records what each handler asked of it. */
function recording(): { w: Workspace; calls: string[] } {
  const calls: string[] = [];
  const w: Workspace = {
    openPalette: () => void calls.push("palette"),
    toggleHelp: () => void calls.push("help"),
    focusSearch: () => (calls.push("search"), true),
    move: (by) => (calls.push(`move ${by}`), true),
    openSelected: () => (calls.push("open"), true),
    closeView: () => (calls.push("close view"), true),
    focusFilter: (which) => (calls.push(`filter ${which}`), true),
    toggleDue: () => (calls.push("due"), true),
    caseAction: (a) => (calls.push(`case ${a}`), true),
    sync: () => (calls.push("sync"), true),
    toggleOutbox: () => (calls.push("outbox"), true),
    showView: (v) => (calls.push(`view ${v}`), true),
    signOut: () => (calls.push("sign out"), true),
  };
  return { w, calls };
}

const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }) as KeyboardEvent;

describe("the shortcut table", () => {
  test("every command in the table has a handler, and every handler is in the table", () => {
    const { w } = recording();
    expect(Object.keys(handlers(w)).sort()).toEqual(COMMANDS.map((c) => c.id).sort());
  });
  test("each handler does something of its own", () => {
    const { w, calls } = recording();
    const all = handlers(w);
    for (const c of COMMANDS) expect(all[c.id](), c.id).toBe(true);
    expect(new Set(calls).size).toBe(COMMANDS.length);
  });
  test("every command has a name and no two share a key", () => {
    const seen = new Map<string, string>();
    for (const c of COMMANDS) {
      expect(Object.keys(en), c.label).toContain(c.label);
      for (const k of c.keys) {
        const id = JSON.stringify(k);
        expect(seen.get(id), `${c.id} and ${seen.get(id)} share ${id}`).toBeUndefined();
        seen.set(id, c.id);
      }
    }
  });
  test("keys find their command, letters never while typing", () => {
    expect(commandFor(key("p"), false)?.id).toBe("resend");
    expect(commandFor(key("P", { shiftKey: true }), false)?.id).toBe("regenerate");
    expect(commandFor(key("k", { ctrlKey: true }), false)?.id).toBe("palette");
    expect(commandFor(key("k"), false)?.id).toBe("previous_case");
    expect(commandFor(key("X", { ctrlKey: true, shiftKey: true }), false)?.id).toBe("sign_out");
    expect(commandFor(key("x", { ctrlKey: true, shiftKey: true }), false)?.id).toBe("sign_out");
    expect(commandFor(key("p"), true)).toBeUndefined();
    expect(commandFor(key("/"), true)).toBeUndefined();
    expect(commandFor(key("k", { ctrlKey: true }), true)?.id).toBe("palette");
    expect(commandFor(key("Enter", { ctrlKey: true }), true)?.id).toBe("send");
    expect(commandFor(key("p", { altKey: true }), false)).toBeUndefined();
    expect(matches(key("x", { ctrlKey: true }), { key: "x" })).toBe(false);
  });
  test("the cheat sheet writes keys as people read them", () => {
    const label = (id: string) => keysLabel(COMMANDS.find((c) => c.id === id)!);
    expect(label("next_case")).toBe("j / ↓");
    expect(label("palette")).toBe("Ctrl+K");
    expect(label("send")).toBe("Ctrl+Enter");
    expect(label("sign_out")).toBe("Ctrl+Shift+X");
    expect(label("regenerate")).toBe("P");
  });
});
