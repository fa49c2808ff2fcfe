//! ingress-nginx answering a request itself (`controller-answer`): the decision's JSON shape (the
//! CLI's `route --json`, the JS API's), and what the profile's analysis says when a probe gets
//! such an answer.

use ingress_engine::{Explain, Options, Profile, Request, Simulator};

/// An Ingress with enable-cors for api.example.com, and a catch-all whose Service is not among
/// the input's Services (so it has no endpoints).
const INPUT: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: web
  annotations: {nginx.ingress.kubernetes.io/enable-cors: "true"}
spec:
  ingressClassName: nginx
  rules:
  - host: api.example.com
    http:
      paths:
      - {path: /v1, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: catch-all, namespace: web}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: gone, port: {number: 80}}}
  tls:
  - hosts: [secure.example.com]
    secretName: secure-tls
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: web}
spec: {ports: [{port: 80}]}
"#;

#[test]
fn a_preflight_answer_serialises_as_controller_answer_with_its_status_and_no_backend() {
    let sim = Simulator::new(INPUT, &Options::default());
    let mut request = Request::from_url("https://api.example.com/v1/x").unwrap();
    request.method = "OPTIONS".into();
    let json = serde_json::to_value(sim.route(&request, Profile::IngressNginx, Explain::Yes)).unwrap();
    assert_eq!(json["outcome"], "controller-answer");
    assert_eq!(json["status"], 204);
    assert_eq!(json["backend"], serde_json::Value::Null);
    assert_eq!(json["ingress"], "web/api");
    assert_eq!(json["path"], "/v1");
    assert!(json.get("redirect").is_none(), "no Location: {json}");
}

#[test]
fn a_tls_host_whose_probe_gets_a_503_says_so() {
    let sim = Simulator::new(INPUT, &Options::default());
    let messages: Vec<String> = sim.diagnostics(Profile::IngressNginx).iter().map(|d| d.message.clone()).collect();
    let tls = messages.iter().find(|m| m.contains("TLS host secure.example.com")).expect("a TLS-host finding");
    assert!(tls.contains("the controller's own 503"), "{tls}");
}
