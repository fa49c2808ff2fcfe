// ---- Arguments -------------------------------------------------------------------------------

/**
 * Name–value pairs: an object (`{"X-Canary": "always"}`) or an array of pairs, which may repeat a
 * name (`[["X-Canary", "always"]]`).
 */
export type Pairs = Record<string, string> | Array<[string, string]>;

/** What any request may carry besides its URL or host and path. */
export interface RequestExtras {
  /** The TLS SNI name (makes the request HTTPS). */
  sni?: string | null;
  /** The method (default `GET`). */
  method?: string | null;
  /** Header lines. `Host` replaces the host; `Cookie` gives cookies. ingress-nginx's canary-by-header reads them. */
  headers?: Pairs | null;
  /** Cookies. ingress-nginx's canary-by-cookie reads them. */
  cookies?: Pairs | null;
}

/** A request given as a URL: `https://` implies TLS with SNI = the URL's host, unless `sni` is given. */
export interface UrlRequest extends RequestExtras {
  url: string;
  /** Replaces the URL's host in the Host header (the SNI name stays the URL's host). */
  host?: string | null;
  path?: never;
}

/** A request given as a Host header and a path (query and fragment allowed; routing drops them; default `/`). */
export interface HostRequest extends RequestExtras {
  host: string;
  path?: string | null;
  url?: never;
}

/** One named source of a manifest (a file): positions in it carry its name as `file`. */
export interface Source {
  name: string;
  /** Its YAML or JSON text (any number of `---` documents). */
  text: string;
}

/** A manifest: one YAML or JSON text, or named sources read in order, each counting its own lines. */
export type Manifest = string | Source[];

/** The request `simulate()` routes. */
export type SimulateRequest = UrlRequest | HostRequest;

/** What to simulate. Absent, `null` or `""` fields take their defaults. */
export interface SimulateOptions {
  /** The IngressClass to simulate (default: the input's default class, or every class). */
  class?: string | null;
  /** The routing profile (default: `"spec"`); see `profiles()`. */
  profile?: ProfileName | null;
}

/** `simulate()`'s options: those of `validate()`, and whether to walk the decision. */
export interface SimulateStepsOptions extends SimulateOptions {
  /** `true`: add `steps`, the decision walked in the order the rules apply. Default `false`. */
  steps?: boolean | null;
}

/** `runCases()`'s options: those of `simulate()`, and how many uncovered paths to list. */
export interface CasesOptions extends SimulateOptions {
  /**
   * List at most this many of the paths and default backends no case reached (the first of
   * `uncovered`: paths in input order, then default backends) and count the rest in `unlisted`: a
   * caller that shows a few of them gets a report that grows with its cases, not with the
   * manifest's paths. Default: every one.
   */
  listUncovered?: number | null;
}

/** `Simulation.route()`'s options: those of `simulate()`, and whether to explain. */
export interface RouteOptions extends SimulateOptions {
  /**
   * `false`: the decision without its explanation and diagnostics (`[]` both; the engine's fast
   * path, for many requests). Default `true`.
   */
  explain?: boolean | null;
  /**
   * `false`: the explained decision without waiting for the static analysis (its `diagnostics`
   * lack the analysis' warnings and notices; `validate()` runs it). Default `true`.
   */
  analysis?: boolean | null;
  /** `true`: add `steps`, the decision walked in the order the rules apply. Default `false`. */
  steps?: boolean | null;
}

// ---- Shared shapes -------------------------------------------------------------------------

/**
 * A routing profile's name. A controller's plain name models its latest release; `name@version`
 * is an older release (`"traefik@3.7"` is accepted as `"traefik"`).
 */
export type ProfileName =
  | "spec"
  | "ingress-nginx"
  | "ingress-nginx@1.14.2"
  | "gce"
  | "aws-alb"
  | "traefik"
  | "traefik@3.6"
  | "traefik@3.6.10"
  | "traefik-ingress-nginx"
  | "contour";

/** One entry of `profiles()`. */
export interface ProfileInfo {
  name: ProfileName;
  /** The release line modelled (`"3.7"`; the API version for `spec`), as `Decision.profileVersion`. */
  version: string;
  /** The upstream release tag modelled, and which releases route the same (`"v3.7.9"`). */
  release: string;
  description: string;
}

/**
 * `rule`: a path matched; `default-backend`: a defaultBackend answers; `no-match`: 404;
 * `redirect`: the controller answers with a redirect (`Decision.redirect`); `config-error`: the
 * controller refuses this configuration; `controller-answer`: the controller answers itself with
 * `Decision.status`, no backend reached (ingress-nginx's CORS preflight 204, its 503 for a Service
 * without endpoints; `null` status: it closes the connection) (controller profiles only).
 */
export type Outcome = "rule" | "default-backend" | "no-match" | "redirect" | "config-error" | "controller-answer";

/** `pathType` as the API spells it. */
export type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

/** 1-based line and column (columns counted in characters). */
export interface Pos {
  line: number;
  column: number;
}

/** A range of the input inside one YAML document (`doc` is 0-based), end exclusive. */
export interface Span {
  doc: number;
  /** The source's name, when the manifest was given as named sources (lines count within it). */
  file?: string;
  start: Pos;
  end: Pos;
}

/** A Service port, by number or by name as written. */
export type PortRef = { number: number } | { name: string };

/** A backend in the API's own JSON shape. */
export type BackendRef =
  | { service: { name: string; port: PortRef } }
  | { resource: { apiGroup: string | null; kind: string; name: string } };

// ---- Diagnostics ---------------------------------------------------------------------------

export type Severity = "error" | "warning" | "notice";

/** What a diagnostic is about. */
export type DiagnosticCode =
  | "syntax"
  | "document"
  | "decode"
  | "validation"
  | "converted"
  | "duplicate-path"
  | "shadowed-path"
  | "tls-host-unrouted"
  | "other-class"
  | "default-backend-conflict"
  | "missing-service"
  | "resource-backend"
  | "ingress-class"
  | "controller"
  | "controller-hint"
  | "no-ingress"
  | "template"
  | "route-status"
  | "gateway-status";

/** The API server's error types, plus the decoding errors that come before validation. */
export type ErrorType =
  | "Required"
  | "Invalid"
  | "NotSupported"
  | "Forbidden"
  | "TooLong"
  | "TooMany"
  | "Duplicate"
  | "TypeMismatch"
  | "UnknownField";

/** One message about the input; the place is flattened (absent when unknown). */
export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** The field path in API-server notation (`spec.rules[0].host`). */
  field?: string;
  type?: ErrorType;
  /** `Kind namespace/name`. */
  object?: string;
  /** For `controller-hint`: the profile the input is written for (under `spec` only). */
  suggestedProfile?: ProfileName;
  /** The source's name, when the manifest was given as named sources (lines count within it). */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** 0-based YAML document index. */
  doc?: number;
}

/** `validate()`'s result, the shape of `ingress-sim validate --json`. */
export interface Validation {
  valid: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  notices: Diagnostic[];
}

// ---- Decision ------------------------------------------------------------------------------

export type Verdict = "won" | "lost" | "ignored" | "info";

/** Why a candidate won or lost. */
export type Reason =
  | "matched"
  | "note"
  | "other-class"
  | "invalid-path"
  | "wrong-host"
  | "wildcard-depth"
  | "wildcard-needs-label"
  | "less-specific-host"
  | "exact-mismatch"
  | "exact-trailing-slash"
  | "not-element-prefix"
  | "prefix-mismatch"
  | "case-mismatch"
  | "shorter-than-winner"
  | "exact-won-tie"
  | "prefix-won-tie"
  | "duplicate"
  | "no-paths"
  | "default-backend"
  | "default-backend-not-used"
  | "tls"
  | "not-matched"
  | "outranked"
  | "redirect"
  | "canary"
  | "ignored-annotation"
  | "config-error"
  | "undefined-order";

/** One line of the explanation: a step, or a candidate with its verdict. */
export interface Entry {
  verdict: Verdict;
  reason: Reason;
  message: string;
  /** `namespace/name`. */
  ingress?: string;
  rule?: number;
  pathIndex?: number;
  /** The rule's host (`""` for none). */
  host?: string;
  path?: string;
  pathType?: PathType;
  backend?: BackendRef;
  span?: Span;
}

/** Which certificate answers the TLS handshake. */
export interface TlsDecision {
  sni: string;
  /** `null` when the controller's default certificate answers. */
  secretName: string | null;
  ingress: string | null;
  /** Index of the entry in `spec.tls`. */
  entry: number | null;
  matchedHost: string | null;
  defaultCertificate: boolean;
  message: string;
  span?: Span;
}

export type Scheme = "http" | "https";

/** The request as it was matched (host normalised, query and fragment dropped). */
export interface MatchedRequest {
  scheme: Scheme;
  host: string;
  path: string;
  sni: string | null;
}

/** `simulate()`'s result, the shape of `ingress-sim route --json`. */
export interface Decision {
  outcome: Outcome;
  /**
   * The HTTP status the client receives: 200 when a backend answers (the backend's own status is
   * not simulated), 404 when nothing answers, the redirect's 301/302/307/308 (`redirect.location`),
   * a `controller-answer`'s own status (204, 503); `null` for `config-error` (the controller keeps
   * serving its previous configuration) and for a `controller-answer` that closes the connection.
   */
  status: number | null;
  /** `namespace/name` of the answering Ingress. */
  ingress: string | null;
  rule: number | null;
  pathIndex: number | null;
  /** The winning rule's host as written (`""` for a rule without host). */
  host: string | null;
  path: string | null;
  pathType: PathType | null;
  backend: BackendRef | null;
  tls: TlsDecision | null;
  /** Every candidate and step. */
  explanation: Entry[];
  diagnostics: Diagnostic[];
  profile: ProfileName;
  /** The release the profile models (`"3.7"`, `"1.15"`; `ProfileInfo.version`). */
  profileVersion: string;
  /** The IngressClass simulated (`null`: every class). */
  class: string | null;
  /** True when the answering Ingress would be rejected by the API server. */
  rejected: boolean;
  request: MatchedRequest;
  /** Where the winning path (or default backend) is written. */
  span: Span | null;
  /** The Service port the backend reaches, when the input has the Service. */
  resolvedPort: ResolvedPort | null;
  /** Controller profiles: the construct that matched, in the controller's syntax (`location = /foo`). */
  matchedAs?: string;
  /** The redirect the controller answers with (outcome `redirect`). */
  redirect?: Redirect;
  /** The path the backend receives when the controller rewrites it (ingress-nginx `rewrite-target`). */
  upstreamPath?: string;
  /** A canary split: the main backend and its alternatives, with what selects each. */
  split?: SplitBranch[];
  /** Annotations of the Ingresses involved that the profile does not simulate. */
  ignoredAnnotations?: IgnoredAnnotation[];
  /** With `steps: true`: the decision walked in the order the rules apply. */
  steps?: Step[];
}

/**
 * Where a step is in the order the rules apply: the request as normalised (R2), IngressClass
 * admission (R1), the host tier (R3), each candidate path (R4, R5), what answers (R5, R6), the
 * certificate (R7), what the profile does not simulate.
 */
export type Stage = "request" | "class" | "host" | "path" | "winner" | "tls" | "notes";

/** One step of a decision's walk (`ingress-sim route --steps --json`). */
export interface Step {
  stage: Stage;
  /** `"R1"`…`"R7"` under the spec profile; the controller's own rule otherwise (`"nginx location order"`). */
  rule: string;
  /** A few words: `"Host tier: precise"`, `"Path /foo (Prefix)"`, `"Winner: svc:80"`. */
  title: string;
  /** One sentence: what this step decides and by which rule. */
  text: string;
  /** Where in the input the step looks (its entries' spans; the chosen host tier: its candidates'). */
  spans: Span[];
  /** Indexes into `explanation`: every entry is in exactly one step. */
  entries: number[];
  /** `won` for the answer and the chosen host tier, a candidate's own verdict, `info` otherwise. */
  verdict: Verdict;
}

/** A redirect answered by the controller. */
export interface Redirect {
  status: number;
  location: string;
}

/** One side of a canary split. */
export interface SplitBranch {
  backend: BackendRef | null;
  ingress: string;
  canary: boolean;
  /** Percent of the traffic not selected by header or cookie. */
  weight?: number;
  /** What sends a request to this side, e.g. `header X-Canary: always`. */
  selector: string;
  /** The side the decision's backend is: the canary when the request's header or cookie (or a 100 % weight) sends it there. */
  taken: boolean;
}

/** An annotation a profile does not simulate. */
export interface IgnoredAnnotation {
  ingress: string;
  key: string;
  span?: Span;
}

/** What `compare()` compares. Absent, `null` or `""` fields take their defaults. */
export interface CompareOptions {
  /** The IngressClass to simulate (as for `simulate()`). */
  class?: string | null;
  /** The profiles to compare, in this order (default: every profile). */
  profiles?: ProfileName[] | null;
  /** `false`: the decisions without their explanations and diagnostics (faster). Default `true`. */
  explain?: boolean | null;
}

/** Profiles that give the same answer. */
export interface AnswerGroup {
  /** The answer in a few words: `svc:80`, `404`, `308 → https://…`, `configuration rejected`. */
  answer: string;
  profiles: ProfileName[];
}

/** `compare()`'s result, the shape of `ingress-sim compare --json`. */
export interface Comparison {
  /** True when every profile sends the request to the same place. */
  agree: boolean;
  /** Profiles grouped by answer, largest group first. */
  groups: AnswerGroup[];
  /** Fields whose values differ: outcome, backend, redirect, upstreamPath, ingress, path, pathType, tls. */
  differences: string[];
  /** One decision per profile, in the order asked. */
  decisions: Decision[];
}

/** A backend port looked up in a Service of the input (a named port resolved to its number). */
export interface ResolvedPort {
  /** `namespace/name` of the Service. */
  service: string;
  name: string | null;
  number: number;
}

// ---- Route map ----------------------------------------------------------------------------

/** `routeMap()`'s result, the shape of `ingress-sim map --json`: the input as a picture's data. */
export interface RouteMap {
  profile: ProfileName;
  /** Every Ingress, in input order. */
  ingresses: MapIngress[];
  /** The hosts of the admitted Ingresses' rules and TLS entries: precise, then wildcard, then `""` (no host), by name. */
  hosts: MapHost[];
  /** The admitted Ingresses' `spec.defaultBackend`s, best rank first. */
  defaultBackends: MapDefaultBackend[];
  counts: { ingresses: number; hosts: number; paths: number };
}

export interface MapIngress {
  /** `namespace/name`. */
  name: string;
  /** True when the profile's controller takes it for the simulated class; the paths of the others are not in `hosts`. */
  admitted: boolean;
  /** `spec.ingressClassName`, else the `kubernetes.io/ingress.class` annotation. */
  class: string | null;
  span: Span;
}

export type HostTier = "precise" | "wildcard" | "any";

export interface MapHost {
  /** As written (`*.foo.com`); `""` for rules without host. */
  host: string;
  tier: HostTier;
  /** Where the host is first written: its first rule's `host` field (the rule, for rules without host), else its first `spec.tls` hosts entry. */
  span: Span;
  /** The `spec.tls` entries naming this host. */
  tls: Array<{ secret: string | null; ingress: string; span: Span }>;
  /** Under `spec` in precedence order (R5); under a controller profile as written. Unusable paths last. */
  paths: MapPath[];
}

export interface MapPath {
  ingress: string;
  /** Index in `ingresses`. */
  ingressIndex: number;
  rule: number;
  pathIndex: number;
  path: string;
  pathType: PathType | null;
  /** `svc:80` or `resource:Kind/name`; `null` when the path names no backend. */
  backend: string | null;
  span: Span;
  marks: MapMark[];
}

/**
 * What the profile's diagnostics say about a path: `duplicate-path` → `duplicate`,
 * `shadowed-path` → `shadowed`, a `controller` error or warning → `conflict`, a `validation` or
 * `decode` error or a path the router cannot use → `invalid`, an Ingress the API server would
 * reject → `rejected`.
 */
export interface MapMark {
  kind: "shadowed" | "duplicate" | "conflict" | "invalid" | "rejected";
  message: string;
}

export interface MapDefaultBackend {
  ingress: string;
  backend: string | null;
  span: Span;
  /** True for the one that answers a request no rule's host catches (R6: the best-ranked). */
  answers: boolean;
}

// ---- Case files ----------------------------------------------------------------------------

/** What a case expects; every field given must hold. */
export interface Expect {
  /** `service:port` or `resource:Kind/name`. */
  backend?: string;
  /** An Ingress `Outcome`, or for a Gateway API case a `GatewayOutcome`. */
  outcome?: Outcome | GatewayOutcome;
  ingress?: string;
  path?: string;
  pathType?: string;
  /** Secret name, or `default` for the controller's default certificate. */
  tls?: string;
  /** The HTTP status the client receives (`Decision.status`), 100–599. */
  status?: number;
  /** A redirect's `Location` header (`Decision.redirect.location`). */
  location?: string;
  /** Gateway API: the answering route, `namespace/name`. */
  route?: string;
  /** Gateway API: the listener that took the request. */
  listener?: string;
  /** Gateway API: the winning rule, by index or `name`. */
  rule?: string;
  /** Gateway API: the backend's namespace. */
  namespace?: string;
  /** Gateway API: the path (and query) the backend receives. */
  upstreamPath?: string;
  /** Gateway API: the Host the backend receives. */
  upstreamHost?: string;
  /** Gateway API: headers the backend receives, each with this value. */
  upstreamHeaders?: Array<[string, string]>;
  /** Gateway API: headers the backend must not receive. */
  absentUpstreamHeaders?: string[];
  /** Gateway API: headers the filters set on the response, each with this value. */
  responseHeaders?: Array<[string, string]>;
  /** Gateway API: headers the filters must not set on the response. */
  absentResponseHeaders?: string[];
}

/** A case's request as `parseCases()` gives it (headers and cookies as arrays of pairs). */
export interface CaseRequest extends HostRequest {
  path: string;
  method?: string;
  headers?: Array<[string, string]>;
  cookies?: Array<[string, string]>;
}

/** One case of a case file, its request ready for `simulate()`. */
export interface Case {
  index: number;
  name: string | null;
  request: CaseRequest;
  expect: Expect;
  line: number;
  column: number;
  /** Gateway API: the Gateway this case's request goes through (`namespace/name`). */
  gateway?: string;
}

/** A case given to `Simulation.runCases()` as a value (a `Case` of `parseCases()` will do). */
export interface CaseInput {
  name?: string | null;
  request: SimulateRequest;
  expect?: Expect;
}

/**
 * `Simulation.refresh()`'s question: everything a page shows for one state of its input, asked in
 * one call. Each part is answered as the method of the same name answers it.
 */
export interface RefreshQuery {
  /** The new manifest, as `update()` takes it (or its text as UTF-8 bytes); absent: the one held. */
  yaml?: Manifest | Uint8Array | null;
  /** The request to route (as `route()`); absent: `decision` is `null`. */
  request?: SimulateRequest | null;
  /** The class, profile and explanation, for every part (as `route()`'s options). */
  options?: RouteOptions | null;
  /** Cases to run (as `runCases()`); absent: `report` is `null`. */
  cases?: string | CaseInput[] | null;
  /** As `runCases()`'s `listUncovered`. */
  listUncovered?: number | null;
}

/** `Simulation.refresh()`'s answer: `route()`, `runCases()`, `validate()` and `classes()` in one. */
export interface Refreshed {
  decision: Decision | null;
  report: CaseReport | null;
  validation: Validation;
  classes: ClassNames;
}

/** `Simulation.classes()`: the classes a manifest names, for a class menu. */
export interface ClassNames {
  /** The default IngressClass, used when no class is chosen. */
  default: string | null;
  /** Every class named by an IngressClass or an Ingress, sorted. */
  names: string[];
}

/** `parseCases()`'s result. */
export interface CaseFile {
  name: string | null;
  description: string | null;
  source: string | null;
  /** The manifest a corpus file carries. */
  manifest: string | null;
  class: string | null;
  /** An Ingress profile or a Gateway API implementation, as written. */
  profile: string | null;
  /** Gateway API: the Gateway the file's requests go through (`namespace/name`). */
  gateway?: string;
  cases: Case[];
}

/** The result of one case. */
export interface CaseResult {
  index: number;
  name: string;
  passed: boolean;
  expected: string;
  actual: string;
  outcome: Outcome;
  /** `service:port`, `resource:Kind/name` or `""`. */
  backend: string;
  ingress: string | null;
  span: Span;
}

/**
 * A path (or default backend, `rule: null`) that no case reached; or, for a case that went
 * through a Gateway, a match (`gateway`, `listener`, `route`, `rule`, `match`) no case's decision won with.
 */
export interface Uncovered {
  /** `namespace/name` of the Ingress, or of the route for a Gateway match. */
  ingress: string;
  rule: number | null;
  pathIndex: number | null;
  host: string | null;
  path: string | null;
  pathType: PathType | "PathPrefix" | "RegularExpression" | null;
  backend: string;
  span: Span;
  gateway?: string;
  listener?: string;
  route?: string;
  routeKind?: "HTTPRoute" | "GRPCRoute" | "TLSRoute";
  match?: number;
}

/** `runCases()`'s result, like `ingress-sim test`. */
export interface CaseReport {
  results: CaseResult[];
  passed: number;
  failed: number;
  uncovered: Uncovered[];
  /** How many paths and default backends there are to cover. */
  coverable: number;
  /** How many more paths and default backends no case reached than `uncovered` lists (`listUncovered`). */
  unlisted: number;
  /** How many of `coverable` are Gateway matches; present when a case went through a Gateway. */
  coverableMatches?: number;
  /** How many Gateway matches no case reached (listed or not). */
  uncoveredMatches?: number;
}

// ---- Gateway API ---------------------------------------------------------------------------

/**
 * A Gateway API implementation (`implementations()`): whose reading of what the specification
 * leaves open a Gateway decision follows. `options.profile` takes one for a request that goes
 * through a Gateway (`spec` and `contour` name both an Ingress profile and an implementation).
 */
export type ImplementationName = "spec" | "envoy-gateway" | "contour";

/** One entry of `implementations()`. */
export interface ImplementationInfo {
  name: ImplementationName;
  title: string;
  description: string;
  /** The release modelled (`Gateway API 1.6.1` for `spec`). */
  version: string;
}

/**
 * `rule`: a rule's backend gets the request (or a split's shares); `redirect`: its
 * RequestRedirect answers; `no-match`: 404; `misdirected`: 421 (the HTTPS listener the SNI chose
 * does not serve the Host); `backend-error`: 500 (no valid backend); `no-listener`: no listener
 * takes the request (`status` 404 when HTTP listeners exist on the port, else `null`);
 * `cors-preflight`: the CORS filter answers 204.
 */
export type GatewayOutcome =
  | "rule"
  | "redirect"
  | "no-match"
  | "misdirected"
  | "backend-error"
  | "no-listener"
  | "cors-preflight";

/** A backend in Gateway API's shape. */
export type GatewayBackend =
  | { service: { name: string; namespace: string; port?: { number: number } } }
  | { resource: { group: string; kind: string; name: string; namespace: string } };

/** One share of a weighted split. */
export interface SplitShare {
  backend: GatewayBackend;
  weight: number;
  /** weight / sum of weights. */
  share: number;
  /** 200, or 500 when the share's backendRef is invalid. */
  status: number;
}

/** Why a candidate won, lost or was skipped (stable names). */
export type GatewayReason =
  | "matched" | "note" | "listener-port" | "listener-protocol" | "listener-hostname" | "not-attached"
  | "hostname-intersection" | "hostname" | "path" | "method" | "header" | "query" | "grpc"
  | "precedence-hostname" | "precedence-exact" | "precedence-prefix-length" | "precedence-method"
  | "precedence-headers" | "precedence-query" | "precedence-regex" | "precedence-grpc" | "precedence-age"
  | "precedence-name" | "precedence-rule-order" | "invalid-backend" | "ref-not-permitted" | "misdirected"
  | "not-programmed";

/** One line of a Gateway explanation: a step, or a candidate match with its verdict. */
export interface GatewayEntry {
  verdict: "winner" | "lost" | "skipped" | "info";
  reason: GatewayReason;
  message: string;
  listener?: string;
  /** `namespace/name` of the route. */
  route?: string;
  routeKind?: "HTTPRoute" | "GRPCRoute" | "TLSRoute";
  rule?: number;
  match?: number;
  /** The candidate's effective hostname (`""`: any host). */
  hostname?: string;
  span?: Span;
}

/**
 * `simulateGateway()`'s and `Simulation.routeGateway()`'s answer: the shape of
 * `ingress-sim route --json` for Gateway API input.
 */
export interface GatewayDecision {
  profile: ImplementationName;
  profileVersion: string;
  request: MatchedRequest;
  /** The HTTP status the client gets; `null` when no listener takes the connection. */
  status: number | null;
  outcome: GatewayOutcome;
  /** `namespace/name` of the Gateway. */
  gateway: string;
  listener: string | null;
  /** `namespace/name` of the route whose rule answers. */
  route: string | null;
  routeKind: "HTTPRoute" | "GRPCRoute" | "TLSRoute" | null;
  rule: number | null;
  ruleName?: string;
  match: number | null;
  backend: GatewayBackend | null;
  split?: SplitShare[];
  redirect?: Redirect;
  /** Path and query the backend receives (after URLRewrite). */
  upstreamPath?: string;
  upstreamHost?: string;
  /** The request headers the backend receives, `Host` first, as `[name, value]` pairs. */
  upstreamHeaders?: [string, string][];
  /** Response headers the filters set or add. */
  responseHeaders?: [string, string][];
  mirrors?: GatewayBackend[];
  explanation: GatewayEntry[];
  diagnostics: Diagnostic[];
  span?: Span;
  /** True when the API server would refuse the Gateway or the answering route (routed as written). */
  rejected: boolean;
}

/** `simulateGateway()`'s and `Simulation.routeGateway()`'s options. Absent, `null` or `""` fields take their defaults. */
export interface GatewayRouteOptions {
  /** The IngressClass for the Ingresses of a mixed input (Gateways do not read it). */
  class?: string | null;
  /** The Gateway API implementation (default: `"spec"`); see `implementations()`. */
  profile?: ImplementationName | null;
  /** The Gateway (`namespace/name`, or a name the input has once); default: the input's only one. */
  gateway?: string | null;
  /** `false`: the decision without its explanation and diagnostics. Default `true`. */
  explain?: boolean | null;
}

/** `compareGateway()`'s and `Simulation.compareGateway()`'s options. Absent, `null` or `""` fields take their defaults. */
export interface GatewayCompareOptions {
  /** The IngressClass for the Ingresses of a mixed input (Gateways do not read it). */
  class?: string | null;
  /** The implementations to compare, in this order (default: every one). */
  profiles?: ImplementationName[] | null;
  /** The Gateway (`namespace/name`, or a name the input has once); default: the input's only one. */
  gateway?: string | null;
  /** `false`: the decisions without their explanations and diagnostics. Default `true`. */
  explain?: boolean | null;
}

/** Implementations that give the same answer (`shop/web:80, upstream path /x`, `404 (no match)`, `302 → https://…`). */
export interface GatewayAnswerGroup {
  answer: string;
  profiles: ImplementationName[];
}

/** `compareGateway()`'s result, the shape of `ingress-sim compare --json` for Gateway API input. */
export interface GatewayComparison {
  /** True when every implementation gives the same status, outcome, backend or split, redirect, upstream path and host. */
  agree: boolean;
  /** Implementations grouped by answer, largest group first. */
  groups: GatewayAnswerGroup[];
  /** Fields whose values differ: outcome, status, backend, split, redirect, upstreamPath, upstreamHost, route, rule, match, listener. */
  differences: string[];
  /** One decision per implementation, in the order asked. */
  decisions: GatewayDecision[];
}

// ---- Migration (issue 15) -----------------------------------------------------------------

/** `migrate()`'s, `Simulation.migrate()`'s and `Simulation.startMigration()`'s options. Absent, `null` or `""` fields take their defaults. */
export interface MigrateOptions {
  /** The Ingress profile the input runs under today (default `"ingress-nginx"`); it picks ingress2gateway's provider. */
  from?: ProfileName | null;
  /** The Gateway API implementation that routes the converted resources (default `"envoy-gateway"`). */
  to?: ImplementationName | null;
}

/** `diffProfiles()`'s options: two Ingress profiles. */
export interface DiffOptions {
  from: ProfileName;
  to: ProfileName;
  /** The IngressClass to simulate (as `simulate()`'s `class`). */
  class?: string | null;
}

/** A generated request, as sent (`method` absent for GET, `headers`/`cookies` when it carries them). */
export interface GeneratedRequest {
  scheme: Scheme;
  host: string;
  path: string;
  sni?: string;
  method?: string;
  headers?: [string, string][];
  cookies?: [string, string][];
}

/** How much a notice matters (ingress2gateway's ERROR, WARNING, INFO). */
export type NoticeLevel = "error" | "warning" | "info";

/**
 * What the conversion or the diff tells about the input: ingress2gateway's notifications
 * (`unsupported-annotation`…) and the quiet changes (`wildcard-widens`, `split-host`…). `code` is
 * stable kebab-case (the README lists them).
 */
export interface Notice {
  level: NoticeLevel;
  code: string;
  message: string;
  /** The source object, `Kind ns/name` (`"Ingress shop/web"`). */
  object?: string;
  span?: Span;
  /** The hosts affected, as written. */
  hosts?: string[];
  /** The paths affected, as written. */
  paths?: string[];
}

/** One generated request whose answer changes: before and after, each explained. */
export interface Change<Before, After> {
  request: GeneratedRequest;
  /** What the request tells apart (`"trailing slash"`, `"wildcard host, two labels"`…). */
  probes: string;
  /**
   * `true` for the first 200 changes of a run: both decisions explained (each explanation keeps
   * what bears on the request's own host and listener, the rest in one line); `false` for the
   * later ones, whose decisions carry `explanation: []` (an `unexplained-changes` notice says so):
   * `MigrationRun.explain(index)` explains one.
   */
  explained: boolean;
  before: Before;
  after: After;
}

/**
 * `migrate()`'s answer: the shape of `ingress-sim migrate --json` plus `yaml`, the converted
 * Gateway API resources (what `--emit` writes). "After" positions name the converted YAML's source.
 */
export interface Migration {
  from: ProfileName;
  to: ImplementationName;
  /** The Gateways written, `namespace/name`, in the order they are written. */
  gateways: string[];
  /** The conversion's notices, then the quiet changes. */
  notices: Notice[];
  /** How many requests were generated and routed both ways. */
  requests: number;
  changed: MigrationChange[];
  /** The converted resources as YAML documents, ready for `kubectl apply`. */
  yaml: string;
}

/** One changed request of a migration (`MigrationRun.explain()`'s answer). */
export type MigrationChange = Change<Decision, GatewayDecision>;

/** `diffProfiles()`'s answer: the shape of `ingress-sim diff --json`. */
export interface ProfileDiff {
  from: ProfileName;
  to: ProfileName;
  requests: number;
  changed: Change<Decision, Decision>[];
}

/** `MigrationRun.step()`'s answer: how far the run got. */
export interface MigrationProgress {
  /** Every request is routed: call `finish()`. */
  done: boolean;
  /** Requests routed so far. */
  routed: number;
  /** Requests to route (0 until they are generated). */
  total: number;
  /** What the run is doing, for a progress label. */
  stage: "read" | "convert" | "read back" | "probe" | "compile" | "route" | "done";
}
