// The program listing, enhanced: the level and "my sessions" filters apply as soon as they
// change (the form's "Show" button does the same without a script), and on a wide screen
// every pitch is open (a phone shows each pitch's first sentence until tapped).
(function () {
  for (const form of document.querySelectorAll("form[data-submit-on-change]")) {
    form.addEventListener("change", () => form.requestSubmit());
    const button = form.querySelector("button[type=submit]");
    if (button) button.closest("p").hidden = true;
  }
  if (window.matchMedia("(min-width: 48rem)").matches) {
    for (const pitch of document.querySelectorAll("details.pitch")) pitch.open = true;
  }
})();
