// Whether a modal dialog is open, for every component to read. A dialog's overlay says it is
// there with `{@attach modalOverlay}`; the workspace's keyboard shortcuts wait while
// `modal.open`, since the dialog takes its own keys.
import { untrack } from "svelte";

let overlays = $state(0);

export const modal = {
  /** A modal dialog is open. */
  get open(): boolean {
    return overlays > 0;
  },
};

/** Counts a modal dialog's overlay as open while it is in the document. */
export function modalOverlay(): () => void {
  // Untracked: the attachment must not run again each time the count moves.
  untrack(() => (overlays += 1));
  return () => untrack(() => (overlays -= 1));
}
