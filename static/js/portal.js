// No inline script anywhere (the Content-Security-Policy refuses it): behaviour hangs on
// data attributes.

// A form marked data-confirm asks first; data-submit-once disables its buttons when sent,
// so a double click submits once.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (!form.hasAttribute("data-submit-once")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  setTimeout(() => form.querySelectorAll("[type=submit]").forEach((b) => { b.disabled = true; }), 0);
});

// A list marked data-autosubmit sends its form when a choice is made (the language menu).
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
