// A form marked data-submit-once disables its buttons when sent: a double click submits once.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.hasAttribute("data-submit-once")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  setTimeout(() => form.querySelectorAll("[type=submit]").forEach((b) => { b.disabled = true; }), 0);
});
