//! API-server validation of Gateway API objects: the CRDs' OpenAPI schema and CEL rules
//! (kubernetes-sigs/gateway-api v1.6.1 `config/crd/standard/gateway.networking.k8s.io_*.yaml`).
//! (Being written: see the next commits.)
