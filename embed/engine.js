// The simulator's JS API (crates/wasm), loaded once per page: every widget awaits the same
// promise, so the page fetches and instantiates one wasm module however many widgets it has.
// The package sits next to this script, in ./pkg/ (see README.md, "Files").

const API_URL = new URL("./pkg/ingress_sim.js", import.meta.url);

let loading = null;

/** Resolves to the initialised API module ({ simulate, validate, … }); starts loading on first call. */
export function loadEngine() {
  loading ??= import(API_URL.href).then(async (api) => {
    await api.default({ module_or_path: new URL("./pkg/ingress_sim_bg.wasm", import.meta.url) });
    return api;
  });
  return loading;
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
