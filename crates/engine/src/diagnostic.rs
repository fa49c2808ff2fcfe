//! Diagnostics: everything the engine has to say about an input, each with its place.

use crate::names::stable_names;
use crate::source::{MoveLines, Span};
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// The API server would reject the object, or the input could not be read.
    Error,
    /// Accepted, but probably not what the author meant (a shadowed path, a missing Service…).
    Warning,
    /// Information: a conversion that was made, a document that was skipped.
    Notice,
}

stable_names!(Severity, as_str; Error => "error", Warning => "warning", Notice => "notice");

/// The API server's error types (`k8s.io/apimachinery/pkg/util/validation/field/errors.go`), plus
/// the decoding errors that come before validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorType {
    /// `field.Required`: "Required value".
    Required,
    /// `field.Invalid`: "Invalid value".
    Invalid,
    /// `field.NotSupported`: "Unsupported value".
    NotSupported,
    /// `field.Forbidden`: "Forbidden".
    Forbidden,
    /// `field.TooLong`: "Too long".
    TooLong,
    /// `field.TooMany`: "Too many" (a list longer than its schema's `maxItems`).
    TooMany,
    /// `field.Duplicate`: "Duplicate value".
    Duplicate,
    /// Decoding: a value of the wrong YAML type (the API server's "cannot unmarshal …").
    TypeMismatch,
    /// Decoding with strict field validation: a field the schema does not have.
    UnknownField,
}

stable_names!(ErrorType, as_str;
    Required => "Required",
    Invalid => "Invalid",
    NotSupported => "NotSupported",
    Forbidden => "Forbidden",
    TooLong => "TooLong",
    TooMany => "TooMany",
    Duplicate => "Duplicate",
    TypeMismatch => "TypeMismatch",
    UnknownField => "UnknownField",
);

impl ErrorType {
    /// The text the API server prints for this type.
    pub fn as_api_str(self) -> &'static str {
        match self {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::TypeMismatch => "Invalid type",
            ErrorType::UnknownField => "Unknown field",
        }
    }
}

/// What a diagnostic is about; stable kebab-case names in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// The text is not YAML (or exceeds a safety limit).
    Syntax,
    /// A document is not a Kubernetes object, or one the simulator does not use.
    Document,
    /// Wrong types and unknown fields found while decoding.
    Decode,
    /// An API-server validation error.
    Validation,
    /// An `extensions/v1beta1` or `networking.k8s.io/v1beta1` object was converted to v1.
    Converted,
    /// Two paths with the same host, path and type; one of them can never win.
    DuplicatePath,
    /// A path no request can reach, because others always win.
    ShadowedPath,
    /// A TLS host that no rule serves.
    TlsHostUnrouted,
    /// Ingresses not simulated because they belong to another class.
    OtherClass,
    /// Several default backends compete.
    DefaultBackendConflict,
    /// A backend names a Service that is not in the input, or a port it does not expose.
    MissingService,
    /// A resource backend (ingress-nginx and Traefik do not route to one; GCE and ALB fail on it).
    ResourceBackend,
    /// An IngressClass matter (several defaults, unknown class…).
    IngressClass,
    /// What a controller profile says about the input: configuration it refuses, rules it drops,
    /// syntax the simulator cannot evaluate for it.
    Controller,
    /// The input is written for a controller (its IngressClass `controller`, its annotations)
    /// while the `spec` profile routes it: the diagnostic suggests that controller's profile.
    ControllerHint,
    /// The input holds no Ingress (empty, or only other objects): nothing to route.
    NoIngress,
    /// The input is an unrendered Helm/Go template (`{{ … }}`): run `helm template` first.
    Template,
    /// What a Gateway API controller would write in a route's status: a parent it is not
    /// `Accepted` by (`NotAllowedByListeners`, `NoMatchingListenerHostname`, `NoMatchingParent`…)
    /// or references it cannot resolve (`ResolvedRefs` false: `BackendNotFound`,
    /// `RefNotPermitted`, `InvalidKind`). The message names the condition and its reason.
    RouteStatus,
    /// What a Gateway API controller would write in a Gateway's status: a listener that is not
    /// `Accepted`, `Programmed` or `ResolvedRefs`, or listeners in `Conflicted`.
    GatewayStatus,
}

stable_names!(Code, as_str;
    Syntax => "syntax",
    Document => "document",
    Decode => "decode",
    Validation => "validation",
    Converted => "converted",
    DuplicatePath => "duplicate-path",
    ShadowedPath => "shadowed-path",
    TlsHostUnrouted => "tls-host-unrouted",
    OtherClass => "other-class",
    DefaultBackendConflict => "default-backend-conflict",
    MissingService => "missing-service",
    ResourceBackend => "resource-backend",
    IngressClass => "ingress-class",
    Controller => "controller",
    ControllerHint => "controller-hint",
    NoIngress => "no-ingress",
    Template => "template",
    RouteStatus => "route-status",
    GatewayStatus => "gateway-status",
);

impl Code {
    /// True for findings that depend on the routing profile (what wins, what is never used,
    /// which profile to suggest): a front end that routes under a controller profile elsewhere
    /// must take these from that profile's result, not from a spec simulation.
    pub fn follows_profile(self) -> bool {
        matches!(
            self,
            Code::DuplicatePath
                | Code::ShadowedPath
                | Code::TlsHostUnrouted
                | Code::DefaultBackendConflict
                | Code::Controller
                | Code::ControllerHint
        )
    }
}

/// One message about the input.
///
/// In JSON (the CLI's `validate --json`, the JS API, `route --json`'s `diagnostics`) the place is
/// flattened: `{"severity","code","message","field","type","object","suggestedProfile","file","line",
/// "column","endLine","endColumn","doc"}`, absent keys omitted (`file` is there only when the
/// input is named sources).
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What it is about.
    pub code: Code,
    /// The full message, for validation in the API server's shape
    /// (`spec.rules[0].host: Invalid value: "Foo": …`).
    pub message: String,
    /// The field path in API-server notation, when there is one.
    pub field: Option<String>,
    /// The API-server error type, for validation and decoding errors.
    pub error_type: Option<ErrorType>,
    /// The object it concerns, as `Kind namespace/name`.
    pub object: Option<String>,
    /// Where in the input.
    pub span: Option<Span>,
    /// The profile this diagnostic suggests routing with ([`Code::ControllerHint`]).
    pub suggested_profile: Option<crate::profile::Profile>,
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("severity", &self.severity)?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", &self.message)?;
        if let Some(field) = &self.field {
            map.serialize_entry("field", field)?;
        }
        if let Some(t) = &self.error_type {
            map.serialize_entry("type", t)?;
        }
        if let Some(object) = &self.object {
            map.serialize_entry("object", object)?;
        }
        if let Some(profile) = self.suggested_profile {
            map.serialize_entry("suggestedProfile", profile.name())?;
        }
        if let Some(span) = &self.span {
            if let Some(file) = span.file() {
                map.serialize_entry("file", file)?;
            }
            map.serialize_entry("line", &span.start.line)?;
            map.serialize_entry("column", &span.start.column)?;
            map.serialize_entry("endLine", &span.end.line)?;
            map.serialize_entry("endColumn", &span.end.column)?;
            map.serialize_entry("doc", &span.doc)?;
        }
        map.end()
    }
}

/// Its one place (messages never quote line numbers).
impl MoveLines for Diagnostic {
    fn move_lines(&mut self, by: i64) {
        self.span.move_lines(by);
    }
}

impl Diagnostic {
    /// A diagnostic with a message and nothing else.
    pub fn new(severity: Severity, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            field: None,
            error_type: None,
            object: None,
            span: None,
            suggested_profile: None,
        }
    }

    /// Sets the place.
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// Sets the place when there is one.
    pub fn at_opt(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span.or(self.span);
        self
    }

    /// Names the object it concerns.
    pub fn on(mut self, object: impl Into<String>) -> Diagnostic {
        self.object = Some(object.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `line:col` of the diagnostic, if placed.
    pub fn line(&self) -> Option<u32> {
        self.span.map(|s| s.start.line)
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        };
        match self.span {
            Some(span) => write!(f, "{}: {severity}: {}", span, self.message)?,
            None => write!(f, "{severity}: {}", self.message)?,
        }
        if let Some(object) = &self.object {
            write!(f, " [{object}]")?;
        }
        Ok(())
    }
}
