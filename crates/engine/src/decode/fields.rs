//! Typed access to YAML mappings, reporting type errors, duplicate keys and unknown fields at
//! their API-server field paths.

use crate::diagnostic::{Code, Diagnostic, ErrorType, Severity};
use crate::model::Spanned;
use crate::source::Span;
use crate::yaml::{Node, ScalarKind, Value};

/// The decoding context of one object: its name for messages, the field-path prefix of the object
/// inside a list, and where diagnostics go.
pub(crate) struct Cx<'d> {
    object: String,
    prefix: String,
    diagnostics: &'d mut Vec<Diagnostic>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'d> Cx<'d> {
    pub fn new(object: String, prefix: &str, diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Cx { object, prefix: prefix.to_string(), diagnostics }
    }

    /// Renames the object once its namespace and name are known.
    pub fn set_object(&mut self, object: String) {
        self.object = object;
    }

    pub fn error_at(&mut self, span: Span, field: &str, error_type: ErrorType, detail: String) {
        let field = format!("{}{}", self.prefix, field);
        let message = if field.is_empty() {
            format!("{}: {detail}", error_type.as_api_str())
        } else {
            format!("{field}: {}: {detail}", error_type.as_api_str())
        };
        let mut d = Diagnostic::new(Severity::Error, Code::Decode, message).at(span).on(self.object.clone());
        d.field = Some(field);
        d.error_type = Some(error_type);
        self.diagnostics.push(d);
    }

    fn type_error(&mut self, node: &Node, path: &str, expected: &str) {
        let hint = match node.scalar_kind() {
            Some(ScalarKind::Int | ScalarKind::Float | ScalarKind::Bool) if expected == "a string" => {
                format!(
                    " (quote it: \"{}\")",
                    match &node.value {
                        Value::Scalar { text, .. } => text.as_str(),
                        _ => "",
                    }
                )
            }
            _ => String::new(),
        };
        self.error_at(
            node.span,
            path,
            ErrorType::TypeMismatch,
            format!("expected {expected}, found {}{hint}", node.describe()),
        );
    }

    /// The entries of a mapping; `None` (and a type error unless null) otherwise.
    pub fn map_entries<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [(Node, Node)]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            _ if node.is_null() => None,
            _ => {
                self.type_error(node, path, "a mapping");
                None
            }
        }
    }

    /// A mapping with known field names.
    pub fn fields<'n>(&mut self, node: &'n Node, path: &str, known: &'static [&'static str]) -> Option<Fields<'n>> {
        let entries = self.map_entries(node, path)?;
        let mut seen: Vec<&str> = Vec::with_capacity(entries.len());
        for (key, _) in entries {
            if let Value::Scalar { text, .. } = &key.value {
                if seen.contains(&text.as_str()) {
                    self.error_at(
                        key.span,
                        &join(path, text),
                        ErrorType::Duplicate,
                        format!(
                            "the key {text:?} appears twice in this mapping; the API server rejects duplicate fields"
                        ),
                    );
                }
                seen.push(text);
            }
        }
        Some(Fields { entries, path: path.to_string(), known, used: vec![false; entries.len()] })
    }

    /// A string scalar. Null gives `None` silently; numbers, booleans and collections give a type
    /// error (the API server cannot unmarshal them into a string field).
    pub fn string(&mut self, node: &Node, path: &str) -> Option<Spanned<String>> {
        match (node.scalar_kind(), &node.value) {
            (Some(ScalarKind::Str), Value::Scalar { text, .. }) => Some(Spanned::new(text.clone(), node.span)),
            (Some(ScalarKind::Null), _) => None,
            _ => {
                self.type_error(node, path, "a string");
                None
            }
        }
    }

    /// A boolean scalar.
    #[cfg(feature = "gateway")]
    pub fn boolean(&mut self, node: &Node, path: &str) -> Option<Spanned<bool>> {
        match (node.scalar_kind(), &node.value) {
            (Some(ScalarKind::Bool), Value::Scalar { text, .. }) => {
                Some(Spanned::new(matches!(text.as_str(), "true" | "True" | "TRUE"), node.span))
            }
            (Some(ScalarKind::Null), _) => None,
            _ => {
                self.type_error(node, path, "a boolean");
                None
            }
        }
    }

    /// A diagnostic of another code or severity about this object (a version read as another).
    #[cfg(feature = "gateway")]
    pub fn push(&mut self, mut diagnostic: Diagnostic) {
        diagnostic.object.get_or_insert_with(|| self.object.clone());
        self.diagnostics.push(diagnostic);
    }

    /// The field path prefix of the object inside a list (`items[2].`).
    #[cfg(feature = "gateway")]
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// An integer scalar.
    pub fn int(&mut self, node: &Node, path: &str) -> Option<Spanned<i64>> {
        match (node.scalar_kind(), &node.value) {
            (Some(ScalarKind::Int), Value::Scalar { text, .. }) => match parse_int(text) {
                Some(v) => Some(Spanned::new(v, node.span)),
                None => {
                    self.error_at(
                        node.span,
                        path,
                        ErrorType::Invalid,
                        format!("{text} does not fit in a 32-bit integer"),
                    );
                    None
                }
            },
            (Some(ScalarKind::Null), _) => None,
            _ => {
                self.type_error(node, path, "an integer");
                None
            }
        }
    }
}

fn parse_int(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()?
    } else {
        digits.parse::<i64>().ok()?
    };
    let value = if negative { -value } else { value };
    (i32::MIN as i64..=i32::MAX as i64).contains(&value).then_some(value)
}

/// The fields of one mapping; remembers which were read so the rest can be reported as unknown.
pub(crate) struct Fields<'n> {
    entries: &'n [(Node, Node)],
    path: String,
    known: &'static [&'static str],
    used: Vec<bool>,
}

impl<'n> Fields<'n> {
    /// The value of a field, unless absent or null.
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        let index =
            self.entries.iter().position(|(k, _)| matches!(&k.value, Value::Scalar { text, .. } if text == key))?;
        self.used[index] = true;
        let value = &self.entries[index].1;
        (!value.is_null()).then_some(value)
    }

    fn child(&self, key: &str) -> String {
        join(&self.path, key)
    }

    pub fn string(&mut self, cx: &mut Cx, key: &str) -> Option<Spanned<String>> {
        let node = self.get(key)?;
        cx.string(node, &self.child(key))
    }

    pub fn int(&mut self, cx: &mut Cx, key: &str) -> Option<Spanned<i64>> {
        let node = self.get(key)?;
        cx.int(node, &self.child(key))
    }

    #[cfg(feature = "gateway")]
    pub fn boolean(&mut self, cx: &mut Cx, key: &str) -> Option<Spanned<bool>> {
        let node = self.get(key)?;
        cx.boolean(node, &self.child(key))
    }

    /// The field path of a key of this mapping.
    #[cfg(feature = "gateway")]
    pub fn path_of(&self, key: &str) -> String {
        self.child(key)
    }

    /// A sequence field's items; empty when absent, null or of the wrong type (reported).
    pub fn seq(&mut self, cx: &mut Cx, key: &str) -> &'n [Node] {
        match self.get(key) {
            Some(Node { value: Value::Seq(items), .. }) => items,
            Some(other) => {
                cx.type_error(other, &self.child(key), "a sequence");
                &[]
            }
            None => &[],
        }
    }

    /// Reports the fields that are neither known nor read, as strict field validation does.
    pub fn finish(self, cx: &mut Cx) {
        for (i, (key, _)) in self.entries.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let name = match &key.value {
                Value::Scalar { text, .. } => text.as_str(),
                _ => "?",
            };
            if self.known.contains(&name) {
                continue;
            }
            // A v1beta1 name gets its own advice; any other near miss a "did you mean".
            let hint = match super::legacy::hint_for_unknown_field(name) {
                "" => super::suggest::nearest(name, self.known)
                    .map(|known| format!(" (did you mean {known:?}?)"))
                    .unwrap_or_default(),
                advice => advice.to_string(),
            };
            cx.error_at(
                key.span,
                &self.child(name),
                ErrorType::UnknownField,
                format!("strict decoding error: unknown field {:?}{hint}", self.child(name)),
            );
        }
    }

    /// Ends without checking unknown fields (objects the simulator reads only in part).
    pub fn finish_lenient(self) {}
}
