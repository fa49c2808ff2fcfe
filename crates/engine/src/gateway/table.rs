//! Compile (per implementation): every Gateway's listeners, and on each listener every
//! (effective hostname, route, rule, match) in precedence order, grouped by hostname and indexed
//! (exact hostname, then wildcard suffix, then any host) so that select does not scan the table.

use super::attach::{self, ListenerInfo, Protocol, RefProblem, ResolvedBackend, RouteInfo, RouteObject};
use super::filters::{self, Action};
use super::matching::{full_match_regex, hostname_rank, PathCondition, ValueCondition};
use super::model::{GrpcRouteMatch, HttpRouteMatch};
use super::{GatewayReason, Implementation, RouteKind};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Manifest;
use crate::router::hash::FxMap;
use crate::source::Span;
use std::cmp::Ordering;
use std::sync::Arc;

/// One implementation's compiled view of the input.
#[derive(Debug)]
pub(crate) struct Table {
    pub gateways: Vec<GatewayTable>,
    /// Route and Gateway status, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

/// One Gateway compiled.
#[derive(Debug)]
pub(crate) struct GatewayTable {
    pub id: String,
    pub listeners: Vec<ListenerTable>,
    /// Routes naming this Gateway that attach to none of its listeners, and why.
    pub detached: Vec<Detached>,
}

/// A route (through one parentRef) that is not attached.
#[derive(Debug)]
pub(crate) struct Detached {
    pub route: Arc<RouteInfo>,
    pub reason: &'static str,
    pub message: String,
    pub hostname: bool,
    pub span: Span,
}

/// A listener compiled.
#[derive(Debug)]
pub(crate) struct ListenerTable {
    pub info: ListenerInfo,
    /// Every match of every route attached to this listener (the explanation's units).
    pub matches: Vec<MatchRecord>,
    /// One per distinct effective hostname; members in precedence order.
    pub groups: Vec<HostGroup>,
    /// Exact hostname → group.
    pub exact: FxMap<String, u32>,
    /// Wildcard suffix (`.example.com` for `*.example.com`) → group.
    pub wildcard: FxMap<String, u32>,
    /// The group of routes for every host.
    pub any: Option<u32>,
    /// Routes attached to this listener whose hostnames this listener partly ignores.
    pub ignored_hostnames: Vec<(Arc<RouteInfo>, Vec<String>)>,
}

/// A route's hostnames on one listener.
#[derive(Debug)]
pub(crate) struct HostGroup {
    pub hostname: String,
    /// Indices into `matches`, in precedence order.
    pub members: Vec<u32>,
}

/// One match of one rule of one attached route on one listener.
#[derive(Debug)]
pub(crate) struct MatchRecord {
    pub route: Arc<RouteInfo>,
    pub rule: usize,
    pub rule_name: Option<String>,
    /// `None` for a rule without `matches` (PathPrefix `/`) and for a TLSRoute rule.
    pub match_index: Option<usize>,
    /// The effective hostnames it serves on this listener (shared by the route's matches).
    pub hostnames: Arc<[String]>,
    pub conditions: Conditions,
    pub action: Arc<Action>,
    /// Its name in sentences, written the first time an explanation needs it.
    pub label: std::sync::OnceLock<String>,
    /// Why the implementation does not program it (Contour: a rule repeating an older route's
    /// conditions).
    pub not_programmed: Option<String>,
    pub span: Span,
}

/// The conditions of one match (G5), compiled.
#[derive(Debug)]
pub(crate) struct Conditions {
    pub path: PathCondition,
    pub method: Option<String>,
    /// Header conditions, the first of each name (case-insensitive) only.
    pub headers: Vec<(String, ValueCondition)>,
    /// Query conditions, the first of each name only.
    pub query: Vec<(String, ValueCondition)>,
    /// GRPCRoute: service and method (exact or regex).
    pub grpc: Option<GrpcCondition>,
    /// What does not compile (a regex), said once.
    pub problems: Vec<String>,
}

/// A GRPCRoute method match.
#[derive(Debug)]
pub(crate) struct GrpcCondition {
    pub service: Option<ValueCondition>,
    pub method: Option<ValueCondition>,
}

impl Table {
    /// Compiles every Gateway of the input for `implementation`.
    pub fn compile(manifest: &Manifest, implementation: Implementation) -> Table {
        let objects = &manifest.gateway;
        let routes = attach::ranked_routes(objects, &manifest.sources);
        let mut diagnostics = Vec::new();
        served_notes(manifest, implementation, &mut diagnostics);
        let mut gateways = Vec::new();
        for gateway in &objects.gateways {
            let attachments = attach::attach(gateway, &routes, objects, &mut diagnostics);
            let mut listeners: Vec<ListenerTable> = attachments
                .listeners
                .iter()
                .map(|info| ListenerTable {
                    info: info.clone(),
                    matches: Vec::new(),
                    groups: Vec::new(),
                    exact: FxMap::default(),
                    wildcard: FxMap::default(),
                    any: None,
                    ignored_hostnames: Vec::new(),
                })
                .collect();
            let mut detached = Vec::new();
            // Actions are compiled once per route rule and shared by its matches on every listener.
            let mut actions: FxMap<(usize, usize), Arc<Action>> = FxMap::default();
            let mut attached_once: FxMap<(usize, usize), ()> = FxMap::default();
            for attachment in &attachments.routes {
                match &attachment.result {
                    Err(not) => detached.push(Detached {
                        route: attachment.route.clone(),
                        reason: not.reason,
                        message: not.message.clone(),
                        hostname: not.hostname,
                        span: attachment.span,
                    }),
                    Ok(attached) => {
                        for a in attached {
                            // Two parentRefs reaching the same listener attach the route once.
                            let key = (a.listener, Arc::as_ptr(&attachment.route) as usize);
                            if attached_once.insert(key, ()).is_some() {
                                continue;
                            }
                            let listener = &mut listeners[a.listener];
                            if !a.ignored.is_empty() {
                                listener.ignored_hostnames.push((attachment.route.clone(), a.ignored.clone()));
                            }
                            add_route(listener, &attachment.route, &a.hostnames, manifest, &mut actions);
                        }
                    }
                }
            }
            for listener in &mut listeners {
                reject_mixed_kinds(listener, &mut diagnostics);
                if implementation.drops_conflicting_rules() {
                    drop_conflicting_rules(listener, &mut diagnostics);
                }
                index(listener, implementation);
            }
            gateways.push(GatewayTable { id: attachments.id, listeners, detached });
        }
        resolved_refs_diagnostics(&routes, manifest, &mut diagnostics);
        unsupported_value_diagnostics(&gateways, &mut diagnostics);
        crate::order::sort_by_key(&mut diagnostics, |d| {
            d.span.map(|s| crate::source::input_order(&manifest.sources, s)).unwrap_or((usize::MAX, 0, 0, 0))
        });
        Table { gateways, diagnostics }
    }

    /// How many matches the table holds, over every listener of every Gateway.
    pub fn match_count(&self) -> usize {
        self.gateways.iter().flat_map(|g| &g.listeners).map(|l| l.matches.len()).sum()
    }
}

/// G1: a Gateway whose GatewayClass (in the input) names another controller is not programmed by
/// this implementation; the decision still shows what it would do, with this notice.
fn served_notes(manifest: &Manifest, implementation: Implementation, diagnostics: &mut Vec<Diagnostic>) {
    let Some(expected) = attach::controller_name(implementation) else { return };
    let objects = &manifest.gateway;
    for gateway in &objects.gateways {
        let class_name = gateway.class_name.as_ref().map_or("", |c| c.value.as_str());
        let Some(class) = objects.classes.iter().find(|c| c.meta.name() == class_name) else { continue };
        let controller = class.controller_name.as_ref().map_or("", |c| c.value.as_str());
        if controller != expected {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Notice,
                    Code::GatewayStatus,
                    format!(
                        "GatewayClass {class_name:?} names controller {controller:?}; {} serves classes of {expected:?} and would not program this Gateway (the simulation shows what it would do if it did)",
                        implementation.title()
                    ),
                )
                .at_opt(gateway.class_name.as_ref().map(|c| c.span))
                .on(format!("Gateway {}", gateway.id())),
            );
        }
    }
}

/// A condition that cannot be evaluated (a regex that does not compile, an unknown type) is
/// reported once per match (`Accepted: False`, reason `UnsupportedValue`, as the enums' docs in
/// `httproute_types.go` ask); the match never matches.
fn unsupported_value_diagnostics(gateways: &[GatewayTable], diagnostics: &mut Vec<Diagnostic>) {
    let mut said = std::collections::HashSet::new();
    for m in gateways.iter().flat_map(|g| &g.listeners).flat_map(|l| &l.matches) {
        for problem in &m.conditions.problems {
            if said.insert((m.route.age_rank, m.rule, m.match_index, problem.clone())) {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        Code::RouteStatus,
                        format!("spec.rules[{}]: Accepted: False, reason UnsupportedValue: {problem}; the match never matches", m.rule),
                    )
                    .at(m.span)
                    .on(format!("{} {}", m.route.kind().as_str(), m.route.id)),
                );
            }
        }
    }
}

/// `ResolvedRefs: False` for every backend reference that does not resolve, once per reference.
fn resolved_refs_diagnostics(routes: &[Arc<RouteInfo>], manifest: &Manifest, diagnostics: &mut Vec<Diagnostic>) {
    for route in routes {
        let namespace = route.namespace();
        let mut check = |resolved: ResolvedBackend, field: String| {
            if let Some(problem) = &resolved.problem {
                let detail = match problem {
                    RefProblem::InvalidKind(kind) => {
                        format!("{kind} is not a kind of backend this implementation supports (a core Service)")
                    }
                    RefProblem::NotFound => format!("the input has no Service {}", resolved.backend),
                    RefProblem::NotPermitted => format!(
                        "{} is in another namespace and no ReferenceGrant there lets {} in {namespace:?} refer to it",
                        resolved.backend,
                        route.kind().as_str()
                    ),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        Code::RouteStatus,
                        format!(
                            "{field}: ResolvedRefs: False, reason {}: {detail}; requests sent to it get 500",
                            problem.reason()
                        ),
                    )
                    .at(resolved.span)
                    .on(format!("{} {}", route.kind().as_str(), route.id)),
                );
            }
        };
        let kind = route.kind();
        match &route.object {
            RouteObject::Http(r) => {
                for (i, rule) in r.rules.iter().enumerate() {
                    for (j, b) in rule.backend_refs.iter().enumerate() {
                        check(
                            attach::resolve_backend(b, kind, namespace, manifest),
                            format!("spec.rules[{i}].backendRefs[{j}]"),
                        );
                    }
                }
            }
            RouteObject::Grpc(r) => {
                for (i, rule) in r.rules.iter().enumerate() {
                    for (j, b) in rule.backend_refs.iter().enumerate() {
                        check(
                            attach::resolve_backend(b, kind, namespace, manifest),
                            format!("spec.rules[{i}].backendRefs[{j}]"),
                        );
                    }
                }
            }
            RouteObject::Tls(r) => {
                for (i, rule) in r.rules.iter().enumerate() {
                    for (j, b) in rule.backend_refs.iter().enumerate() {
                        check(
                            attach::resolve_backend(b, kind, namespace, manifest),
                            format!("spec.rules[{i}].backendRefs[{j}]"),
                        );
                    }
                }
            }
        }
    }
}

/// Adds every match of a route's rules to a listener.
fn add_route(
    listener: &mut ListenerTable,
    route: &Arc<RouteInfo>,
    hostnames: &[String],
    manifest: &Manifest,
    actions: &mut FxMap<(usize, usize), Arc<Action>>,
) {
    let rank = route.age_rank as usize;
    let hostnames: Arc<[String]> = hostnames.into();
    let mut push = |rule: usize, rule_name: Option<String>, match_index, conditions, action: Arc<Action>, span| {
        listener.matches.push(MatchRecord {
            route: route.clone(),
            rule,
            rule_name,
            match_index,
            hostnames: hostnames.clone(),
            conditions,
            action,
            not_programmed: None,
            label: std::sync::OnceLock::new(),
            span,
        });
    };
    let name = |n: &Option<crate::model::Spanned<String>>| n.as_ref().map(|n| n.value.clone());
    match &route.object {
        RouteObject::Http(r) => {
            for (i, rule) in r.rules.iter().enumerate() {
                let action = actions
                    .entry((rank, i))
                    .or_insert_with(|| Arc::new(filters::http_action(rule, route, manifest)))
                    .clone();
                if rule.matches.is_empty() {
                    push(i, name(&rule.name), None, Conditions::any(), action.clone(), rule.span);
                }
                for (j, m) in rule.matches.iter().enumerate() {
                    push(i, name(&rule.name), Some(j), Conditions::http(m), action.clone(), m.span);
                }
            }
        }
        RouteObject::Grpc(r) => {
            for (i, rule) in r.rules.iter().enumerate() {
                let action = actions
                    .entry((rank, i))
                    .or_insert_with(|| Arc::new(filters::grpc_action(rule, route, manifest)))
                    .clone();
                if rule.matches.is_empty() {
                    push(i, name(&rule.name), None, Conditions::grpc_any(), action.clone(), rule.span);
                }
                for (j, m) in rule.matches.iter().enumerate() {
                    push(i, name(&rule.name), Some(j), Conditions::grpc(m), action.clone(), m.span);
                }
            }
        }
        RouteObject::Tls(r) => {
            for (i, rule) in r.rules.iter().enumerate() {
                let action = actions
                    .entry((rank, i))
                    .or_insert_with(|| Arc::new(filters::tls_action(rule, route, manifest)))
                    .clone();
                push(i, name(&rule.name), None, Conditions::any(), action.clone(), rule.span);
            }
        }
    }
}

impl Conditions {
    /// No condition: PathPrefix `/` (`httproute_types.go` `HTTPRouteRule.Matches`: "If no matches
    /// are specified, the default is a prefix path match on "/"").
    fn any() -> Conditions {
        Conditions {
            path: PathCondition::prefix("/"),
            method: None,
            headers: Vec::new(),
            query: Vec::new(),
            grpc: None,
            problems: Vec::new(),
        }
    }

    /// A GRPCRoute rule without matches: every gRPC request.
    fn grpc_any() -> Conditions {
        Conditions { grpc: Some(GrpcCondition { service: None, method: None }), ..Conditions::any() }
    }

    fn http(m: &HttpRouteMatch) -> Conditions {
        let mut problems = Vec::new();
        let path = match &m.path {
            None => PathCondition::prefix("/"),
            Some(p) => {
                let value = p.value_or_default();
                match p.kind_or_default() {
                    "Exact" => PathCondition::Exact(value.to_string()),
                    "RegularExpression" => {
                        let regex = full_match_regex(value)
                            .map_err(|e| problems.push(format!("the path regex {value:?} does not compile ({e})")))
                            .ok();
                        PathCondition::Regex { written: value.to_string(), regex }
                    }
                    "PathPrefix" => PathCondition::prefix(value),
                    other => {
                        problems.push(format!("path type {other:?} is not Exact, PathPrefix or RegularExpression"));
                        PathCondition::Regex { written: value.to_string(), regex: None }
                    }
                }
            }
        };
        let headers = value_conditions(
            m.headers.iter().map(|h| (text(&h.name), h.kind_or_default(), text(&h.value))),
            true,
            &mut problems,
        );
        let query = value_conditions(
            m.query_params.iter().map(|h| (text(&h.name), h.kind_or_default(), text(&h.value))),
            false,
            &mut problems,
        );
        Conditions { path, method: m.method.as_ref().map(|x| x.value.clone()), headers, query, grpc: None, problems }
    }

    fn grpc(m: &GrpcRouteMatch) -> Conditions {
        let mut problems = Vec::new();
        let grpc = match &m.method {
            None => GrpcCondition { service: None, method: None },
            Some(method) => {
                let regex = method.kind.as_ref().is_some_and(|k| k.value == "RegularExpression");
                let mut condition = |value: &Option<crate::model::Spanned<String>>| {
                    value.as_ref().map(|v| value_condition(&v.value, regex, &mut problems))
                };
                GrpcCondition { service: condition(&method.service), method: condition(&method.method) }
            }
        };
        let headers = value_conditions(
            m.headers.iter().map(|h| (text(&h.name), h.kind_or_default(), text(&h.value))),
            true,
            &mut problems,
        );
        Conditions { headers, grpc: Some(grpc), problems, ..Conditions::any() }
    }

    /// The number of header conditions an implementation counts (Envoy Gateway counts the
    /// method as one: it is a `:method` header match).
    fn header_count(&self, implementation: Implementation) -> usize {
        self.headers.len() + usize::from(!implementation.method_is_own_step() && self.method.is_some())
    }
}

fn text(value: &Option<crate::model::Spanned<String>>) -> &str {
    value.as_ref().map_or("", |v| v.value.as_str())
}

fn value_condition(value: &str, regex: bool, problems: &mut Vec<String>) -> ValueCondition {
    if regex {
        let compiled = full_match_regex(value)
            .map_err(|e| problems.push(format!("the regex {value:?} does not compile ({e})")))
            .ok();
        ValueCondition::Regex(value.to_string(), compiled)
    } else {
        ValueCondition::Exact(value.to_string())
    }
}

/// Header or query conditions: only the first of each name counts (`HTTPHeaderMatch.Name`,
/// `HTTPQueryParamMatch.Name`: "Subsequent entries with an equivalent … name MUST be ignored";
/// header names compare case-insensitively, query names exactly).
fn value_conditions<'a>(
    written: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    case_insensitive: bool,
    problems: &mut Vec<String>,
) -> Vec<(String, ValueCondition)> {
    let mut out: Vec<(String, ValueCondition)> = Vec::new();
    for (name, kind, value) in written {
        let seen = out.iter().any(|(n, _)| if case_insensitive { n.eq_ignore_ascii_case(name) } else { n == name });
        if !seen {
            out.push((name.to_string(), value_condition(value, kind == "RegularExpression", problems)));
        }
    }
    out
}

/// Compares two matches of one hostname group under an implementation: `Less` when `a` takes
/// precedence; on `Greater`/`Less` also the step that decided.
pub(crate) fn precedence(
    implementation: Implementation,
    a: &MatchRecord,
    b: &MatchRecord,
) -> (Ordering, GatewayReason) {
    use GatewayReason as R;
    let (ca, cb) = (&a.conditions, &b.conditions);
    macro_rules! step {
        ($ord:expr, $reason:expr) => {
            let ord = $ord;
            if ord != Ordering::Equal {
                return (ord, $reason);
            }
        };
    }
    if let (Some(ga), Some(gb)) = (&ca.grpc, &cb.grpc) {
        // grpcroute_types.go `GRPCRouteRule.Matches`: characters in a matching service, then
        // method, then header matches.
        let len = |v: &Option<ValueCondition>| v.as_ref().map_or(0, |v| v.written().len());
        step!(len(&gb.service).cmp(&len(&ga.service)), R::PrecedenceGrpc);
        step!(len(&gb.method).cmp(&len(&ga.method)), R::PrecedenceGrpc);
        step!(cb.headers.len().cmp(&ca.headers.len()), R::PrecedenceHeaders);
    } else {
        let (ta, tb) = (path_type_rank(implementation, &ca.path), path_type_rank(implementation, &cb.path));
        let either_regex =
            matches!(ca.path, PathCondition::Regex { .. }) || matches!(cb.path, PathCondition::Regex { .. });
        step!(tb.cmp(&ta), if either_regex { R::PrecedenceRegex } else { R::PrecedenceExact });
        let (la, lb) = (ca.path.written().len(), cb.path.written().len());
        step!(
            lb.cmp(&la),
            if matches!(ca.path, PathCondition::Regex { .. }) { R::PrecedenceRegex } else { R::PrecedencePrefixLength }
        );
        if implementation.method_is_own_step() {
            step!(cb.method.is_some().cmp(&ca.method.is_some()), R::PrecedenceMethod);
        }
        step!(cb.header_count(implementation).cmp(&ca.header_count(implementation)), R::PrecedenceHeaders);
        if implementation.counts_exact_matches() {
            let exact = |c: &Conditions| {
                c.headers.iter().filter(|(_, v)| v.is_exact()).count() + usize::from(c.method.is_some())
            };
            step!(exact(cb).cmp(&exact(ca)), R::PrecedenceHeaders);
        }
        step!(cb.query.len().cmp(&ca.query.len()), R::PrecedenceQuery);
        if implementation.counts_exact_matches() {
            let exact = |c: &Conditions| c.query.iter().filter(|(_, v)| v.is_exact()).count();
            step!(exact(cb).cmp(&exact(ca)), R::PrecedenceQuery);
        }
        if implementation == Implementation::Contour {
            // sorter.go `compareRoutesByMethodHeaderQueryParams`: at equal counts, the rule index
            // (`Priority`) decides before the route's age.
            step!(a.rule.cmp(&b.rule), R::PrecedenceRuleOrder);
        }
    }
    let (ra, rb) = (&a.route, &b.route);
    if !Arc::ptr_eq(ra, rb) {
        let age = |r: &RouteInfo| (r.created.is_none(), r.created.clone());
        step!(age(ra).cmp(&age(rb)), R::PrecedenceAge);
        step!(ra.id.cmp(&rb.id), R::PrecedenceName);
        step!(ra.age_rank.cmp(&rb.age_rank), R::PrecedenceName);
    }
    step!(a.rule.cmp(&b.rule), R::PrecedenceRuleOrder);
    step!(a.match_index.cmp(&b.match_index), R::PrecedenceRuleOrder);
    (Ordering::Equal, R::PrecedenceRuleOrder)
}

/// Exact first; then (Envoy Gateway, Contour) RegularExpression, then PathPrefix; the `spec`
/// reading ranks RegularExpression last.
fn path_type_rank(implementation: Implementation, path: &PathCondition) -> u8 {
    use super::implementation::RegexRank;
    match (path, implementation.regex_rank()) {
        (PathCondition::Exact(_), _) => 3,
        (PathCondition::Regex { .. }, RegexRank::BeforePrefix) => 2,
        (PathCondition::Prefix { .. }, _) => 1,
        (PathCondition::Regex { .. }, RegexRank::AfterPrefix) => 0,
    }
}

/// An HTTPRoute and a GRPCRoute on one listener with hostnames in common: only the older (then
/// `namespace/name` first) is accepted (`grpcroute_types.go` `GRPCRouteSpec.Hostnames`: "the
/// implementation MUST accept exactly one of these two routes"); the other's matches on this
/// listener are not programmed.
fn reject_mixed_kinds(listener: &mut ListenerTable, diagnostics: &mut Vec<Diagnostic>) {
    let mut routes: Vec<(Arc<RouteInfo>, Arc<[String]>)> = Vec::new();
    for m in &listener.matches {
        if matches!(m.route.kind(), RouteKind::Http | RouteKind::Grpc)
            && !routes.iter().any(|(r, _)| Arc::ptr_eq(r, &m.route))
        {
            routes.push((m.route.clone(), m.hostnames.clone()));
        }
    }
    let mut rejected: Vec<(Arc<RouteInfo>, Arc<RouteInfo>)> = Vec::new();
    for (a, ha) in routes.iter().filter(|(r, _)| r.kind() == RouteKind::Http) {
        for (b, hb) in routes.iter().filter(|(r, _)| r.kind() == RouteKind::Grpc) {
            let overlap = ha.iter().any(|x| hb.iter().any(|y| super::matching::intersect(x, y).is_some()));
            if overlap {
                let (older, newer) = if a.age_rank < b.age_rank { (a, b) } else { (b, a) };
                if !rejected.iter().any(|(r, _)| Arc::ptr_eq(r, newer))
                    && !rejected.iter().any(|(r, _)| Arc::ptr_eq(r, older))
                {
                    rejected.push((newer.clone(), older.clone()));
                }
            }
        }
    }
    for (loser, winner) in rejected {
        let why = format!(
            "{} {} shares a hostname with {} {} on this listener; only the older route is accepted (grpcroute_types.go GRPCRouteSpec.Hostnames)",
            loser.kind().as_str(),
            loser.id,
            winner.kind().as_str(),
            winner.id
        );
        let mut span = None;
        for m in listener.matches.iter_mut().filter(|m| Arc::ptr_eq(&m.route, &loser)) {
            m.not_programmed = Some(why.clone());
            span = span.or(Some(m.span));
        }
        diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                Code::RouteStatus,
                format!("listener {:?}: Accepted: False: {why}", listener.info.name),
            )
            .at_opt(span)
            .on(format!("{} {}", loser.kind().as_str(), loser.id)),
        );
    }
}

/// Contour (`internal/dag/gatewayapi_processor.go` `computeHTTPRouteForListener` →
/// `hasConflictRoute` @v1.33.6): a rule any of whose matches has exactly the conditions of a
/// match already programmed for one of its hostnames is not programmed at all; routes are
/// processed oldest first (`sortHTTPRoutes`), rules in order.
fn drop_conflicting_rules(listener: &mut ListenerTable, diagnostics: &mut Vec<Diagnostic>) {
    let mut order: Vec<usize> = (0..listener.matches.len()).collect();
    order.sort_by_key(|&i| (listener.matches[i].route.age_rank, listener.matches[i].rule));
    // (hostname, conditions) → the match programmed with them.
    let mut programmed: FxMap<(String, String), usize> = FxMap::default();
    let mut k = 0;
    while k < order.len() {
        let first = order[k];
        let (rank, rule) = (listener.matches[first].route.age_rank, listener.matches[first].rule);
        let mut end = k;
        while end < order.len() && {
            let m = &listener.matches[order[end]];
            m.route.age_rank == rank && m.rule == rule
        } {
            end += 1;
        }
        let rule_matches: Vec<usize> = order[k..end].to_vec();
        let keys: Vec<Vec<(String, String)>> =
            rule_matches.iter().map(|&i| conflict_keys(&listener.matches[i])).collect();
        let conflict = keys.iter().flatten().find_map(|key| programmed.get(key).copied());
        match conflict {
            Some(p) => {
                let older = format!("{} rule {}", listener.matches[p].route.id, listener.matches[p].rule);
                for &i in &rule_matches {
                    listener.matches[i].not_programmed = Some(format!(
                        "its conditions repeat those of {older}, programmed first (Contour hasConflictRoute)"
                    ));
                }
                let m = &listener.matches[first];
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        Code::RouteStatus,
                        format!(
                            "spec.rules[{}]: PartiallyInvalid (Contour): the rule's match conditions repeat those of {older} on listener {:?}; Contour does not program it",
                            m.rule, listener.info.name
                        ),
                    )
                    .at(m.span)
                    .on(format!("{} {}", m.route.kind().as_str(), m.route.id)),
                );
            }
            None => {
                for (&i, keys) in rule_matches.iter().zip(keys) {
                    for key in keys {
                        programmed.entry(key).or_insert(i);
                    }
                }
            }
        }
        k = end;
    }
}

/// The keys under which Contour's virtual hosts see a match's conditions as the same route: per
/// hostname, the path, method, headers and query parameters (order-independent). GRPCRoute and
/// TLSRoute matches have none (the rule is HTTPRoute's).
fn conflict_keys(m: &MatchRecord) -> Vec<(String, String)> {
    if m.route.kind() != RouteKind::Http || m.conditions.grpc.is_some() {
        return Vec::new();
    }
    let c = &m.conditions;
    let path = match &c.path {
        PathCondition::Exact(x) => format!("exact {x}"),
        PathCondition::Prefix { trimmed, .. } => format!("prefix {trimmed}"),
        PathCondition::Regex { written, .. } => format!("regex {written}"),
    };
    let values = |v: &[(String, ValueCondition)]| {
        let mut all: Vec<String> = v
            .iter()
            .map(|(n, v)| format!("{}{}{}", n.to_ascii_lowercase(), if v.is_exact() { "=" } else { "~" }, v.written()))
            .collect();
        all.sort();
        all.join("\u{0}")
    };
    let signature =
        format!("{path}\u{1}{}\u{1}{}\u{1}{}", c.method.as_deref().unwrap_or(""), values(&c.headers), values(&c.query));
    m.hostnames.iter().map(|h| (h.clone(), signature.clone())).collect()
}

/// Groups a listener's matches by effective hostname, sorts each group in precedence order and
/// indexes the groups.
fn index(listener: &mut ListenerTable, implementation: Implementation) {
    let mut groups: Vec<HostGroup> = Vec::new();
    let mut by_name: FxMap<String, usize> = FxMap::default();
    for (i, m) in listener.matches.iter().enumerate() {
        if m.not_programmed.is_some() {
            continue;
        }
        for h in m.hostnames.iter() {
            let g = match by_name.get(h.as_str()) {
                Some(&g) => g,
                None => {
                    groups.push(HostGroup { hostname: h.clone(), members: Vec::new() });
                    by_name.insert(h.clone(), groups.len() - 1);
                    groups.len() - 1
                }
            };
            groups[g].members.push(i as u32);
        }
    }
    let matches = &listener.matches;
    for group in &mut groups {
        group.members.sort_by(|&a, &b| precedence(implementation, &matches[a as usize], &matches[b as usize]).0);
    }
    for (g, group) in groups.iter().enumerate() {
        let g = g as u32;
        if group.hostname.is_empty() {
            listener.any = Some(g);
        } else if let Some(suffix) = group.hostname.strip_prefix('*') {
            listener.wildcard.insert(suffix.to_string(), g);
        } else {
            listener.exact.insert(group.hostname.clone(), g);
        }
    }
    listener.groups = groups;
}

impl ListenerTable {
    /// The hostname groups that match a host (lower case, no port), most specific first: the
    /// exact name, then each wildcard suffix from the longest, then the any-host group (G6's
    /// hostname criteria). Walks the host's dots: no scan of the groups.
    pub fn groups_for<'a>(&'a self, host: &'a str) -> impl Iterator<Item = (usize, &'a HostGroup)> + 'a {
        let exact = self.exact.get(host).copied();
        let wildcards = host
            .char_indices()
            .filter(|&(i, c)| c == '.' && i > 0)
            .filter_map(move |(i, _)| self.wildcard.get(&host[i..]).copied());
        exact.into_iter().chain(wildcards).chain(self.any).map(move |g| (g as usize, &self.groups[g as usize]))
    }

    /// Is this listener's hostname a match for `host`? (G2)
    pub fn takes_host(&self, host: &str) -> bool {
        super::matching::hostname_matches(&self.info.hostname, host)
    }

    /// The listener's specificity for a host it takes (G2).
    pub fn specificity(&self) -> (u8, usize) {
        hostname_rank(&self.info.hostname)
    }

    /// True for a listener that takes HTTP(S) requests.
    pub fn is_http(&self) -> bool {
        matches!(self.info.protocol, Protocol::Http | Protocol::Https)
    }
}
