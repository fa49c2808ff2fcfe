// The playground's permalink, mirrored in JS (both directions): `#v1=<base64url of deflate-raw>`
// of a snapshot text (schema 1, web/src/snapshot.rs): fields `key <UTF-8 byte length>:<value>\n`,
// table rows nested as fields of their own. Unknown keys are skipped.
//
// A link is untrusted input (anyone can craft one), so reading it is bounded by LIMITS, the same
// caps as the playground's reader (web/src/permalink.rs): a link behaves the same everywhere.

const PREFIX = "v1=";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The caps on what a link may hold (shared with the playground). */
export const LIMITS = Object.freeze({
  /** Longest compressed fragment read at all (characters after `v1=`). */
  fragmentChars: 3_000_000,
  /** Decompression stops as soon as the snapshot text exceeds this (UTF-8 bytes). */
  textBytes: 2 * 1024 * 1024,
  /** Test rows read from a link; the rest are dropped (and counted). */
  rows: 1000,
  /** A read-only view shows at most this many characters of a line. */
  lineChars: 10_000,
});

/**
 * The empty state: what a snapshot holds. `klass` is the IngressClass (null: none chosen);
 * `method` ("": GET) and `headers` (one `Name: value` per line) are written only when set.
 */
export function emptyState() {
  return { yaml: "", url: "", sni: "", host: "", method: "", headers: "", klass: null, profile: "spec", failuresOnly: false, rows: [] };
}

/** `method` and `headers` fields, when set (a state without them encodes as before they existed). */
function requestExtras(state) {
  return (state.method ? field("method", state.method) : "") + (state.headers ? field("headers", state.headers) : "");
}

function field(key, value) {
  const text = String(value ?? "");
  return `${key} ${utf8.encode(text).length}:${text}\n`;
}

/** Reads `key len:value\n` fields (lengths in UTF-8 bytes) into [key, value] pairs. */
export function readFields(text) {
  const bytes = utf8.encode(text);
  const fields = [];
  let at = 0;
  const find = (byte, from) => {
    const i = bytes.indexOf(byte, from);
    if (i < 0) throw new Error("a field is cut short");
    return i;
  };
  while (at < bytes.length) {
    const space = find(0x20, at);
    const colon = find(0x3a, space + 1);
    const key = fromUtf8.decode(bytes.subarray(at, space));
    const lengthText = fromUtf8.decode(bytes.subarray(space + 1, colon));
    if (!/^\d+$/.test(lengthText)) throw new Error(`bad length for ${JSON.stringify(key)}`);
    const end = colon + 1 + Number(lengthText);
    if (bytes[end] !== 0x0a) throw new Error(`${JSON.stringify(key)} is cut short or not terminated`);
    fields.push([key, fromUtf8.decode(bytes.subarray(colon + 1, end))]);
    at = end + 1;
  }
  return fields;
}

/** The snapshot text of a state (same field order as the playground). */
export function encodeSnapshot(state) {
  let out = field("yaml", state.yaml) + field("url", state.url) + field("sni", state.sni) + field("host", state.host);
  out += requestExtras(state);
  if (state.klass != null) out += field("class", state.klass);
  out += field("profile", state.profile || "spec");
  if (state.failuresOnly) out += field("failures-only", "1");
  for (const row of state.rows ?? []) out += field("row", encodeRow(row));
  return out;
}

function encodeRow(row) {
  let out = field("name", row.name) + field("url", row.url) + field("sni", row.sni) + requestExtras(row) + field("expect", row.expect);
  for (const key of ["ingress", "path", "pathType", "tls", "status", "location"]) {
    if (row[key] != null) out += field(key, row[key]);
  }
  return out;
}

/** The state in a snapshot text (every row: a text made here, not a link, has no row cap). */
export function decodeSnapshot(text) {
  return readSnapshot(text, Infinity).state;
}

/** The state in a snapshot text with at most `maxRows` rows, and how many rows were dropped. */
function readSnapshot(text, maxRows) {
  const state = emptyState();
  let droppedRows = 0;
  for (const [key, value] of readFields(text)) {
    switch (key) {
      case "yaml": case "url": case "sni": case "host": case "method": case "headers": state[key] = value; break;
      case "class": state.klass = value; break;
      case "profile": state.profile = value; break;
      case "failures-only": state.failuresOnly = value === "1"; break;
      case "row":
        if (state.rows.length < maxRows) state.rows.push(decodeRow(value));
        else droppedRows += 1;
        break;
      default: break; // a later schema's field
    }
  }
  return { state, droppedRows };
}

function decodeRow(text) {
  const row = { name: "", url: "", sni: "", expect: "" };
  for (const [key, value] of readFields(text)) {
    if (["name", "url", "sni", "method", "headers", "expect", "ingress", "path", "pathType", "tls", "status", "location"].includes(key)) row[key] = value;
  }
  return row;
}

/** Base64url without padding (RFC 4648 §5). */
export function base64urlEncode(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = bytes.subarray(i, i + 3);
    const n = (chunk[0] << 16) | ((chunk[1] ?? 0) << 8) | (chunk[2] ?? 0);
    for (let j = 0; j <= chunk.length; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** Each character's 6-bit value (`+/` of the standard alphabet too); -1: not base64. */
const SEXTETS = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  table["+".charCodeAt(0)] = 62;
  table["/".charCodeAt(0)] = 63;
  return table;
})();

/** Decodes base64url (padding and the standard alphabet's `+/` tolerated); null if not base64. */
export function base64urlDecode(text) {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--; // "=" padding
  const out = new Uint8Array(Math.floor((end * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? SEXTETS[code] : -1;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

async function transform(bytes, stream) {
  const output = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** The fragment (`v1=…`, without `#`) for a state. */
export async function fragmentFor(state) {
  return PREFIX + (await packText(encodeSnapshot(state)));
}

/**
 * Reads a link's fragment (with or without `#`) within LIMITS: resolves to `{ state, droppedRows }`
 * (rows beyond `LIMITS.rows` are dropped and counted); rejects with an Error saying what is wrong.
 */
export async function readLink(fragment) {
  const text = fragment.replace(/^#/, "");
  if (!text.startsWith(PREFIX)) throw new Error("not a v1 permalink");
  return readSnapshot(await unpackText(text.slice(PREFIX.length)), LIMITS.rows);
}

/** A text as a link carries it: deflate-raw, then base64url (a lesson's `#lesson=` uses it too). */
export async function packText(text) {
  return base64urlEncode(await transform(utf8.encode(text), new CompressionStream("deflate-raw")));
}

/**
 * The text of a `packText` payload, read within LIMITS (its length, the inflated size); rejects
 * with an Error saying what is wrong, as a `#v1=` link's reader does.
 */
export async function unpackText(payload) {
  if (payload.length > LIMITS.fragmentChars) {
    throw new Error(`this link is too long (${payload.length.toLocaleString("en")} characters; at most ${LIMITS.fragmentChars.toLocaleString("en")} are read)`);
  }
  const compressed = base64urlDecode(payload);
  if (!compressed) throw new Error("the link is damaged (not base64url)");
  const bytes = await inflateWithin(compressed, LIMITS.textBytes);
  try {
    return fromUtf8.decode(bytes);
  } catch {
    throw new Error("the link is damaged (not UTF-8)");
  }
}

/** The state in a fragment (with or without `#`), rows capped as `readLink` does; throws an Error saying what is wrong. */
export async function stateFromFragment(fragment) {
  return (await readLink(fragment)).state;
}

/** Compressed input is fed to the decompressor in slices this small, so that one slice inflates
 * to at most ~1 MB (deflate's best ratio is about 1032:1) and the cap is checked that often. */
const INFLATE_SLICE = 1024;

/**
 * Inflates deflate-raw bytes, refusing ("holds more than 2 MB") as soon as the output exceeds
 * `limit` bytes: the streams are cancelled there, so a link that inflates to gigabytes costs about
 * as much as one that inflates to the limit. Rejects with "damaged or cut short" on a bad stream.
 */
async function inflateWithin(compressed, limit) {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = feed(writer, compressed);
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel("over the size cap");
        throw new RangeError(`this link holds more than ${formatMB(limit)} of text, the most a link may hold`);
      }
      chunks.push(value);
    }
    await feeding;
  } catch (error) {
    await writer.abort(error).catch(() => {});
    if (error instanceof RangeError) throw error;
    throw new Error("the link is damaged or cut short");
  }
  return joinChunks(chunks, total);
}

/** The byte chunks of a stream read to its end, joined into one array of `total` bytes. */
export function joinChunks(chunks, total) {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Writes `bytes` to a stream writer slice by slice, waiting for the reader (backpressure). */
async function feed(writer, bytes) {
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_SLICE) {
      await writer.ready;
      writer.write(bytes.subarray(at, at + INFLATE_SLICE)).catch(() => {}); // errors surface on the reader
    }
    await writer.ready;
    await writer.close();
  } catch {
    // The reader cancelled (over the cap) or the data is damaged: the reader reports which.
  }
}

function formatMB(bytes) {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * A line as a read-only view shows it: at most `LIMITS.lineChars` characters, then
 * "… N more characters" (a multi-megabyte line would otherwise stall layout, or show blank).
 */
export function truncateLine(line, max = LIMITS.lineChars) {
  if (line.length <= max) return line;
  return `${line.slice(0, max)}… ${(line.length - max).toLocaleString("en")} more characters`;
}

/** A text as a read-only view shows it: every over-long line truncated (see `truncateLine`). */
export function truncateLines(text, max = LIMITS.lineChars) {
  if (text.length <= max) return text;
  return text.split("\n").map((line) => truncateLine(line, max)).join("\n");
}

/** A playground URL (`base` + `#v1=…`) carrying a state. */
export async function playgroundUrl(base, state) {
  const url = new URL(base);
  url.hash = await fragmentFor(state);
  return url.href;
}
