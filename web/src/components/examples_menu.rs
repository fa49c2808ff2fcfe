//! The examples gallery: a menu of the Kubernetes docs' examples and, grouped per controller, the
//! scenarios that show where a controller differs.
//!
//! Choosing in the menu loads nothing (with the keyboard, each arrow key changes a `<select>`'s
//! value): the *Load* button, or Enter in the menu, loads the chosen example.

use crate::examples::{all, GALLERY};
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
    let select_ref = use_node_ref();
    let chosen = use_state_eq(String::new);
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let load = {
        let (on_load, select_ref, chosen) = (props.on_load.clone(), select_ref.clone(), chosen.clone());
        Callback::from(move |()| {
            let Some(select) = select_ref.cast::<HtmlSelectElement>() else { return };
            if let Some((id, _)) = all().find(|(id, _)| *id == select.value()) {
                on_load.emit(*id);
            }
            select.set_value("");
            chosen.set(String::new());
        })
    };
    let onkeydown = {
        let load = load.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                load.emit(());
            }
        })
    };
    let onclick = load.reform(|_: MouseEvent| ());
    html! {
        <div class="examples">
            <label for="examples-select">{"Examples"}</label>
            <select id="examples-select" data-testid="examples" ref={select_ref} {onchange} {onkeydown}>
                <option value="" selected=true>{"Choose an example…"}</option>
                {for GALLERY.iter().map(|(group, examples)| html! {
                    <optgroup label={*group}>
                        {for examples.iter().map(|(id, title)| html! { <option value={*id}>{*title}</option> })}
                    </optgroup>
                })}
            </select>
            <button type="button" data-testid="examples-load" disabled={chosen.is_empty()} {onclick}>{"Load"}</button>
        </div>
    }
}
