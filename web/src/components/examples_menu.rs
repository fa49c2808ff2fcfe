//! The examples gallery: a menu of the Kubernetes docs' examples.

use crate::examples::{self, ExampleInfo};
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
    let catalogue = use_memo((), |_| examples::catalogue());
    let onchange = {
        let (catalogue, on_load) = (catalogue.clone(), props.on_load.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(example) = catalogue.iter().find(|x| x.id == select.value()) {
                on_load.emit(example.id);
            }
            select.set_value("");
        })
    };
    html! {
        <div class="examples">
            <label for="examples-select">{"Examples"}</label>
            <select id="examples-select" data-testid="examples" {onchange}>
                <option value="" selected=true>{"Load a docs example…"}</option>
                {for catalogue.iter().map(|ExampleInfo { id, title, description }| html! {
                    <option value={*id} title={description.clone()}>{title.clone()}</option>
                })}
            </select>
        </div>
    }
}
