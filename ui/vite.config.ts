import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The Tauri shell embeds ui/dist; relative paths keep it working from any origin.
export default defineConfig({
  base: "./",
  plugins: [svelte()],
  clearScreen: false,
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  // CSS is read as it is written (the theme test reads app.css for its colours).
  test: { include: ["src/**/*.test.ts"], css: { include: [/app\.css/] } },
});
