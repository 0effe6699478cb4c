// First, so the launch's steps count from the bundle's start (see lib/launch).
import { mark } from "./lib/launch";
import { begin } from "./lib/opening";
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

mark("modules");
// The shell answers these while the app mounts.
begin();
const target = document.getElementById("app");
if (!target) throw new Error("no #app element");
const app = mount(App, { target });
mark("mounted");
export default app;
