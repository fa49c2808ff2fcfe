//! The page's door to the plain JS modules under `web/teach/` that are not teaching views (today
//! field help; the Teach bar's own glue imports the views, the presenter's switch and the other
//! on-demand modules): each is imported the first time it is used, so a first visit loads none.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const loaded = {};
export function teach_call(name, method, a, b) {
  loaded[name] ??= import(new URL(`teach/${name}.js`, document.baseURI).href).catch((e) => { delete loaded[name]; throw e; });
  loaded[name].then((m) => m[method](a, b), (e) => console.warn(`teach/${name}.js: ${e.message}`));
}"#)]
extern "C" {
    /// Calls `method(a, b)` of `teach/<name>.js`, importing it the first time.
    fn teach_call(name: &str, method: &str, a: &JsValue, b: &JsValue);
}

/// Field help (`teach/field-help.js`) for the editor an event (focus, pointer) happened in.
pub fn field_help(event: &web_sys::Event) {
    if let Some(area) = event.target() {
        teach_call("field-help", "attach", &area, event);
    }
}
