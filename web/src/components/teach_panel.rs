//! The Teach bar and its panel: the bridge between the page and the teaching views (README,
//! "The playground"; the contract in ARCHITECTURE.md, `web/`).
//!
//! The views (step-through, route map, lessons) are plain JS modules under `web/teach/`, imported
//! when first opened, so none of their code is part of the first visit; this component only keeps
//! the bar, the panel's host element and the events the views send back. `teach/teach.js` gets
//! `open(view, host, ctx)`, `update(ctx)` on every settled change while open, and `close()`; a
//! view answers with bubbling `teach-reveal`, `teach-load` and `teach-request` events on the host,
//! flattened here by the glue into arrays of strings (the page reads no JS objects).

use crate::controllers::{case_object, set_pairs};
use crate::simulation::{input_request, table_cases, EngineInput};
use crate::state::{Playground, RequestField, RequestFields};
use ingress_engine::cases::parse_cases;
use ingress_engine::Profile;
use js_sys::{Array, Object, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(inline_js = r##"
let teach;
export function teach_open(view, host, ctx, handler) {
  teach ??= import(new URL("teach/teach.js", document.baseURI).href);
  teach.then((m) => m.open(view, host, ctx, handler), (e) => {
    teach = undefined;
    host.textContent = `This view could not be loaded: ${e.message}`;
  });
}
export function teach_update(ctx) { teach?.then((m) => m.update(ctx), () => {}); }
export function teach_close() { teach?.then((m) => m.close(), () => {}); }
export function teach_start() {
  const q = new URLSearchParams(location.search);
  return [q.has("present"), q.has("lesson") || location.hash.startsWith("#lesson=") ? "lessons" : q.get("view")];
}
"##)]
extern "C" {
    fn teach_open(view: &str, host: &web_sys::Element, ctx: &JsValue, handler: &JsValue);
    fn teach_update(ctx: &JsValue);
    fn teach_close();
    fn teach_start() -> Array;
}

/// The views of the panel: (`data-view`, `data-testid` of its button, the button's label).
const VIEWS: [(&str, &str, &str); 3] =
    [("steps", "teach-steps", "Step through"), ("map", "teach-map", "Route map"), ("lessons", "teach-lessons", "Lessons")];

/// How the page was asked to start: `?present`, and the view of `?view=`, `?lesson=`, `#lesson=`.
pub fn start() -> (bool, Option<&'static str>) {
    let start = teach_start();
    let view = start.get(1).as_string().unwrap_or_default();
    (start.get(0).is_truthy(), VIEWS.iter().map(|v| v.0).find(|&v| v == view))
}

/// Props of [`TeachPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct TeachPanelProps {
    /// The state as the engine last read it (debounced): the views' `ctx`.
    pub settled: EngineInput,
    /// The view open at start-up (see [`start`]).
    pub initial: Option<&'static str>,
    /// Presenter mode is on.
    pub presenting: bool,
    /// Switches presenter mode.
    pub on_present: Callback<()>,
    /// Marks lines `(first, last)` in the editor; `None` clears the mark.
    pub on_reveal: Callback<Option<(u32, u32)>>,
    /// Loads a state over the current one, with Undo (the history's `load`).
    pub on_load: Callback<(Playground, String)>,
    /// Sets one request field.
    pub on_request: Callback<(RequestField, String)>,
}

/// `ctx` of the contract: `{yaml, request, requestError, profile, class, rows}`.
fn context(input: &EngineInput) -> JsValue {
    let ctx = Object::new();
    let set = |object: &Object, key: &str, value: JsValue| {
        let _ = Reflect::set(object, &key.into(), &value);
    };
    set(&ctx, "yaml", input.yaml.as_str().into());
    set(&ctx, "profile", input.profile.name().into());
    set(&ctx, "class", input.class.as_deref().map_or(JsValue::NULL, JsValue::from));
    let rows: Array = table_cases(&input.rows).cases.iter().map(case_object).collect();
    set(&ctx, "rows", rows.into());
    match input_request(input) {
        Ok(parsed) => {
            let fields = &input.request;
            let request = Object::new();
            for (key, value) in [("url", &fields.url), ("host", &fields.host_header), ("sni", &fields.sni), ("method", &fields.method)] {
                if !value.is_empty() {
                    set(&request, key, value.as_str().into());
                }
            }
            set_pairs(&request, "headers", &parsed.headers);
            set_pairs(&request, "cookies", &parsed.cookies);
            set(&ctx, "request", request.into());
        }
        Err(error) => {
            set(&ctx, "request", JsValue::NULL);
            set(&ctx, "requestError", error.into());
        }
    }
    ctx.into()
}

/// The request fields of a flattened event: url, host, sni, method, header lines.
fn request_fields(event: &[String]) -> RequestFields {
    let field = |i: usize| event.get(i).cloned().unwrap_or_default();
    RequestFields { url: field(0), host_header: field(1), sni: field(2), method: field(3), headers: field(4) }
}

/// What an event from a view asks of the page.
fn handle(event: &[String], props: &TeachPanelProps) {
    let number = |i: usize| event.get(i).and_then(|n| n.parse::<u32>().ok()).filter(|&n| n > 0);
    match event.first().map(String::as_str) {
        Some("reveal") => props.on_reveal.emit(number(1).map(|line| (line, number(2).unwrap_or(line).max(line)))),
        Some("request") => {
            let fields = request_fields(&event[1..]);
            for (field, value) in [
                (RequestField::Url, fields.url),
                (RequestField::HostHeader, fields.host_header),
                (RequestField::Sni, fields.sni),
                (RequestField::Method, fields.method),
                (RequestField::Headers, fields.headers),
            ] {
                props.on_request.emit((field, value));
            }
        }
        Some("load") if event.len() > 5 => {
            let request = request_fields(&event[5..]);
            let request = if request.url.is_empty() { props.settled.request.clone() } else { request };
            let rows = crate::cases_io::rows_from_case_file(&parse_cases(&event[4]).0);
            let mut state = Playground::new(event[2].clone(), request, rows);
            state.profile = Profile::parse(&event[3]).unwrap_or_default();
            props.on_load.emit((state, format!("Loaded “{}”", event[1])));
        }
        _ => {}
    }
}

/// The bar and the panel.
#[component]
pub fn TeachPanel(props: &TeachPanelProps) -> Html {
    let view = use_state_eq(|| props.initial);
    // The host the views render into: made once, never touched by yew (an `Html::VRef`).
    let host = use_memo((), |_| {
        let host = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok());
        let host = host.expect("a document");
        let _ = host.set_attribute("class", "teach-host");
        let _ = host.set_attribute("tabindex", "-1");
        host
    });
    // The latest props, for the event handler made once.
    let latest = use_mut_ref(|| None::<Rc<TeachPanelProps>>);
    *latest.borrow_mut() = Some(Rc::new(props.clone()));
    // What teach.js calls with each event of a view, flattened (see its `listen`).
    let handler = {
        let latest = latest.clone();
        use_memo((), move |_| {
            Closure::<dyn Fn(Array)>::new(move |event: Array| {
                let event: Vec<String> = event.iter().map(|v| v.as_string().unwrap_or_default()).collect();
                let props = latest.borrow().clone();
                if let Some(props) = props {
                    handle(&event, &props);
                }
            })
            .into_js_value()
        })
    };
    let opened = use_mut_ref(|| None::<&'static str>);
    // A view opened from the bar takes the focus, so its keys (←/→ of the step-through) work at once.
    let focus = use_mut_ref(|| false);
    {
        let (host, opened, focus, handler) = (host.clone(), opened.clone(), focus.clone(), handler.clone());
        let on_reveal = props.on_reveal.clone();
        use_effect_with((*view, props.settled.clone()), move |(view, settled)| {
            let before = opened.replace(*view);
            match (*view, before) {
                (Some(now), Some(then)) if now == then => teach_update(&context(settled)),
                (Some(now), _) => {
                    teach_open(now, &host, &context(settled), &handler);
                    if focus.replace(false) {
                        let _ = host.unchecked_ref::<web_sys::HtmlElement>().focus();
                    }
                }
                (None, Some(_)) => {
                    teach_close();
                    on_reveal.emit(None);
                }
                (None, None) => {}
            }
        });
    }
    let buttons = VIEWS.iter().map(|&(name, testid, label)| {
        let onclick = {
            let (view, focus) = (view.clone(), focus.clone());
            Callback::from(move |_: MouseEvent| {
                let next = (*view != Some(name)).then_some(name);
                *focus.borrow_mut() = next.is_some();
                view.set(next);
            })
        };
        html! {
            <button type="button" data-testid={testid} aria-pressed={(*view == Some(name)).to_string()} {onclick}>{label}</button>
        }
    });
    let on_present = {
        let on_present = props.on_present.clone();
        Callback::from(move |_: MouseEvent| on_present.emit(()))
    };
    let open = view.map(|name| {
        let label = VIEWS.iter().find(|v| v.0 == name).map_or("", |v| v.2);
        let close = {
            let view = view.clone();
            Callback::from(move |_: MouseEvent| view.set(None))
        };
        html! {
            <section id="teach-panel" class="teach-panel" data-testid="teach-panel" data-view={name} aria-label={label}>
                <button type="button" class="teach-close" data-testid="teach-close" aria-label={format!("Close {label}")} onclick={close}>{"×"}</button>
                {Html::VRef((*host).clone().into())}
            </section>
        }
    });
    html! {
        <>
            <div class="teach-bar" role="toolbar" aria-label="Teach" data-testid="teach-bar">
                <span class="teach-label" aria-hidden="true">{"Teach"}</span>
                {for buttons}
                <button type="button" data-testid="teach-present" aria-pressed={props.presenting.to_string()} onclick={on_present}>{"Present"}</button>
                if props.presenting {
                    {crate::components::presenter::presenter_chrome()}
                }
            </div>
            {open}
        </>
    }
}
