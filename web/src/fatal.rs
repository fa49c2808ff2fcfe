//! The last line of defence: a panic shows a banner with its message and a Reload button.
//!
//! The banner lives in `index.html` and its buttons are plain JavaScript, because after a panic
//! (release builds abort) no Rust code runs any more. The session is already in local storage.

/// Installs the panic hook.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| show(&info.to_string())));
}

/// Shows the banner with a message (the first message wins).
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(banner), Some(text)) = (document.get_element_by_id("fatal"), document.get_element_by_id("fatal-message"))
    else {
        return;
    };
    if banner.has_attribute("hidden") {
        text.set_text_content(Some(message));
        let _ = banner.remove_attribute("hidden");
    }
}
