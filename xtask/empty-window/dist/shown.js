// Tells the process the element is on screen, at the next frame, as the console's queue tells
// its first row (Queue.svelte): the two start-ups end at the same kind of moment.
requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("shown"));
