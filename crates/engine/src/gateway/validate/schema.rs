//! The OpenAPI schema checks of the Gateway API CRDs and the API server's wording of their
//! failures (kubernetes/apiextensions-apiserver `pkg/apiserver/validation/validation.go`
//! `ConvertSchemaValidationErrors`, kube-openapi `pkg/validation/errors`), plus the shape of a CEL
//! rule's failure (`Invalid value: "object": <message>`).

use std::sync::OnceLock;

use crate::diagnostic::ErrorType;
use crate::model::Spanned;
use crate::source::Span;
use crate::validate::{BadValue, Report};

/// A `pattern` of the schema, as written in the CRD (Go RE2 search semantics, as kube-openapi
/// applies it: anchors only where the pattern has them).
pub(super) struct Pattern {
    text: &'static str,
    regex: OnceLock<regex_lite::Regex>,
}

impl Pattern {
    pub const fn new(text: &'static str) -> Pattern {
        Pattern { text, regex: OnceLock::new() }
    }

    pub fn is_match(&self, value: &str) -> bool {
        // The patterns are constants of this module, each compiled by a test.
        self.regex.get_or_init(|| regex_lite::Regex::new(self.text).expect("a CRD pattern compiles")).is_match(value)
    }

    pub fn text(&self) -> &'static str {
        self.text
    }
}

// The patterns of `apis/v1/shared_types.go` and `object_reference_types.go` (kubebuilder markers,
// copied into every CRD).

/// `Hostname`.
pub(super) static HOSTNAME: Pattern =
    Pattern::new(r"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
/// `PreciseHostname`, `SectionName`.
pub(super) static PRECISE_HOSTNAME: Pattern =
    Pattern::new(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
/// `Group`.
pub(super) static GROUP: Pattern =
    Pattern::new(r"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
/// `Kind`.
pub(super) static KIND: Pattern = Pattern::new(r"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$");
/// `Namespace`.
pub(super) static NAMESPACE: Pattern = Pattern::new(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
/// `GatewayController`.
pub(super) static CONTROLLER: Pattern = Pattern::new(
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$",
);
/// `HTTPHeaderName` / `HeaderName`.
pub(super) static HEADER_NAME: Pattern = Pattern::new(r"^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$");
/// `Duration` (GEP-2257).
pub(super) static DURATION: Pattern = Pattern::new(r"^([0-9]{1,5}(h|m|s|ms)){1,4}$");
/// `ProtocolType`.
pub(super) static PROTOCOL: Pattern = Pattern::new(
    r"^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$",
);
/// `AddressType`.
pub(super) static ADDRESS_TYPE: Pattern = Pattern::new(
    r"^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$",
);
/// `LabelValue` (apimachinery `labelValueFmt`, anchored).
pub(super) static LABEL_VALUE: Pattern = Pattern::new(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
/// `CORSOrigin`.
pub(super) static CORS_ORIGIN: Pattern =
    Pattern::new(r"(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9\-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)");

/// What the schema says about a string field.
#[derive(Clone, Copy, Default)]
pub(super) struct Str {
    pub min: usize,
    pub max: Option<usize>,
    pub pattern: Option<&'static Pattern>,
    pub values: Option<&'static [&'static str]>,
}

/// A `Name`/`ObjectName`-like string: 1–253 characters.
pub(super) const NAME: Str = Str { min: 1, max: Some(253), pattern: None, values: None };
/// `SectionName`.
pub(super) const SECTION_NAME: Str = Str { min: 1, max: Some(253), pattern: Some(&PRECISE_HOSTNAME), values: None };
/// `Group`.
pub(super) const GROUP_STR: Str = Str { min: 0, max: Some(253), pattern: Some(&GROUP), values: None };
/// `Kind`.
pub(super) const KIND_STR: Str = Str { min: 1, max: Some(63), pattern: Some(&KIND), values: None };
/// `Namespace`.
pub(super) const NAMESPACE_STR: Str = Str { min: 1, max: Some(63), pattern: Some(&NAMESPACE), values: None };
/// `Hostname`.
pub(super) const HOSTNAME_STR: Str = Str { min: 1, max: Some(253), pattern: Some(&HOSTNAME), values: None };
/// `PreciseHostname`.
pub(super) const PRECISE_HOSTNAME_STR: Str =
    Str { min: 1, max: Some(253), pattern: Some(&PRECISE_HOSTNAME), values: None };
/// `HTTPHeaderName`.
pub(super) const HEADER_NAME_STR: Str = Str { min: 1, max: Some(256), pattern: Some(&HEADER_NAME), values: None };

/// An enumeration.
pub(super) const fn one_of(values: &'static [&'static str]) -> Str {
    Str { min: 0, max: None, pattern: None, values: Some(values) }
}

/// The checks of one object: schema errors reported at once through the crate's [`Report`], the
/// failures of CEL rules (`x-kubernetes-validations`) held until [`Schema::finish`], since the
/// API server does not run the rules of an object with blocking schema errors.
pub(super) struct Schema<'d> {
    pub r: Report<'d>,
    /// An error the API server counts as blocking CEL evaluation was reported.
    pub blocking: bool,
    cel: Vec<CelFailure>,
}

/// A failed CEL rule: `Invalid value: "<type>": <message>` at the field the rule sits on, as the
/// API server's CEL validator prints it (apiextensions-apiserver
/// `pkg/apiserver/schema/cel/validation.go`).
struct CelFailure {
    field: String,
    span: Span,
    value_type: &'static str,
    message: String,
}

impl<'d> Schema<'d> {
    pub fn new(r: Report<'d>) -> Self {
        Schema { r, blocking: false, cel: Vec::new() }
    }

    /// A CEL rule on an object failed.
    pub fn cel_object(&mut self, field: &str, span: Span, message: impl Into<String>) {
        self.cel.push(CelFailure { field: field.to_string(), span, value_type: "object", message: message.into() });
    }

    /// A CEL rule on a list failed.
    pub fn cel_array(&mut self, field: &str, span: Span, message: impl Into<String>) {
        self.cel.push(CelFailure { field: field.to_string(), span, value_type: "array", message: message.into() });
    }

    /// Reports the CEL failures, or, when a blocking error (here or in decoding, `decode_blocked`)
    /// stopped the rules from running, the API server's note saying so, placed on the object.
    pub fn finish(mut self, object: Span, decode_blocked: bool) {
        if self.blocking || decode_blocked {
            self.r.invalid_without_field(object, CEL_SKIPPED);
            return;
        }
        for failure in std::mem::take(&mut self.cel) {
            self.r.invalid(&failure.field, failure.span, BadValue::Str(failure.value_type), &failure.message);
        }
    }

    /// `Required value` at `field`, placed on the parent that lacks it.
    pub fn required(&mut self, field: &str, parent: Span) {
        self.blocking = true;
        self.r.required(field, parent, "");
    }

    /// A string present or not; checked when present.
    pub fn string(&mut self, field: &str, value: &Option<Spanned<String>>, rule: Str) {
        if let Some(value) = value {
            self.check_string(field, value, rule);
        }
    }

    /// A required string: `Required value` on `parent` when absent.
    pub fn required_string(&mut self, field: &str, value: &Option<Spanned<String>>, parent: Span, rule: Str) {
        match value {
            Some(value) => self.check_string(field, value, rule),
            None => self.required(field, parent),
        }
    }

    pub fn check_string(&mut self, field: &str, value: &Spanned<String>, rule: Str) {
        let text = value.value.as_str();
        if let Some(values) = rule.values {
            if !values.contains(&text) {
                self.blocking = true;
                self.r.not_supported(field, value.span, text, values);
            }
            return;
        }
        let chars = text.chars().count();
        if let Some(max) = rule.max {
            if chars > max {
                self.blocking = true;
                self.r.too_long(field, value.span, max);
            }
        }
        if chars < rule.min {
            self.r.invalid(
                field,
                value.span,
                BadValue::Str(text),
                &format!("{field} in body should be at least {} chars long", rule.min),
            );
        }
        if let Some(pattern) = rule.pattern {
            if !pattern.is_match(text) {
                self.r.invalid(
                    field,
                    value.span,
                    BadValue::Str(text),
                    &format!("{field} in body should match '{}'", pattern.text()),
                );
            }
        }
    }

    /// An integer with inclusive bounds.
    pub fn int(&mut self, field: &str, value: &Option<Spanned<i64>>, min: Option<i64>, max: Option<i64>) {
        let Some(value) = value else { return };
        if let Some(min) = min.filter(|&min| value.value < min) {
            self.r.invalid(
                field,
                value.span,
                BadValue::Int(value.value),
                &format!("{field} in body should be greater than or equal to {min}"),
            );
        }
        if let Some(max) = max.filter(|&max| value.value > max) {
            self.r.invalid(
                field,
                value.span,
                BadValue::Int(value.value),
                &format!("{field} in body should be less than or equal to {max}"),
            );
        }
    }

    /// An integer enumeration (`statusCode`).
    pub fn int_one_of(&mut self, field: &str, value: &Option<Spanned<i64>>, values: &[i64]) {
        let Some(value) = value else { return };
        if !values.contains(&value.value) {
            self.blocking = true;
            let list: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
            self.r.push(
                field,
                ErrorType::NotSupported,
                format!("Unsupported value: {}: supported values: {}", value.value, list.join(", ")),
                value.span,
            );
        }
    }

    /// `maxItems` / `minItems` of a list of `len` items written at `span`.
    pub fn items(&mut self, field: &str, len: usize, span: Span, min: usize, max: usize) {
        if len > max {
            self.blocking = true;
            self.r.push(field, ErrorType::TooMany, format!("Too many: {len}: must have at most {max} items"), span);
        }
        if len < min {
            self.r.invalid(
                field,
                span,
                BadValue::Int(len as i64),
                &format!("{field} in body should have at least {min} items"),
            );
        }
    }

    /// `maxProperties` of a map.
    pub fn properties(&mut self, field: &str, len: usize, span: Span, max: usize) {
        if len > max {
            self.blocking = true;
            self.r.push(field, ErrorType::TooMany, format!("Too many: {len}: must have at most {max} items"), span);
        }
    }

    /// A list item that repeats an earlier one's key (`x-kubernetes-list-type: map` or `set`):
    /// `Duplicate value: map[string]interface {}{"name":"X"}` / `Duplicate value: "X"`.
    pub fn duplicate(&mut self, field: &str, span: Span, key: Option<&str>, value: &str) {
        let shown = match key {
            Some(key) => format!("map[string]interface {{}}{{\"{key}\":{value:?}}}"),
            None => format!("{value:?}"),
        };
        self.r.push(field, ErrorType::Duplicate, format!("Duplicate value: {shown}"), span);
    }

    /// Reports items whose `key` repeats an earlier item's (list-type map keyed by `key_name`, or
    /// a set when `key_name` is `None`).
    pub fn unique<'a>(
        &mut self,
        field: &str,
        items: impl Iterator<Item = (Option<&'a Spanned<String>>, Span)>,
        key_name: Option<&str>,
    ) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, (key, span)) in items.enumerate() {
            let Some(key) = key else { continue };
            if seen.contains(&key.value.as_str()) {
                self.duplicate(&format!("{field}[{i}]"), span, key_name, &key.value);
            } else {
                seen.push(&key.value);
            }
        }
    }
}

/// What the API server says when schema errors stop the CEL rules from running
/// (apiextensions-apiserver `pkg/registry/customresource/validator.go`, `hasBlockingErr`:
/// `NotSupported`, `Required`, `TooLong`, `TooMany` and type errors block them).
pub(super) const CEL_SKIPPED: &str =
    "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

/// The span of a list, or its parent's when the list is empty.
pub(super) fn list_span<T>(items: &[T], span_of: impl Fn(&T) -> Span, parent: Span) -> Span {
    match (items.first(), items.last()) {
        (Some(first), Some(last)) => Span { end: span_of(last).end, ..span_of(first) },
        _ => parent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_matches_as_go_would() {
        assert!(HOSTNAME.is_match("*.example.com") && !HOSTNAME.is_match("Foo.com") && !HOSTNAME.is_match("a.*.com"));
        assert!(PRECISE_HOSTNAME.is_match("example.com") && !PRECISE_HOSTNAME.is_match("*.example.com"));
        assert!(GROUP.is_match("") && GROUP.is_match("gateway.networking.k8s.io") && !GROUP.is_match("Bad"));
        assert!(KIND.is_match("HTTPRoute") && !KIND.is_match("1x"));
        assert!(NAMESPACE.is_match("shop") && !NAMESPACE.is_match("a.b"));
        assert!(CONTROLLER.is_match("example.com/gateway") && !CONTROLLER.is_match("gateway"));
        assert!(HEADER_NAME.is_match("X-Foo") && HEADER_NAME.is_match("a`b") && !HEADER_NAME.is_match("a b"));
        assert!(DURATION.is_match("1h30m") && DURATION.is_match("500ms") && !DURATION.is_match("1.5s"));
        assert!(PROTOCOL.is_match("HTTPS") && PROTOCOL.is_match("example.com/Foo") && !PROTOCOL.is_match("-x"));
        assert!(ADDRESS_TYPE.is_match("IPAddress") && ADDRESS_TYPE.is_match("example.com/x"));
        assert!(CORS_ORIGIN.is_match("*") && CORS_ORIGIN.is_match("https://*.example.com:8443"));
        assert!(!CORS_ORIGIN.is_match("example.com"));
    }
}
