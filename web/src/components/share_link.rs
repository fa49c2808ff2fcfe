//! The share button: a real link to the permalink (so it can be opened or copied by the
//! browser), which copies itself to the clipboard when clicked.

use crate::download::copy_text;
use yew::prelude::*;

/// Props of [`ShareLink`].
#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    /// The permalink; `None` when the input is too large for one.
    pub href: Option<AttrValue>,
}

/// The share link.
#[component]
pub fn ShareLink(props: &ShareLinkProps) -> Html {
    let status = use_state(|| None::<&'static str>);
    let onclick = {
        let (href, status) = (props.href.clone(), status.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let Some(href) = href.clone() else {
                status.set(Some("Too large for a link (over 1 MB): export the tests instead"));
                return;
            };
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(match copy_text(&href).await {
                    Ok(()) => "Link copied",
                    Err(_) => "Copy the address bar: it holds the link",
                }));
            });
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
