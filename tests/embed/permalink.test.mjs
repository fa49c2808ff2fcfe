// The permalink codec (embed/permalink.js) against the playground's format (web/src/snapshot.rs,
// web/src/permalink.rs): byte lengths, field order, unknown keys, base64url, round trips.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import {
  encodeSnapshot, decodeSnapshot, readFields, emptyState, base64urlEncode, base64urlDecode, fragmentFor, stateFromFragment,
  readLink, truncateLine, truncateLines, LIMITS,
} from "../../embed/permalink.js";
import { dedent } from "../../embed/dedent.js";

const state = {
  ...emptyState(),
  yaml: "kind: Ingress # ünïcödé ✓\n",
  url: "http://a.example.com/x",
  klass: "nginx",
  rows: [{ name: "", url: "http://b/", sni: "", expect: "" }, { name: "n", url: "https://c/", sni: "c", expect: "svc:80", pathType: "Exact" }],
};

test("fields carry UTF-8 byte lengths, in the playground's order", () => {
  const text = encodeSnapshot(state);
  assert.ok(text.startsWith(`yaml ${Buffer.byteLength(state.yaml)}:${state.yaml}\nurl 22:http://a.example.com/x\nsni 0:\nhost 0:\nclass 5:nginx\nprofile 4:spec\nrow `));
  assert.notEqual(Buffer.byteLength(state.yaml), state.yaml.length, "the test text has multi-byte characters");
  assert.ok(!text.includes("failures-only"));
  assert.deepEqual(readFields(text).map(([key]) => key), ["yaml", "url", "sni", "host", "class", "profile", "row", "row"]);
});

test("decode(encode(state)) is the state; unknown keys are skipped; class is optional", () => {
  assert.deepEqual(decodeSnapshot(encodeSnapshot(state)), state);
  assert.equal(decodeSnapshot(encodeSnapshot({ ...state, klass: null })).klass, null);
  const later = `future 3:abc\n${encodeSnapshot(state)}`;
  assert.deepEqual(decodeSnapshot(later), state);
});

test("method and headers are written only when set, and read back", () => {
  assert.ok(!encodeSnapshot(state).includes("method") && !encodeSnapshot(state).includes("headers"), "an old state encodes as before");
  const withHeaders = {
    ...state,
    method: "POST",
    headers: "X-Canary: always\nCookie: beta=always",
    rows: [{ name: "r", url: "http://b/", sni: "", method: "PUT", headers: "X-A: 1", expect: "svc:80" }],
  };
  const text = encodeSnapshot(withHeaders);
  assert.ok(text.includes("host 0:\nmethod 4:POST\nheaders 36:X-Canary: always\nCookie: beta=always\nclass "), text);
  assert.deepEqual(decodeSnapshot(text), withHeaders);
});

test("a damaged snapshot is an error", () => {
  assert.throws(() => decodeSnapshot("yaml 10:abc\n"));
  assert.throws(() => decodeSnapshot("yaml x:abc\n"));
  assert.throws(() => decodeSnapshot("yaml 3:abcX"));
});

test("base64url is RFC 4648 §5 without padding", () => {
  for (let n = 0; n < 40; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n) & 255);
    const text = base64urlEncode(bytes);
    assert.equal(text, Buffer.from(bytes).toString("base64url"));
    assert.deepEqual(base64urlDecode(text), bytes);
  }
  assert.equal(base64urlDecode("a*b"), null);
});

test("fragments round-trip through deflate-raw", async () => {
  const fragment = await fragmentFor(state);
  assert.match(fragment, /^v1=[A-Za-z0-9_-]+$/);
  assert.deepEqual(await stateFromFragment(`#${fragment}`), state);
  await assert.rejects(stateFromFragment("#v2=abc"));
  await assert.rejects(stateFromFragment("#v1=AAAA"));
});

test("inline YAML loses its common indentation and surrounding blank lines", () => {
  assert.equal(dedent("\n    a:\n      b: 1\n\n    c: 2\n  "), "a:\n  b: 1\n\nc: 2\n");
  assert.equal(dedent("   \n"), "");
});

test("the caps are the playground's (caps shared with web/src/permalink.rs)", () => {
  assert.deepEqual({ ...LIMITS }, { fragmentChars: 3_000_000, textBytes: 2_097_152, rows: 1000, lineChars: 10_000 });
});

/** A fragment whose snapshot text is exactly `text` (deflate-raw, base64url). */
const fragmentOf = (text) => `v1=${deflateRawSync(Buffer.from(text)).toString("base64url")}`;

test("a fragment longer than the cap is refused before it is decoded", async () => {
  await assert.rejects(readLink(`#v1=${"A".repeat(LIMITS.fragmentChars + 1)}`), /^Error: this link is too long \(3,000,001 characters; at most 3,000,000 are read\)$/);
});

test("decompression stops at 2 MB: the text at the cap is read, one byte more is refused", async () => {
  const field = (n) => `yaml ${n}:${"a".repeat(n)}\n`;
  const overhead = field(0).length + 6; // the length's digits grow from 1 to 7
  const atCap = field(LIMITS.textBytes - overhead);
  assert.equal(atCap.length, LIMITS.textBytes);
  assert.equal((await readLink(fragmentOf(atCap))).state.yaml.length, LIMITS.textBytes - overhead);
  await assert.rejects(readLink(fragmentOf(field(LIMITS.textBytes - overhead + 1))), /this link holds more than 2 MB of text/);
});

/** Runs `body` with DecompressionStream counting the bytes it outputs; resolves to that count. */
async function countingInflatedBytes(body) {
  const Real = globalThis.DecompressionStream;
  let inflated = 0;
  globalThis.DecompressionStream = class {
    constructor(format) {
      const real = new Real(format);
      const counter = new TransformStream({ transform(chunk, out) { inflated += chunk.length; out.enqueue(chunk); } });
      real.readable.pipeTo(counter.writable).catch(() => {});
      this.writable = real.writable;
      this.readable = counter.readable;
    }
  };
  try {
    await body();
  } finally {
    globalThis.DecompressionStream = Real;
  }
  return inflated;
}

test("a 100 MB link is refused without inflating it all (the stream is cancelled at the cap)", async () => {
  const fragment = fragmentOf(`yaml 100000000:${"a".repeat(100_000_000)}\n`);
  const started = performance.now();
  const inflated = await countingInflatedBytes(() => assert.rejects(readLink(fragment), /more than 2 MB/));
  const ms = performance.now() - started;
  console.log(`permalink.js (Node): a 100 MB link (${(fragment.length / 1024).toFixed(0)} KB) refused in ${ms.toFixed(0)} ms after inflating ${(inflated / 2 ** 20).toFixed(1)} MB`);
  assert.ok(inflated < 2 * LIMITS.textBytes, `${inflated} bytes inflated: decompression went on past the cap`);
});

test("at most 1,000 rows are read from a link; the rest are counted", async () => {
  const rows = Array.from({ length: 1234 }, (_, i) => ({ name: "", url: `http://a/${i}`, sni: "", expect: "" }));
  const { state, droppedRows } = await readLink(await fragmentFor({ ...emptyState(), rows }));
  assert.equal(state.rows.length, 1000);
  assert.equal(state.rows[999].url, "http://a/999");
  assert.equal(droppedRows, 234);
  assert.equal((await stateFromFragment(await fragmentFor({ ...emptyState(), rows }))).rows.length, 1000);
  assert.equal(decodeSnapshot(encodeSnapshot({ ...emptyState(), rows })).rows.length, 1234, "a snapshot made here has no row cap");
});

test("damaged links say so", async () => {
  await assert.rejects(readLink("#v1=AAAA"), /damaged or cut short/);
  const whole = await fragmentFor(state);
  await assert.rejects(readLink(whole.slice(0, whole.length - 4)), /damaged or cut short/);
  await assert.rejects(readLink(`v1=${deflateRawSync(Buffer.from([0xff, 0xfe])).toString("base64url")}`), /not UTF-8/);
});

test("over-long lines are truncated for read-only views, with the count of what is hidden", () => {
  assert.equal(truncateLine("abc", 3), "abc");
  assert.equal(truncateLine("abcdef", 3), "abc… 3 more characters");
  assert.equal(truncateLine("x".repeat(12_345)), `${"x".repeat(10_000)}… 2,345 more characters`);
  assert.equal(truncateLines("ab\nabcdef\n", 3), "ab\nabc… 3 more characters\n");
});
