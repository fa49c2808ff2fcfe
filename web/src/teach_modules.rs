//! The page's door to plain JS modules beside it that a first visit does not need: field help
//! (`teach/field-help.js`; the Teach bar's own glue imports the views and the presenter's switch)
//! and the tests table's case-file import (`case-file.js`). Each is imported the first time it is
//! used, so a first visit loads none of them.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const loaded = {};
const load = (path) => (loaded[path] ??= import(new URL(path, document.baseURI).href).catch((e) => { delete loaded[path]; throw e; }));
export function teach_call(name, method, a, b) {
  load(`teach/${name}.js`).then((m) => m[method](a, b), (e) => console.warn(`teach/${name}.js: ${e.message}`));
}
export function module_call(path, method, a) {
  return load(path).then((m) => m[method](a));
}"#)]
extern "C" {
    /// Calls `method(a, b)` of `teach/<name>.js`, importing it the first time.
    fn teach_call(name: &str, method: &str, a: &JsValue, b: &JsValue);
    /// `method(a)` of the module at `path` (relative to the page), importing it the first time; a
    /// promise of its answer (rejected if the module cannot be loaded or the call throws).
    pub fn module_call(path: &str, method: &str, a: &JsValue) -> Promise;
}

/// Field help (`teach/field-help.js`) for the editor an event (focus, pointer) happened in.
pub fn field_help(event: &web_sys::Event) {
    if let Some(area) = event.target() {
        teach_call("field-help", "attach", &area, event);
    }
}
