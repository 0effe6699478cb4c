// Where a launch's time goes: the steps on the way to the first queue row, marked as the page
// reaches them and sent with that row to the shell, which logs each in ms since the process
// started (`cargo xtask bench --only startup` reports their medians). Marks after the first
// row are not kept.
import * as api from "./api";

const at = () => performance.timeOrigin + performance.now();

// main.ts imports this module first: its evaluation is the bundle's start.
const steps: [string, number][] = [["script", at()]];
let told = false;

/** The launch reached `step` now (only its first time counts). */
export function mark(step: string): void {
  if (!told && !steps.some(([name]) => name === step)) steps.push([step, at()]);
}

/** The first queue row is painted: the launch is over, and the shell logs its steps (from the
 *  page's navigation on). Once per run. */
export function firstRowShown(): void {
  if (told) return;
  told = true;
  void api.firstRowShown([["navigation", performance.timeOrigin], ...steps, ["painted", at()]]).catch(() => {});
}
