// A password card's history (rule 7.5): one line per send or regeneration, "Resent 20 seconds
// ago by Alice Bianchi to a•••@example.com", newest first.
import type { PasswordEvent } from "./generated/types";
import { hasKey, tEnum, type Key } from "./i18n/index.svelte";
import { recentTime } from "./format";

/** How many events a card lists. */
export const HISTORY_SHOWN = 5;

/** The events a card lists: newest first, at most `HISTORY_SHOWN`. */
export function recentEvents(history: readonly PasswordEvent[]): PasswordEvent[] {
  return [...history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, HISTORY_SHOWN);
}

/**
 * The line of one event: its key (`history.<action>` when the event sent a code somewhere
 * and the action has its own sentence, else `history.other`) and the placeholders.
 */
export function historyLine(e: PasswordEvent, now: Date, lang: string): { key: Key; params: Record<string, string> } {
  const own = `history.${e.action}`;
  const key: Key = e.destination.trim() !== "" && hasKey(own) && own !== "history.other" ? own : "history.other";
  return {
    key,
    params: {
      when: recentTime(e.at, now, lang),
      agent: e.actor_name,
      destination: e.destination,
      action: tEnum("action", e.action),
    },
  };
}
