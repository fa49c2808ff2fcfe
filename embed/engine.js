// The simulator's JS API (crates/wasm), loaded once per page: every widget awaits the same
// promise, so the page fetches and instantiates one wasm module however many widgets it has.
// The packages sit next to this script: ./pkg/ without Gateway API (what Ingress input needs) and
// ./pkg-gateway/ with it, fetched only for Gateway API input (see README.md, "Files").

const PACKAGES = { ingress: "./pkg/", gateway: "./pkg-gateway/" };
const loading = {};

/**
 * Resolves to the initialised API module ({ simulate, validate, … }); starts loading on first
 * call. `{ gateway: true }` loads the package with Gateway API (`simulateGateway`…) instead.
 */
export function loadEngine({ gateway = false } = {}) {
  const flavour = gateway ? "gateway" : "ingress";
  loading[flavour] ??= import(new URL(`${PACKAGES[flavour]}ingress_sim.js`, import.meta.url).href).then(async (api) => {
    await api.default({ module_or_path: new URL(`${PACKAGES[flavour]}ingress_sim_bg.wasm`, import.meta.url) });
    return api;
  });
  return loading[flavour];
}

/** `service:port` (port number or name as written), `resource:Kind/name`, or "" (the playground's data-backend). */
export function backendLabel(backend) {
  if (!backend) return "";
  if (backend.service) {
    const { name, port } = backend.service;
    return `${name}:${port && "number" in port ? port.number : port?.name ?? ""}`;
  }
  if (backend.resource) return `resource:${backend.resource.kind}/${backend.resource.name}`;
  return "";
}
