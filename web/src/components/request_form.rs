//! The request: URL, SNI, Host header, method and headers; and what to simulate: IngressClass
//! and profile.

use crate::request_fields::{error_field, sni_placeholder, METHODS};
use crate::simulation::ClassOptions;
use crate::state::{RequestField, RequestFields};
use ingress_engine::Profile;
use ingress_engine::EVERY_CLASS;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`RequestForm`].
#[derive(Properties, PartialEq)]
pub struct RequestFormProps {
    /// The fields.
    pub request: RequestFields,
    /// Why the fields make no request, if they don't.
    pub error: Option<AttrValue>,
    /// The class chosen.
    pub class: Option<String>,
    /// The classes to offer.
    pub classes: ClassOptions,
    /// The profile chosen.
    pub profile: Profile,
    /// A field changed.
    pub on_edit: Callback<(RequestField, String)>,
    /// A class was chosen (`None`: automatic).
    pub on_class: Callback<Option<String>>,
    /// A profile was chosen.
    pub on_profile: Callback<Profile>,
}

fn text_input(
    id: &'static str,
    label: &'static str,
    value: &str,
    placeholder: String,
    field: RequestField,
    on_edit: &Callback<(RequestField, String)>,
    invalid: Option<&AttrValue>,
) -> Html {
    let oninput = on_edit.reform(move |e: InputEvent| (field, e.target_unchecked_into::<HtmlInputElement>().value()));
    let error_id = format!("{id}-error");
    html! {
        <div class={classes!("field", id)}>
            <label for={id}>{label}</label>
            <input
                {id}
                data-testid={id}
                type="text"
                inputmode="url"
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                value={value.to_string()}
                {placeholder}
                aria-invalid={invalid.is_some().then_some("true")}
                aria-describedby={invalid.is_some().then(|| error_id.clone())}
                {oninput}
            />
            if let Some(message) = invalid {
                <p class="field-error" id={error_id}>{message.clone()}</p>
            }
        </div>
    }
}

/// The Method menu: the common methods, and the one a link or a case file gave if it is another.
fn method_select(method: &str, node: NodeRef, on_edit: &Callback<(RequestField, String)>) -> Html {
    let chosen = if method.is_empty() { "GET" } else { method };
    let onchange =
        on_edit.reform(|e: Event| (RequestField::Method, e.target_unchecked_into::<HtmlSelectElement>().value()));
    let other = (!METHODS.contains(&chosen)).then_some(chosen);
    html! {
        <div class="field method">
            <label for="request-method">{"Method"}</label>
            <select id="request-method" data-testid="request-method" ref={node} {onchange}>
                {for METHODS.iter().copied().chain(other).map(|m| html! {
                    <option value={m.to_string()} selected={m == chosen}>{m.to_string()}</option>
                })}
            </select>
        </div>
    }
}

/// The Headers box: one `Name: value` per line; a `Cookie:` line gives the cookies.
fn headers_box(text: &str, on_edit: &Callback<(RequestField, String)>, invalid: Option<&AttrValue>) -> Html {
    let oninput = on_edit
        .reform(|e: InputEvent| (RequestField::Headers, e.target_unchecked_into::<HtmlTextAreaElement>().value()));
    html! {
        <div class="field headers">
            <label for="request-headers">{"Headers"}</label>
            <textarea
                id="request-headers"
                data-testid="request-headers"
                rows="2"
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                placeholder={"X-Canary: always\nCookie: beta=always"}
                value={text.to_string()}
                aria-invalid={invalid.is_some().then_some("true")}
                aria-describedby={invalid.is_some().then_some("request-headers-error")}
                {oninput}
            />
            if let Some(message) = invalid {
                <p class="field-error" id="request-headers-error">{message.clone()}</p>
            }
        </div>
    }
}

/// Keeps a `<select>` showing `value` after every render. An option's `selected` attribute no
/// longer moves the selection once the user has picked in the menu (the HTML spec's
/// "dirtiness"), so a load or an Undo would leave the menu showing the old choice.
#[hook]
fn use_select_value(value: String) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect(move || {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                if select.value() != value {
                    select.set_value(&value);
                }
            }
        });
    }
    node
}

/// The form.
#[component]
pub fn RequestForm(props: &RequestFormProps) -> Html {
    let r = &props.request;
    let on_class = props.on_class.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        (!value.is_empty()).then_some(value)
    });
    let on_profile = props
        .on_profile
        .reform(|e: Event| Profile::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()).unwrap_or_default());
    let automatic = match &props.classes.default {
        Some(name) => format!("default class ({name})"),
        None => "all classes (no default class)".to_string(),
    };
    let chosen = props.class.clone().unwrap_or_default();
    let class_select = use_select_value(chosen.clone());
    let profile_select = use_select_value(props.profile.name().to_string());
    let method_node = use_select_value(if r.method.is_empty() { "GET".into() } else { r.method.clone() });
    let error_at = |field: RequestField| props.error.as_ref().filter(|e| error_field(e) == field);
    let mut names = props.classes.names.clone();
    if !chosen.is_empty() && !names.contains(&chosen) {
        names.push(chosen.clone());
    }
    html! {
        <form class="request-form" aria-label="Request" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            {text_input("request-url", "Request URL", &r.url, "https://foo.bar.com/path".into(), RequestField::Url, &props.on_edit, error_at(RequestField::Url).or(error_at(RequestField::Method)))}
            <div class="field-row">
                {text_input("request-sni", "TLS SNI name", &r.sni, sni_placeholder(&r.url), RequestField::Sni, &props.on_edit, error_at(RequestField::Sni))}
                {text_input("request-host", "Host header override", &r.host_header, "the URL's host".into(), RequestField::HostHeader, &props.on_edit, error_at(RequestField::HostHeader))}
            </div>
            <div class="field-row request-extras">
                {method_select(&r.method, method_node, &props.on_edit)}
                {headers_box(&r.headers, &props.on_edit, error_at(RequestField::Headers))}
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="class-select">{"IngressClass"}</label>
                    <select id="class-select" data-testid="class-select" ref={class_select} onchange={on_class}>
                        <option value="" selected={chosen.is_empty()}>{automatic}</option>
                        if props.classes.default.is_some() {
                            <option value={EVERY_CLASS} selected={chosen == EVERY_CLASS}>{"all classes (ignore the default)"}</option>
                        }
                        {for names.iter().map(|name| html! {
                            <option value={name.clone()} selected={*name == chosen}>{name.clone()}</option>
                        })}
                    </select>
                </div>
                <div class="field">
                    <label for="profile-select">{"Profile"}</label>
                    <select id="profile-select" data-testid="profile-select" ref={profile_select} onchange={on_profile}>
                        {for Profile::ALL.iter().map(|p| html! {
                            <option value={p.name()} selected={*p == props.profile} title={p.description()}>
                                {format!("{} — {}", p.title(), p.description())}
                            </option>
                        })}
                    </select>
                </div>
            </div>
        </form>
    }
}
