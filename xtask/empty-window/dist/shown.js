// Tells the process the element is on screen, at the next frame, as the console's queue tells
// its first row (Queue.svelte): the two start-ups end at the same kind of moment. With it go
// the page's steps, as the console's (ui/src/lib/launch.ts): navigation, script, painted.
const now = () => performance.timeOrigin + performance.now();
const script = now();
requestAnimationFrame(() =>
  window.__TAURI_INTERNALS__.invoke("shown", {
    steps: [
      ["navigation", performance.timeOrigin],
      ["script", script],
      ["painted", now()],
    ],
  }),
);
