#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets into fuzz/seeds/<target>/ (docs/fuzzing.md).

parse_validate_route gets every conformance-corpus file (crates/engine/tests/corpus/*.yaml) as it
is (a case file with its manifest) and its `manifest:` block alone, plus hostile inputs: alias
chains, deep nesting, NUL bytes, unknown tags, broken documents and 1 MB of garbage. Alias bombs
that expand past the engine's node limit go to fuzz/regressions/ instead (slow_inputs).
request_url gets URLs and Host/path pairs.

Deterministic: running it twice writes the same bytes. Usage: python3 fuzz/scripts/seeds.py
"""

from pathlib import Path

FUZZ = Path(__file__).resolve().parent.parent
CORPUS = FUZZ.parent / "crates" / "engine" / "tests" / "corpus"
SEEDS = FUZZ / "seeds"

INGRESS = """apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: seed}
spec:
  rules:
  - host: foo.bar.com
    http:
      paths:
      - {path: /foo, pathType: Prefix, backend: {service: {name: svc, port: {number: 80}}}}
"""

SERVICE = """---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec:
  ports:
  - {name: web, port: 8080, targetPort: 80}
  - {name: admin, port: "9090"}
  - {port: 70000}
"""

CLASSES = """apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: scoped
  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
spec:
  controller: example.com/ingress
  parameters: {apiGroup: k8s.example.com, kind: Params, name: p, scope: Namespace, namespace: team-a}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: cluster}
spec:
  controller: example.com/ingress
  parameters: {kind: Params, name: p, scope: Cluster, namespace: ""}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: bad-scope}
spec:
  controller: Not/A/Controller
  parameters: {apiGroup: "", kind: "", scope: Everywhere}
---
"""


def manifest_block(text: str) -> str | None:
    """The `manifest: |` block of a corpus file, de-indented; None when there is none."""
    lines = text.splitlines(keepends=True)
    for start, line in enumerate(lines):
        if line.rstrip() in ("manifest: |", "manifest: |-", "manifest: |+"):
            break
    else:
        return None
    block = []
    for line in lines[start + 1 :]:
        if line.strip() and not line.startswith(" "):
            break
        block.append(line)
    indent = min((len(l) - len(l.lstrip(" ")) for l in block if l.strip()), default=0)
    return "".join(l[indent:] if l.strip() else "\n" for l in block)


def alias_bomb(levels: int, fan_out: int) -> str:
    """The billion-laughs chain: each level is a sequence of `fan_out` aliases of the previous one."""
    out = ['a0: &a0 ["lol"]\n']
    for level in range(1, levels):
        aliases = ", ".join(f"*a{level - 1}" for _ in range(fan_out))
        out.append(f"a{level}: &a{level} [{aliases}]\n")
    return "".join(out)


def lcg_garbage(count: int, seed: int) -> str:
    """`count` characters of YAML-flavoured garbage from an LCG: indicators, quotes, anchors, tags,
    words, spaces and newlines (valid UTF-8, so the target parses it instead of returning early)."""
    alphabet = list(" \n\n  -:?,[]{}&*!|>'\"#%@`\t\\") + ["\u00e9", "\u2028", "\ufeff", "\U0001f600"]
    alphabet += ["a", "host", "path", "*.", "/", "Prefix", "Exact", "http", "spec", "rules", "0", "---\n", "..."]
    state, out = seed, []
    for _ in range(count):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        out.append(alphabet[(state >> 33) % len(alphabet)])
    return "".join(out)[:count]


def hostile_manifests() -> dict[str, bytes]:
    deep_flow = "[" * 10_000 + "]" * 10_000
    deep_block = "".join(" " * i + "- \n" for i in range(300))
    deep_spec = INGRESS.replace("metadata: {name: seed}", "metadata: {name: seed, labels: " + "{a: " * 200 + "b" + "}" * 201)
    seeds = {
        "alias-chain.yaml": alias_bomb(5, 10),
        "alias-chain-in-ingress.yaml": "x-" + alias_bomb(4, 9) + INGRESS.replace("spec:", "spec:\n  x: *a3", 1),
        "alias-self-reference.yaml": "a: &a [*a, *a]\n",
        "alias-undefined.yaml": "spec: *nowhere\n",
        "merge-keys.yaml": "base: &b {pathType: Prefix, backend: {service: {name: s, port: {number: 1}}}}\n"
        + INGRESS.replace("- {path: /foo,", "- {<<: *b, path: /foo,", 1),
        "deep-flow.yaml": deep_flow,
        "deep-block.yaml": deep_block,
        "deep-spec.yaml": deep_spec,
        "nul-bytes.yaml": INGRESS.replace("/foo", "/f\0o", 1).replace("foo.bar.com", "foo\0.bar.com", 1) + "\0\n---\n\0",
        "unknown-tags.yaml": "%TAG !k8s! tag:k8s.io,2024:\n---\n"
        + INGRESS.replace("kind: Ingress", "kind: !k8s!Kind Ingress", 1)
        .replace("name: seed", "name: !!python/object:os.system seed", 1)
        .replace("number: 80", "number: !!binary gIA=", 1),
        "custom-tags-on-keys.yaml": INGRESS.replace("spec:", "!custom spec:", 1).replace("rules:", "? !set rules\n  :", 1),
        "broken-middle-document.yaml": INGRESS + "---\nkind: [unclosed\n---\n" + INGRESS.replace("seed", "seed-2"),
        "json.yaml": '{"apiVersion":"networking.k8s.io/v1","kind":"List","items":[{"apiVersion":"networking.k8s.io/v1",'
        '"kind":"Ingress","metadata":{"name":"j"},"spec":{"defaultBackend":{"service":{"name":"d","port":{"number":80}}}}}]}',
        "huge-numbers.yaml": INGRESS.replace("number: 80", "number: 99999999999999999999999999", 1),
        "bom-crlf-tabs.yaml": "\ufeff" + INGRESS.replace("\n", "\r\n").replace("  - host", "\t- host", 1),
        "empty-documents.yaml": "---\n---\n...\n---\n~\n",
        "weird-hosts-paths.yaml": INGRESS.replace("foo.bar.com", '"*."', 1)
        + "---\n"
        + INGRESS.replace("foo.bar.com", '"*.*.é"', 1).replace("/foo", "relative//x/", 1)
        + "---\n"
        + INGRESS.replace("foo.bar.com", '"FOO.bar.com."', 1).replace("Prefix", "Regex", 1),
    }
    seeds["service-named-port.yaml"] = INGRESS.replace("number: 80", "name: web", 1) + SERVICE
    seeds["ingressclass-parameters.yaml"] = CLASSES + INGRESS.replace("spec:", "spec:\n  ingressClassName: scoped", 1)
    out = {name: text.encode() for name, text in seeds.items()}
    out["invalid-utf8.bin"] = INGRESS.encode().replace(b"/foo", b"/f\xff\xfeo", 1)
    out["garbage-1mb.yaml"] = lcg_garbage(1 << 20, 42).encode()[: 1 << 20].decode(errors="ignore").encode()
    return out


def slow_inputs() -> dict[str, str]:
    """Alias bombs that expand past the YAML node limit: the engine rejects them, but only after
    building millions of nodes (seconds, ~1 GB in the fuzz build). Kept as regression inputs in
    fuzz/regressions/, not as seeds, or every fuzzing session would start with a timeout."""
    return {
        "slow-alias-bomb.yaml": alias_bomb(10, 10),
        "slow-alias-bomb-in-ingress.yaml": "x-" + alias_bomb(9, 9) + INGRESS.replace("spec:", "spec:\n  x: *a8", 1),
    }


URLS = {
    "https-port-query.txt": "https://shop.example.com:8443/api/v1/login?x=1#top",
    "http-prefix.txt": "http://shop.example.com/api/users",
    "no-scheme.txt": "shop.example.com/static/img/logo.png",
    "scheme-relative.txt": "//a.example.com/status",
    "upper-trailing-dot.txt": "HTTP://SHOP.EXAMPLE.COM./Api",
    "ipv6.txt": "http://[::1]:80/healthz",
    "ipv6-unclosed.txt": "http://[::1/healthz",
    "userinfo.txt": "https://user:pass@shop.example.com/docs/",
    "bad-port.txt": "http://shop.example.com:0/",
    "unsupported-scheme.txt": "ftp://shop.example.com/",
    "unicode-sni.txt": "https://x.ünïcode.example/ü/é/z\nsni.example.com",
    "wildcard-depth.txt": "http://a.b.example.com/status",
    "empty-host.txt": "http:///x",
    "host-and-path.txt": "Shop.Example.Com:80\n/api/v1/login?",
    "control-chars.txt": "http://sh\top.example.com/\x7f",
}


def main() -> None:
    parse_dir, url_dir = SEEDS / "parse_validate_route", SEEDS / "request_url"
    for d in (parse_dir, url_dir):
        d.mkdir(parents=True, exist_ok=True)
    corpus_files = sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []
    for path in corpus_files:
        text = path.read_text()
        (parse_dir / f"corpus-{path.stem}.yaml").write_text(text)
        manifest = manifest_block(text)
        if manifest is not None:
            (parse_dir / f"manifest-{path.stem}.yaml").write_text(manifest)
    for name, data in hostile_manifests().items():
        (parse_dir / f"hostile-{name}").write_bytes(data)
    regressions = FUZZ / "regressions" / "parse_validate_route"
    regressions.mkdir(parents=True, exist_ok=True)
    for name, text in slow_inputs().items():
        (regressions / name).write_text(text)
    for name, text in URLS.items():
        (url_dir / name).write_text(text)
    print(f"{len(corpus_files)} corpus files, {len(list(parse_dir.iterdir()))} parse seeds, {len(URLS)} URL seeds")


if __name__ == "__main__":
    main()
