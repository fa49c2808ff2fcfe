// Bad input comes back as a thrown JS Error with a useful message, never as a wasm trap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulate, validate, runCases, parseCases, FANOUT } from "./support/pkg.mjs";

const REQUEST = { host: "foo.bar.com", path: "/foo" };

/** Asserts that `call` throws a plain Error (not a wasm RuntimeError) whose message matches. */
function throwsError(call, pattern) {
  assert.throws(call, (error) => {
    assert.ok(error instanceof Error, `expected an Error, got ${error}`);
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `wasm trapped: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test("arguments of the wrong type are named", () => {
  throwsError(() => simulate(42, REQUEST), /^simulate: yaml must be a string or an array of \{ name, text \}, found a number$/);
  throwsError(() => simulate(undefined, REQUEST), /^simulate: yaml must be a string or an array of \{ name, text \}, found undefined$/);
  throwsError(() => validate({ yaml: FANOUT }), /^validate: yaml must be a string or an array of \{ name, text \}, found an object$/);
  throwsError(() => runCases(FANOUT, null), /^runCases: casesYaml must be a string, found null$/);
  throwsError(() => parseCases(["cases: []"]), /^parseCases: casesYaml must be a string, found an array$/);
});

test("a missing or malformed request says what to pass", () => {
  throwsError(() => simulate(FANOUT), /^simulate: request is missing: pass \{ url \} or \{ host, path \}, with sni\?, method\?, headers\?, cookies\?$/);
  throwsError(() => simulate(FANOUT, null), /request is missing/);
  throwsError(() => simulate(FANOUT, "http://foo.bar.com/"), /request must be an object \{ url \} or \{ host, path \}.*, found a string/);
  throwsError(() => simulate(FANOUT, [REQUEST]), /request must be an object .*, found an array/);
  throwsError(() => simulate(FANOUT, {}), /^simulate: request\.url: give a URL, or a host and a path$/);
  throwsError(() => simulate(FANOUT, { host: "", path: "/" }), /^simulate: request\.host: the host is empty$/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", path: "/x" }), /request\.path: the URL carries the path/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", method: "G T" }), /^simulate: request\.method: "G T" is not an HTTP method/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", headers: { "X Y": "1" } }), /^simulate: request\.headers: header name "X Y"/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", headers: { "X-A": 1 } }), /^simulate: request\.headers\.X-A must be a string, found a number$/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", headers: [["X-A"]] }), /^simulate: request\.headers\[0\] must be a \[name, value\] pair of strings, found an array$/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", cookies: "a=1" }), /^simulate: request\.cookies must be an object of strings or an array of \[name, value\] pairs, found a string$/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", cookies: { "a b": "1" } }), /^simulate: request\.cookies: cookie name "a b"/);
});

test("fields are checked by name and type", () => {
  throwsError(() => simulate(FANOUT, { hots: "foo.bar.com", path: "/" }), /^simulate: request has an unknown key "hots" \(expected url, host, path, sni, method, headers, cookies\)$/);
  throwsError(() => simulate(FANOUT, { host: 5, path: "/" }), /^simulate: request\.host must be a string, found a number$/);
  throwsError(() => simulate(FANOUT, { url: "http://a/", sni: true }), /request\.sni must be a string, found a boolean/);
  throwsError(() => simulate(FANOUT, { host: "a", path: 10n }), /request\.path must be a string, found a bigint/);
  throwsError(() => simulate(FANOUT, REQUEST, { profile: 1 }), /^simulate: options\.profile must be a string, found a number$/);
  throwsError(() => simulate(FANOUT, REQUEST, { clas: "nginx" }), /options has an unknown key "clas" \(expected class, profile, steps\)/);
  throwsError(() => simulate(FANOUT, REQUEST, "nginx"), /options must be an object \{ class\?, profile\?, steps\? \}, found a string/);
});

test("bad URLs give the engine's reason", () => {
  throwsError(() => simulate(FANOUT, { url: "" }), /^simulate: request\.url: the URL is empty$/);
  throwsError(() => simulate(FANOUT, { url: "ftp://foo.bar.com/" }), /request\.url: scheme "ftp" is not supported/);
  throwsError(() => simulate(FANOUT, { url: "http:///x" }), /request\.url: the URL has no host/);
  throwsError(() => simulate(FANOUT, { url: "http://foo.bar.com:99999/" }), /request\.url: port "99999" is not a number from 1 to 65535/);
  throwsError(() => simulate(FANOUT, { url: "http://foo bar/" }), /request\.url: host "foo bar" contains characters/);
});

test("an unknown profile lists the known ones", () => {
  throwsError(() => simulate(FANOUT, REQUEST, { profile: "nginx" }), /^simulate: unknown profile "nginx"; known profiles: spec/);
  throwsError(() => validate(FANOUT, { profile: "haproxy" }), /^validate: unknown profile "haproxy"; known profiles: /);
  throwsError(() => runCases(FANOUT, "profile: haproxy\ncases: []\n"), /^runCases: casesYaml: the case file has errors:\n {2}1:10: error: profile: "haproxy" is not one of spec, ingress-nginx, /);
});

test("a manifest nothing usable comes out of is refused with its errors placed", () => {
  throwsError(() => simulate("kind: Ingress\nspec: [unclosed\n", REQUEST), /^simulate: yaml: nothing usable came out of the manifest:\n {2}\d+:\d+: error: /);
  throwsError(() => runCases("{{{", "cases: []"), /^runCases: yaml: nothing usable came out of the manifest:\n {2}\d+:\d+: error: YAML syntax error/);
});

test("case-file errors are listed with line:column", () => {
  const cases = "cases:\n- host: foo.bar.com\n  path: /foo\n  expect: {backend: a:1, colour: red}\n- {path: /x, expect: {outcome: rule}}\n";
  throwsError(() => runCases(FANOUT, cases), /^runCases: casesYaml: the case file has errors:\n {2}4:\d+: error: cases\[0\]\.expect: unknown key "colour".*\n {2}5:\d+: error: cases\[1\]\.url: give a URL, or a host and a path/);
  throwsError(() => parseCases("cases: {}"), /^parseCases: casesYaml: the case file has errors:\n {2}1:8: error: cases: expected a sequence/);
  throwsError(() => parseCases(""), /^parseCases: casesYaml: the case file has errors:\n {2}error: the case file is empty/);
});

test("getters and proxies that throw are reported, not propagated through wasm", () => {
  const hostile = { path: "/", get host() { throw new Error("boom"); } };
  throwsError(() => simulate(FANOUT, hostile), /^simulate: request\.host could not be read: boom$/);
  const proxy = new Proxy({}, { ownKeys() { throw new Error("no keys"); } });
  throwsError(() => simulate(FANOUT, proxy), /^simulate: request could not be read: no keys$/);
  const keyless = new Proxy({}, { get() { throw new Error("read"); } });
  throwsError(() => simulate(FANOUT, keyless), /^simulate: request\.url: give a URL, or a host and a path$/);
  let reads = 0;
  const fickle = { path: "/", get host() { reads += 1; return reads === 1 ? "foo.bar.com" : 42; } };
  assert.equal(simulate(FANOUT, fickle).request.host, "foo.bar.com", "each field is read once");
});

test("hostile input never traps, and the module keeps working", () => {
  const yamls = [
    "", "\u0000\u0001\uffff", "a: &a [*a, *a]", "[".repeat(10000), "- ".repeat(5000) + "x",
    `x: ${"a".repeat(1 << 20)}`, "kind: Ingress\nspec: {rules: [{host: '*.*', http: {paths: [{path: '', pathType: 7}]}}]}",
    "a: &x [1]\nb: [*x, *x, *x, *x, *x, *x, *x, *x]\nc: [*b, *b, *b]", "apiVersion: v1\nkind: List\nitems: 5",
    "---\n---\n...\n%YAML 9.9\n---\nkind: Ingress", "\t\tkind: Ingress", "{\"kind\": \"Ingress\", \"spec\": null}",
  ];
  const requests = [
    { url: "http://[::1" }, { url: "http://\u00e9.com/\u{1F600}" }, { url: "//x" }, { url: "https://a@b:1/?#" },
    { host: "A.B.C.", path: "" }, { host: "x:y:z", path: "?#" }, { host: "\u0000", path: "/\u0000" },
    { host: "h", path: "/", sni: "" },
  ];
  for (const yaml of yamls) {
    for (const request of requests) {
      try {
        const decision = simulate(yaml, request);
        assert.ok(["rule", "default-backend", "no-match"].includes(decision.outcome));
      } catch (error) {
        assert.ok(!(error instanceof WebAssembly.RuntimeError), `trap on ${JSON.stringify([yaml.slice(0, 40), request])}: ${error.message}`);
        assert.ok(error instanceof Error);
      }
    }
    assert.equal(typeof validate(yaml).valid, "boolean");
  }
  assert.equal(simulate(FANOUT, REQUEST).outcome, "rule", "the module still works afterwards");
});
