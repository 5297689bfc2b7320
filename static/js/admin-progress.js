// Progress bars of long work in the staff admin (programme generations, mailings).
// A container marked data-progress-url is refreshed from that JSON address every second
// until every item is finished: {"items": [{id, label, percent, finished, failed, link,
// link_text}], "finished": bool}. No inline script: the page works under a strict CSP.
(function () {
  "use strict";

  function render(container, data) {
    const list = document.createElement("ul");
    list.className = "progress-items";
    data.items.forEach((item) => {
      const row = document.createElement("li");
      row.className = "progress-item" + (item.failed ? " failed" : "") + (item.finished ? " finished" : "");
      row.dataset.id = item.id;
      const label = document.createElement("span");
      label.className = "progress-label";
      label.textContent = item.label;
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = item.percent;
      bar.setAttribute("aria-label", item.label);
      row.append(label, " ", bar, " ", item.percent + " %");
      if (item.link) {
        const link = document.createElement("a");
        link.href = item.link;
        link.textContent = item.link_text || item.link;
        row.append(" ", link);
      }
      list.append(row);
    });
    container.replaceChildren(list);
    container.dataset.finished = data.finished ? "true" : "false";
  }

  function watch(container) {
    const url = container.dataset.progressUrl;
    const poll = () => {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => {
          render(container, data);
          if (!data.finished) setTimeout(poll, 1000);
        })
        .catch(() => setTimeout(poll, 5000));
    };
    poll();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-progress-url]").forEach(watch);
  });
})();
