//! Named sources: every position names its file and counts lines within it.

use ingress_engine::{Options, Simulator, Source};

const GOOD: &str = "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: good}
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
";

/// An Ingress whose host is invalid on line 6 (`Foo_bar`).
const BAD: &str = "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bad}
spec:
  rules:
  - host: Foo_bar
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
";

#[test]
fn diagnostics_name_their_file_and_line_in_input_order() {
    let sources =
        [Source::new("second-listed-first.yaml", BAD), Source::new("good.yaml", GOOD), Source::new("bad.yaml", BAD)];
    let sim = Simulator::new(&sources[..], &Options::default());
    let places: Vec<String> = sim.errors().map(|d| d.span.unwrap().to_string()).collect();
    assert_eq!(places.first().map(String::as_str), Some("second-listed-first.yaml:6:11"), "{places:?}");
    assert_eq!(places.last().map(String::as_str), Some("bad.yaml:6:11"), "{places:?}");
    let json = serde_json::to_value(sim.errors().last().unwrap()).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    let file_at = keys.iter().position(|k| *k == "file").unwrap();
    assert_eq!(keys[file_at + 1], "line", "{keys:?}");
    assert_eq!(
        (json["file"].as_str(), json["line"].as_u64(), json["doc"].as_u64()),
        (Some("bad.yaml"), Some(6), Some(0))
    );
}

#[test]
fn one_text_has_no_file() {
    let sim = Simulator::new(BAD, &Options::default());
    let error = sim.errors().next().unwrap();
    assert_eq!(error.span.unwrap().file(), None);
    assert!(serde_json::to_value(error).unwrap().get("file").is_none());
}
