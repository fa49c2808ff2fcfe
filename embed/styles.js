// The widget's stylesheet (inside its shadow root, so nothing leaks in or out). Every colour and
// font comes from a custom property on :host, which a host page may set (see README.md).

/**
 * Applies the stylesheet to a shadow root: one constructed sheet shared by every widget of the
 * page. Constructed sheets are not inline styles, so a page whose Content-Security-Policy has no
 * `style-src 'unsafe-inline'` still styles the widget. Returns the nodes the root must keep
 * first: none, or a <style> for browsers without constructed sheets.
 */
export function adoptStyles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    sheet ??= constructedSheet();
    root.adoptedStyleSheets = [sheet];
    return [];
  }
  const style = document.createElement("style");
  style.textContent = STYLES;
  return [style];
}

let sheet = null;

function constructedSheet() {
  const made = new CSSStyleSheet();
  made.replaceSync(STYLES);
  return made;
}

export const STYLES = `
:host {
  display: block;
  margin: 1em 0;
  --ip-bg: #ffffff;
  --ip-fg: #1f2328;
  --ip-muted: #59636e;
  --ip-accent: #0b62d6;
  --ip-border: #d1d9e0;
  --ip-code-bg: #f6f8fa;
  --ip-ok: #1a7f37;
  --ip-warn: #9a6700;
  --ip-err: #cf222e;
  --ip-radius: 8px;
  --ip-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --ip-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  --ip-font-size: 14px;
}
:host([hidden]) { display: none; }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {
    --ip-bg: #0d1117; --ip-fg: #e6edf3; --ip-muted: #9198a1; --ip-accent: #4493f8;
    --ip-border: #3d444d; --ip-code-bg: #151b23; --ip-ok: #3fb950; --ip-warn: #d29922; --ip-err: #f85149;
  }
}
:host([theme="dark"]) {
  --ip-bg: #0d1117; --ip-fg: #e6edf3; --ip-muted: #9198a1; --ip-accent: #4493f8;
  --ip-border: #3d444d; --ip-code-bg: #151b23; --ip-ok: #3fb950; --ip-warn: #d29922; --ip-err: #f85149;
}

/* The root resets everything it could inherit from the host page, then sets its own. */
.ip {
  all: initial;
  display: block;
  box-sizing: border-box;
  container-type: inline-size;
  background: var(--ip-bg);
  color: var(--ip-fg);
  font-family: var(--ip-font);
  font-size: var(--ip-font-size);
  line-height: 1.45;
  border: 1px solid var(--ip-border);
  border-radius: var(--ip-radius);
  padding: 10px 12px;
  color-scheme: light dark;
}
:host([theme="light"]) .ip { color-scheme: light; }
:host([theme="dark"]) .ip { color-scheme: dark; }
.ip *, .ip *::before, .ip *::after { box-sizing: border-box; }
code, pre, textarea, input, .mono { font-family: var(--ip-mono); font-size: 0.93em; }
a { color: var(--ip-accent); }
a:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 2px solid var(--ip-accent); outline-offset: 1px;
}

header { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; margin-bottom: 8px; }
.title { font-weight: 600; }
.status { color: var(--ip-muted); font-size: 0.9em; }
.status.failed { color: var(--ip-err); overflow-wrap: anywhere; }
header a { margin-left: auto; text-decoration: none; font-size: 0.9em; white-space: nowrap; }
header a:hover { text-decoration: underline; }

.body { display: grid; gap: 10px; }
.left { display: grid; gap: 6px; align-content: start; }
@container (min-width: 760px) {
  .full .body { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; }
}
.label { display: block; font-size: 0.85em; color: var(--ip-muted); margin: 0 0 3px; }

pre.placeholder, textarea {
  display: block; width: 100%; margin: 0; padding: 8px 10px;
  background: var(--ip-code-bg); color: var(--ip-fg);
  border: 1px solid var(--ip-border); border-radius: calc(var(--ip-radius) - 2px);
  line-height: 1.45; tab-size: 2; white-space: pre; overflow: auto;
}
textarea { resize: vertical; min-height: 6em; }
textarea[readonly] { cursor: default; }
details.yaml > summary, details.why > summary {
  cursor: pointer; color: var(--ip-muted); font-size: 0.9em; margin: 2px 0;
}
details.yaml[open] > summary { margin-bottom: 6px; }

ul.problems { list-style: none; margin: 0; padding: 0; display: grid; gap: 3px; }
ul.problems[hidden] { display: none; }
ul.problems li {
  padding: 3px 8px; border-left: 3px solid var(--ip-err); background: var(--ip-code-bg);
  font-size: 0.9em; cursor: pointer; overflow-wrap: anywhere;
}
ul.problems li[data-severity="warning"] { border-left-color: var(--ip-warn); }
ul.problems .where { font-family: var(--ip-mono); color: var(--ip-muted); margin-right: 6px; }

.requests { display: grid; gap: 10px; }
.request { border-top: 1px solid var(--ip-border); padding-top: 8px; }
/* A widget may show a link's 1,000 test rows: lay out only the requests near the viewport. */
.request { content-visibility: auto; contain-intrinsic-size: auto 90px; }
.request:first-child { border-top: 0; padding-top: 0; }
input.url {
  width: 100%; padding: 5px 8px; color: var(--ip-fg); background: var(--ip-bg);
  border: 1px solid var(--ip-border); border-radius: calc(var(--ip-radius) - 2px);
}
input.url[readonly] { border-color: transparent; background: transparent; padding-left: 0; }
.result { margin-top: 6px; padding: 6px 10px; border-radius: calc(var(--ip-radius) - 2px); background: var(--ip-code-bg); border-left: 4px solid var(--ip-ok); }
.result[data-outcome="default-backend"], .result[data-outcome="redirect"] { border-left-color: var(--ip-warn); }
.result[data-outcome="no-match"], .result[data-outcome="config-error"], .result[data-outcome=""] { border-left-color: var(--ip-err); }
.result.pending { opacity: 0.6; }
.headline { margin: 0; display: flex; gap: 8px; flex-wrap: wrap; align-items: baseline; }
.kind { font-size: 0.85em; color: var(--ip-muted); text-transform: uppercase; letter-spacing: 0.03em; }
.main { font-family: var(--ip-mono); font-weight: 600; overflow-wrap: anywhere; }
.facts { margin: 2px 0 0; color: var(--ip-muted); font-size: 0.9em; overflow-wrap: anywhere; }
.warning { margin: 4px 0 0; color: var(--ip-warn); font-size: 0.9em; }

ol.explanation { margin: 4px 0 0; padding: 0; list-style: none; display: grid; gap: 3px; font-size: 0.9em; }
ol.explanation li { display: grid; grid-template-columns: 5.6em minmax(0, 1fr); gap: 6px; overflow-wrap: anywhere; }
.verdict { font-size: 0.8em; font-weight: 600; text-transform: uppercase; text-align: center; border-radius: 4px; padding: 1px 0; align-self: start; color: var(--ip-muted); border: 1px solid var(--ip-border); }
li[data-verdict="won"] .verdict { color: var(--ip-ok); border-color: var(--ip-ok); }
li[data-verdict="lost"] .verdict { color: var(--ip-err); border-color: var(--ip-err); }
li[data-verdict="info"] .msg { color: var(--ip-muted); }
.candidate { display: block; font-family: var(--ip-mono); font-size: 0.92em; font-weight: 600; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* view="steps": the playground's step-through (web/teach/steps.js) under the first request. */
.steps-host { border-top: 1px solid var(--ip-border); padding-top: 8px; min-width: 0; }
.step-controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.step-button {
  font: inherit; color: var(--ip-fg); background: var(--ip-bg); border: 1px solid var(--ip-border);
  border-radius: calc(var(--ip-radius) - 2px); padding: 3px 10px; cursor: pointer;
}
.step-button:hover { border-color: var(--ip-accent); }
.step-button[aria-disabled="true"] { color: var(--ip-muted); border-style: dashed; cursor: default; }
.step-button:focus-visible { outline: 2px solid var(--ip-accent); outline-offset: 1px; }
.step-count { font-weight: 600; min-width: 7em; text-align: center; }
.step-more { padding: 4px 6px; color: var(--ip-muted); }
.step-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.step-status, .step-keys { margin: 4px 0 0; color: var(--ip-muted); font-size: 0.9em; }
.step-status[hidden] { display: none; }
ol.step-list { list-style: none; margin: 6px 0 0; padding: 0; display: grid; gap: 3px; font-size: 0.93em; }
.step { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 8px; padding: 4px 6px; border-radius: 4px; cursor: pointer; }
.step[aria-current="step"] { background: var(--ip-code-bg); box-shadow: inset 3px 0 0 var(--ip-accent); }
.step-rule {
  font: 600 0.85em/1.6 var(--ip-mono); min-width: 2.8em; max-width: 11em; text-align: center; align-self: start;
  border: 1px solid var(--ip-border); border-radius: 4px; padding: 0 4px; color: var(--ip-muted); overflow-wrap: anywhere;
}
.step.verdict-won .step-rule { color: var(--ip-ok); border-color: var(--ip-ok); }
.step.verdict-lost .step-rule { color: var(--ip-err); border-color: var(--ip-err); }
.step-body { display: grid; gap: 1px; min-width: 0; overflow-wrap: anywhere; }
.step:not([aria-current]) .step-text { color: var(--ip-muted); }
.step:not([aria-current]) .step-lines { display: none; }
pre.step-lines { margin: 4px 0 0; padding: 4px 8px; background: var(--ip-bg); border: 1px solid var(--ip-border); border-radius: 4px; overflow: auto; white-space: pre; }
`;
