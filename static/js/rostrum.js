// The rostrum screen: polls the list's state, counts down the statement's time limit,
// and sends "heard"/"absent" naming the speaker it shows, so that two screens clicking at
// once advance the list once.
(() => {
  const root = document.getElementById("rostrum");
  if (!root) return;
  const csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
  const el = (id) => root.querySelector(`[data-testid=${id}]`);
  let state = null;
  let offset = 0; // server clock minus this clock, in ms

  function render(data) {
    state = data;
    offset = Date.parse(data.server_now) - Date.now();
    const c = data.current;
    el("current").textContent = c ? c.delegation + (c.on_behalf_of ? ` (${c.on_behalf_of})` : "") : "—";
    el("current-detail").textContent = c ? `${c.speaker}, ${c.function}` : "";
    // "Give the floor to the first speaker" only when nobody speaks; "heard" and "absent"
    // only when someone does.
    root.querySelectorAll("button[data-when]").forEach((button) => {
      button.hidden = (button.dataset.when === "speaking") !== Boolean(c);
    });
    el("upcoming").replaceChildren(...data.upcoming.map((u) => {
      const li = document.createElement("li");
      li.className = "list-group-item d-flex justify-content-between";
      li.textContent = u.delegation;
      const time = document.createElement("span");
      time.className = "text-body-secondary";
      time.textContent = u.projected;
      li.append(time);
      return li;
    }));
    tick();
  }

  function tick() {
    const box = el("countdown");
    if (!state || !state.current || !state.speaking_since) {
      box.textContent = "–:––";
      box.className = "countdown";
      return;
    }
    const elapsed = (Date.now() + offset - Date.parse(state.speaking_since)) / 1000;
    const left = Math.round(state.limit_seconds - elapsed);
    const abs = Math.abs(left);
    box.textContent = `${left < 0 ? "+" : ""}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
    box.className = "countdown" + (left < 0 ? " red" : left <= 30 ? " amber" : "");
  }

  async function refresh() {
    const response = await fetch(root.dataset.state, { headers: { Accept: "application/json" } });
    if (response.ok) render(await response.json());
  }

  async function act(action) {
    const body = new URLSearchParams({ action, shown: state && state.current ? state.current.id : "" });
    const response = await fetch(root.dataset.act, {
      method: "POST", body, headers: { "X-CSRFToken": csrf },
    });
    if (response.ok) render(await response.json());
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) act(button.dataset.action);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key.toLowerCase() === "n" && !event.target.closest("input, textarea")) act("heard");
  });
  refresh();
  setInterval(refresh, 2000);
  setInterval(tick, 250);
})();
