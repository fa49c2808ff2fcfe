// Presenter mode's "Hide the answer" switch (teach/teach.js adds it while presenting; this module
// is imported on its first press). It sets data-hide-answer on .app,
// which teach/presenter.css reads to hide the decision, the explanation and the route map's
// lighting, and aria-pressed on itself. Leaving presenter mode removes the switch and shows the
// answer again: a later switch starts unpressed, as it is drawn.

const watched = new WeakSet();

export function toggleAnswer(button) {
  const app = button.closest(".app");
  if (!app) return;
  const hide = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-pressed", String(hide));
  app.dataset.hideAnswer = String(hide);
  if (!watched.has(app)) {
    watched.add(app);
    new MutationObserver(() => {
      if (!app.classList.contains("presenting")) delete app.dataset.hideAnswer;
    }).observe(app, { attributes: true, attributeFilter: ["class"] });
  }
}
