// The live chat's script on the customer page (web/pages.rs serves it): new messages pushed
// by the server appear as they come; a message is sent without leaving the page. Every text
// is set as text, never as markup.
(() => {
  const list = document.getElementById("conversation");
  if (!list || !list.dataset.events || !window.EventSource) return;
  const events = new EventSource(list.dataset.events + "?seen=" + list.dataset.seen);
  // An agent typing: "<name> is typing…" until their message comes, or for 5 s of quiet.
  const typing = document.getElementById("chat-typing") || document.createElement("p");
  let quiet;
  events.addEventListener("message", (e) => {
    const m = JSON.parse(e.data);
    const li = document.createElement("li");
    li.className = "message " + m.kind;
    const who = document.createElement("p");
    who.className = "who";
    const name = document.createElement("strong");
    name.textContent = m.kind === "customer" ? list.dataset.you : m.author;
    who.append(name, " · " + m.at);
    const body = document.createElement("p");
    body.className = "body";
    body.textContent = m.body;
    li.append(who, body);
    list.append(li);
    const waiting = document.getElementById("chat-waiting");
    if (waiting && m.kind !== "customer") waiting.hidden = true;
    if (m.kind !== "customer") typing.hidden = true;
  });
  events.addEventListener("typing", (e) => {
    typing.textContent = (typing.dataset.text || "").replace("{name}", e.data);
    typing.hidden = false;
    clearTimeout(quiet);
    quiet = setTimeout(() => { typing.hidden = true; }, 5000);
  });
  events.addEventListener("offer", () => {
    const offer = document.getElementById("chat-offer");
    if (offer) offer.hidden = false;
  });
  // Picked up by an agent, the chat goes on where it is (what the customer is typing stays);
  // closed, the page shows it closed.
  events.addEventListener("changed", (e) => {
    if (e.data === "closed") {
      window.location.reload();
      return;
    }
    for (const id of ["chat-waiting", "chat-offer"]) {
      const el = document.getElementById(id);
      if (el) el.hidden = true;
    }
    const status = document.getElementById("request-status");
    if (status && status.dataset[e.data]) status.textContent = status.dataset[e.data];
  });
  const form = document.getElementById("answer-form");
  if (!form) return;
  // The customer typing: told to the agent at most every 3 s.
  let told = 0;
  form.addEventListener("input", () => {
    const now = Date.now();
    if (!form.dataset.typing || now - told < 3000) return;
    told = now;
    fetch(form.dataset.typing, { method: "POST", credentials: "same-origin" }).catch(() => {});
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new URLSearchParams(new FormData(form));
    const sent = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
    if (sent.ok) form.reset(); else window.location.reload();
  });
})();
