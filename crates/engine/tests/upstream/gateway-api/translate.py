#!/usr/bin/env python3
"""Translates kubernetes-sigs/gateway-api conformance tests (v1.6.1) into case files.

Usage: translate.py GIT_DIR OUT_DIR   (GIT_DIR: a clone of kubernetes-sigs/gateway-api)

Each `conformance/tests/{httproute,grpcroute,tlsroute,gateway}-*.go` whose requests are
`http.ExpectedResponse` literals with constant fields becomes `OUT_DIR/<test>.yaml`: one case-file
document per Gateway it sends requests to, its manifest being the conformance base objects
(`conformance/base/manifests.yaml`: Namespaces, Gateways, Services, Secrets, ReferenceGrants) and
the test's own `.yaml` (Deployments, Pods and ConfigMaps left out: they carry no routing). The
requests' expectations are what `conformance/utils/http/http.go` `CompareRoundTrip` checks:

- status (`Response.StatusCode`, default 200);
- on 200: `backend` (the Pod name prefix = the Service name), `namespace`, `upstreamPath`
  (`ExpectedRequest.Path`, else the request's path), `upstreamHost` (`ExpectedRequest.Host` when
  set), `upstreamHeaders` (`ExpectedRequest.Headers`, else the request's own headers),
  `absentUpstreamHeaders`, `responseHeaders` (but not a value the backend itself sets,
  `BackendSetResponseHeaders`, alone or appended to), `absentResponseHeaders`;
- on a redirect: `redirect` = the `Location` assembled from `RedirectRequest` with upstream's
  defaults (`setRedirectRequestDefaults`: scheme, host and path of the request when not given; no
  port when none is given: upstream accepts none or the scheme's default one).

A request without `Host` is sent by upstream to the Gateway's address; here that address is
`HOST` below (port added when the listener's port is not the scheme's default). What a literal
cannot say (a field computed at run time, `StatusCodes` lists, mirrors) is skipped and counted in
the report this script prints.
"""
import os
import re
import subprocess
import sys

import yaml

TAG = "v1.6.1"
HOST = "gateway.conformance.test"
CLASS = "gateway-conformance"

CONSTS = {
    "confsuite.InfrastructureNamespace": "gateway-conformance-infra",
    "suite.InfrastructureNamespace": "gateway-conformance-infra",
    "suite.AppBackendNamespace": "gateway-conformance-app-backend",
    "string(ns)": "gateway-conformance-infra",
    "confsuite.AppBackendNamespace": "gateway-conformance-app-backend",
    "confsuite.WebBackendNamespace": "gateway-conformance-web-backend",
    "suite.WebBackendNamespace": "gateway-conformance-web-backend",
    "confsuite.InfraBackendServiceNameV1": "infra-backend-v1",
    "confsuite.InfraBackendServiceNameV2": "infra-backend-v2",
    "confsuite.InfraBackendServiceNameV3": "infra-backend-v3",
    "http.MethodGet": "GET", "http.MethodPost": "POST", "http.MethodPut": "PUT",
    "http.MethodDelete": "DELETE", "http.MethodHead": "HEAD", "http.MethodPatch": "PATCH",
    "http.MethodOptions": "OPTIONS", "http.MethodConnect": "CONNECT", "http.MethodTrace": "TRACE",
    "nethttp.MethodGet": "GET", "nethttp.MethodPost": "POST", "nethttp.MethodOptions": "OPTIONS",
    "true": True, "false": False,
}
STATUS = {"StatusOK": 200, "StatusNotFound": 404, "StatusInternalServerError": 500,
          "StatusFound": 302, "StatusMovedPermanently": 301, "StatusSeeOther": 303,
          "StatusTemporaryRedirect": 307, "StatusPermanentRedirect": 308,
          "StatusMisdirectedRequest": 421, "StatusNoContent": 204}


class Unknown:
    """A value computed at run time."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return f"Unknown({self.text})"


TOKEN = re.compile(r'''\s+|//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\])*"|`[^`]*`|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|\d+|:=|[{}\[\](),:&*+=;.!<>-]''', re.S)


def tokens(src):
    out = []
    for m in TOKEN.finditer(src):
        t = m.group(0)
        if t.isspace() or t.startswith("//") or t.startswith("/*"):
            continue
        out.append((t, m.start()))
    return out


def string_value(t):
    if t.startswith("`"):
        return t[1:-1]
    return bytes(t[1:-1], "utf-8").decode("unicode_escape")


class Parser:
    def __init__(self, toks, env):
        self.toks, self.env = toks, env

    def value(self, i):
        """Parses a value at i; returns (value, next index)."""
        t = self.toks[i][0]
        if t == "&":
            return self.value(i + 1)
        if t.startswith('"') or t.startswith("`"):
            v, i = string_value(t), i + 1
            while i < len(self.toks) and self.toks[i][0] == "+":
                w, i = self.value(i + 1)
                v = v + w if isinstance(v, str) and isinstance(w, str) else Unknown("+")
            return v, i
        if t.isdigit():
            return int(t), i + 1
        if t == "{":
            return self.composite(i)
        if t in ("[", "map"):
            # a type: skip to the `{` of the literal
            j = i
            while self.toks[j][0] != "{":
                j += 1
            return self.composite(j)
        if re.match(r"[A-Za-z_]", t):
            if i + 1 < len(self.toks) and self.toks[i + 1][0] == "{":
                return self.composite(i + 1)
            if i + 1 < len(self.toks) and self.toks[i + 1][0] == "(":
                j, depth = i + 1, 0
                while True:
                    if self.toks[j][0] == "(":
                        depth += 1
                    elif self.toks[j][0] == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                return Unknown(t + "()"), j + 1
            if t.split(".")[-1] in STATUS:
                return STATUS[t.split(".")[-1]], i + 1
            if t in CONSTS:
                return CONSTS[t], i + 1
            if t in self.env:
                return self.env[t], i + 1
            return Unknown(t), i + 1
        return Unknown(t), i + 1

    def composite(self, i):
        assert self.toks[i][0] == "{", self.toks[i]
        i += 1
        keyed, items = {}, []
        while self.toks[i][0] != "}":
            if self.toks[i + 1][0] == ":" and (re.match(r"[A-Za-z_]", self.toks[i][0]) or self.toks[i][0].startswith('"')):
                key = string_value(self.toks[i][0]) if self.toks[i][0].startswith('"') else self.toks[i][0]
                v, i = self.value(i + 2)
                keyed[key] = v
            else:
                v, i = self.value(i)
                items.append(v)
            if self.toks[i][0] == ",":
                i += 1
        return (keyed if keyed or not items else items), i + 1


def git_show(git, path):
    return subprocess.run(["git", "-C", git, "show", f"{TAG}:{path}"], check=True, capture_output=True, text=True).stdout


KEEP_KINDS = {"Namespace", "Gateway", "GatewayClass", "Service", "Secret", "ReferenceGrant", "HTTPRoute",
              "GRPCRoute", "TLSRoute", "BackendTLSPolicy", "ListenerSet", "XListenerSet"}


def routing_objects(text):
    text = text.replace("{GATEWAY_CLASS_NAME}", CLASS)
    docs = [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]
    return [d for d in docs if d.get("kind") in KEEP_KINDS]


class Dumper(yaml.SafeDumper):
    """Multi-line strings (the manifest) as literal blocks."""


def _str(dumper, text):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


Dumper.add_representer(str, _str)


def dump_objects(objs):
    return "---\n".join(yaml.safe_dump(o, sort_keys=False, width=1000) for o in objs)


def listeners_of(objs, gateway):
    ns, name = gateway.split("/")
    for o in objs:
        m = o.get("metadata", {})
        if o.get("kind") == "Gateway" and m.get("name") == name and m.get("namespace", "default") == ns:
            return o["spec"].get("listeners", [])
    return []


def hostname_matches(pattern, host):
    """A listener hostname against an SNI: none matches all, `*.d` any host ending in `.d`."""
    if not pattern:
        return True
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


def listener_ports(objs, gateway):
    ns, name = gateway.split("/")
    for o in objs:
        m = o.get("metadata", {})
        if o.get("kind") == "Gateway" and m.get("name") == name and m.get("namespace", "default") == ns:
            return [(l.get("name"), l.get("port"), l.get("protocol")) for l in o["spec"].get("listeners", [])]
    return []


def find_literals(toks, env):
    """Every ExpectedResponse literal: (token index, value). Slices give each element."""
    p = Parser(toks, env)
    out = []
    i = 0
    while i < len(toks):
        t = toks[i][0]
        # local assignments of strings: x := "…" / x = "…"
        if i + 2 < len(toks) and toks[i + 1][0] in (":=", "=") and re.match(r"[a-zA-Z_]\w*$", t) and t not in ("err",):
            rhs = toks[i + 2][0]
            v = None
            if rhs.startswith('"') or rhs.startswith("`") or rhs in CONSTS or rhs == "types.NamespacedName":
                try:
                    v, _ = p.value(i + 2)
                except (IndexError, AssertionError):
                    v = None
            if isinstance(v, str):
                env[t] = v
            elif isinstance(v, dict) and "Name" in v and "Namespace" in v:
                env[t] = v
        if t in ("http.ExpectedResponse", "grpc.ExpectedResponse") and toks[i + 1][0] == "{":
            prev = toks[i - 1][0] if i else ""
            if prev == "]":  # []http.ExpectedResponse{ {...}, ... }
                v, j = p.composite(i + 1)
                for k, item in enumerate(v if isinstance(v, list) else []):
                    out.append((i, item))
                i = j
                continue
            v, j = p.composite(i + 1)
            out.append((i, v))
            i = j
            continue
        i += 1
    return out


TABLE = re.compile(r"(\w+)\s*:=\s*\[\]struct\s*\{[^}]*\}\s*\{")
LOOP = re.compile(r"for\s+\w+,\s*(\w+)\s*:=\s*range\s+(\w+)\s*\{")


def table_loops(src, toks, env):
    """Requests written as a table of structs and a loop making one ExpectedResponse per row:
    [(loop start, loop end, row variable, rows, SNI expression)]."""
    tables = {}
    for m in TABLE.finditer(src):
        start = next(i for i, (_, pos) in enumerate(toks) if pos >= m.end() - 1)
        rows, _ = Parser(toks, env).composite(start)
        if isinstance(rows, list):
            tables[m.group(1)] = rows
    loops = []
    for m in LOOP.finditer(src):
        if m.group(2) not in tables:
            continue
        depth, end = 0, m.end() - 1
        for j in range(m.end() - 1, len(src)):
            depth += {"{": 1, "}": -1}.get(src[j], 0)
            if depth == 0:
                end = j
                break
        body = src[m.start():end]
        sni = re.search(r"MakeTLSRequest\w*\([^\n]*?,\s*([\w.]+|\"[^\"]+\"),\s*\w+\)", body)
        loops.append((m.start(), end, m.group(1), tables[m.group(2)], sni.group(1) if sni else None))
    return loops


ADDR_CALL = re.compile(r"(\w+)(?:,\s*_)?\s*:?=\s*kubernetes\.Gateway(?:And\w+)?MustBeAccepted\w*\([\s\S]{0,300}?NewGatewayRef\((\w+)(?:,\s*\"([^\"]+)\")?")


def gateway_ref(env_at, nn):
    v = env_at.get(nn)
    if isinstance(v, dict):
        return f"{v['Namespace']}/{v['Name']}"
    return None


def scan_addresses(src, toks):
    """addr variable → (gateway, listener) as assigned, in order: [(pos, var, gw, listener)]."""
    out = []
    gw_assign = []  # (pos, var, "ns/name")
    for m in re.finditer(r"(\w+)\s*:?=\s*types\.NamespacedName\{([^}]*)\}", src):
        name = re.search(r'Name:\s*"([^"]+)"', m.group(2))
        ns_expr = re.search(r"Namespace:\s*([^,}]+)", m.group(2))
        if not name:
            continue
        ns_text = ns_expr.group(1).strip() if ns_expr else "ns"
        if ns_text.startswith('"'):
            ns = ns_text.strip('"')
        elif "AppBackend" in ns_text:
            ns = "gateway-conformance-app-backend"
        elif "WebBackend" in ns_text:
            ns = "gateway-conformance-web-backend"
        else:
            ns = "gateway-conformance-infra"
        gw_assign.append((m.start(), m.group(1), f"{ns}/{name.group(1)}"))
    for m in ADDR_CALL.finditer(src):
        var, nnvar, listener = m.group(1), m.group(2), m.group(3)
        gw = None
        for pos, v, g in gw_assign:
            if v == nnvar and pos < m.start():
                gw = g
        out.append((m.start(), var, gw, listener))
    return out


def request_call(src, pos):
    """The call that sends a literal at `pos`: the call it is an argument of, else the next
    request call after it. (start, name, text from the call to the literal or to its line's end)."""
    calls = list(re.finditer(r"(tls\.MakeTLSRequest\w*|\bMakeRequest\w*|\bgrpc\.\w+)\(", src))
    before = [m for m in calls if m.start() < pos]
    if before:
        m = before[-1]
        depth = src[m.end() - 1:pos].count("(") - src[m.end() - 1:pos].count(")")
        if depth > 0:
            return m.start(), m.group(1), src[m.start():pos]
    after = [m for m in calls if m.start() > pos]
    if after:
        m = after[0]
        end = src.find("\n", m.start())
        return m.start(), m.group(1), src[m.start():end]
    return pos, "", ""


def address_of(addrs, call_text, call_pos):
    """(variable, gateway, listener) of the address variable named in the call: its last
    assignment before the call (a name reused in several t.Run scopes), else its first."""
    named = [a for a in addrs if re.search(r"\b" + re.escape(a[1]) + r"\b", call_text)]
    if not named:  # an address chosen at run time (httproute-listener-port-matching): the first
        return addrs[0][1:] if addrs else None
    earlier = [a for a in named if a[0] < call_pos]
    return (earlier[-1] if earlier else named[0])[1:]


def tcp_cases(src, objs, addrs, first_index):
    """TLSRoute requests made over raw TLS (`tcp.MakeTCPRequestAndExpectEventuallyValidResponse`):
    the server name is the first hostname of the TLSRoute the test waited for
    (`GatewayAndTLSRoutesMustBeAccepted` returns the route's hostnames), the expectation the
    backend and namespace the TCP echo reports (`tcp.ExpectedResponse`). [(gateway, case)]"""
    names = {}
    for m in re.finditer(r"(\w+)\s*:?=\s*types\.NamespacedName\{([^}]*)\}", src):
        name = re.search(r'Name:\s*"([^"]+)"', m.group(2))
        if name:
            names[m.group(1)] = name.group(1)
        elif re.search(r"Name:\s*confsuite\.InfrastructureGatewayName", m.group(2)):
            names[m.group(1)] = "gateway-conformance-infra-test"  # conformance/utils/suite/consts.go
    hostnames = {}
    for m in re.finditer(r"\w+,\s*(\w+)\s*:=\s*kubernetes\.GatewayAndTLSRoutesMustBeAccepted\([\s\S]{0,300}?NewGatewayRef\([^)]*\),\s*(\w+)\)", src):
        route = names.get(m.group(2))
        for o in objs:
            if o.get("kind") == "TLSRoute" and o["metadata"]["name"] == route:
                hostnames[m.group(1)] = (o.get("spec", {}).get("hostnames") or [None])[0]
    servers = {m.group(1): hostnames.get(m.group(2)) for m in re.finditer(r"(\w+)\s*:=\s*string\((\w+)\[0\]\)", src)}
    out = []
    call = r"tcp\.MakeTCPRequestAndExpectEventuallyValidResponse\([^,]+,[^,]+,\s*(\w+),[^,]+,\s*(\w+),\s*\w+,\s*tcp\.ExpectedResponse\{([^}]*)\}"
    for m in re.finditer(call, src):
        sni = servers.get(m.group(2))
        chosen = address_of(addrs, m.group(1), m.start())
        backend = re.search(r'Backend:\s*"([^"]+)"', m.group(3))
        if not sni or chosen is None or chosen[1] is None or not backend:
            continue
        namespace = "gateway-conformance-infra" if re.search(r"Namespace:\s*confsuite\.InfrastructureNamespace", m.group(3)) else None
        port = next((l.get("port") for l in listeners_of(objs, chosen[1])
                     if l.get("protocol") == "TLS" and hostname_matches(l.get("hostname"), sni)), 443)
        authority = sni if port == 443 else f"{sni}:{port}"
        expect = {"outcome": "rule", "backend": backend.group(1)}
        if namespace:
            expect["namespace"] = namespace
        n = first_index + len(out)
        out.append((chosen[1], {"name": f"{n}: TLS connection with SNI {sni}", "url": f"https://{authority}/", "sni": sni, "expect": expect}))
    return out


def deleted_objects(src):
    """Objects the test deletes, and where: [(position, (kind, "ns/name"))]."""
    out = []
    for m in re.finditer(r"(\w+)\s*:=\s*v1(?:beta1)?\.(ReferenceGrant)\{\s*ObjectMeta:\s*metav1\.ObjectMeta\{\s*Name:\s*\"([^\"]+)\",\s*Namespace:\s*([\w.]+)", src):
        ns = CONSTS.get(m.group(4), "gateway-conformance-infra")
        d = re.search(r"Client\.Delete\(ctx,\s*&" + m.group(1) + r"\)", src[m.end():])
        if d:
            out.append((m.end() + d.start(), (m.group(2), f"{ns}/{m.group(3)}")))
    return out


def deleted_before(deletions, pos):
    return tuple(obj for at, obj in deletions if at < pos)


GRPC_SERVICE = "gateway_api_conformance.echo_basic.grpcecho.GrpcEcho"  # conformance/utils/grpc/grpc.go
GRPC_METHODS = {"EchoRequest": "Echo", "EchoTwoRequest": "EchoTwo", "EchoThreeRequest": "EchoThree"}


def grpc_case(lit, port, index):
    """A gRPC call (`grpc.ExpectedResponse`) as the HTTP/2 request it is: POST
    /<package>.<service>/<method> with content-type application/grpc and the metadata as headers.
    `compareResponse` checks the gRPC code, then on OK the method the backend saw, its namespace and
    Pod; a route miss is HTTP 404, which gRPC clients read as UNIMPLEMENTED (the HTTP to gRPC status
    mapping), so `codes.Unimplemented` is status 404."""
    method = next((m for k, m in GRPC_METHODS.items() if k in lit), None)
    meta = lit.get("RequestMetadata") or {}
    if method is None or not isinstance(meta, dict) or any(isinstance(v, Unknown) for v in meta.values()):
        return None, "gRPC request computed at run time"
    code = (lit.get("Response") or {}).get("Code")
    code = code.text if isinstance(code, Unknown) else "codes.OK" if code is None else code
    status = {"codes.OK": 200, "codes.Unimplemented": 404}.get(code)
    if status is None:
        return None, f"gRPC code {code}"
    host = meta.get("Authority") or HOST
    if ":" not in host and port and port != 80:
        host = f"{host}:{port}"
    path = f"/{GRPC_SERVICE}/{method}"
    headers = {"content-type": "application/grpc", **(meta.get("Metadata") or {})}
    name = lit.get("TestCaseName")
    shown = " ".join(f"{k}: {v}" for k, v in (meta.get("Metadata") or {}).items())
    case = {"name": f"{index}: {name}" if isinstance(name, str) else f"{index}: gRPC {host}{path} {shown}".rstrip(),
            "host": host, "path": path, "method": "POST", "headers": headers}
    expect = {"status": status}
    if status == 200:
        if isinstance(lit.get("Backend"), str) and lit["Backend"]:
            expect["backend"] = lit["Backend"]
        if isinstance(lit.get("Namespace"), str) and lit["Namespace"]:
            expect["namespace"] = lit["Namespace"]
        expect["upstreamPath"] = path
    case["expect"] = expect
    return case, None


def case_of(lit, gateway, scheme, port, index, sni=None, passthrough=False):
    """A case from one literal, or (None, reason)."""
    if any(k in lit for k in GRPC_METHODS):
        return grpc_case(lit, port, index)
    req = lit.get("Request", {})
    if not isinstance(req, dict):
        return None, "request computed at run time"
    for k, v in req.items():
        if isinstance(v, Unknown) and k not in ("UnfollowRedirect", "Protocol"):
            return None, f"Request.{k} computed at run time"
    if any(k in req for k in ("Body", "ClientCert")):
        return None, "request body/client certificate not simulated"
    resp = lit.get("Response", {}) or {}
    if not isinstance(resp, dict):
        return None, "response computed at run time"
    codes = resp.get("StatusCodes")
    if isinstance(codes, list) and len(codes) == 1:
        resp = dict(resp, StatusCode=codes[0])
    elif codes is not None:
        return None, "several acceptable statuses"
    status = resp.get("StatusCode", 200)
    if isinstance(status, Unknown):
        return None, "status computed at run time"
    host = req.get("Host") or HOST
    default_port = 443 if scheme == "https" else 80
    if ":" not in host and port and port != default_port:
        host = f"{host}:{port}"
    path = req.get("Path", "/") or "/"
    case = {}
    method = req.get("Method") or "GET"
    headers = req.get("Headers") or {}
    summary = f"{method} {scheme}://{host}{path}"
    if headers:
        summary += " " + " ".join(f"{k}: {v}" for k, v in headers.items())
    name = lit.get("TestCaseName")
    case["name"] = f"{index}: {name}" if isinstance(name, str) else f"{index}: {summary}"
    if scheme == "https" and sni and sni != host.split(":")[0]:
        summary = f"{summary} (SNI {sni})"
        case["name"] = f"{index}: {name}" if isinstance(name, str) else f"{index}: {summary}"
        case["host"] = host
        case["path"] = path
        case["sni"] = sni
    elif scheme == "https":
        case["url"] = f"https://{host}{path}"
        case["sni"] = host.split(":")[0]
    else:
        case["host"] = host
        case["path"] = path
    if method != "GET":
        case["method"] = method
    if headers:
        case["headers"] = dict(headers)
    expect = {"status": status}
    if status in (200, 204):
        backend = lit.get("Backend")
        if isinstance(backend, Unknown):
            return None, "backend computed at run time"
        if backend:
            expect["backend"] = backend
        nsv = lit.get("Namespace")
        if isinstance(nsv, Unknown):
            return None, "namespace computed at run time"
        if nsv:
            expect["namespace"] = nsv
        er = lit.get("ExpectedRequest")
        er_req = (er or {}).get("Request", {}) if isinstance(er, dict) else {}
        if er is not None and not isinstance(er, dict):
            return None, "expected request computed at run time"
        up_path = er_req.get("Path") or path
        if not passthrough:  # a TLS passthrough Gateway never sees the HTTP request
            expect["upstreamPath"] = up_path
        if er_req.get("Host"):
            expect["upstreamHost"] = er_req["Host"]
        up_headers = er_req.get("Headers") if er is not None else headers
        if up_headers and not passthrough:
            expect["upstreamHeaders"] = dict(up_headers)
        if er and er.get("AbsentHeaders"):
            expect["absentUpstreamHeaders"] = list(er["AbsentHeaders"])
        # A value the backend itself answers with (BackendSetResponseHeaders), alone or with a
        # filter's added to it, is not all the Gateway's doing: the simulator cannot know it, so
        # it is not expected. A filter's value that replaced the backend's is.
        backend_set = {k.lower(): v for k, v in (lit.get("BackendSetResponseHeaders") or {}).items()}
        response_headers = {k: v for k, v in (resp.get("Headers") or {}).items()
                            if k.lower() not in backend_set or backend_set[k.lower()] not in v.split(",")}
        if response_headers:
            expect["responseHeaders"] = response_headers
        if resp.get("AbsentHeaders"):
            expect["absentResponseHeaders"] = list(resp["AbsentHeaders"])
        if resp.get("ValidHeaderValues"):
            return None, "response headers with several acceptable values"
    elif 300 <= status < 400:
        rr = lit.get("RedirectRequest")
        if isinstance(rr, dict):
            if any(isinstance(v, Unknown) for v in rr.values()):
                return None, "redirect computed at run time"
            r_scheme = rr.get("Scheme") or scheme
            r_host = rr.get("Host") or host.split(":")[0]
            r_port = rr.get("Port")
            r_path = rr.get("Path") or path.split("?")[0]
            authority = f"{r_host}:{r_port}" if r_port else r_host
            expect["redirect"] = f"{r_scheme}://{authority}{r_path}"
    for v in list(expect.values()):
        if isinstance(v, Unknown) or (isinstance(v, dict) and any(isinstance(x, Unknown) for x in v.values())):
            return None, "expectation computed at run time"
    case["expect"] = expect
    return case, None


def main():
    git, out_dir = sys.argv[1], sys.argv[2]
    base = routing_objects(git_show(git, "conformance/base/manifests.yaml"))
    names = subprocess.run(["git", "-C", git, "ls-tree", "--name-only", f"{TAG}", "conformance/tests/"],
                           check=True, capture_output=True, text=True).stdout.split()
    report = []
    for path in sorted(names):
        stem = os.path.basename(path)[:-3] if path.endswith(".go") else None
        if not stem or not re.match(r"(httproute|grpcroute|tlsroute|gateway)-", stem) or stem.endswith("_test"):
            continue
        if "clientcertificate" in stem or "client-certificate" in stem:
            report.append((stem, 0, 0, "client certificate validation is not simulated"))
            continue
        src = git_show(git, path)
        short = re.search(r'ShortName:\s*"([^"]+)"', src)
        desc = re.search(r'Description:\s*"([^"]+)"', src)
        manifests = re.findall(r'"(tests/[^"]+\.yaml)"', src)
        toks = tokens(src)
        env = {"ns": "gateway-conformance-infra"}
        literals = find_literals(toks, env)
        if not literals and "tcp.MakeTCPRequest" not in src:
            report.append((stem, 0, 0, "no http.ExpectedResponse literal"))
            continue
        addrs = scan_addresses(src, toks)
        own = []
        for m in manifests:
            own += routing_objects(git_show(git, "conformance/" + m))
        objs = base + own
        by_gateway = {}
        skipped = {}
        deletions = deleted_objects(src)
        loops = table_loops(src, toks, env)
        expanded = []
        for tok_index, lit in literals:
            pos = toks[tok_index][1]
            loop = next((l for l in loops if l[0] <= pos <= l[1]), None)
            if loop is None:
                expanded.append((tok_index, lit, None))
                continue
            _, _, var, rows, sni_expr = loop
            for row in rows:
                row_env = dict(env, **{f"{var}.{k}": v for k, v in row.items()})
                value, _ = Parser(toks, row_env).composite(tok_index + 1)
                sni = row_env.get(sni_expr) if sni_expr else None
                if sni_expr and sni_expr.startswith('"'):
                    sni = sni_expr.strip('"')
                expanded.append((tok_index, value, sni))
        for n, (tok_index, lit, sni) in enumerate(expanded):
            if not isinstance(lit, dict):
                skipped["not a literal"] = skipped.get("not a literal", 0) + 1
                continue
            pos = toks[tok_index][1]
            call_pos, call_name, call_text = request_call(src, pos)
            if sni is None and call_name.startswith("tls.") and call_pos < pos:
                # An inline literal: the server name is the argument before it.
                m = re.search(r',\s*("[^"]+"|[\w.]+),\s*$', call_text)
                if m and m.group(1).startswith('"'):
                    sni = m.group(1).strip('"')
            chosen = address_of(addrs, call_text, call_pos)
            if chosen is None or chosen[1] is None:
                skipped["no gateway address"] = skipped.get("no gateway address", 0) + 1
                continue
            var, gw, listener = chosen
            scheme = "https" if call_name.startswith("tls.") else "http"
            ports = listener_ports(objs, gw)
            lport = None
            if listener:
                lport = next((p for (ln, p, _) in ports if ln == listener), None)
            else:
                wanted = "HTTPS" if scheme == "https" else "HTTP"
                lport = next((p for (_, p, proto) in ports if proto == wanted), None)
            case, why = case_of(lit, gw, scheme, lport, n, sni, passthrough=stem.startswith("tlsroute-"))
            if case is None:
                skipped[why] = skipped.get(why, 0) + 1
                continue
            by_gateway.setdefault((gw, deleted_before(deletions, pos)), []).append(case)
        # Connections the Gateway must refuse (no listener takes the SNI).
        for m in re.finditer(r"MakeTLSConnectionAndExpectEventuallyConnectionRejection\([^\n]*?(\w+),\s*\"([^\"]+)\"\)", src):
            chosen = address_of(addrs, m.group(0), m.start())
            if chosen is None or chosen[1] is None:
                continue
            n = sum(len(v) for v in by_gateway.values())
            # Refused: no listener takes the SNI, or one does and no route of it matches.
            taken = any(hostname_matches(l.get("hostname"), m.group(2)) for l in listeners_of(objs, chosen[1]))
            case = {"name": f"{n}: TLS connection with SNI {m.group(2)} refused", "url": f"https://{m.group(2)}/",
                    "expect": {"outcome": "no-match" if taken else "no-listener"}}
            by_gateway.setdefault((chosen[1], deleted_before(deletions, m.start())), []).append(case)
        for gw, case in tcp_cases(src, objs, addrs, sum(len(v) for v in by_gateway.values())):
            by_gateway.setdefault((gw, ()), []).append(case)
        count = sum(len(v) for v in by_gateway.values())
        report.append((stem, count, sum(skipped.values()), "; ".join(f"{k} ({v})" for k, v in skipped.items())))
        if not by_gateway:
            continue
        docs = []
        several = len({gw for gw, _ in by_gateway}) > 1
        for (gw, deleted), cases in by_gateway.items():
            state = "".join(f", after deleting {kind} {ref}" for kind, ref in deleted)
            kept = [o for o in objs if (o.get("kind"), f"{o['metadata'].get('namespace', 'default')}/{o['metadata']['name']}") not in deleted]
            doc = {
                "name": f"upstream conformance: {short.group(1) if short else stem}" + (f" ({gw})" if several else "") + state,
                "description": (desc.group(1) if desc else stem),
                "source": f"kubernetes-sigs/gateway-api {TAG} conformance/tests/{stem}.go"
                          + (" + " + " + ".join(manifests) if manifests else "") + " + conformance/base/manifests.yaml",
                "gateway": gw,
                "manifest": dump_objects(kept),
                "cases": cases,
            }
            docs.append(doc)
        with open(os.path.join(out_dir, f"{stem}.yaml"), "w") as f:
            f.write(f"# Generated by translate.py from kubernetes-sigs/gateway-api {TAG} conformance/tests/{stem}.go\n")
            f.write("---\n".join(yaml.dump(d, Dumper=Dumper, sort_keys=False, width=100, allow_unicode=True) for d in docs))
    for stem, n, s, why in report:
        print(f"{stem:60} {n:3} cases, {s:2} skipped {why}")
    print("total", sum(r[1] for r in report), "cases,", sum(r[2] for r in report), "skipped")


if __name__ == "__main__":
    main()
