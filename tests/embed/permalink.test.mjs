// The permalink codec (embed/permalink.js) against the playground's format (web/src/snapshot.rs,
// web/src/permalink.rs): byte lengths, field order, unknown keys, base64url, round trips.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  encodeSnapshot, decodeSnapshot, readFields, emptyState, base64urlEncode, base64urlDecode, fragmentFor, stateFromFragment,
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
