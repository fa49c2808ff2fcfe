//! Moving state in and out of the page: case-file import/export, snapshots, permalinks.

use ingress_engine::cases::{parse_cases, write_case_file};
use ingress_engine::Profile;
use ingress_sim_web::cases_io::row_for_case;
use ingress_sim_web::simulation::table_cases;
use ingress_sim_web::state::{CaseRow, Playground, RequestFields};
use ingress_sim_web::{examples, permalink, snapshot};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn row(name: &str, url: &str, sni: &str, expect: &str) -> CaseRow {
    CaseRow { name: name.into(), url: url.into(), sni: sni.into(), expect: expect.into(), ..CaseRow::default() }
}

/// The export of `rows`: the cases of the rows that can run, as the page hands them to the JS API's
/// `writeCases` (the engine's writer, here called directly), and how many rows were left out.
struct Export {
    text: String,
    skipped: usize,
}

fn export_case_file(rows: &[CaseRow], manifest: Option<&str>, class: Option<&str>, profile: Profile) -> Export {
    let mut file = table_cases(rows);
    file.manifest = manifest.map(str::to_string);
    file.class = class.map(str::to_string);
    file.profile = (profile != Profile::Spec).then_some(profile);
    Export { skipped: rows.len() - file.cases.len(), text: write_case_file(&file) }
}

#[wasm_bindgen_test]
fn export_is_a_case_file_the_engine_reads_back() {
    let rows = vec![
        row("api", "http://foo.bar.com/api?x=1", "", "api:8080"),
        row("", "https://foo.bar.com:8443/", "other.example", "no-match"),
        row("broken", "ftp://nope", "", "x:1"),
        row("no expectation", "http://a/", "", ""),
    ];
    let manifest = "apiVersion: networking.k8s.io/v1\nkind: Ingress\n";
    let export = export_case_file(&rows, Some(manifest), Some("nginx"), Profile::Spec);
    assert_eq!(export.skipped, 2);
    let (file, errors) = parse_cases(&export.text);
    assert!(errors.is_empty(), "{errors:?}\n{}", export.text);
    assert_eq!(file.manifest.as_deref(), Some(manifest));
    assert_eq!(file.class.as_deref(), Some("nginx"));
    assert_eq!(file.cases.len(), 2);
    assert_eq!(file.cases[0].request.host, "foo.bar.com");
    assert_eq!(file.cases[0].request.path, "/api?x=1");
    assert_eq!(file.cases[0].expect.backend.as_deref(), Some("api:8080"));
    assert_eq!(file.cases[1].request.sni.as_deref(), Some("other.example"));
    assert_eq!(file.cases[1].request.host, "foo.bar.com:8443");
    // Read back as the page's import makes rows (case-file.js's rowOf, mirrored by row_for_case).
    let reimported: Vec<CaseRow> = file.cases.iter().map(|c| row_for_case(&c.request, &c.expect)).collect();
    assert_eq!(reimported[1].sni, "other.example");
    assert_eq!(reimported[1].expect, "no-match");
}

#[wasm_bindgen_test]
fn the_gallery_lists_the_corpus_examples_in_order() {
    let docs = [
        "docs-minimal",
        "docs-simple-fanout",
        "docs-name-based-virtual-hosting",
        "docs-wildcard-host",
        "docs-default-backend",
        "docs-resource-backend",
        "docs-tls",
        "docs-exact-vs-prefix",
        "docs-trailing-slash",
        "docs-path-matching-examples",
    ];
    let (group, listed) = examples::GALLERY[0];
    assert_eq!(group, "Kubernetes docs");
    assert_eq!(docs.as_slice(), listed.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    // Each file's state, title and profile: tests/e2e/playground.test.mjs (the build writes them).
    let (last, guides) = examples::GALLERY[examples::GALLERY.len() - 1];
    assert_eq!(last, "Gateway API");
    assert!(guides.iter().all(|(id, _)| id.starts_with("gateway-docs-")), "{guides:?}");
    let controllers = &examples::GALLERY[1..examples::GALLERY.len() - 1];
    let scenarios: Vec<&str> = controllers.iter().flat_map(|(_, ids)| ids.iter().map(|(id, _)| *id)).collect();
    assert_eq!(scenarios.len(), 13);
    assert!(scenarios.iter().all(|id| id.starts_with("profile-")), "{scenarios:?}");
    assert!(examples::all().any(|(id, _)| *id == examples::FIRST_VISIT));
}

#[wasm_bindgen_test]
fn the_first_visit_opens_its_case_file() {
    let text = include_str!("../../crates/engine/tests/corpus/docs-simple-fanout.yaml");
    let (file, errors) = parse_cases(text);
    assert!(errors.is_empty(), "{errors:?}");
    let state = examples::first_visit();
    let note = examples::first_visit_note();
    assert_eq!(Some(state.yaml.to_string()), file.manifest, "web/first-visit.state is the corpus file's manifest");
    assert_eq!(state.profile, Profile::Spec);
    assert_eq!(note.title, file.name.clone().unwrap_or_default());
    assert_eq!(note.description, file.description.clone().unwrap_or_default());
    assert_eq!(*note.manifest, *state.yaml, "the note goes once the manifest is edited");
    assert_eq!(state.rows.len(), file.cases.len());
    for (row, case) in state.rows.iter().zip(&file.cases) {
        let expected = CaseRow {
            id: row.id,
            name: case.name.clone().unwrap_or_default(),
            ..row_for_case(&case.request, &case.expect)
        };
        assert_eq!(*row, expected);
    }
    assert_eq!(state.request, state.rows[0].request_fields(), "the first case is the request");
}

fn sample_state() -> Playground {
    let mut state = Playground::new(
        "kind: Ingress\n# any text: 'quotes' \"and\" ✓ \n\n",
        RequestFields {
            url: "https://a.example/x".into(),
            sni: "b.example".into(),
            host_header: "c.example".into(),
            method: "POST".into(),
            headers: "X-Canary: always\nCookie: beta=always".into(),
        },
        vec![row("one", "http://a/", "", "svc:80"), row("two\nlines", "http://b/", "s", "no-match")],
    );
    state.class = Some("nginx".into());
    state.failures_only = true;
    state
}

#[wasm_bindgen_test]
fn snapshots_round_trip() {
    let mut state = sample_state();
    state.rows[0].method = "PUT".into();
    state.rows[0].headers = "X-A: 1".into();
    assert_eq!(snapshot::decode(&snapshot::encode(&state)).unwrap(), state);
    assert!(snapshot::decode("yaml 99:short\n").is_err());
}

/// A link made before the request bar had a method and headers opens with GET and none, and a
/// state without them encodes exactly as before (old links stay valid both ways).
#[wasm_bindgen_test]
fn method_and_headers_are_optional_fields() {
    let mut state = sample_state();
    state.request.method.clear();
    state.request.headers.clear();
    let text = snapshot::encode(&state);
    assert!(!text.contains("method") && !text.contains("headers"), "{text}");
    let with = snapshot::encode(&sample_state());
    assert!(
        with.contains("host 9:c.example\nmethod 4:POST\nheaders 36:X-Canary: always\nCookie: beta=always\n"),
        "{with}"
    );
}

#[wasm_bindgen_test]
fn exported_rows_keep_their_method_and_headers() {
    let mut with_headers = row("canary", "http://a/", "", "canary:80");
    with_headers.method = "POST".into();
    with_headers.headers = "X-Canary: always\nCookie: beta=never".into();
    let export = export_case_file(&[with_headers.clone()], None, None, Profile::IngressNginx);
    let (file, problems) = parse_cases(&export.text);
    assert!(problems.is_empty(), "{}", export.text);
    let row = row_for_case(&file.cases[0].request, &file.cases[0].expect);
    assert_eq!((row.method.as_str(), row.headers.as_str()), ("POST", "X-Canary: always\nCookie: beta=never"));
    let bad = CaseRow { headers: "nocolon".into(), ..with_headers };
    assert_eq!(export_case_file(&[bad], None, None, Profile::IngressNginx).skipped, 1);
}

#[wasm_bindgen_test]
fn base64url_round_trips() {
    for len in 0..40u8 {
        let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37).wrapping_add(250)).collect();
        let text = permalink::base64url_encode(&bytes);
        assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(permalink::base64url_decode(&text).unwrap(), bytes);
    }
}

#[wasm_bindgen_test]
async fn permalinks_round_trip_through_compression() {
    let state = sample_state();
    let fragment = permalink::fragment_for(&state).await.unwrap();
    assert!(fragment.starts_with("v1="));
    assert_eq!(permalink::state_from_fragment(&format!("#{fragment}")).await.unwrap(), state);
    assert!(permalink::state_from_fragment("#v1=AAAA").await.is_err());
    assert!(permalink::state_from_fragment("#v9=AAAA").await.unwrap_err().contains("newer"));
}

#[wasm_bindgen_test]
async fn links_past_the_caps_are_refused_or_cut() {
    // More than 2 MiB once inflated: refused, whatever the compressed size.
    let huge = Playground::new("#".repeat(permalink::MAX_LINK_BYTES + 1), RequestFields::default(), vec![]);
    let fragment = permalink::fragment_for(&huge).await.unwrap();
    assert!(fragment.len() < 20_000, "{} characters", fragment.len());
    assert!(permalink::open_fragment(&fragment).await.unwrap_err().contains("more than 2 MB"));
    // Too long to decode at all.
    let long = format!("v1={}", "A".repeat(permalink::MAX_FRAGMENT_CHARS + 1));
    assert!(permalink::open_fragment(&long).await.unwrap_err().contains("too long"));
    // Rows past the cap are left out and counted.
    let rows = (0..1_500).map(|i| row("", &format!("http://a/{i}"), "", "svc:80")).collect();
    let many = Playground::new("kind: Ingress", RequestFields::default(), rows);
    let opened = permalink::open_fragment(&permalink::fragment_for(&many).await.unwrap()).await.unwrap();
    assert_eq!((opened.state.rows.len(), opened.dropped_rows), (permalink::MAX_LINK_ROWS, 500));
    assert_eq!(opened.state.rows[999].url, "http://a/999");
}

#[wasm_bindgen_test]
fn snapshots_read_at_most_the_rows_asked_for() {
    let state = sample_state();
    let (read, dropped) = snapshot::decode_with_row_limit(&snapshot::encode(&state), 1).unwrap();
    assert_eq!((read.rows.len(), dropped), (1, 1));
    assert_eq!(read.yaml, state.yaml);
}

#[wasm_bindgen_test]
fn a_wholesale_replacement_is_told_from_an_edit() {
    use ingress_sim_web::state::replaces_wholesale;
    let example = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: example\nspec:\n  rules: []\n";
    assert!(!replaces_wholesale(example, &format!("{example}# mine\n")));
    assert!(!replaces_wholesale(example, &example.replace("example", "mine")));
    assert!(!replaces_wholesale(example, &example[..example.len() / 2]));
    assert!(replaces_wholesale(example, ""));
    assert!(replaces_wholesale(example, "kind: Service\nmetadata: {name: other}\n"));
    assert!(!replaces_wholesale("", "anything"));
}
