//! Text out of the browser: copy it (a case file's download and upload are `case-file.js`'s).

use wasm_bindgen_futures::JsFuture;

/// Copies text to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window().ok_or("no window")?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|_| "the browser refused the clipboard".into())
}
