// Reads a lesson file (README, "Lessons"): Markdown prose with an optional front matter and
// fenced blocks whose info string names their role:
//
//   ---                       front matter (optional): title, profile, docs
//   ```yaml manifest          the starting YAML (one)
//   ```yaml solution          a reference solution (optional, hidden until asked for)
//   ```requests               URLs to try, one per line
//   ```yaml exercise          a case file (README, "The case file") whose cases must all pass
//   ```hint                   hints (Markdown), revealed one at a time
//
// Pure: no DOM and no engine, so the Node tests read the same lessons the page does. What only
// the engine can judge (the exercise's case file, the profile's name) is checked by
// `checkLesson` with the JS API, its line numbers moved to the lesson's.

/** Front-matter keys a lesson may set. */
const FRONT_MATTER_KEYS = ["title", "profile", "docs"];
/** The info-string words that give a fenced block a role (any other block is shown as code). */
const ROLES = new Set(["manifest", "solution", "requests", "exercise", "hint"]);
/** Roles a lesson may have only once. */
const SINGLE = new Set(["manifest", "solution", "exercise"]);

/** A problem with a lesson, at its 1-based line. */
export class LessonError extends Error {
  /** `placed`: the message already says where (the engine's positions, moved to the lesson's). */
  constructor(line, message, { placed = false } = {}) {
    super(line && !placed ? `line ${line}: ${message}` : message);
    this.name = "LessonError";
    this.line = line;
  }
}

/**
 * The lesson in `text`: `{ title, profile, docs, body, manifest, solution, requests, exercise,
 * hints }`. `body` keeps the document order for the view: `{ kind: "markdown" | "manifest" |
 * "requests" | "exercise" | "hint" | "solution", text, line }` (`line`: where the part starts;
 * requests also carry `urls`). Throws a LessonError naming the line of the first problem.
 */
export function parseLesson(text) {
  if (typeof text !== "string") throw new LessonError(0, "a lesson is a text");
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const front = readFrontMatter(lines);
  const lesson = {
    title: front.title ?? null,
    profile: front.profile ?? null,
    docs: front.docs ?? null,
    body: [],
    manifest: null,
    solution: null,
    requests: [],
    exercise: null,
    hints: [],
  };
  let prose = null; // the Markdown part being gathered: { kind, lines, line }
  const flush = () => {
    if (prose && prose.lines.some((l) => l.trim())) lesson.body.push({ kind: "markdown", text: prose.lines.join("\n"), line: prose.line });
    prose = null;
  };
  for (let at = front.end; at < lines.length; at++) {
    const fence = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[at]);
    const role = fence ? roleOf(fence[2]) : null;
    if (!role) {
      if (fence) at = skipFence(lines, at, fence[1], (inside) => { prose ??= { lines: [], line: at + 1 }; prose.lines.push(...inside); });
      else if (lesson.title === null && /^#\s+\S/.test(lines[at])) lesson.title = lines[at].replace(/^#\s+/, "").replace(/\s+#*\s*$/, "");
      else (prose ??= { lines: [], line: at + 1 }).lines.push(lines[at]);
      continue;
    }
    flush();
    const line = at + 1;
    let content = [];
    at = skipFence(lines, at, fence[1], (inside) => { content = inside.slice(1, -1); });
    lesson.body.push(blockPart(lesson, role, content, line));
  }
  flush();
  if (!lesson.title) throw new LessonError(1, "the lesson has no title: start it with a `# Title` line (or `title:` in the front matter)");
  if (lesson.manifest === null) throw new LessonError(0, "the lesson has no starting YAML: add a ```yaml manifest block");
  return lesson;
}

/** The role of a fence's info string (`yaml manifest` → manifest), or null for a code block. */
function roleOf(info) {
  return info.trim().split(/\s+/).find((word) => ROLES.has(word)) ?? null;
}

/**
 * Finds the end of the fence opened at `open` (a line of the same character, at least as long);
 * hands `take` the fence's lines, both fence lines included, and returns the closing line's index.
 */
function skipFence(lines, open, marker, take) {
  for (let at = open + 1; at < lines.length; at++) {
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[at]);
    if (close && close[1][0] === marker[0] && close[1].length >= marker.length) {
      take(lines.slice(open, at + 1));
      return at;
    }
  }
  throw new LessonError(open + 1, `the block opened here (${lines[open].trim()}) is never closed: end it with a line of ${marker}`);
}

/** Records a role block in `lesson` and returns its part of the body. */
function blockPart(lesson, role, content, line) {
  const text = content.join("\n");
  if (SINGLE.has(role) && lesson[role] !== null) {
    const first = lesson.body.find((part) => part.kind === role)?.line;
    throw new LessonError(line, `a second ${role} block (the first is at line ${first}): a lesson has one`);
  }
  switch (role) {
    case "manifest":
    case "solution":
      lesson[role] = text.endsWith("\n") || text === "" ? text : `${text}\n`;
      return { kind: role, text: lesson[role], line };
    case "exercise":
      lesson.exercise = { text, line };
      return { kind: role, text, line };
    case "hint":
      lesson.hints.push(text);
      return { kind: role, text, line, index: lesson.hints.length - 1 };
    case "requests": {
      const urls = [];
      content.forEach((raw, i) => {
        const url = raw.trim();
        if (!url || url.startsWith("#")) return;
        if (!isHttpUrl(url)) throw new LessonError(line + 1 + i, `${JSON.stringify(url)} is not an http(s) URL (a requests block lists one URL per line)`);
        urls.push(url);
      });
      lesson.requests.push(...urls);
      return { kind: role, text, line, urls };
    }
    default:
      throw new LessonError(line, `unknown block ${role}`);
  }
}

/** `---` lines around `key: value` lines at the very top: { title?, profile?, docs?, end }. */
function readFrontMatter(lines) {
  if (lines[0]?.trim() !== "---") return { end: 0 };
  const front = {};
  for (let at = 1; at < lines.length; at++) {
    const line = lines[at];
    if (line.trim() === "---") return { ...front, end: at + 1 };
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const pair = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) throw new LessonError(at + 1, `the front matter has "key: value" lines (${FRONT_MATTER_KEYS.join(", ")})`);
    const [, key, raw] = pair;
    if (!FRONT_MATTER_KEYS.includes(key)) throw new LessonError(at + 1, `unknown front-matter key "${key}" (known: ${FRONT_MATTER_KEYS.join(", ")})`);
    const value = raw.trim().replace(/^(["'])(.*)\1$/, "$2");
    if (key === "docs" && !isHttpUrl(value)) throw new LessonError(at + 1, `docs: ${JSON.stringify(value)} is not an http(s) URL`);
    front[key] = value || null;
  }
  throw new LessonError(1, "the front matter opened here is never closed: end it with a --- line");
}

/** True for an absolute http: or https: URL (the only links a lesson may hold). */
export function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Checks what only the engine can judge, with the JS API module `api`: the profile is one it
 * knows, and the exercise is a case file it reads. Returns `{ description, cases }` of the
 * exercise (null without one); throws a LessonError whose line is the lesson's.
 */
export function checkLesson(lesson, api) {
  if (lesson.profile !== null) {
    const known = api.profiles().map((p) => p.name);
    const base = lesson.profile.split("@")[0];
    if (!known.includes(base)) throw new LessonError(0, `profile "${lesson.profile}" is not one the simulator knows (${known.join(", ")})`);
  }
  if (!lesson.exercise) return null;
  let file;
  try {
    file = api.parseCases(lesson.exercise.text);
  } catch (error) {
    throw exerciseError(lesson.exercise.line, error.message);
  }
  if (file.cases.length === 0) throw new LessonError(lesson.exercise.line, "the exercise has no cases: list them under cases:");
  return { description: file.description, cases: file.cases };
}

/**
 * The engine's message about the exercise's case file (positions `L:C:` within the block) as a
 * LessonError at the lesson's line: the block's first content line is the fence's line + 1.
 */
export function exerciseError(fenceLine, message) {
  const text = message.replace(/^(Simulation\.)?(parseCases|runCases): /, "");
  let first = null;
  const moved = text.replace(/(^|\s)(\d+):(\d+):/g, (_, space, line, column) => {
    const at = fenceLine + Number(line);
    first ??= at;
    return `${space}line ${at}, column ${column}:`;
  });
  if (first === null) return new LessonError(fenceLine, `the exercise: ${moved}`);
  return new LessonError(first, `the exercise: ${moved}`, { placed: true });
}
