//! "Compare controllers": the request routed under every profile side by side, the profiles that
//! disagree with the majority marked. It runs only while open, through the JS API package with
//! every profile (loaded on first use, see [`crate::controllers`]). The table is laid out by a
//! JS module imported when the panel first shows one (`web/compare-table.js`), so its code stays
//! off the first visit; this component keeps the panel, its summary and its test hooks.

use crate::controllers;
use crate::shared::Text;
use ingress_engine::{Profile, Request};
use js_sys::{Array, Promise, Reflect};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function compare_table(comparison, current) {
  return import(new URL("compare-table.js", document.baseURI).href).then((m) => m.compareTable(comparison, current));
}
"#)]
extern "C" {
    /// The table of a `Comparison` of the JS API, `current` marked (`web/compare-table.js`).
    fn compare_table(comparison: &JsValue, current: &str) -> Promise;
}

/// Props of [`ComparePanel`].
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// The manifest text.
    pub yaml: Text,
    /// The class the user asked for (`None`: the input's default, or every class).
    pub class: Option<String>,
    /// The request, when the fields make one.
    pub request: Option<Request>,
    /// The profile of the main decision.
    pub current: Profile,
    /// Switches the main decision to a profile.
    pub on_profile: Callback<Profile>,
}

/// A comparison as the JS API gives it, and its table.
#[derive(Clone, PartialEq)]
struct Compared {
    comparison: JsValue,
    table: web_sys::Node,
}

impl Compared {
    /// The comparison, then its table (which imports the table's module the first time).
    async fn of(comparison: JsValue, current: Profile) -> Result<Compared, String> {
        let table = JsFuture::from(compare_table(&comparison, current.name()))
            .await
            .map_err(|e| format!("the comparison could not be shown: {}", controllers::message(&e)))?;
        Ok(Compared { comparison, table: table.unchecked_into() })
    }

    fn member(&self, key: &str) -> JsValue {
        Reflect::get(&self.comparison, &key.into()).unwrap_or_default()
    }

    /// True when every profile sends the request to the same place.
    fn agree(&self) -> bool {
        self.member("agree").as_bool().unwrap_or(false)
    }

    /// "All 10 profiles agree", or the fields that change where the request lands; and its class.
    fn summary(&self) -> (&'static str, String) {
        if self.agree() {
            let count = Array::from(&self.member("decisions")).length();
            return ("agree", format!("All {count} profiles agree"));
        }
        let fields: Vec<String> = Array::from(&self.member("differences"))
            .iter()
            .filter_map(|d| d.as_string())
            .filter(|d| matches!(d.as_str(), "outcome" | "backend" | "redirect" | "upstreamPath"))
            .collect();
        ("disagree", format!("Profiles disagree on {}", fields.join(", ")))
    }
}

/// What the panel shows.
#[derive(Clone, PartialEq)]
enum Shown {
    Closed,
    Loading,
    Ready(Rc<Compared>),
    Failed(String),
}

/// The profile whose name a click inside the table chose (its button's `data-choose`).
fn chosen_profile(event: &MouseEvent) -> Option<Profile> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let button = target.closest("[data-choose]").ok()??;
    Profile::parse(&button.get_attribute("data-choose")?)
}

/// The panel.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let open = use_state(|| false);
    let shown = use_state(|| Shown::Closed);
    // A comparison is being computed (the table on screen, if any, is for an earlier request).
    let busy = use_state_eq(|| false);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(details.open());
        })
    };
    {
        let (shown, busy) = (shown.clone(), busy.clone());
        let generation = generation.borrow().clone();
        let deps = (*open, props.yaml.clone(), props.class.clone(), props.request.clone(), props.current);
        use_effect_with(deps, move |deps| {
            let (open, yaml, class, request, current) = deps.clone();
            let ticket = generation.get().wrapping_add(1);
            generation.set(ticket);
            busy.set(open && request.is_some());
            match (open, request) {
                (false, _) => shown.set(Shown::Closed),
                (true, None) => shown.set(Shown::Failed("Type a valid URL to compare.".into())),
                (true, Some(request)) => {
                    if !matches!(*shown, Shown::Ready(_)) {
                        shown.set(Shown::Loading);
                    }
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = match controllers::compare(&yaml.0, &request, class.as_deref()).await {
                            Ok(comparison) => Compared::of(comparison, current).await,
                            Err(e) => Err(e),
                        };
                        if generation.get() == ticket {
                            busy.set(false);
                            shown.set(match result {
                                Ok(c) => Shown::Ready(Rc::new(c)),
                                Err(e) => Shown::Failed(e),
                            });
                        }
                    });
                }
            }
        });
    }
    let (summary_class, summary) = match &*shown {
        Shown::Closed => {
            ("muted", "How would ingress-nginx, GKE, AWS ALB, Traefik and Contour route this request?".into())
        }
        Shown::Loading => ("muted", "Loading the controller profiles…".into()),
        Shown::Failed(e) => ("muted", e.clone()),
        Shown::Ready(c) => c.summary(),
    };
    let agree = match &*shown {
        Shown::Ready(c) => c.agree().to_string(),
        _ => String::new(),
    };
    let on_choose = {
        let on_profile = props.on_profile.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(profile) = chosen_profile(&e) {
                on_profile.emit(profile);
            }
        })
    };
    html! {
        <details class="compare" data-testid="compare-view" data-agree={agree} aria-busy={busy.then_some("true")} ontoggle={on_toggle}>
            <summary><h2 class="inline-heading">{"Compare controllers"}</h2>{" "}<span class={summary_class}>{summary}</span></summary>
            if let Shown::Ready(c) = &*shown {
                <div onclick={on_choose}>{Html::VRef(c.table.clone())}</div>
            }
        </details>
    }
}
