// Loads crates/wasm/pkg (built by crates/wasm/build.sh) in Node: the web-target module is
// initialised with the .wasm bytes read from disk. Every test file imports the API from here.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const pkgDir = join(root, "crates", "wasm", "pkg");
export const corpusDir = join(root, "crates", "engine", "tests", "corpus");

const entry = join(pkgDir, "ingress_sim.js");
if (!existsSync(entry)) {
  throw new Error(`${entry} is missing: run crates/wasm/build.sh first`);
}

const api = await import(entry);
await api.default({ module_or_path: readFileSync(join(pkgDir, "ingress_sim_bg.wasm")) });

export const { simulate, simulateGateway, validate, runCases, parseCases, profiles, implementations, version, compare, routeMap, Simulation } = api;

/** Every corpus file, as [file name, text]. */
export function corpus() {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => [name, readFileSync(join(corpusDir, name), "utf8")]);
}

/** `service:port` or `resource:Kind/name`, the label case files use (Decision.backend → text). */
export function backendLabel(backend) {
  if (backend === null) return "";
  if ("service" in backend) {
    const { name, port } = backend.service;
    return `${name}:${"number" in port ? port.number : port.name}`;
  }
  return `resource:${backend.resource.kind}/${backend.resource.name}`;
}

/** A small valid manifest: foo.bar.com /foo → service1:4200, TLS for foo.bar.com. */
export const FANOUT = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fanout, namespace: web}
spec:
  tls:
  - {hosts: [foo.bar.com], secretName: foo-tls}
  rules:
  - host: foo.bar.com
    http:
      paths:
      - {path: /foo, pathType: Prefix, backend: {service: {name: service1, port: {number: 4200}}}}
      - {path: /bar, pathType: Exact, backend: {service: {name: service2, port: {name: http}}}}
`;
