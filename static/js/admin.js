// The portal's own admin pages. No inline script (the Content-Security-Policy refuses it):
// a button marked data-copy copies the text of the field it names.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  if (field) navigator.clipboard.writeText(field.value);
});
