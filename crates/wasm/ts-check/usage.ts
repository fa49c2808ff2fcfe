// How the API is meant to be called, checked by the TypeScript compiler against the generated
// ../pkg/ingress_sim.d.ts. Each `@ts-expect-error` line must be an error: if a declaration were
// `any`, it would not be, and tsc would report the directive as unused.
import init, { Simulation, parseCases, profiles, routeMap, runCases, simulate, validate, version } from "../pkg/ingress_sim.js";
import type { BackendRef, CaseReport, Comparison, Decision, Manifest, Outcome, ProfileName, RouteMap, SimulateRequest, Source, Stage, Step, Validation } from "../pkg/ingress_sim.js";

export async function usage(bytes: Uint8Array<ArrayBuffer>, yaml: string): Promise<void> {
  await init({ module_or_path: bytes });

  const decision = simulate(yaml, { url: "https://foo.bar.com/api" });
  const typed: Decision = decision;
  const outcome: Outcome = decision.outcome;
  const scheme: "http" | "https" = decision.request.scheme;
  const line: number | undefined = decision.span?.start.line;
  const secret: string | null | undefined = decision.tls?.secretName;
  const reasons: string[] = decision.explanation.map((entry) => `${entry.verdict}: ${entry.reason}`);
  const diagnosticLines: (number | undefined)[] = decision.diagnostics.map((d) => d.line);
  void [typed, outcome, scheme, line, secret, reasons, diagnosticLines, label(decision.backend)];

  simulate(yaml, { host: "foo.bar.com", path: "/", sni: "foo.bar.com" }, { class: "nginx", profile: "spec" });
  simulate(yaml, { url: "http://foo.bar.com/" }, {});
  // The decision walked step by step, and the route map.
  const walk: Step[] | undefined = simulate(yaml, { url: "http://foo.bar.com/" }, { steps: true }).steps;
  const stages: Stage[] = (walk ?? []).map((step) => step.stage);
  const map: RouteMap = routeMap(yaml, { profile: "ingress-nginx" });
  const marks: string[] = map.hosts.flatMap((h) => h.paths.flatMap((p) => p.marks.map((m) => `${m.kind}: ${p.backend ?? ""}`)));
  void [stages, marks, map.counts.paths, map.defaultBackends[0]?.answers];
  // @ts-expect-error: steps is a boolean.
  simulate(yaml, { url: "http://foo.bar.com/" }, { steps: "yes" });
  // @ts-expect-error: a route map is not routed: no request.
  routeMap(yaml, { url: "http://foo.bar.com/" });
  // @ts-expect-error: Decision has no such key.
  void decision.nonexistent;
  // @ts-expect-error: outcome is one of three strings.
  const wrongOutcome: "matched" = decision.outcome;
  // A host request's path defaults to "/"; with a URL, host overrides the Host header.
  simulate(yaml, { host: "foo.bar.com" });
  simulate(yaml, { url: "http://foo.bar.com/", host: "other.com", method: "POST", headers: { "X-Canary": "always" } });
  simulate(yaml, { url: "http://foo.bar.com/", headers: [["X-Canary", "always"]], cookies: { beta: "always" } });
  // @ts-expect-error: a URL carries its path.
  simulate(yaml, { url: "http://foo.bar.com/", path: "/x" });
  // @ts-expect-error: header values are strings.
  simulate(yaml, { url: "http://foo.bar.com/", headers: { "X-Canary": 1 } });
  // @ts-expect-error: the manifest is text or named sources.
  simulate(42, { url: "http://foo.bar.com/" });
  // @ts-expect-error: not a known profile.
  simulate(yaml, { url: "http://foo.bar.com/" }, { profile: "nginx" });
  // @ts-expect-error: not an option.
  simulate(yaml, { url: "http://foo.bar.com/" }, { clas: "nginx" });

  const validation = validate(yaml);
  const typedValidation: Validation = validation;
  const valid: boolean = validation.valid;
  const fields: (string | undefined)[] = validation.errors.map((d) => d.field);
  // @ts-expect-error: severities are three strings.
  const severity: "fatal" = validation.errors[0]!.severity;
  // @ts-expect-error: Validation has no such key.
  void validation.ok;

  const file = parseCases("cases: []");
  // @ts-expect-error: CaseFile has no such key.
  void file.requests;
  const requests: SimulateRequest[] = file.cases.map((c) => c.request);
  const report = runCases(file.manifest ?? yaml, "cases: []", { class: file.class });
  const counts: [number, number, number] = [report.passed, report.failed, report.coverable];
  const uncoveredLines: number[] = report.uncovered.map((u) => u.span.start.line);
  // @ts-expect-error: CaseReport has no such key.
  void report.total;
  // @ts-expect-error: results are objects, not strings.
  const firstResult: string = report.results[0]!;

  const names: ProfileName[] = profiles().map((p) => p.name);
  // @ts-expect-error: ProfileInfo has no such key.
  void profiles()[0]!.id;
  const text: string = version();
  // @ts-expect-error: the version is a string.
  const number: number = version();

  void [wrongOutcome, typedValidation, valid, fields, severity, requests, counts, uncoveredLines, firstResult, names, text, number];
  handle(yaml);
  namedSources(yaml);
}

/** A manifest as named sources: positions carry `file`. */
function namedSources(yaml: string): void {
  const sources: Source[] = [{ name: "a.yaml", text: yaml }, { name: "b.yaml", text: "" }];
  const manifest: Manifest = sources;
  const decision = simulate(manifest, { url: "http://foo.bar.com/" });
  const file: string | undefined = decision.span?.file;
  const diagnosticFiles: (string | undefined)[] = validate(sources).errors.map((d) => d.file);
  const report = runCases(sources, "cases: []");
  const sim = new Simulation(sources);
  sim.update([{ name: "a.yaml", text: yaml + "\n" }]);
  // @ts-expect-error: a source needs its text.
  simulate([{ name: "a.yaml" }], { url: "http://foo.bar.com/" });
  // @ts-expect-error: a source is an object, not a string.
  sim.update(["a: 1"]);
  sim.free();
  void [file, diagnosticFiles, report];
}

/** The stateful handle: one manifest, many calls. */
function handle(yaml: string): void {
  const sim = new Simulation(yaml);
  const routed: Decision = sim.route({ url: "http://foo.bar.com/" }, { profile: "ingress-nginx", explain: false });
  const plain: Decision = sim.route({ host: "foo.bar.com", path: "/" });
  const compared: Comparison = sim.compare({ url: "http://foo.bar.com/" }, { profiles: ["spec", "traefik"] });
  const report: CaseReport = sim.runCases("cases: []", { class: "nginx" });
  const validation: Validation = sim.validate({ profile: "contour" });
  const walked: Step[] | undefined = sim.route({ url: "http://foo.bar.com/" }, { profile: "traefik", steps: true }).steps;
  const drawn: RouteMap = sim.routeMap({ class: "nginx", profile: "contour" });
  void [walked, drawn];
  sim.update(yaml + "\n");
  // @ts-expect-error: update takes the new text.
  sim.update();
  // @ts-expect-error: explain is a boolean.
  sim.route({ url: "http://foo.bar.com/" }, { explain: "no" });
  // @ts-expect-error: not a known profile.
  sim.compare({ url: "http://foo.bar.com/" }, { profiles: ["nginx"] });
  // @ts-expect-error: the manifest is text or named sources.
  new Simulation(42);
  sim.free();
  void [routed, plain, compared, report, validation];
}

function label(backend: BackendRef | null): string {
  if (backend === null) return "";
  if ("service" in backend) {
    const port = backend.service.port;
    return `${backend.service.name}:${"number" in port ? port.number : port.name}`;
  }
  return `resource:${backend.resource.kind}/${backend.resource.name}`;
}
