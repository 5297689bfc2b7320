// No inline script anywhere (the Content-Security-Policy refuses it): behaviour hangs on
// data attributes.

// A form marked data-confirm asks before it is sent ("Withdraw this statement?").
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation(); // not "sent": data-submit-once lets it be sent later
  }
}, true);

// A form marked data-submit-once disables its buttons when sent: a double click submits once.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.hasAttribute("data-submit-once")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  setTimeout(() => form.querySelectorAll("[type=submit]").forEach((b) => { b.disabled = true; }), 0);
});

// A select marked data-submit-on-change (the language menu) sends its form when changed.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
});

// "Now speaking": the meeting's page is served from a cache, so the line of who has the floor
// comes from a small JSON answer, fetched on load and every 15 seconds while the page is open.
document.querySelectorAll("[data-now-speaking]").forEach((box) => {
  const show = (speaking) => {
    box.replaceChildren(...speaking.map((entry) => {
      const line = document.createElement("div");
      line.className = "alert alert-primary";
      line.setAttribute("role", "status");
      line.dataset.testid = "now-speaking";
      const name = document.createElement("strong");
      name.textContent = entry.delegation;
      line.append(entry.label + " ", name);
      if (entry.on_behalf_of) line.append(" (" + entry.on_behalf_of + ")");
      return line;
    }));
  };
  const poll = () => fetch(box.dataset.nowSpeaking, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : { speaking: [] }))
    .then((data) => show(data.speaking))
    .catch(() => {});
  poll();
  setInterval(() => { if (!document.hidden) poll(); }, 15000);
});
