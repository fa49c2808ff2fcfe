//! What presenter mode adds to the page while it is on (`?present`, the Present button): its
//! stylesheet and the *Hide the answer* switch, for asking the class before showing the decision.
//!
//! Both cost the first visit almost nothing: the stylesheet (`teach/presenter.css`: large type,
//! stronger contrast, the editing chrome hidden, YAML and answer side by side) is a `<link>` that
//! exists only while presenting, and the switch's behaviour is `teach/presenter.js`, imported on
//! its first press. The switch sets `data-hide-answer` on `.app`; the stylesheet hides the
//! decision, the explanation and the route map's lighting while it is `"true"`.

use crate::teach_modules::toggle_answer;
use yew::prelude::*;

/// The presenter stylesheet and the switch (`data-testid="hide-answer"`, `aria-pressed`); render it
/// only while presenting.
pub fn presenter_chrome() -> Html {
    html! {
        <>
            <link rel="stylesheet" href="teach/presenter.css" />
            <button type="button" class="hide-answer" data-testid="hide-answer" aria-pressed="false"
                onclick={|e: MouseEvent| toggle_answer(&e)}>{"Hide the answer"}</button>
        </>
    }
}
