// What each field of an Ingress (networking.k8s.io/v1) means, for the editor's field help
// (field-help.js, loaded on first use). Written for learners from the API reference,
// https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/, whose anchors
// the `ref` values are; `type` is the field's type as the reference gives it.
//
// FIELDS is keyed by "parent.field" (the key that holds the field, then the field), "field" for the
// top level of an object. A `defaultBackend` holds the same fields as a path's `backend`, so its
// children are looked up as "backend.…" (field-help.js).

export const REFERENCE = "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/";

export const FIELDS = {
  apiVersion: {
    type: "string",
    ref: "Ingress",
    text: "The API group and version of the object. An Ingress today is networking.k8s.io/v1; the simulator converts the removed extensions/v1beta1 and networking.k8s.io/v1beta1 with a notice.",
  },
  kind: {
    type: "string",
    ref: "Ingress",
    text: "What the object is: Ingress, IngressClass, or a Service (which resolves named ports). Other kinds are skipped with a notice.",
  },
  metadata: {
    type: "ObjectMeta",
    ref: "Ingress",
    text: "The object's name, namespace, annotations and creation time. Controllers read their own settings from annotations here.",
  },
  spec: {
    type: "IngressSpec",
    ref: "IngressSpec",
    text: "What you want routed: the rules (host and paths to backends), a default backend, TLS and the IngressClass.",
  },
  status: {
    type: "IngressStatus",
    ref: "IngressStatus",
    text: "Written by the controller (the load balancer's address); it does not change routing and the simulator ignores it.",
  },
  "metadata.name": {
    type: "string",
    ref: "Ingress",
    text: "The Ingress's name, unique in its namespace. When two Ingresses tie on age, namespace/name breaks the tie.",
  },
  "metadata.namespace": {
    type: "string",
    ref: "Ingress",
    text: "The namespace of the Ingress; its backends' Services must live in the same namespace.",
  },
  "metadata.creationTimestamp": {
    type: "Time",
    ref: "Ingress",
    text: "Set by the API server when the object is created. When several Ingresses claim the same host and path, the oldest wins (the simulator reads this field to know which is oldest).",
  },
  "metadata.annotations": {
    type: "map[string]string",
    ref: "Ingress",
    text: "Free-form settings. The Ingress API defines none; each controller reads its own (nginx.ingress.kubernetes.io/…, alb.ingress.kubernetes.io/…). Hover one for what the simulated controllers do with it.",
  },
  "metadata.labels": {
    type: "map[string]string",
    ref: "Ingress",
    text: "Labels for selecting objects; they play no part in routing.",
  },
  "spec.defaultBackend": {
    type: "IngressBackend",
    ref: "IngressSpec",
    text: "Where requests go that match no rule of this Ingress (R6). Required when there are no rules. Without one, unmatched requests are up to the controller (usually its 404).",
  },
  "spec.ingressClassName": {
    type: "string",
    ref: "IngressSpec",
    text: "The IngressClass that says which controller serves this Ingress (R1). It replaces the deprecated kubernetes.io/ingress.class annotation; an IngressClass marked default fills it in when left out.",
  },
  "spec.rules": {
    type: "[]IngressRule",
    ref: "IngressRule",
    text: "The host rules. A request is matched on its host first (precise beats wildcard beats none, R3), then on the paths of the matching rules. No rule matching means the default backend.",
  },
  "spec.tls": {
    type: "[]IngressTLS",
    ref: "IngressTLS",
    text: "TLS on port 443: which hosts are covered by which certificate Secret. The certificate is chosen by the SNI name the client sends (R7).",
  },
  "rules.host": {
    type: "string",
    ref: "IngressRule",
    text: "The host this rule serves, matched against the Host header. Precise (foo.bar.com) or a wildcard (*.foo.com) that stands for exactly one label; no IPs, no port. Left out, the rule serves every host.",
  },
  "rules.http": {
    type: "HTTPIngressRuleValue",
    ref: "HTTPIngressRuleValue",
    text: "The HTTP part of a rule: the list of paths for this host.",
  },
  "http.paths": {
    type: "[]HTTPIngressPath, required",
    ref: "HTTPIngressPath",
    text: "Paths mapped to backends. Among the paths that match, the longest wins, and Exact wins a tie with Prefix (R5).",
  },
  "paths.path": {
    type: "string",
    ref: "HTTPIngressPath",
    text: "Matched against the request's path (before any ?query). Must start with / for Exact and Prefix.",
  },
  "paths.pathType": {
    type: "string, required",
    ref: "HTTPIngressPath",
    text: "How path is matched. Exact: the whole path, case-sensitive. Prefix: element by element, split at / (/foo matches /foo/bar, not /foobar). ImplementationSpecific: up to the controller (pick a profile to see yours).",
  },
  "paths.backend": {
    type: "IngressBackend, required",
    ref: "IngressBackend",
    text: "Where requests matching this path go: a Service (name and port) or, rarely, another resource.",
  },
  "backend.service": {
    type: "IngressServiceBackend",
    ref: "IngressBackend",
    text: "A Service in the Ingress's namespace, by name and port. Cannot be combined with resource.",
  },
  "backend.resource": {
    type: "TypedLocalObjectReference",
    ref: "IngressBackend",
    text: "Another kind of object as the backend (for example a storage bucket). Cannot be combined with service; most controllers ignore it.",
  },
  "service.name": {
    type: "string, required",
    ref: "IngressBackend",
    text: "The Service's name; it must be in the same namespace as the Ingress.",
  },
  "service.port": {
    type: "ServiceBackendPort",
    ref: "IngressBackend",
    text: "The Service's port, by number or by name (exactly one of the two).",
  },
  "port.number": {
    type: "int32",
    ref: "IngressBackend",
    text: "The port number on the Service (not the Pod's port). Cannot be combined with name.",
  },
  "port.name": {
    type: "string",
    ref: "IngressBackend",
    text: "The name of a port of the Service, resolved when the Service is in the input. Cannot be combined with number.",
  },
  "resource.apiGroup": {
    type: "string",
    ref: "IngressBackend",
    text: "The API group of the referenced object (empty for the core group).",
  },
  "resource.kind": {
    type: "string, required",
    ref: "IngressBackend",
    text: "The kind of the referenced object.",
  },
  "resource.name": {
    type: "string, required",
    ref: "IngressBackend",
    text: "The name of the referenced object, in the Ingress's namespace.",
  },
  "tls.hosts": {
    type: "[]string",
    ref: "IngressTLS",
    text: "The host names this certificate is for; they must match the names in the Secret's certificate. A request's SNI picks the entry (R7).",
  },
  "tls.secretName": {
    type: "string",
    ref: "IngressTLS",
    text: "The Secret with the certificate and key that terminate TLS on port 443 for these hosts. The SNI picks the certificate; the Host header still picks the route.",
  },
  "spec.controller": {
    type: "string (IngressClass)",
    ref: null,
    text: "On an IngressClass: which controller implements the class (k8s.io/ingress-nginx, ingress.k8s.aws/alb, traefik.io/ingress-controller…).",
  },
  "spec.parameters": {
    type: "IngressClassParametersReference",
    ref: null,
    text: "On an IngressClass: a controller-specific object with more settings; the simulator does not read it.",
  },
};

/** The IngressClass reference page, for the IngressClass fields (`ref: null` above). */
export const CLASS_REFERENCE = "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-class-v1/";

/** Controller documentation pages, by annotation prefix. */
export const CONTROLLER_DOCS = [
  ["nginx.ingress.kubernetes.io/", "ingress-nginx annotations", "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/"],
  ["alb.ingress.kubernetes.io/", "AWS Load Balancer Controller annotations", "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/"],
  ["traefik.ingress.kubernetes.io/", "Traefik Kubernetes Ingress annotations", "https://doc.traefik.io/traefik/routing/providers/kubernetes-ingress/"],
  ["projectcontour.io/", "Contour annotations", "https://projectcontour.io/docs/main/config/annotations/"],
  ["kubernetes.io/ingress.", "Ingress v1 API reference: IngressSpec", `${REFERENCE}#IngressSpec`],
  ["ingressclass.kubernetes.io/", "IngressClass", "https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class"],
];

/** Annotations the simulated controllers act on: what they change, in one or two sentences. */
export const ANNOTATIONS = {
  "kubernetes.io/ingress.class": "The deprecated way to pick a controller. Still honoured: ingress-gce reads only this, ingress-nginx reads it when spec.ingressClassName is absent, the ALB controller reads it first.",
  "ingressclass.kubernetes.io/is-default-class": "On an IngressClass: \"true\" makes it the default, so Ingresses without a class get this one.",
  "nginx.ingress.kubernetes.io/use-regex": "\"true\" puts the whole host in regex mode under ingress-nginx: every path of that host, from any Ingress, becomes a case-insensitive regex location, tried longest first, first match wins.",
  "nginx.ingress.kubernetes.io/rewrite-target": "Rewrites the path the backend receives ($1… from the path's regex groups). It also turns on regex mode for the host.",
  "nginx.ingress.kubernetes.io/canary": "\"true\" makes this Ingress a canary: it adds no location of its own but an alternative backend for the main Ingress's same host and path, chosen by header, cookie or weight.",
  "nginx.ingress.kubernetes.io/canary-by-header": "A canary's header: \"always\" sends the request to the canary, \"never\" to the main backend.",
  "nginx.ingress.kubernetes.io/canary-by-header-value": "A canary's header value that sends the request to the canary.",
  "nginx.ingress.kubernetes.io/canary-by-header-pattern": "A regex on the canary's header value that sends the request to the canary.",
  "nginx.ingress.kubernetes.io/canary-by-cookie": "A canary's cookie: \"always\" sends the request to the canary, \"never\" to the main backend.",
  "nginx.ingress.kubernetes.io/canary-weight": "The share of requests (out of canary-weight-total, default 100) the canary gets when no header or cookie decides.",
  "nginx.ingress.kubernetes.io/canary-weight-total": "The total the canary weight is a share of (default 100).",
  "nginx.ingress.kubernetes.io/ssl-redirect": "With TLS for the host, plain HTTP gets a 308 to HTTPS (on by default); \"false\" turns it off.",
  "nginx.ingress.kubernetes.io/force-ssl-redirect": "Redirects plain HTTP to HTTPS (308) even when the Ingress has no TLS section.",
  "nginx.ingress.kubernetes.io/app-root": "A request for / is redirected (302) to this path.",
  "nginx.ingress.kubernetes.io/permanent-redirect": "Every request to this Ingress's paths gets a 301 (or permanent-redirect-code) to this URL.",
  "nginx.ingress.kubernetes.io/permanent-redirect-code": "The status code of permanent-redirect (default 301).",
  "nginx.ingress.kubernetes.io/temporal-redirect": "Every request to this Ingress's paths gets a 302 (or temporal-redirect-code) to this URL.",
  "nginx.ingress.kubernetes.io/temporal-redirect-code": "The status code of temporal-redirect (default 302).",
  "nginx.ingress.kubernetes.io/from-to-www-redirect": "Redirects www.host to host (or the reverse) with a 308.",
  "nginx.ingress.kubernetes.io/server-alias": "More host names for this host's nginx server.",
  "nginx.ingress.kubernetes.io/enable-cors": "ingress-nginx answers CORS preflight requests (OPTIONS) itself with 204, before any redirect.",
  "nginx.ingress.kubernetes.io/default-backend": "A Service that answers when this Ingress's backend Service has no endpoints (not for unmatched paths).",
  "nginx.ingress.kubernetes.io/ssl-passthrough": "TLS is passed to the backend unterminated, routed by SNI to the host's / path before nginx sees any HTTP (needs --enable-ssl-passthrough).",
  "nginx.ingress.kubernetes.io/preserve-trailing-slash": "Keeps a trailing slash in the URL of an ssl-redirect.",
  "nginx.ingress.kubernetes.io/relative-redirects": "Redirects use a relative Location header instead of an absolute URL.",
  "alb.ingress.kubernetes.io/group.name": "Ingresses with the same group name share one ALB (an IngressGroup); their paths become listener rules of that ALB.",
  "alb.ingress.kubernetes.io/group.order": "The order of this Ingress within its IngressGroup: lower numbers get the higher-priority listener rules.",
  "alb.ingress.kubernetes.io/listen-ports": "The ALB's listeners, e.g. [{\"HTTP\": 80}, {\"HTTPS\": 443}]. A request on another port is not accepted at all.",
  "alb.ingress.kubernetes.io/certificate-arn": "The ACM certificate(s) for the HTTPS listener; without it spec.tls alone opens no HTTPS listener.",
  "alb.ingress.kubernetes.io/ssl-redirect": "Every HTTP listener answers only with a redirect to HTTPS on this port.",
  "traefik.ingress.kubernetes.io/router.pathmatcher": "How Traefik matches an ImplementationSpecific path: Path, PathPrefix (the default, a character prefix) or PathRegexp.",
  "traefik.ingress.kubernetes.io/router.priority": "Sets the router's priority instead of the default, the length of its rule text (longest rule wins).",
  "projectcontour.io/ingress.class": "Contour's own class annotation, read before kubernetes.io/ingress.class and spec.ingressClassName.",
};
