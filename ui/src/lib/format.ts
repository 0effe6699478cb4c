// Formatting of times, ages and money for the agent's language.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A compact age for the queue: "now", "5m", "3h", "2d". */
export function compactAge(iso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - new Date(iso).getTime());
  if (ms < MINUTE) return "now";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  return `${Math.floor(ms / DAY)}d`;
}

/** "5 minutes ago", "3 ore fa": how long ago, in words of `lang`. */
export function timeAgo(iso: string, now: Date, lang: string): string {
  // A moment in the future (clocks drift by a second or two) reads as "now".
  const ms = Math.min(0, new Date(iso).getTime() - now.getTime());
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const abs = Math.abs(ms);
  if (abs < MINUTE) return rtf.format(Math.round(ms / 1000), "second");
  if (abs < HOUR) return rtf.format(Math.round(ms / MINUTE), "minute");
  if (abs < DAY) return rtf.format(Math.round(ms / HOUR), "hour");
  return rtf.format(Math.round(ms / DAY), "day");
}

/**
 * When something recent happened, for a short history: "20 seconds ago", "3 hours ago" within
 * the last day (never "now": a second is the least), else the date and time in the
 * workstation's zone.
 */
export function recentTime(iso: string, now: Date, lang: string): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (ms >= DAY) return dateTime(iso, lang);
  if (ms < MINUTE) {
    const seconds = Math.max(1, Math.round(ms / 1000));
    return new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(-seconds, "second");
  }
  return timeAgo(iso, now, lang);
}

/** A date and 24-hour time as seen in `timeZone`, e.g. "25 Nov 2026, 23:59" (":59" more with `seconds`). */
export function dateTimeIn(iso: string, timeZone: string, lang: string, seconds = false): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: seconds ? "2-digit" : undefined,
    hourCycle: "h23",
  }).format(new Date(iso));
}

/** A date and time in the workstation's zone. */
export function dateTime(iso: string, lang: string, seconds = false): string {
  return dateTimeIn(iso, Intl.DateTimeFormat().resolvedOptions().timeZone, lang, seconds);
}

/** A calendar date (`YYYY-MM-DD`) as written in `lang`, without time-zone shifts. */
export function calendarDate(ymd: string, lang: string): string {
  const [y, m, d] = ymd.split("-").map(Number);
  return new Intl.DateTimeFormat(lang, { timeZone: "UTC", dateStyle: "medium" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A decimal string amount in its currency. */
export function money(amount: string, currency: string, lang: string): string {
  return new Intl.NumberFormat(lang, { style: "currency", currency }).format(Number(amount));
}

/** A moment as a `datetime-local` input value ("2026-11-23T14:05") in the workstation's zone. */
export function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}`
  );
}

/** A `datetime-local` input value, read in the workstation's zone, as an ISO UTC instant. */
export function fromLocalInput(value: string): string | null {
  const at = new Date(value);
  return value === "" || Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** A count with the grouping of `lang`: "100,000", "100.000". */
export function count(n: number, lang: string): string {
  return n.toLocaleString(lang, { maximumFractionDigits: 0 });
}

/** A rate per second: whole numbers, with one decimal below 10. */
export function rate(perSecond: number, lang: string): string {
  return perSecond.toLocaleString(lang, { maximumFractionDigits: perSecond < 10 ? 1 : 0 });
}

/** Time left, rounded to the unit worth saying: seconds under a minute, then minutes, then hours and minutes. */
export function timeLeft(seconds: number): { unit: "seconds" | "minutes" | "hours"; n: number; m: number } {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return { unit: "seconds", n: s, m: 0 };
  const minutes = Math.round(s / 60);
  if (minutes < 60) return { unit: "minutes", n: minutes, m: 0 };
  return { unit: "hours", n: Math.floor(minutes / 60), m: minutes % 60 };
}
