// What went wrong, in the agent's language: a ConsoleError carries a code and the parameters
// its message names (generated from crates/core), worded here by the translation layer.
import type { ConsoleError } from "./generated/types";
import { hasKey, t, type Key } from "./i18n/index.svelte";

/** A rejected command carries a ConsoleError; anything else is wrapped as one. */
export function asConsoleError(e: unknown): ConsoleError {
  if (e && typeof e === "object" && "code" in e && "kind" in e && "message" in e) {
    return e as ConsoleError;
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { kind: "server", code: "unexpected_answer", params: { detail }, message: detail };
}

/**
 * The error's message in the current language, filled from its parameters. A parameter that
 * is a value with words of its own (`param.<name>.<value>`, e.g. a role or a limit) is put in
 * those, which may name the other parameters (a limit's number).
 */
export function describe(e: unknown): string {
  const error = asConsoleError(e);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params)) {
    const worded = `param.${name}.${value}`;
    params[name] = hasKey(worded) ? t(worded, error.params) : value;
  }
  return t(`error.${error.code}` as Key, params);
}
