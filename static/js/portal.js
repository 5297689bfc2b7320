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
