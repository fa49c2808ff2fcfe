//! Named sources: every position names its file and counts lines within it.

mod support;

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

/// An Ingress routing `host` `/path` to `service`, or (with `broken`) one the API server rejects.
fn document(index: usize, host: &str, path: &str, broken: bool) -> String {
    let path = if broken { path.trim_start_matches('/') } else { path };
    format!(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: ing{index}}}\nspec:\n  rules:\n  - host: {host}\n    http:\n      paths:\n      - path: {path}\n        pathType: Prefix\n        backend: {{service: {{name: svc{index}, port: {{number: 80}}}}}}\n"
    )
}

/// Documents as `(host, path, broken)`, one source per inner list.
type Layout = Vec<Vec<(&'static str, &'static str, bool)>>;

fn named_sources(layout: &Layout, names: &[&str]) -> Vec<Source> {
    let mut index = 0;
    let texts = layout.iter().map(|documents| {
        let rendered: Vec<String> = documents
            .iter()
            .map(|(host, path, broken)| {
                index += 1;
                document(index, host, path, *broken)
            })
            .collect();
        rendered.join("---\n")
    });
    names.iter().zip(texts).map(|(name, text)| Source::new(*name, text)).collect()
}

fn layout_strategy() -> impl proptest::strategy::Strategy<Value = Layout> {
    use proptest::prelude::*;
    let document = (
        prop::sample::select(&["a.example.com", "b.example.com", "*.example.com"][..]),
        prop::sample::select(&["/", "/api", "/api/v1"][..]),
        any::<bool>(),
    );
    prop::collection::vec(prop::collection::vec(document, 0..3), 1..4)
}

proptest::proptest! {
    /// Several sources, then an edit in one of them (lines added above its documents, a document
    /// replaced, or the source renamed): the incremental read, whole or in slices, equals a fresh
    /// read, every place and file name included.
    #[test]
    fn an_edit_in_one_source_reads_as_a_fresh_read(
        layout in layout_strategy(),
        edited in 0usize..4,
        edit in 0u8..3,
        sliced in proptest::prelude::any::<bool>(),
    ) {
        use ingress_engine::{Explain, Profile, Request};
        let names = ["prop-a.yaml", "prop-b.yaml", "prop-c.yaml", "prop-renamed.yaml"];
        let first = named_sources(&layout, &names);
        let mut second = first.clone();
        let target = &mut second[edited % first.len()];
        match edit {
            0 => target.text.insert_str(0, "# a note\n\n"),
            1 => target.text = document(99, "a.example.com", "/api", false),
            _ => target.name = names[3].to_string(),
        }
        let (incremental, fresh) = support::incremental_and_fresh(&first, &second, sliced);
        let (a, b) = (incremental.manifest(), fresh.manifest());
        proptest::prop_assert_eq!(format!("{:?}", a.ingresses), format!("{:?}", b.ingresses));
        proptest::prop_assert_eq!(incremental.diagnostics(Profile::Spec), fresh.diagnostics(Profile::Spec));
        for url in ["http://a.example.com/api/x", "http://x.example.com/", "http://b.example.com/api/v1"] {
            let request = Request::from_url(url).unwrap();
            let (x, y) = (incremental.route(&request, Profile::Spec, Explain::Yes), fresh.route(&request, Profile::Spec, Explain::Yes));
            proptest::prop_assert_eq!(x, y);
        }
    }
}
