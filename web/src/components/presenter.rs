//! Presenter mode's *Hide the answer* switch: a teacher asks the class first, then shows the
//! decision. It sets `data-hide-answer="true"` on the page's root (`.app`), and web/style.css
//! (`/* presenter */`) hides the decision, the explanation and the route map's lighting while it
//! is on. Rendered only in presenter mode; leaving presenter mode removes it and shows the answer.

use web_sys::Element;
use yew::prelude::*;

/// The switch (`data-testid="hide-answer"`, `aria-pressed`).
#[component]
pub fn HideAnswer() -> Html {
    let hidden = use_state_eq(|| false);
    let button = use_node_ref();
    {
        let button = button.clone();
        use_effect_with(*hidden, move |&hidden| {
            let app = button.cast::<Element>().and_then(|b| b.closest(".app").ok().flatten());
            if let Some(app) = &app {
                let _ = app.set_attribute("data-hide-answer", if hidden { "true" } else { "false" });
            }
            move || {
                if let Some(app) = app {
                    let _ = app.remove_attribute("data-hide-answer");
                }
            }
        });
    }
    let onclick = {
        let hidden = hidden.clone();
        Callback::from(move |_: MouseEvent| hidden.set(!*hidden))
    };
    html! {
        <button type="button" ref={button} class="hide-answer" data-testid="hide-answer" aria-pressed={hidden.to_string()} {onclick}>
            {"Hide the answer"}
        </button>
    }
}
