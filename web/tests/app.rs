//! The app mounted in a real browser: stable test hooks, live updates, problems with lines.

use ingress_sim_web::{examples, mount, state::Playground};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app in a fresh element and waits for the first render.
async fn mount_app(state: Playground) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    std::mem::forget(mount(root.clone(), state, None));
    yew::scheduler::flush().await;
    root
}

fn testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]")).unwrap().unwrap_or_else(|| panic!("no {id}"))
}

/// Types into an input or textarea the way a user does (value + input event), then waits past
/// the debounce.
async fn type_into(element: &Element, text: &str) {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(text);
    } else {
        element.dyn_ref::<HtmlTextAreaElement>().unwrap().set_value(text);
    }
    let event = web_sys::InputEvent::new("input").unwrap();
    element.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    yew::platform::time::sleep(Duration::from_millis(250)).await;
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_first_example_routes_and_explains() {
    let root = mount_app(examples::first_visit()).await;
    let result = testid(&root, "result");
    assert_eq!(result.get_attribute("data-outcome").as_deref(), Some("rule"));
    assert_eq!(result.get_attribute("data-backend").as_deref(), Some("service1:4200"));
    assert_eq!(result.get_attribute("data-ingress").as_deref(), Some("default/simple-fanout-example"));
    assert_eq!(result.get_attribute("data-path").as_deref(), Some("/foo"));
    assert_eq!(result.get_attribute("data-path-type").as_deref(), Some("Prefix"));
    let explanation = testid(&root, "explanation").text_content().unwrap();
    assert!(explanation.contains("WON") || explanation.to_lowercase().contains("won"), "{explanation}");
    let table = testid(&root, "tests-table");
    assert_eq!(table.query_selector_all("tr[data-status=pass]").unwrap().length(), 7);
    for id in [
        "yaml-editor",
        "request-url",
        "request-sni",
        "class-select",
        "profile-select",
        "validation-errors",
        "share-link",
    ] {
        testid(&root, id);
    }
}

#[wasm_bindgen_test]
async fn typing_a_url_updates_the_decision() {
    let root = mount_app(examples::first_visit()).await;
    type_into(&testid(&root, "request-url"), "http://foo.bar.com/bar/baz").await;
    let result = testid(&root, "result");
    assert_eq!(result.get_attribute("data-backend").as_deref(), Some("service2:8080"));
    type_into(&testid(&root, "request-url"), "http://foo.bar.com/foobar").await;
    assert_eq!(result.get_attribute("data-outcome").as_deref(), Some("no-match"));
    assert_eq!(result.get_attribute("data-backend").as_deref(), Some(""));
    type_into(&testid(&root, "request-url"), "ftp://x").await;
    assert!(result.text_content().unwrap().contains("not supported"));
}

#[wasm_bindgen_test]
async fn an_invalid_manifest_lists_errors_with_lines() {
    let root = mount_app(Playground::default()).await;
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: bad\nspec:\n  rules:\n  - http:\n      paths:\n      - path: foo\n        pathType: Prefix\n        backend:\n          service: {name: s, port: {number: 80}}\n";
    type_into(&testid(&root, "yaml-editor"), yaml).await;
    let errors = testid(&root, "validation-errors").query_selector_all("[data-severity=error]").unwrap();
    assert!(errors.length() >= 1);
    let first: Element = errors.get(0).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("data-line").as_deref(), Some("9"), "{:?}", first.text_content());
    assert!(first.text_content().unwrap().contains("must be an absolute path"));
    // Clicking the error's line link puts the caret at the start of that line.
    let link: web_sys::HtmlElement = first.query_selector(".line-link").unwrap().unwrap().unchecked_into();
    link.click();
    let editor: HtmlTextAreaElement = testid(&root, "yaml-editor").unchecked_into();
    let line_9_start = yaml.split_inclusive('\n').take(8).map(str::len).sum::<usize>() as u32;
    assert_eq!(editor.selection_start().unwrap(), Some(line_9_start));
    assert_eq!(document().active_element().as_ref(), Some(editor.unchecked_ref::<Element>()));
}

/// Waits (20 s at most: test builds are unoptimised) until `done` holds.
async fn eventually(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..800 {
        if done() {
            return true;
        }
        yew::platform::time::sleep(Duration::from_millis(25)).await;
        yew::scheduler::flush().await;
    }
    done()
}

#[wasm_bindgen_test]
async fn static_analysis_follows_the_decision() {
    let root = mount_app(Playground::default()).await;
    // The second path repeats the first: a duplicate-path warning, found by the static analysis
    // that runs after the decision is drawn.
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: dup\nspec:\n  rules:\n  - host: a.example\n    http:\n      paths:\n      - {path: /x, pathType: Prefix, backend: {service: {name: s1, port: {number: 80}}}}\n      - {path: /x, pathType: Prefix, backend: {service: {name: s2, port: {number: 80}}}}\n";
    type_into(&testid(&root, "yaml-editor"), yaml).await;
    let section = || root.query_selector(".diagnostics").unwrap().unwrap();
    assert!(eventually(|| section().get_attribute("data-analysed").as_deref() == Some("true")).await);
    let warnings = testid(&root, "validation-errors").query_selector_all("[data-severity=warning]").unwrap();
    assert_eq!(warnings.length(), 1);
    let warning: Element = warnings.get(0).unwrap().unchecked_into();
    assert_eq!(warning.get_attribute("data-line").as_deref(), Some("11"));
    assert!(warning.text_content().unwrap().contains("defined twice"), "{:?}", warning.text_content());
}

#[wasm_bindgen_test]
async fn a_large_paste_is_read_in_slices_and_shown_read_only() {
    let root = mount_app(examples::first_visit()).await;
    let document_text = |i: usize| {
        format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing-{i}\nspec:\n  rules:\n  - host: h{i}.example.com\n    http:\n      paths:\n      - path: /api\n        pathType: Prefix\n        backend:\n          service:\n            name: svc-{i}\n            port:\n              number: 80\n")
    };
    // Over the large-input threshold with few objects (test builds are unoptimised): each
    // document carries a long comment.
    let filler = "# padding to make the paste large, as a real export's annotations would\n".repeat(400);
    let big: String = (0..40).map(|i| format!("{}{filler}", document_text(i))).collect::<Vec<_>>().join("---\n");
    assert!(big.len() > ingress_sim_web::simulation::LARGE_INPUT_BYTES);
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", &big).unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    // Over the whole text (a paste replaces the selection).
    let area: HtmlTextAreaElement = testid(&root, "yaml-editor").unchecked_into();
    area.select();
    area.dispatch_event(&event).unwrap();
    // The textarea never gets the text: it moves into the app in a later task (how much later
    // depends on the machine's load), and a read-only view draws the visible lines.
    assert!(event.default_prevented());
    assert!(eventually(|| root.query_selector("[data-testid=\"yaml-editor\"]").unwrap().is_none()).await);
    let banner = testid(&root, "large-input-banner").text_content().unwrap();
    assert!(banner.contains("shown read-only"), "{banner}");
    assert!(testid(&root, "yaml-large-view").text_content().unwrap().starts_with("apiVersion: networking.k8s.io/v1"));
    // After the debounce the documents are read in slices, then the decision arrives.
    let url: HtmlInputElement = testid(&root, "request-url").unchecked_into();
    type_into(&url, "http://h39.example.com/api/x").await;
    let result = testid(&root, "result");
    assert!(eventually(|| result.get_attribute("data-backend").as_deref() == Some("svc-39:80")).await);
    // Edit anyway brings the textarea back, holding the whole text.
    let edit: web_sys::HtmlElement = testid(&root, "edit-anyway").unchecked_into();
    edit.click();
    assert!(eventually(|| root.query_selector("[data-testid=\"yaml-editor\"]").unwrap().is_some()).await);
    let editor: HtmlTextAreaElement = testid(&root, "yaml-editor").unchecked_into();
    assert_eq!(editor.value(), big);
}

fn rows_of(root: &Element) -> u32 {
    testid(root, "tests-table").query_selector_all("tbody tr").unwrap().length()
}

fn click(element: Element) {
    element.unchecked_into::<web_sys::HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn replacing_an_examples_manifest_drops_its_rows_with_undo() {
    let example = examples::first_visit();
    let root = mount_app(example.clone()).await;
    let rows = rows_of(&root);
    assert!(rows > 0);
    // An edit keeps the example's rows.
    let editor = testid(&root, "yaml-editor");
    type_into(&editor, &format!("{}# mine\n", example.yaml)).await;
    assert_eq!(rows_of(&root), rows);
    // A paste over all of it drops them, says so, and Undo brings everything back.
    let other = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: other\nspec:\n  defaultBackend:\n    service: {name: web, port: {number: 80}}\n";
    type_into(&editor, other).await;
    assert_eq!(rows_of(&root), 0);
    let notice = testid(&root, "load-notice").text_content().unwrap();
    assert!(notice.contains(&format!("its test rows were removed ({rows})")), "{notice}");
    click(testid(&root, "undo-load"));
    yew::scheduler::flush().await;
    assert_eq!(rows_of(&root), rows);
    let text = testid(&root, "yaml-editor").unchecked_into::<HtmlTextAreaElement>().value();
    assert_eq!(text, format!("{}# mine\n", example.yaml));
    assert!(root.query_selector("[data-testid=load-notice]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_test_row_goes_into_the_request_form() {
    let example = examples::first_visit();
    let root = mount_app(example.clone()).await;
    let buttons = root.query_selector_all("[data-testid=row-try]").unwrap();
    assert_eq!(buttons.length(), rows_of(&root));
    click(buttons.get(2).unwrap().unchecked_into());
    yew::scheduler::flush().await;
    let url = testid(&root, "request-url").unchecked_into::<HtmlInputElement>().value();
    assert_eq!(url, example.rows[2].url);
    assert!(eventually(|| testid(&root, "result").get_attribute("data-outcome").is_some()).await);
}
