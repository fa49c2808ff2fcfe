//! The share button: a real link to the permalink (so it can be opened or copied by the
//! browser), which copies itself to the clipboard when clicked.
//!
//! The `href` follows the state after a debounce; a click does not use it but makes the link from
//! the state on screen at that moment, so an edit just before the click is in the copied link.

use crate::download::copy_text;
use crate::permalink;
use crate::simulation::LARGE_INPUT_BYTES;
use crate::state::Playground;
use yew::prelude::*;

/// Props of [`ShareLink`].
#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    /// The permalink as last published; `None` when the input is too large for one.
    pub href: Option<AttrValue>,
    /// The state on screen, which a click links to.
    pub state: Playground,
}

/// What a click copied (or why not).
async fn share(state: Playground) -> &'static str {
    if state.yaml.len() > LARGE_INPUT_BYTES {
        return "Too large for a link (over 1 MB): export the tests instead";
    }
    let Ok(fragment) = permalink::fragment_for(&state).await else { return "Could not make the link" };
    let link = permalink::publish(&fragment);
    match copy_text(&link).await {
        Ok(()) => "Link copied",
        Err(_) => "Copy the address bar: it holds the link",
    }
}

/// The share link.
#[component]
pub fn ShareLink(props: &ShareLinkProps) -> Html {
    let status = use_state(|| None::<&'static str>);
    let onclick = {
        let (state, status) = (props.state.clone(), status.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let (state, status) = (state.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move { status.set(Some(share(state).await)) });
        })
    };
    html! {
        <div class="share">
            <a class="button" data-testid="share-link" href={props.href.clone()} {onclick}
               aria-disabled={props.href.is_none().then_some("true")} role={props.href.is_none().then_some("button")} tabindex="0"
               title="Copy a link that restores the whole playground (nothing is sent to a server)">
                {"Share link"}
            </a>
            <span class="share-status" role="status">{status.unwrap_or_default()}</span>
        </div>
    }
}
