// Moves focus into what just opened, such as a dialog's first field. Use as
// `{@attach focusOnOpen}`. (The `autofocus` attribute only takes focus from the body, not
// from the button that opened the dialog.)
export function focusOnOpen(element: HTMLElement) {
  element.focus();
}
