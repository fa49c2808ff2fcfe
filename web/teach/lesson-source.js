// Where a lesson's text comes from: the shipped track (lessons/index.json next to the page), a
// shared link's fragment (`#lesson=`, packed like a permalink), or a lesson file at a URL
// (`?lesson=URL`). Links and URLs are untrusted: each is read within caps (the permalink's
// LIMITS for fragments; MAX_LESSON_BYTES and FETCH_TIMEOUT_MS for a fetched file) and every
// failure rejects with a message that says what went wrong, never hangs.
//
// Also the learner's progress (localStorage `ingress-sim/lessons/v1`; failing to store is harmless).
import { joinChunks, packText, unpackText } from "../permalink.js";

export const FRAGMENT_PREFIX = "lesson=";
/** The largest lesson file read from a URL (a lesson is a few KB; the cap keeps a hostile URL cheap). */
export const MAX_LESSON_BYTES = 256 * 1024;
/** How long a lesson URL may take to answer, body included. */
export const FETCH_TIMEOUT_MS = 10_000;
const TRACK_URL = new URL("../lessons/", import.meta.url);
const PROGRESS_KEY = "ingress-sim/lessons/v1";

/** The track: `[{ id, file, title }]` from lessons/index.json. */
export async function trackIndex() {
  const text = await fetchLessonText(new URL("index.json", TRACK_URL).href, { what: "the lesson list" });
  const index = JSON.parse(text);
  if (!Array.isArray(index?.lessons)) throw new Error("the lesson list (lessons/index.json) has no lessons");
  return index.lessons;
}

/** The text of a lesson of the track. */
export function trackLessonText(entry) {
  return fetchLessonText(new URL(entry.file, TRACK_URL).href);
}

/** What `location` asks for: `{ fragment }` (a `#lesson=` payload), `{ url }` (`?lesson=`), or null. */
export function requestedLesson(location) {
  const hash = location.hash.replace(/^#/, "");
  if (hash.startsWith(FRAGMENT_PREFIX)) return { fragment: hash.slice(FRAGMENT_PREFIX.length) };
  const url = new URLSearchParams(location.search).get("lesson");
  return url ? { url } : null;
}

/** The lesson text a `#lesson=` payload carries (within the permalink's caps). */
export async function lessonFromFragment(payload) {
  try {
    return await unpackText(payload);
  } catch (error) {
    throw new Error(`This lesson link cannot be opened: ${error.message}.`);
  }
}

/** A link to the page at `base` that opens the lesson `text` (in the fragment: nothing is sent anywhere). */
export async function lessonLink(text, base) {
  const url = new URL(base);
  url.search = ""; // a `?lesson=` would win over the fragment
  url.hash = FRAGMENT_PREFIX + (await packText(text));
  return url.href;
}

/**
 * Fetches a lesson file: http(s) only (relative URLs resolve against the page), at most
 * MAX_LESSON_BYTES, within FETCH_TIMEOUT_MS. Rejects with "Could not load <what> from <url>: …".
 */
export async function fetchLessonText(src, { what = "the lesson", maxBytes = MAX_LESSON_BYTES, timeoutMs = FETCH_TIMEOUT_MS } = {}) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    throw new Error(`Could not load ${what}: ${JSON.stringify(src)} is not a URL.`);
  }
  const fail = (why) => new Error(`Could not load ${what} from ${url.href}: ${why}`);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw fail(`only http(s) URLs are read, not ${url.protocol}`);
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; abort.abort(); }, timeoutMs);
  try {
    let response;
    try {
      response = await fetch(url, { signal: abort.signal, credentials: "omit" });
    } catch (error) {
      if (timedOut) throw fail(`no answer within ${timeoutMs / 1000} s.`);
      // fetch() says only "Failed to fetch" (or the like) whatever the cause, for privacy.
      const why = url.origin === location.origin
        ? "the server is unreachable"
        : "the host is unreachable, this page's Content-Security-Policy does not allow connecting to it (connect-src), or its server does not allow this page to read it (CORS)";
      throw fail(`${error.message} (${why}).`);
    }
    if (!response.ok) throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`);
    const declared = Number(response.headers.get("content-length"));
    if (declared > maxBytes) {
      abort.abort();
      throw fail(`it is ${formatKiB(declared)}, more than the ${formatKiB(maxBytes)} a lesson may be.`);
    }
    const bytes = await readWithin(response, maxBytes, abort, () => timedOut);
    if (bytes === null) throw fail(`it is more than the ${formatKiB(maxBytes)} a lesson may be.`);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw fail("it is not UTF-8 text.");
    }
  } catch (error) {
    if (timedOut && !/no answer within/.test(error.message)) throw fail(`no answer within ${timeoutMs / 1000} s.`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The body's bytes, or null as soon as there are more than `max` (the download is stopped there). */
async function readWithin(response, max, abort, timedOut) {
  const reader = response.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    let step;
    try {
      step = await reader.read();
    } catch (error) {
      throw timedOut() ? error : new Error(`the download broke off (${error.message}).`);
    }
    if (step.done) break;
    total += step.value.length;
    if (total > max) {
      abort.abort();
      return null;
    }
    chunks.push(step.value);
  }
  return joinChunks(chunks, total);
}

function formatKiB(bytes) {
  return `${Math.ceil(bytes / 1024).toLocaleString("en")} KiB`;
}

// ---- Progress -------------------------------------------------------------------------------

/** `{ done: Set of lesson ids, last: id | null }`; an unreadable store counts as empty. */
export function loadProgress() {
  try {
    const saved = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? "null");
    return { done: new Set(Array.isArray(saved?.done) ? saved.done.filter((id) => typeof id === "string") : []), last: typeof saved?.last === "string" ? saved.last : null };
  } catch {
    return { done: new Set(), last: null };
  }
}

/** Stores the progress; a full or forbidden storage only loses it (the lesson still works). */
export function saveProgress(progress) {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify({ done: [...progress.done], last: progress.last }));
  } catch {
    // private mode, quota: progress is a convenience
  }
}
