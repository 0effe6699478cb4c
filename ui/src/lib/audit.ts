// The lead view's arithmetic (rule 7.8): the filter sent from the form's values (days are the
// workstation's calendar days), what a flag's explanation names, which filters select a flag's
// entries, and the chart's series. Pure functions, tested without a window.
import type {
  AuditAction,
  AuditFilter,
  AuditFlag,
  AuditOutcome,
  DailyCount,
} from "./generated/types";
import { calendarDate, count } from "./format";

/** What the lead typed or picked; empty strings for "any". */
export type AuditForm = {
  /** A calendar day, `YYYY-MM-DD` (a date input's value). */
  from: string;
  /** A calendar day, `YYYY-MM-DD`, included. */
  to: string;
  /** An actor's username. */
  actor: string;
  action: AuditAction | "";
  outcome: AuditOutcome | "";
  /** A shipment's or an order's id. */
  shipment: string;
};

export const emptyForm = (): AuditForm => ({ from: "", to: "", actor: "", action: "", outcome: "", shipment: "" });

/** The parts of a `YYYY-MM-DD` day, or null when it is not one. */
function dayParts(ymd: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(y, mo - 1, d);
  // Rejects 2026-02-31 and the like, which Date would roll over.
  return at.getFullYear() === y && at.getMonth() === mo - 1 && at.getDate() === d ? [y, mo, d] : null;
}

/** The first instant of a calendar day in the workstation's zone, as an ISO UTC instant. */
export function startOfLocalDay(ymd: string): string | null {
  const p = dayParts(ymd);
  return p ? new Date(p[0], p[1] - 1, p[2]).toISOString() : null;
}

/** The first instant of the day after, in the workstation's zone: the end of `ymd`, excluded. */
export function endOfLocalDay(ymd: string): string | null {
  const p = dayParts(ymd);
  return p ? new Date(p[0], p[1] - 1, p[2] + 1).toISOString() : null;
}

/** The workstation's calendar day of a moment, `YYYY-MM-DD`. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The filter the commands take, from the form: blanks are "any", `to` includes its day. */
export function buildFilter(form: AuditForm, cursor: number | null = null, limit = 0): AuditFilter {
  const text = (s: string) => s.trim() || null;
  return {
    from: startOfLocalDay(form.from),
    to: endOfLocalDay(form.to),
    actor: text(form.actor),
    action: form.action || null,
    outcome: form.outcome || null,
    shipment: text(form.shipment),
    cursor,
    limit,
  };
}

/** Whether two filters ask for the same entries (paging aside). */
export function sameFilter(a: AuditFilter, b: AuditFilter): boolean {
  const key = (f: AuditFilter) => JSON.stringify([f.from, f.to, f.actor, f.action, f.outcome, f.shipment]);
  return key(a) === key(b);
}

/** A refusal's problem type, by its last segment: "urn:sportello:problem:password-limit" → "password-limit". */
export function problemName(problem: string | null): string {
  if (!problem) return "";
  const parts = problem.split(/[:/#]/).filter((p) => p !== "");
  return parts[parts.length - 1] ?? problem;
}

/** The placeholders a flag's explanation (`flag.<kind>`) may name, worded for `lang`. */
export function flagParams(flag: AuditFlag, lang: string): Record<string, string> {
  return {
    agent: flag.actor_name ?? "",
    day: calendarDate(flag.day, lang),
    count: count(flag.count, lang),
    median: (flag.median ?? 0).toLocaleString(lang, { maximumFractionDigits: 1 }),
    shipment: flag.shipment_id ?? "",
    // For a resend after a regeneration, `count` is the minutes between them.
    minutes: count(flag.count, lang),
  };
}

/**
 * The form that lists a flag's entries: its day, its shipment, and its agent when the chart
 * names exactly one username for that name. The entries themselves are `flag.seqs`.
 */
export function flagForm(flag: AuditFlag, daily: readonly DailyCount[]): AuditForm {
  const usernames = new Set(
    flag.actor_name === null ? [] : daily.filter((d) => d.actor_name === flag.actor_name).map((d) => d.actor_username),
  );
  return {
    ...emptyForm(),
    from: flag.day,
    to: flag.day,
    actor: usernames.size === 1 ? [...usernames][0] : "",
    shipment: flag.shipment_id ?? "",
  };
}

/** The agents the chart has seen, by username, each with their name, in username order. */
export function actorsSeen(known: ReadonlyMap<string, string>, daily: readonly DailyCount[]): Map<string, string> {
  const out = new Map(known);
  for (const d of daily) out.set(d.actor_username, d.actor_name);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** One agent's bars: per day of `days`, sends plus regenerations, and each apart. */
export type AgentSeries = {
  username: string;
  name: string;
  totals: number[];
  resends: number[];
  regenerations: number[];
};

/** The chart's days (in order) and one series per agent (by name), from the summary's counts. */
export function chartSeries(daily: readonly DailyCount[]): { days: string[]; agents: AgentSeries[] } {
  const days = [...new Set(daily.map((d) => d.day))].sort();
  const index = new Map(days.map((d, i) => [d, i]));
  const agents = new Map<string, AgentSeries>();
  for (const d of daily) {
    let s = agents.get(d.actor_username);
    if (!s) {
      const zeros = () => days.map(() => 0);
      s = { username: d.actor_username, name: d.actor_name, totals: zeros(), resends: zeros(), regenerations: zeros() };
      agents.set(d.actor_username, s);
    }
    const i = index.get(d.day) ?? 0;
    s.resends[i] += d.resends;
    s.regenerations[i] += d.regenerations;
    s.totals[i] += d.resends + d.regenerations;
  }
  const list = [...agents.values()].sort((a, b) => a.name.localeCompare(b.name) || a.username.localeCompare(b.username));
  return { days, agents: list };
}

/** What the chart shows in sum: for its text alternative. */
export function chartTotals(daily: readonly DailyCount[]): {
  resends: number;
  regenerations: number;
  agents: number;
  days: number;
} {
  return {
    resends: daily.reduce((n, d) => n + d.resends, 0),
    regenerations: daily.reduce((n, d) => n + d.regenerations, 0),
    agents: new Set(daily.map((d) => d.actor_username)).size,
    days: new Set(daily.map((d) => d.day)).size,
  };
}

/**
 * How the caller was identified, in words: the method recorded (`method` or `method: note`)
 * named through `name` when it has a name, the note after it as typed.
 */
export function identityText(check: string, name: (method: string) => string | null): string {
  const at = check.indexOf(":");
  const method = (at < 0 ? check : check.slice(0, at)).trim();
  const note = at < 0 ? "" : check.slice(at + 1).trim();
  const named = name(method) ?? method;
  return note ? `${named}: ${note}` : named;
}
