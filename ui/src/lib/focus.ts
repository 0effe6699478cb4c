// Moves focus into what just opened, such as a dialog's first field. Use as
// `{@attach focusOnOpen}`. (The `autofocus` attribute only takes focus from the body, not
// from the button that opened the dialog.)
export function focusOnOpen(element: HTMLElement) {
  element.focus();
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps the keyboard inside a modal dialog while it is open: Tab and Shift+Tab cycle through
 * its controls, focus that lands outside comes back, and when the dialog closes the focus
 * returns to what had it before. Use as `{@attach trapFocus}` on the dialog element.
 */
export function trapFocus(dialog: HTMLElement): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const controls = () => [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.getClientRects().length > 0);
  const enter = () => (controls()[0] ?? dialog).focus();
  function onKeydown(e: KeyboardEvent) {
    if (e.key !== "Tab") return;
    const all = controls();
    if (all.length === 0) {
      e.preventDefault();
      dialog.focus();
      return;
    }
    const [first, last] = [all[0], all[all.length - 1]];
    const active = document.activeElement;
    if (e.shiftKey && (active === first || active === dialog)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }
  function onFocusIn(e: FocusEvent) {
    if (e.target instanceof Node && !dialog.contains(e.target)) enter();
  }
  dialog.addEventListener("keydown", onKeydown);
  document.addEventListener("focusin", onFocusIn);
  // A dialog whose own field did not take the focus (autofocus, focusOnOpen) gets it here.
  queueMicrotask(() => {
    if (dialog.isConnected && !dialog.contains(document.activeElement)) enter();
  });
  return () => {
    dialog.removeEventListener("keydown", onKeydown);
    document.removeEventListener("focusin", onFocusIn);
    if (opener?.isConnected && opener !== document.body) queueMicrotask(() => opener.focus());
  };
}
