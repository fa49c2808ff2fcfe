//! The JS side of the boundary: checking argument types, decoding argument objects with
//! serde-wasm-bindgen, and serialising results to plain JS objects (never `Map`s).
//!
//! Every function returns its problem as a sentence; the export prefixes its own name.

use crate::input::{ManifestInput, SourceInput, SOURCE_KEYS};
use js_sys::{Array, Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, catching what a Proxy may throw (js-sys's binding would let it unwind
    /// through the wasm frames).
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// What a JS value is, for messages: `a number`, `null`, `an array`…
pub fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if Array::is_array(value) {
        return "an array".into();
    }
    match value.js_typeof().as_string().as_deref() {
        Some("undefined") => "undefined".into(),
        Some(kind @ "object") => format!("an {kind}"),
        Some(kind) => format!("a {kind}"),
        None => "an unknown value".into(),
    }
}

/// A string argument such as the manifest text.
pub fn text(name: &str, value: &JsValue) -> Result<String, String> {
    value.as_string().ok_or_else(|| format!("{name} must be a string, found {}", describe(value)))
}

/// The manifest argument: a YAML string, or an array of `{ name, text }` sources.
pub fn manifest(name: &str, value: &JsValue) -> Result<ManifestInput, String> {
    if let Some(text) = value.as_string() {
        return Ok(ManifestInput::Text(text));
    }
    if !Array::is_array(value) {
        return Err(format!("{name} must be a string or an array of {SOURCE_SHAPE}, found {}", describe(value)));
    }
    let sources = Array::from(value)
        .iter()
        .enumerate()
        .map(|(index, source)| required_object(&format!("{name}[{index}]"), &source, SOURCE_KEYS, SOURCE_SHAPE))
        .collect::<Result<Vec<SourceInput>, String>>()?;
    ManifestInput::named(sources, name)
}

/// How a named source is written, for messages.
const SOURCE_SHAPE: &str = "{ name, text }";

/// The member `key` of an object (`undefined` when absent, or when `object` is absent).
pub fn member(object: &JsValue, key: &str) -> Result<JsValue, String> {
    if object.is_undefined() || object.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(object, &key.into()).map_err(|e| format!("{key} could not be read: {}", message_of(e)))
}

/// The string member `key` of an object, if it is there.
pub fn optional_text(object: &JsValue, key: &str) -> Result<Option<String>, String> {
    let value = member(object, key)?;
    match value.is_undefined() || value.is_null() {
        true => Ok(None),
        false => text(key, &value).map(Some),
    }
}

/// The number member `key` of an object, if it is there.
pub fn optional_number(object: &JsValue, key: &str) -> Result<Option<f64>, String> {
    let value = member(object, key)?;
    match value.is_undefined() || value.is_null() {
        true => Ok(None),
        false => value.as_f64().map(Some).ok_or_else(|| format!("{key} must be a number, found {}", describe(&value))),
    }
}

/// An object argument that must be given. `shape` shows the caller what to pass.
pub fn required_object<T: DeserializeOwned>(
    name: &str,
    value: &JsValue,
    keys: &[&str],
    shape: &str,
) -> Result<T, String> {
    if value.is_undefined() || value.is_null() {
        return Err(format!("{name} is missing: pass {shape}"));
    }
    decode_object(name, value, keys, shape)
}

/// An object argument that may be left out (`undefined` or `null`): then every field is absent.
pub fn optional_object<T: DeserializeOwned + Default>(
    name: &str,
    value: &JsValue,
    keys: &[&str],
    shape: &str,
) -> Result<T, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    decode_object(name, value, keys, shape)
}

/// What a field of an argument object holds, from how its key is written in the list of keys.
#[derive(Clone, Copy, PartialEq)]
enum FieldKind {
    /// `name`: a string.
    Text,
    /// `name[]`: an array of strings.
    Texts,
    /// `name?`: a boolean.
    Flag,
    /// `name{}`: name–value pairs, as an object of strings or an array of `[name, value]` arrays.
    Pairs,
    /// `name#`: a count (a whole number, 0 or more).
    Count,
}

impl FieldKind {
    /// The field's name and kind, from its entry in a list of keys.
    fn of(key: &str) -> (&str, FieldKind) {
        if let Some(name) = key.strip_suffix("[]") {
            (name, FieldKind::Texts)
        } else if let Some(name) = key.strip_suffix("{}") {
            (name, FieldKind::Pairs)
        } else if let Some(name) = key.strip_suffix('?') {
            (name, FieldKind::Flag)
        } else if let Some(name) = key.strip_suffix('#') {
            (name, FieldKind::Count)
        } else {
            (key, FieldKind::Text)
        }
    }

    fn expected(self) -> &'static str {
        match self {
            FieldKind::Text => "a string",
            FieldKind::Texts => "an array of strings",
            FieldKind::Flag => "a boolean",
            FieldKind::Pairs => "an object of strings or an array of [name, value] pairs",
            FieldKind::Count => "a whole number, 0 or more",
        }
    }
}

/// Decodes a plain object whose fields are all optional and named in `keys` (see [`FieldKind`]
/// for how a key gives its field's type). Each field is read once and checked, so that a mistake
/// is reported with the field's name; serde then decodes a copy holding the checked values, so no
/// getter or Proxy of the caller's runs during decoding.
fn decode_object<T: DeserializeOwned>(name: &str, value: &JsValue, keys: &[&str], shape: &str) -> Result<T, String> {
    if !value.is_object() || Array::is_array(value) {
        return Err(format!("{name} must be an object {shape}, found {}", describe(value)));
    }
    let unreadable = |what: String| move |e: JsValue| format!("{what} could not be read: {}", message_of(e));
    let checked = Object::new();
    let fields: Vec<(&str, FieldKind)> = keys.iter().map(|k| FieldKind::of(k)).collect();
    for key in object_keys(value).map_err(unreadable(name.to_string()))?.iter() {
        let key_text = key.as_string().unwrap_or_default();
        let Some(&(_, kind)) = fields.iter().find(|(n, _)| *n == key_text) else {
            let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
            return Err(crate::input::unknown_key(name, &key_text, &names));
        };
        let field = Reflect::get(value, &key).map_err(unreadable(format!("{name}.{key_text}")))?;
        let field = match kind {
            _ if field.is_undefined() || field.is_null() => field,
            FieldKind::Text if field.is_string() => field,
            FieldKind::Flag if field.as_bool().is_some() => field,
            FieldKind::Count if field.as_f64().is_some_and(|n| n >= 0.0 && n.fract() == 0.0) => field,
            FieldKind::Texts if Array::is_array(&field) => string_array(&format!("{name}.{key_text}"), &field)?,
            FieldKind::Pairs if field.is_object() => pairs(&format!("{name}.{key_text}"), &field)?,
            _ => return Err(format!("{name}.{key_text} must be {}, found {}", kind.expected(), describe(&field))),
        };
        Reflect::set(&checked, &key, &field).map_err(unreadable(format!("{name}.{key_text}")))?;
    }
    serde_wasm_bindgen::from_value(checked.into()).map_err(|e| format!("{name}: {}", message_of(e.into())))
}

/// A fresh array of `[name, value]` string arrays from an object of strings or an array of pairs,
/// or which entry is not a pair of strings.
fn pairs(name: &str, value: &JsValue) -> Result<JsValue, String> {
    let entries = if Array::is_array(value) { Array::from(value) } else { Object::entries(value.unchecked_ref()) };
    let copy = Array::new();
    for (index, entry) in entries.iter().enumerate() {
        let pair = Array::is_array(&entry).then(|| Array::from(&entry)).filter(|p| p.length() == 2);
        match pair {
            Some(pair) if pair.get(0).is_string() && pair.get(1).is_string() => copy.push(&pair),
            _ if !Array::is_array(value) => {
                let key = Array::from(&entry).get(0).as_string().unwrap_or_default();
                return Err(format!("{name}.{key} must be a string, found {}", describe(&Array::from(&entry).get(1))));
            }
            _ => {
                return Err(format!(
                    "{name}[{index}] must be a [name, value] pair of strings, found {}",
                    describe(&entry)
                ))
            }
        };
    }
    Ok(copy.into())
}

/// A fresh array holding the strings of `value`, or which element is not a string.
fn string_array(name: &str, value: &JsValue) -> Result<JsValue, String> {
    let copy = Array::new();
    for (index, element) in Array::from(value).iter().enumerate() {
        if !element.is_string() {
            return Err(format!("{name}[{index}] must be a string, found {}", describe(&element)));
        }
        copy.push(&element);
    }
    Ok(copy.into())
}

/// Serialises a result to plain JS objects, arrays and `null`s: written as JSON here and read by
/// the engine's `JSON.parse`, the result crosses as one string. serde-wasm-bindgen's
/// `json_compatible` serializer gives the same objects, but makes each string and object by a
/// call across the boundary (a decision explaining 1,000 candidates makes ~6,000 strings): half of
/// the conversion's time in Chromium, for +0.2 KB gzipped (docs/performance.md).
pub fn to_plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    let json = serde_json::to_string(value).map_err(|e| format!("the result could not be converted: {e}"))?;
    js_sys::JSON::parse(&json).map_err(|e| format!("the result could not be converted: {}", message_of(e)))
}

/// The message of a thrown JS value (an `Error`'s `message`, or the value itself).
fn message_of(error: JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => format!("{error:?}"),
    }
}
