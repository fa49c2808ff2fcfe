//! What ingress-nginx's validating webhook refuses before the controller ever sees the Ingress.
//!
//! `strict-validate-path-type` (ConfigMap, default `true` since controller-v1.12.0, #11819):
//! `CheckIngress` (internal/ingress/controller/controller.go, controller-v1.15.1) calls
//! `inspector.ValidatePathType` (internal/ingress/inspector/inspector.go), which checks every
//! non-empty path whose pathType is not ImplementationSpecific against
//! `(?i)^/[[:alnum:]._\-/]*$` (internal/ingress/inspector/rules.go) and rejects the Ingress with
//! "ingress contains invalid paths". Without the webhook the store still serves such an Ingress,
//! so the routing is simulated as written and the finding is a warning.

use crate::controllers::Context;
use crate::diagnostic::{Code, Diagnostic, Severity};

/// `validPathType`: `/`, then ASCII letters, digits, `.`, `_`, `-` and `/`.
fn valid_path(path: &str) -> bool {
    let mut bytes = path.bytes();
    bytes.next() == Some(b'/') && bytes.all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b))
}

/// One warning per path of an admitted Ingress that the webhook's `ValidatePathType` refuses.
pub(crate) fn strict_path_types(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (_, ingress) in cx.manifest.ingresses.iter().enumerate().filter(|&(i, _)| cx.admitted(i)) {
        for (r, rule) in ingress.spec.rules.iter().enumerate() {
            for (p, path) in rule.http.iter().flat_map(|h| h.paths.iter()).enumerate() {
                let written_type = path.path_type.as_ref().map(|t| t.value.as_str());
                let text = path.path();
                if text.is_empty() || written_type == Some("ImplementationSpecific") || valid_path(text) {
                    continue;
                }
                let message = super::prose::invalid_path(text, written_type);
                let mut d = Diagnostic::new(Severity::Warning, Code::Controller, message)
                    .on(format!("Ingress {}", ingress.id()))
                    .at(path.path.as_ref().map_or(path.span, |v| v.span));
                d.field = Some(format!("spec.rules[{r}].http.paths[{p}].path"));
                found.push(d);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::valid_path;

    #[test]
    fn the_allowed_characters_are_those_of_valid_path_type() {
        for ok in ["/", "/a.b_c-d/E9", "/api/v1/"] {
            assert!(valid_path(ok), "{ok}");
        }
        for bad in ["", "a", "/a b", "/(.*)", "/a~b", "/caf\u{e9}", "/a%20b", "/a:b"] {
            assert!(!valid_path(bad), "{bad}");
        }
    }
}
