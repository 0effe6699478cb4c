// The console's time. The shell's clock is the wall clock, except in tests that move every
// process of a run to one simulated time; the UI asks how far it is and adds that to its own.
import { invoke } from "@tauri-apps/api/core";

let offsetMs = 0;

/** Asks the shell for its clock's offset once, at start. */
export async function syncClock(): Promise<void> {
  offsetMs = await invoke<number>("clock_offset");
}

/** Now, as the console's core sees it. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}
