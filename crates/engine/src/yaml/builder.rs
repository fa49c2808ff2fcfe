//! Events → [`Node`] trees, iteratively (no recursion), with depth and size limits.

use super::events::{Event, EventParser, Mark};
use super::{Node, Value, YamlError};
use crate::source::{Pos, Span};
use std::collections::HashMap;

/// Bounds that keep hostile input from exhausting memory or time.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The deepest nesting of collections accepted.
    pub max_depth: usize,
    /// The most nodes built for the whole input, aliases expanded.
    pub max_nodes: usize,
    /// The most nodes one document may copy through aliases. Real manifests use few aliases; a
    /// bomb (`&a [*b, *b, …]` chains) is stopped here long before it costs time or memory.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // A 10 MB manifest has well under two million nodes; an alias bomb has billions.
        Limits { max_depth: 100, max_nodes: 4_000_000, max_alias_nodes: 100_000 }
    }
}

struct Frame {
    /// Start of the collection.
    start: Pos,
    tag: Option<Box<str>>,
    anchor: Option<String>,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<Node>),
    /// Entries so far and a key waiting for its value.
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// Builds the documents of one chunk of text (document `doc` of its source); `budget` is the node
/// budget shared by all chunks.
pub(super) fn build(
    chunk: &super::Chunk<'_>,
    doc: u32,
    limits: &Limits,
    budget: &mut usize,
) -> Result<Vec<Option<Node>>, YamlError> {
    let (text, first_line, source) = (chunk.text, chunk.first_line, chunk.source);
    let to_pos = |m: Mark| Pos {
        line: first_line.saturating_add(m.line.min(u32::MAX as u64) as u32),
        column: (m.column.min(u32::MAX as u64 - 1) as u32) + 1,
    };
    let span = |s: Mark, e: Mark| Span { source, doc, start: to_pos(s), end: to_pos(e) };
    let Some(mut parser) = EventParser::new(text) else {
        return Err(YamlError::Syntax {
            message: "the YAML parser could not start".into(),
            span: span(Mark::default(), Mark::default()),
        });
    };
    let mut roots = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Each anchor's node and its size (counted once, when the anchor is defined).
    let mut anchors: HashMap<String, (Node, usize)> = HashMap::new();
    let mut alias_nodes = 0usize;
    let mut root: Option<Node> = None;
    loop {
        let (event, start, end) = parser.next_event().map_err(|e| {
            let mut message = e.problem;
            if let Some(context) = e.context {
                message = format!("{message}, {context}");
            }
            YamlError::Syntax { message, span: span(e.mark, e.mark) }
        })?;
        let finished: Option<(Node, Option<String>)> = match event {
            Event::StreamStart => None,
            Event::StreamEnd => break,
            Event::DocumentStart => {
                root = None;
                anchors.clear();
                None
            }
            Event::DocumentEnd => {
                roots.push(root.take());
                None
            }
            Event::Alias { anchor } => {
                let Some((target, size)) = anchors.get(&anchor) else {
                    return Err(YamlError::UnknownAnchor { anchor, span: span(start, end) });
                };
                alias_nodes = alias_nodes.saturating_add(*size);
                if alias_nodes > limits.max_alias_nodes {
                    return Err(YamlError::TooManyAliasNodes { limit: limits.max_alias_nodes, span: span(start, end) });
                }
                if *size > *budget {
                    return Err(YamlError::TooManyNodes { limit: limits.max_nodes, span: span(start, end) });
                }
                *budget -= size;
                let mut copy = target.clone();
                copy.span = span(start, end);
                Some((copy, None))
            }
            Event::Scalar { anchor, tag, value, plain } => {
                take_one(budget, limits, span(start, end))?;
                let node = Node {
                    value: Value::Scalar { text: value, plain },
                    span: span(start, end),
                    tag: tag.map(Into::into),
                };
                Some((node, anchor))
            }
            Event::SequenceStart { anchor, tag } | Event::MappingStart { anchor, tag }
                if stack.len() >= limits.max_depth =>
            {
                let _ = (anchor, tag);
                return Err(YamlError::TooDeep { limit: limits.max_depth, span: span(start, end) });
            }
            Event::SequenceStart { anchor, tag } => {
                take_one(budget, limits, span(start, end))?;
                stack.push(Frame {
                    start: to_pos(start),
                    tag: tag.map(Into::into),
                    anchor,
                    kind: FrameKind::Seq(Vec::new()),
                });
                None
            }
            Event::MappingStart { anchor, tag } => {
                take_one(budget, limits, span(start, end))?;
                stack.push(Frame {
                    start: to_pos(start),
                    tag: tag.map(Into::into),
                    anchor,
                    kind: FrameKind::Map(Vec::new(), None),
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(frame) => {
                    let last_child_end = match &frame.kind {
                        FrameKind::Seq(items) => items.last().map(|n| n.span.end),
                        FrameKind::Map(entries, _) => entries.last().map(|(_, v)| v.span.end),
                    };
                    // libyaml ends a block collection where the next token starts, often on a
                    // later line (the next `- ` item); end it with its last child instead.
                    let end = match last_child_end {
                        Some(child_end) if child_end.line < to_pos(start).line => child_end,
                        _ => to_pos(end),
                    };
                    let value = match frame.kind {
                        FrameKind::Seq(items) => Value::Seq(items),
                        FrameKind::Map(entries, _) => Value::Map(entries),
                    };
                    let node = Node { value, span: Span { source, doc, start: frame.start, end }, tag: frame.tag };
                    Some((node, frame.anchor))
                }
                None => None,
            },
        };
        if let Some((node, anchor)) = finished {
            if let Some(anchor) = anchor {
                let size = count_nodes(&node);
                anchors.insert(anchor, (node.clone(), size));
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame { kind: FrameKind::Seq(items), .. }) => items.push(node),
                Some(Frame { kind: FrameKind::Map(entries, pending), .. }) => match pending.take() {
                    None => *pending = Some(node),
                    Some(key) => entries.push((key, node)),
                },
            }
        }
    }
    Ok(roots)
}

fn take_one(budget: &mut usize, limits: &Limits, span: Span) -> Result<(), YamlError> {
    if *budget == 0 {
        return Err(YamlError::TooManyNodes { limit: limits.max_nodes, span });
    }
    *budget -= 1;
    Ok(())
}

/// Nodes in a tree, counted without recursion.
fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        count += 1;
        match &n.value {
            Value::Seq(items) => todo.extend(items.iter()),
            Value::Map(entries) => todo.extend(entries.iter().flat_map(|(k, v)| [k, v])),
            Value::Scalar { .. } => {}
        }
    }
    count
}
