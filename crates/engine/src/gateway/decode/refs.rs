//! References and selectors: object references (Secret, local, backend, parameters), parentRefs,
//! backendRefs, label selectors.

use super::super::model::*;
use super::{at, nth};
use crate::decode::fields::Cx;
use crate::yaml::Node;

/// An object reference with the fields `known` at this place (`port` only for backends).
pub(crate) fn object_ref(node: &Node, path: &str, known: &'static [&'static str], cx: &mut Cx) -> Option<ObjectRef> {
    let mut value = ObjectRef { span: node.span, ..Default::default() };
    let mut f = cx.fields(node, path, known)?;
    value.group = f.string(cx, "group");
    value.kind = f.string(cx, "kind");
    value.namespace = f.string(cx, "namespace");
    value.name = f.string(cx, "name");
    value.port = f.int(cx, "port");
    f.finish(cx);
    Some(value)
}

/// The fields of a BackendObjectReference.
pub(super) const BACKEND_OBJECT_REF: &[&str] = &["group", "kind", "name", "namespace", "port"];

/// A `metav1.LabelSelector`.
pub(crate) fn label_selector(node: &Node, path: &str, cx: &mut Cx) -> Option<LabelSelector> {
    let mut value = LabelSelector { span: node.span, ..Default::default() };
    let mut f = cx.fields(node, path, &["matchLabels", "matchExpressions"])?;
    if let Some(labels) = f.get("matchLabels") {
        value.match_labels = super::string_map(labels, &at(path, "matchLabels"), cx);
    }
    for (i, e) in f.seq(cx, "matchExpressions").iter().enumerate() {
        let entry_path = nth(&at(path, "matchExpressions"), i);
        let mut requirement = LabelSelectorRequirement { span: e.span, ..Default::default() };
        if let Some(mut ef) = cx.fields(e, &entry_path, &["key", "operator", "values"]) {
            requirement.key = ef.string(cx, "key");
            requirement.operator = ef.string(cx, "operator");
            requirement.values = super::strings(&mut ef, cx, "values");
            ef.finish(cx);
        }
        value.match_expressions.push(requirement);
    }
    f.finish(cx);
    Some(value)
}

/// `spec.parentRefs[i]`.
pub(super) fn parent_ref(node: &Node, path: &str, cx: &mut Cx) -> ParentRef {
    let mut value = ParentRef { span: node.span, ..Default::default() };
    const KNOWN: &[&str] = &["group", "kind", "namespace", "name", "sectionName", "port"];
    if let Some(mut f) = cx.fields(node, path, KNOWN) {
        value.group = f.string(cx, "group");
        value.kind = f.string(cx, "kind");
        value.namespace = f.string(cx, "namespace");
        value.name = f.string(cx, "name");
        value.section_name = f.string(cx, "sectionName");
        value.port = f.int(cx, "port");
        f.finish(cx);
    }
    value
}

/// Which filters a backendRef may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum BackendFilters {
    Http,
    Grpc,
    None,
}

/// `backendRefs[i]` of a rule.
pub(super) fn backend_ref(node: &Node, path: &str, filters: BackendFilters, cx: &mut Cx) -> BackendRef {
    let mut value = BackendRef { span: node.span, ..Default::default() };
    const WITH_FILTERS: &[&str] = &["group", "kind", "name", "namespace", "port", "weight", "filters"];
    const WITHOUT: &[&str] = &["group", "kind", "name", "namespace", "port", "weight"];
    let known = if filters == BackendFilters::None { WITHOUT } else { WITH_FILTERS };
    if let Some(mut f) = cx.fields(node, path, known) {
        value.group = f.string(cx, "group");
        value.kind = f.string(cx, "kind");
        value.namespace = f.string(cx, "namespace");
        value.name = f.string(cx, "name");
        value.port = f.int(cx, "port");
        value.weight = f.int(cx, "weight");
        if filters != BackendFilters::None {
            for (i, filter) in f.seq(cx, "filters").iter().enumerate() {
                let filter_path = nth(&at(path, "filters"), i);
                value.filters.push(super::route::filter(filter, &filter_path, filters == BackendFilters::Grpc, cx));
            }
        }
        f.finish(cx);
    }
    value
}
