// Case files (the CLI's `--cases` format) into the playground's own state format, so the page's
// wasm carries no case-file reader (docs/performance.md, "The first visit again"):
// - at build time, scripts/gallery-states.mjs turns every gallery example (a corpus case file)
//   into `examples/<id>.state`, which the page fetches when one is picked (web/src/examples.rs);
//   the first visit's is compiled in (web/first-visit.state, checked against the build's by the
//   e2e gallery test);
// - on first use, the tests table's import (paste or file) reads a case file here, through the JS
//   API package's `parseCases` (the engine's own reader), and hands the page its rows as a
//   snapshot text;
// - on first use, the tests table's export (*Export .yaml*, *Show as a case file*) writes the
//   rows that can run as a case file here, with the package's `writeCases` (the engine's own
//   writer, so what is exported reads back the same); the page hands over the cases.
// The state is embed/permalink.js's shape; the snapshot text is the one web/src/snapshot.rs reads.
import { emptyState, encodeSnapshot } from "./permalink.js";

/** The URL's host as the engine reads it for https (no port, no IPv6 brackets). */
function urlHost(host) {
  let name = host;
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    if (end >= 0) name = host.slice(0, end + 1);
  } else {
    const colon = host.lastIndexOf(":");
    if (colon >= 0 && !host.slice(0, colon).includes(":")) name = host.slice(0, colon);
  }
  return name.replace(/^\[/, "").replace(/\]$/, "");
}

/**
 * A table row for a case of `parseCases` ({name?, request: {host, path, sni?, method?, headers?,
 * cookies?}, expect}), as the page writes one: the URL (https when the case names an SNI, as the
 * engine reads a case), the SNI only when it is not the URL's own host, the headers as the Headers
 * box's lines (cookies on one `Cookie:` line), the expectation as typed (backend, else outcome).
 */
export function rowOf(c) {
  const r = c.request ?? {};
  const url = `${r.sni ? "https" : "http"}://${r.host}${r.path}`;
  const lines = (r.headers ?? []).map(([name, value]) => `${name}: ${value}`);
  if (r.cookies?.length) lines.push(`Cookie: ${r.cookies.map(([name, value]) => `${name}=${value}`).join("; ")}`);
  const e = c.expect ?? {};
  const row = {
    name: c.name ?? "",
    url,
    sni: r.sni && r.sni !== urlHost(r.host) ? r.sni : "",
    method: r.method ?? "",
    headers: lines.join("\n"),
    expect: e.backend ?? e.outcome ?? "",
  };
  for (const key of ["ingress", "path", "pathType", "tls", "status", "location"]) {
    if (e[key] != null) row[key] = String(e[key]);
  }
  return row;
}

/** The state a case file opens: its manifest, its cases as rows, its first case as the request. */
export function stateOf(file) {
  const rows = (file.cases ?? []).map(rowOf);
  const first = rows[0] ?? {};
  return {
    ...emptyState(),
    yaml: file.manifest ?? "",
    url: first.url ?? "",
    sni: first.sni ?? "",
    method: first.method ?? "",
    headers: first.headers ?? "",
    klass: file.class ?? null,
    profile: file.profile ?? "spec",
    rows,
  };
}

/**
 * A gallery example's file: the snapshot text of the state it opens, then its note's `title`
 * (the case file's `name:`) and `description` as two more fields (snapshot readers skip them).
 */
export function exampleText(file) {
  const field = (key, value) => `${key} ${new TextEncoder().encode(value).length}:${value}\n`;
  return encodeSnapshot(stateOf(file)) + field("title", file.name ?? "") + field("description", file.description ?? "");
}

/**
 * The tests table's import (its controls are static markup the page makes, web/src/components/
 * teach_panel.rs `import_slots`): reads the case file `text` (a string or a promise of one, a
 * file's text) and hands its cases to the page as the table's new rows (`ask(["rows",
 * snapshotText])`); `note` says how it went ("Imported 3 case(s)." or "Nothing imported:" and the
 * engine's list of the file's problems, each with its line and column).
 */
export async function importInto(text, note, ask) {
  let message;
  let failed = false;
  try {
    const { snapshot, count } = await importCases(await text);
    ask(new CustomEvent("import", { detail: ["rows", snapshot] }));
    message = `Imported ${count} case(s).`;
  } catch (error) {
    failed = true;
    message = `Nothing imported:\n${error?.message ?? error}`;
  }
  const shown = document.createElement("p");
  shown.className = failed ? "note note-error" : "note";
  shown.setAttribute("role", "status");
  shown.textContent = message;
  note.replaceChildren(shown);
}

/**
 * The rows of a case file, as a snapshot text (only its rows are read), and how many.
 * Rejects with the engine's list of the file's problems (line:column), or when it has no cases.
 */
export async function importCases(text) {
  const { loadEngine } = await import("./engine.js");
  const engine = await loadEngine();
  let file;
  try {
    file = engine.parseCases(String(text));
  } catch (error) {
    // The package names its function and argument ("parseCases: casesYaml: …"); the page's
    // reader is the table, so the message starts at what is wrong with the file.
    throw new Error(String(error?.message ?? error).replace(/^parseCases: casesYaml: /, ""));
  }
  if (!file.cases?.length) throw new Error("the file has no cases");
  return { snapshot: encodeSnapshot({ ...emptyState(), rows: file.cases.map(rowOf) }), count: file.cases.length };
}

/** The longest line *Show as a case file* draws whole (the page's `long_lines.rs`, the widget's). */
const MAX_SHOWN_LINE_CHARS = 10000;

/**
 * The case file of the page's table (`ask(["export"])` answers the rows that can run as cases,
 * with the manifest, class and profile, and how many rows cannot run), written by the package.
 */
async function exportCases(ask) {
  const request = new CustomEvent("export", { detail: ["export"] });
  ask(request);
  const { loadEngine } = await import("./engine.js");
  const engine = await loadEngine();
  return { text: engine.writeCases(request.file), skipped: request.skipped };
}

/** Says how the export went in the table's note (where the import says how it went). */
function tell(note, message, failed) {
  const shown = document.createElement("p");
  shown.className = failed ? "note note-error" : "note";
  shown.setAttribute("role", "status");
  shown.textContent = message;
  note.replaceChildren(shown);
}

/** *Export .yaml*: the table as `ingress-cases.yaml`, downloaded; `note` says how it went. */
export async function download(note, ask) {
  const name = "ingress-cases.yaml";
  try {
    const { text, skipped } = await exportCases(ask);
    const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    Object.assign(document.createElement("a"), { href: url, download: name }).click();
    URL.revokeObjectURL(url);
    if (skipped > 0) tell(note, `Saved ${name}; ${skipped} row(s) that cannot run were left out.`, true);
    else tell(note, `Saved ${name}: run it with \`ingress-sim test --cases ${name}\`.`, false);
  } catch (error) {
    tell(note, `could not save ${name}: ${error?.message ?? error}`, true);
  }
}

const following = new WeakSet();

/**
 * *Show as a case file* (`details`, its `pre` the text): written when opened, and again each time
 * the page settles while it is open (the rows, manifest, class or profile changed).
 */
export async function show(details, ask) {
  const pre = details.querySelector("pre");
  const root = details.closest(".app");
  if (root && !following.has(details)) {
    following.add(details);
    new MutationObserver(() => root.dataset.settled === "true" && details.open && show(details, ask))
      .observe(root, { attributes: true, attributeFilter: ["data-settled"] });
  }
  try {
    pre.textContent = shownText((await exportCases(ask)).text);
  } catch (error) {
    pre.textContent = `The case file could not be written: ${error?.message ?? error}`;
  }
}

/** `text` with each line over the cap cut at a character and "… N more characters" (a view only). */
function shownText(text) {
  return text.split("\n").map((line) => {
    if (line.length <= MAX_SHOWN_LINE_CHARS) return line;
    const chars = Array.from(line);
    if (chars.length <= MAX_SHOWN_LINE_CHARS) return line;
    const rest = chars.length - MAX_SHOWN_LINE_CHARS;
    return `${chars.slice(0, MAX_SHOWN_LINE_CHARS).join("")}… ${rest.toLocaleString("en")} more characters`;
  }).join("\n");
}
