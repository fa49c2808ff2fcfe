//! JSON output with every position moved from the joined input to the file it came from: lines
//! and columns rewritten, and a `"file"` key added next to them.
//!
//! Two shapes carry positions: diagnostics (flat `line`, `column`, `endLine`, `endColumn`) and
//! spans (`{"doc", "start": {"line", "column"}, "end": {…}}`).

use crate::source_map::{FileSpan, SourceMap};
use ingress_engine::source::{Pos, Span};
use serde_json::{Map, Value};

/// Rewrites positions of one [`SourceMap`] in JSON values.
#[derive(Debug, Clone, Copy)]
pub struct Relocator<'a> {
    sources: &'a SourceMap,
}

impl<'a> Relocator<'a> {
    pub fn new(sources: &'a SourceMap) -> Relocator<'a> {
        Relocator { sources }
    }

    /// A diagnostic object with flat `line`/`column`/`endLine`/`endColumn`.
    pub fn diagnostic(&self, value: &mut Value) {
        let Some(object) = value.as_object_mut() else { return };
        let (Some(start), Some(end)) = (read_pos(object, "line", "column"), read_pos(object, "endLine", "endColumn"))
        else {
            return;
        };
        if let Some(span) = self.sources.locate_span(Span { doc: 0, start, end }) {
            write_pos(object, "line", "column", span.start.line, span.start.column);
            write_pos(object, "endLine", "endColumn", span.end.line, span.end.column);
            insert_file_before(object, "line", span.start.file);
        }
    }

    /// Every diagnostic of an array (a missing key or a non-array is left alone).
    pub fn diagnostics(&self, value: Option<&mut Value>) {
        for item in array_items(value) {
            self.diagnostic(item);
        }
    }

    /// A span object `{"doc", "start", "end"}`; `null` is left alone.
    pub fn span(&self, value: Option<&mut Value>) {
        let Some(object) = value.and_then(Value::as_object_mut) else { return };
        let (Some(start), Some(end)) = (nested_pos(object, "start"), nested_pos(object, "end")) else { return };
        let Some(FileSpan { start, end }) = self.sources.locate_span(Span { doc: 0, start, end }) else { return };
        for (key, location) in [("start", start), ("end", end)] {
            if let Some(Value::Object(pos)) = object.get_mut(key) {
                write_pos(pos, "line", "column", location.line, location.column);
            }
        }
        insert_file_before(object, "start", start.file);
    }

    /// The `span` key of every object of an array.
    pub fn spans_in(&self, value: Option<&mut Value>) {
        for item in array_items(value) {
            self.span(item.get_mut("span"));
        }
    }
}

/// Adds `"file"` to a span that already counts lines within that file (a case file's spans).
pub fn name_span_file(span: Option<&mut Value>, file: &str) {
    if let Some(Value::Object(object)) = span {
        insert_file_before(object, "start", file);
    }
}

/// The items of an array value (none when absent or not an array).
pub fn array_items(value: Option<&mut Value>) -> impl Iterator<Item = &mut Value> {
    value.and_then(Value::as_array_mut).into_iter().flatten()
}

/// Puts `"file"` just before the position it qualifies (serde_json keeps key order here).
fn insert_file_before(object: &mut Map<String, Value>, key: &str, file: &str) {
    let index = object.keys().position(|k| k == key).unwrap_or(object.len());
    object.shift_insert(index, "file".into(), file.into());
}

fn read_pos(object: &Map<String, Value>, line: &str, column: &str) -> Option<Pos> {
    let number = |key: &str| object.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok());
    Some(Pos { line: number(line)?, column: number(column)? })
}

fn nested_pos(object: &Map<String, Value>, key: &str) -> Option<Pos> {
    read_pos(object.get(key)?.as_object()?, "line", "column")
}

fn write_pos(object: &mut Map<String, Value>, line_key: &str, column_key: &str, line: u32, column: u32) {
    object.insert(line_key.into(), line.into());
    object.insert(column_key.into(), column.into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Source;
    use serde_json::json;

    fn two_files() -> SourceMap {
        let source = |name: &str, text: &str| Source { name: name.into(), text: text.into() };
        SourceMap::join(&[source("a.yaml", "a: 1\nb: 2\n"), source("b.yaml", "c: 3\nd: 4\n")])
    }

    #[test]
    fn diagnostics_get_file_and_local_lines() {
        let map = two_files();
        let mut value = json!([{"message": "m", "line": 5, "column": 4, "endLine": 5, "endColumn": 8, "doc": 1}]);
        Relocator::new(&map).diagnostics(Some(&mut value));
        assert_eq!(
            value,
            json!([{"message": "m", "line": 2, "column": 4, "endLine": 2, "endColumn": 8, "doc": 1, "file": "b.yaml"}])
        );
    }

    #[test]
    fn unplaced_diagnostics_stay_as_they_are() {
        let map = two_files();
        let mut value = json!({"message": "m"});
        Relocator::new(&map).diagnostic(&mut value);
        assert_eq!(value, json!({"message": "m"}));
    }

    #[test]
    fn spans_get_file_and_local_lines() {
        let map = two_files();
        let mut value = json!({"span": {"doc": 0, "start": {"line": 2, "column": 1}, "end": {"line": 2, "column": 5}}});
        Relocator::new(&map).span(value.get_mut("span"));
        assert_eq!(value["span"]["file"], "a.yaml");
        let keys: Vec<&String> = value["span"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["doc", "file", "start", "end"]);
        assert_eq!(value["span"]["start"], json!({"line": 2, "column": 1}));
        let mut null = Value::Null;
        Relocator::new(&map).span(Some(&mut null));
        assert_eq!(null, Value::Null);
    }
}
