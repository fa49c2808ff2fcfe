//! API-server validation of Ingress and IngressClass (create semantics), with every error of an
//! object reported, each at its field path, with the API server's message shape and its place.
//!
//! Source: kubernetes/kubernetes `pkg/apis/networking/validation/validation.go`
//! (`ValidateIngressCreate`, `ValidateIngressClass`) and the string validators of
//! `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`; messages are shaped as
//! `staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go` prints them.

mod class;
mod ingress;
pub mod strings;

use crate::diagnostic::{Code, Diagnostic, ErrorType, Severity};
use crate::model::{Manifest, Spanned};
use crate::source::{move_lines_of, Span};

pub use class::validate_class;
#[cfg(feature = "gateway")]
pub(crate) use ingress::validate_meta;
pub use ingress::{validate_ingress, CLASS_ANNOTATION};

/// Validates every Ingress and IngressClass of a manifest. The result is indexed like
/// `manifest.ingresses`: `rejected[i]` is true when the API server would refuse Ingress `i`.
pub fn validate(manifest: &Manifest) -> Validation {
    let mut diagnostics = Vec::new();
    let mut rejected = Vec::with_capacity(manifest.ingresses.len());
    for ingress in &manifest.ingresses {
        let before = diagnostics.len();
        validate_ingress(ingress, &mut diagnostics);
        rejected.push(diagnostics[before..].iter().any(Diagnostic::is_error) || has_decode_errors(manifest, ingress));
    }
    for class in &manifest.classes {
        validate_class(class, &mut diagnostics);
    }
    #[cfg(feature = "gateway")]
    let gateway_rejected =
        crate::gateway::validate::validate_objects(&manifest.gateway, &manifest.diagnostics, &mut diagnostics);
    Validation {
        diagnostics,
        rejected,
        #[cfg(feature = "gateway")]
        gateway_rejected,
    }
}

/// A decoding error of this Ingress: its object and its document (another document may hold an
/// Ingress of the same name, which the error does not concern; found by fuzzing, where a fresh
/// read and the playground's per-document read disagreed).
fn has_decode_errors(manifest: &Manifest, ingress: &crate::model::Ingress) -> bool {
    let object = format!("Ingress {}", ingress.id());
    manifest.diagnostics.iter().any(|d| {
        d.is_error()
            && d.code == Code::Decode
            && d.object.as_deref() == Some(object.as_str())
            && d.span.is_none_or(|s| s.doc == ingress.span.doc)
    })
}

/// What validation found.
#[derive(Clone, Debug, Default)]
pub struct Validation {
    /// Every error (and the few warnings), in object order.
    pub diagnostics: Vec<Diagnostic>,
    /// Per Ingress (same order as the manifest): would the API server reject it?
    pub rejected: Vec<bool>,
    /// Per Gateway API object (same order as `manifest.gateway`): would the API server reject it?
    #[cfg(feature = "gateway")]
    pub gateway_rejected: crate::gateway::validate::RejectedObjects,
}

#[cfg(not(feature = "gateway"))]
move_lines_of! {
    Validation { diagnostics, rejected }
}

#[cfg(feature = "gateway")]
move_lines_of! {
    Validation { diagnostics, rejected, gateway_rejected }
}

/// A value as `field.Error` prints it: strings with `%q`, numbers with `%v`.
pub(crate) enum BadValue<'a> {
    Str(&'a str),
    Int(i64),
    /// Printed as is (e.g. `null`).
    Raw(&'a str),
}

impl std::fmt::Display for BadValue<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadValue::Str(s) => write!(f, "{s:?}"),
            BadValue::Int(n) => write!(f, "{n}"),
            BadValue::Raw(s) => f.write_str(s),
        }
    }
}

/// Collects `field.Error`s for one object.
pub(crate) struct Report<'d> {
    object: String,
    out: &'d mut Vec<Diagnostic>,
    severity: Severity,
}

impl<'d> Report<'d> {
    pub fn new(object: String, out: &'d mut Vec<Diagnostic>) -> Self {
        Report { object, out, severity: Severity::Error }
    }

    /// Reports what follows as warnings (checks the API server makes only on other operations).
    pub fn as_warnings(&mut self) {
        self.severity = Severity::Warning;
    }

    pub(crate) fn push(&mut self, field: &str, error_type: ErrorType, body: String, span: Span) {
        let message = format!("{field}: {body}");
        let mut d = Diagnostic::new(self.severity, Code::Validation, message).at(span).on(self.object.clone());
        d.field = Some(field.to_string());
        d.error_type = Some(error_type);
        self.out.push(d);
    }

    /// `field.Required`.
    pub fn required(&mut self, field: &str, span: Span, detail: &str) {
        let body = if detail.is_empty() { "Required value".to_string() } else { format!("Required value: {detail}") };
        self.push(field, ErrorType::Required, body, span);
    }

    /// `field.Invalid`.
    pub fn invalid(&mut self, field: &str, span: Span, value: BadValue, detail: &str) {
        self.push(field, ErrorType::Invalid, format!("Invalid value: {value}: {detail}"), span);
    }

    /// `field.Invalid` once per message, for a string value.
    pub fn invalid_each(&mut self, field: &str, value: &Spanned<String>, messages: Vec<String>) {
        for m in messages {
            self.invalid(field, value.span, BadValue::Str(&value.value), &m);
        }
    }

    /// `field.Invalid(nil, nil, detail)`: an error about the object, not a field (printed
    /// `<nil>: Invalid value: "null": …`; no `field` in the diagnostic).
    #[cfg(feature = "gateway")]
    pub(crate) fn invalid_without_field(&mut self, span: Span, detail: &str) {
        let message = format!("<nil>: Invalid value: \"null\": {detail}");
        let mut d = Diagnostic::new(self.severity, Code::Validation, message).at(span).on(self.object.clone());
        d.error_type = Some(ErrorType::Invalid);
        self.out.push(d);
    }

    /// `field.NotSupported`.
    pub fn not_supported(&mut self, field: &str, span: Span, value: &str, supported: &[&str]) {
        let list: Vec<String> = supported.iter().map(|s| format!("{s:?}")).collect();
        self.push(
            field,
            ErrorType::NotSupported,
            format!("Unsupported value: {value:?}: supported values: {}", list.join(", ")),
            span,
        );
    }

    /// `field.Forbidden`.
    pub fn forbidden(&mut self, field: &str, span: Span, detail: &str) {
        self.push(field, ErrorType::Forbidden, format!("Forbidden: {detail}"), span);
    }

    /// `field.TooLong`.
    pub fn too_long(&mut self, field: &str, span: Span, max: usize) {
        self.push(field, ErrorType::TooLong, format!("Too long: must have at most {max} bytes"), span);
    }
}
