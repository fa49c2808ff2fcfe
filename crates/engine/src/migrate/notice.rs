//! [`Notice`]: what a conversion or a diff has to tell the user about the input as a whole or one
//! of its objects — ingress2gateway's notifications, and the quiet changes the diff finds.

use crate::names::stable_names;
use crate::source::Span;
use serde::Serialize;

/// How much a notice matters (ingress2gateway `pkg/i2gw/notifications/notifications.go`
/// `MessageType`: INFO, WARNING, ERROR).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum NoticeLevel {
    /// The conversion could not express the object (ingress2gateway's ERROR).
    Error,
    /// Behaviour is lost or changes (WARNING).
    Warning,
    /// A conversion that was made (INFO).
    Info,
}

stable_names!(NoticeLevel, as_str; Error => "error", Warning => "warning", Info => "info");

/// One notice: a stable kebab-case `code`, the message, and where it applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// How much it matters.
    pub level: NoticeLevel,
    /// A stable kebab-case name (`unsupported-annotation`, `wildcard-widens`, …): what tests and
    /// front ends key on. Every code is listed in the README.
    pub code: &'static str,
    /// The message, as ingress2gateway words it for its own notifications.
    pub message: String,
    /// The source object, `Kind ns/name` (`Ingress shop/web`), when the notice is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Where in the input: the annotation, path or object the notice is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The hosts affected (quiet changes), as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// The paths affected (quiet changes), as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

impl Notice {
    /// A notice with no place, hosts or paths.
    pub fn new(level: NoticeLevel, code: &'static str, message: impl Into<String>) -> Notice {
        Notice { level, code, message: message.into(), object: None, span: None, hosts: Vec::new(), paths: Vec::new() }
    }

    /// The same notice about `object` (`Kind ns/name`), at `span`.
    pub fn about(mut self, object: impl Into<String>, span: Option<Span>) -> Notice {
        self.object = Some(object.into());
        self.span = span;
        self
    }
}
