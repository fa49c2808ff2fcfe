//! The examples gallery: a menu of the Kubernetes docs' examples.

use crate::examples::GALLERY;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`ExamplesMenu`].
#[derive(Properties, PartialEq)]
pub struct ExamplesMenuProps {
    /// An example was picked (its id).
    pub on_load: Callback<&'static str>,
}

/// The menu.
#[component]
pub fn ExamplesMenu(props: &ExamplesMenuProps) -> Html {
    let onchange = {
        let on_load = props.on_load.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((id, _)) = GALLERY.iter().find(|(id, _)| *id == select.value()) {
                on_load.emit(*id);
            }
            select.set_value("");
        })
    };
    html! {
        <div class="examples">
            <label for="examples-select">{"Examples"}</label>
            <select id="examples-select" data-testid="examples" {onchange}>
                <option value="" selected=true>{"Load a docs example…"}</option>
                {for GALLERY.iter().map(|(id, title)| html! { <option value={*id}>{*title}</option> })}
            </select>
        </div>
    }
}
