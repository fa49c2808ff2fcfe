//! The request: URL, SNI, Host header; and what to simulate: IngressClass and profile.

use crate::request_fields::sni_placeholder;
use crate::simulation::ClassOptions;
use crate::state::{RequestField, RequestFields};
use ingress_engine::class::EVERY_CLASS;
use ingress_engine::Profile;
use web_sys::{HtmlInputElement, HtmlSelectElement};
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
    let mut names = props.classes.names.clone();
    if !chosen.is_empty() && !names.contains(&chosen) {
        names.push(chosen.clone());
    }
    html! {
        <form class="request-form" aria-label="Request" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            {text_input("request-url", "Request URL", &r.url, "https://foo.bar.com/path".into(), RequestField::Url, &props.on_edit, props.error.as_ref())}
            <div class="field-row">
                {text_input("request-sni", "TLS SNI name", &r.sni, sni_placeholder(&r.url), RequestField::Sni, &props.on_edit, None)}
                {text_input("request-host", "Host header override", &r.host_header, "the URL's host".into(), RequestField::HostHeader, &props.on_edit, None)}
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
                                {format!("{} — {}", p.name(), p.description())}
                            </option>
                        })}
                    </select>
                </div>
            </div>
        </form>
    }
}
