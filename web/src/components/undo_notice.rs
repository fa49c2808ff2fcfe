//! The line that says what a load replaced, with *Undo*.

use crate::history::Replaced;
use yew::prelude::*;

/// Props of [`UndoNotice`].
#[derive(Properties, PartialEq)]
pub struct UndoNoticeProps {
    /// The last load that replaced work.
    pub replaced: Replaced,
    /// Restores the work it replaced.
    pub on_undo: Callback<()>,
    /// Hides the notice.
    pub on_dismiss: Callback<()>,
}

/// The notice.
#[component]
pub fn UndoNotice(props: &UndoNoticeProps) -> Html {
    html! {
        <p class="notice undo-notice" role="status" data-testid="load-notice">
            <span>{props.replaced.message.clone()}</span>{" "}
            <button type="button" data-testid="undo-load" onclick={props.on_undo.reform(|_| ())}>{"Undo"}</button>
            <button type="button" class="icon-button" aria-label="Dismiss" title="Dismiss" onclick={props.on_dismiss.reform(|_| ())}>{"×"}</button>
        </p>
    }
}
