// Django's admin writes "Note: You are N hours ahead of server time" under every date and time
// field when the browser's time zone is not New York's: fourteen times on a meeting's page.
// Say it once, at the top of the page (#timezone-note), and add no per-field note. The
// "Now" and "Today" shortcuts still give New York's time.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const shortcuts = window.DateTimeShortcuts;
  if (!shortcuts) return; // a page with no date field
  shortcuts.addTimezoneWarning = () => {}; // runs on "load", after this
  const serverOffset = Number(document.body.dataset.adminUtcOffset || 0);
  const localOffset = new Date().getTimezoneOffset() * -60;
  const note = document.getElementById("timezone-note");
  if (!note || serverOffset === localOffset) return;
  const tools = document.querySelector(".object-tools");
  if (tools) tools.after(note); // below the page's buttons, not under them
  note.hidden = false;
});
