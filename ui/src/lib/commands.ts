// Every action the keyboard reaches, in one table: the palette (Ctrl+K) lists it by name with
// its keys, the cheat sheet (`?`) is printed from it, and the window's key handler looks keys
// up in it, so the three never disagree. Each command has exactly one handler (a test checks
// both ways); the handlers only call what the workspace offers.
import type { Key } from "./i18n/index.svelte";

export type CommandId =
  | "palette"
  | "help"
  | "search"
  | "next_case"
  | "previous_case"
  | "open_case"
  | "close_view"
  | "filter_status"
  | "filter_category"
  | "filter_due"
  | "reply"
  | "note"
  | "send"
  | "resend"
  | "regenerate"
  | "log_callback"
  | "log_attempt"
  | "close_case"
  | "sync"
  | "outbox"
  | "queue_view"
  | "lead_view"
  | "sign_out";

/** One key with its modifiers, as `KeyboardEvent.key` names it. */
export interface Combo {
  key: string;
  ctrl?: boolean;
  shift?: boolean;
}

export interface Command {
  id: CommandId;
  /** What the palette and the cheat sheet call it. */
  label: Key;
  /** The keys that run it; the first is the one shown. */
  keys: readonly Combo[];
  /** Also runs while the agent types in a field (only combinations with Ctrl). */
  inFields?: boolean;
}

export const COMMANDS: readonly Command[] = [
  { id: "palette", label: "cmd.palette", keys: [{ key: "k", ctrl: true }], inFields: true },
  { id: "help", label: "cmd.help", keys: [{ key: "?" }] },
  { id: "search", label: "cmd.search", keys: [{ key: "/" }] },
  { id: "next_case", label: "cmd.next_case", keys: [{ key: "j" }, { key: "ArrowDown" }] },
  { id: "previous_case", label: "cmd.previous_case", keys: [{ key: "k" }, { key: "ArrowUp" }] },
  { id: "open_case", label: "cmd.open_case", keys: [{ key: "Enter" }] },
  { id: "close_view", label: "cmd.close_view", keys: [{ key: "Escape" }] },
  { id: "filter_status", label: "cmd.filter_status", keys: [{ key: "1" }] },
  { id: "filter_category", label: "cmd.filter_category", keys: [{ key: "2" }] },
  { id: "filter_due", label: "cmd.filter_due", keys: [{ key: "3" }] },
  { id: "reply", label: "cmd.reply", keys: [{ key: "r" }] },
  { id: "note", label: "cmd.note", keys: [{ key: "n" }] },
  { id: "send", label: "cmd.send", keys: [{ key: "Enter", ctrl: true }], inFields: true },
  { id: "resend", label: "cmd.resend", keys: [{ key: "p" }] },
  { id: "regenerate", label: "cmd.regenerate", keys: [{ key: "P", shift: true }] },
  { id: "log_callback", label: "cmd.log_callback", keys: [{ key: "c" }] },
  { id: "log_attempt", label: "cmd.log_attempt", keys: [{ key: "a" }] },
  { id: "close_case", label: "cmd.close_case", keys: [{ key: "x" }] },
  { id: "sync", label: "cmd.sync", keys: [{ key: "S", shift: true }] },
  { id: "outbox", label: "cmd.outbox", keys: [{ key: "O", shift: true }] },
  { id: "queue_view", label: "cmd.queue_view", keys: [{ key: "Q", shift: true }] },
  { id: "lead_view", label: "cmd.lead_view", keys: [{ key: "L", shift: true }] },
  { id: "sign_out", label: "cmd.sign_out", keys: [{ key: "X", shift: true, ctrl: true }] },
];

/** What a key handler reads of a key press. */
type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

/** Whether `e` is the combination `c` (Shift counts only for keys that name it). */
export function matches(e: KeyPress, c: Combo): boolean {
  if (e.altKey) return false;
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl !== !!c.ctrl) return false;
  // A letter with Shift arrives upper-case; with Ctrl and Shift, browsers differ on the case.
  const key = c.ctrl && c.shift ? e.key.toUpperCase() : e.key;
  if (c.shift !== undefined && e.shiftKey !== c.shift) return false;
  return key === c.key;
}

/**
 * The command `e` runs, if any. While the agent types in a field only combinations meant for
 * fields count, so typing a letter never runs a shortcut.
 */
export function commandFor(e: KeyPress, typing: boolean): Command | undefined {
  return COMMANDS.find((c) => (!typing || c.inFields) && c.keys.some((k) => matches(e, k)));
}

/** The keys of a combination as the cheat sheet shows them, e.g. `Ctrl+K`. */
export function comboLabel(c: Combo): string {
  const names: Record<string, string> = { ArrowDown: "↓", ArrowUp: "↑", Escape: "Esc" };
  const key = names[c.key] ?? (c.ctrl && c.key.length === 1 ? c.key.toUpperCase() : c.key);
  return [c.ctrl && "Ctrl", c.ctrl && c.shift && "Shift", key].filter(Boolean).join("+");
}

/** All the keys of a command, as shown: `j / ↓`. */
export function keysLabel(command: Command): string {
  return command.keys.map(comboLabel).join(" / ");
}

/** What the keyboard acts on: the queue, the open case, the window's views and session. */
export interface Workspace {
  openPalette(): void;
  toggleHelp(): void;
  focusSearch(): boolean;
  move(by: number): boolean;
  /** Moves the keyboard into the case chosen in the queue. */
  openSelected(): boolean;
  closeView(): boolean;
  focusFilter(which: "status" | "category"): boolean;
  toggleDue(): boolean;
  /** The open case's actions; each is false when no case is open or it takes none now. */
  caseAction(action: CaseAction): boolean;
  sync(): boolean;
  toggleOutbox(): boolean;
  showView(view: "queue" | "lead"): boolean;
  signOut(): boolean;
}

export type CaseAction = "reply" | "note" | "send" | "resend" | "regenerate" | "log_callback" | "log_attempt" | "close_case";

/** One handler per command: true when it was taken (the key then does nothing else). */
export function handlers(w: Workspace): Record<CommandId, () => boolean> {
  return {
    palette: () => (w.openPalette(), true),
    help: () => (w.toggleHelp(), true),
    search: () => w.focusSearch(),
    next_case: () => w.move(1),
    previous_case: () => w.move(-1),
    open_case: () => w.openSelected(),
    close_view: () => w.closeView(),
    filter_status: () => w.focusFilter("status"),
    filter_category: () => w.focusFilter("category"),
    filter_due: () => w.toggleDue(),
    reply: () => w.caseAction("reply"),
    note: () => w.caseAction("note"),
    send: () => w.caseAction("send"),
    resend: () => w.caseAction("resend"),
    regenerate: () => w.caseAction("regenerate"),
    log_callback: () => w.caseAction("log_callback"),
    log_attempt: () => w.caseAction("log_attempt"),
    close_case: () => w.caseAction("close_case"),
    sync: () => w.sync(),
    outbox: () => w.toggleOutbox(),
    queue_view: () => w.showView("queue"),
    lead_view: () => w.showView("lead"),
    sign_out: () => w.signOut(),
  };
}
