// The playground's permalink, mirrored in JS (both directions): `#v1=<base64url of deflate-raw>`
// of a snapshot text (schema 1, web/src/snapshot.rs): fields `key <UTF-8 byte length>:<value>\n`,
// table rows nested as fields of their own. Unknown keys are skipped.

const PREFIX = "v1=";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The empty state: what a snapshot holds. `klass` is the IngressClass (null: none chosen). */
export function emptyState() {
  return { yaml: "", url: "", sni: "", host: "", klass: null, profile: "spec", failuresOnly: false, rows: [] };
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
  if (state.klass != null) out += field("class", state.klass);
  out += field("profile", state.profile || "spec");
  if (state.failuresOnly) out += field("failures-only", "1");
  for (const row of state.rows ?? []) out += field("row", encodeRow(row));
  return out;
}

function encodeRow(row) {
  let out = field("name", row.name) + field("url", row.url) + field("sni", row.sni) + field("expect", row.expect);
  for (const key of ["ingress", "path", "pathType", "tls"]) {
    if (row[key] != null) out += field(key, row[key]);
  }
  return out;
}

/** The state in a snapshot text. */
export function decodeSnapshot(text) {
  const state = emptyState();
  for (const [key, value] of readFields(text)) {
    switch (key) {
      case "yaml": case "url": case "sni": case "host": state[key] = value; break;
      case "class": state.klass = value; break;
      case "profile": state.profile = value; break;
      case "failures-only": state.failuresOnly = value === "1"; break;
      case "row": state.rows.push(decodeRow(value)); break;
      default: break; // a later schema's field
    }
  }
  return state;
}

function decodeRow(text) {
  const row = { name: "", url: "", sni: "", expect: "" };
  for (const [key, value] of readFields(text)) {
    if (["name", "url", "sni", "expect", "ingress", "path", "pathType", "tls"].includes(key)) row[key] = value;
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

/** Decodes base64url (padding and the standard alphabet's `+/` tolerated); null if not base64. */
export function base64urlDecode(text) {
  const out = [];
  let buffer = 0;
  let bits = 0;
  for (const c of text.replace(/=+$/, "")) {
    let value = ALPHABET.indexOf(c);
    if (c === "+") value = 62;
    if (c === "/") value = 63;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

async function transform(bytes, stream) {
  const output = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** The fragment (`v1=…`, without `#`) for a state. */
export async function fragmentFor(state) {
  const compressed = await transform(utf8.encode(encodeSnapshot(state)), new CompressionStream("deflate-raw"));
  return PREFIX + base64urlEncode(compressed);
}

/** The state in a fragment (with or without `#`); throws an Error saying what is wrong. */
export async function stateFromFragment(fragment) {
  const text = fragment.replace(/^#/, "");
  if (!text.startsWith(PREFIX)) throw new Error("not a v1 permalink");
  const compressed = base64urlDecode(text.slice(PREFIX.length));
  if (!compressed) throw new Error("the link is damaged (not base64url)");
  let bytes;
  try {
    bytes = await transform(compressed, new DecompressionStream("deflate-raw"));
  } catch {
    throw new Error("the link is damaged or cut short");
  }
  return decodeSnapshot(fromUtf8.decode(bytes));
}

/** A playground URL (`base` + `#v1=…`) carrying a state. */
export async function playgroundUrl(base, state) {
  const url = new URL(base);
  url.hash = await fragmentFor(state);
  return url.href;
}
