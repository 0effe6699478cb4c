// What went wrong, in the agent's language: a ConsoleError carries a code and the parameters
// its message names (generated from crates/core), worded here by the translation layer.
import type { ConsoleError } from "./generated/types";
import { t, type Key } from "./i18n/index.svelte";

/** A rejected command carries a ConsoleError; anything else is wrapped as one. */
export function asConsoleError(e: unknown): ConsoleError {
  if (e && typeof e === "object" && "code" in e && "kind" in e && "message" in e) {
    return e as ConsoleError;
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { kind: "server", code: "unexpected_answer", params: { detail }, message: detail };
}

/** The error's message in the current language, filled from its parameters. */
export function describe(e: unknown): string {
  const error = asConsoleError(e);
  return t(`error.${error.code}` as Key, error.params);
}
