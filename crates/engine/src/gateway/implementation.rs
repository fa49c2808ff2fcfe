//! [`Implementation`]: whose reading of Gateway API routing a decision follows. The specification
//! (kubernetes-sigs/gateway-api v1.6.1) fixes most of it; what it leaves open is a choice each
//! implementation makes, and the simulator names each choice here, once, with its source.
//!
//! | question | `spec` (documented choice) | `envoy-gateway` (v1.6.x) | `contour` (v1.33.x) |
//! |---|---|---|---|
//! | where a `RegularExpression` path ranks | after every `PathPrefix` (the spec is silent: `httproute_types.go` `HTTPRouteRule.Matches`, "The precedence of RegularExpression path matches are implementation-specific") | between Exact and PathPrefix, longer pattern first (`internal/gatewayapi/sort.go` `XdsIRRoutes.Less`) | between Exact and PathPrefix, longer pattern first (`internal/sorter/sorter.go` `routeSorter.Less`) |
//! | regex dialect | RE2 syntax, matched against the whole path (no query) | Envoy `safe_regex`: RE2, full match (`internal/xds/translator/route.go` `buildPathMatch`) | Envoy `safe_regex`: RE2, full match (`internal/dag/gatewayapi_processor.go` `gatewayPathMatchCondition`) |
//! | method against header matches | its own step, before the header count (the spec's list) | a method is one more header match (`:method`, `internal/gatewayapi/route.go` `processHTTPRouteRule`): counted with the headers, then exact header matches | its own step before the header count (`sorter.go` `compareRoutesByMethodHeaderQueryParams`) |
//! | a host whose most specific hostname has no matching rule | falls through to the next hostname (the hostname criteria rank *matching* rules: `HTTPRouteSpec.Hostnames`) | 404: one Envoy virtual host per hostname, chosen before any route (`internal/xds/translator/translator.go` `processHTTPListenerXdsTranslation`, "1:1 between IR HTTPRoute Hostname and xDS VirtualHost") | 404: one virtual host per hostname (`gatewayapi_processor.go` `computeHTTPRouteForListener`, `EnsureVirtualHost(listener, host)`) |
//! | the path matched | as sent, without the query | as Envoy normalises it: `.`/`..` resolved, `//` merged (`internal/xds/translator/listener.go` `NormalizePath: true`, `internal/gatewayapi/listener.go` `MergeSlashes: true`) | the same (`internal/envoy/v3/listener.go`; the Ingress `contour` profile's `envoy_path`) |
//! | two rules with identical conditions across routes | the older route wins (the spec's tie-breaks) | the older route wins: routes are translated oldest first, then `namespace/name` (`internal/gatewayapi/resource/resource.go` `Sort`), and the sort is stable | the later rule is not programmed (`gatewayapi_processor.go` `hasConflictRoute`; the route is `PartiallyInvalid`, or not `Accepted` when every rule conflicts): the older route wins, oldest first (`sortHTTPRoutes`) |
//!
//! Known differences not modelled yet (each decision follows the spec there): Contour answers 421
//! whenever the Host (lower case, without port) is not exactly the SNI name on an HTTPS listener
//! (`internal/envoy/v3/listener.go` `FilterMisdirectedRequests`, a Lua filter on every secure
//! virtual host's filter chain, v1.33.6), stricter than the spec's listener comparison; and it
//! programs no filter chain for an HTTPS listener without attached routes (its conformance run
//! skips `HTTPRouteHTTPSListener`, `test/conformance/gatewayapi/gateway_conformance_test.go`).
//! GRPCRoute matches rank by the spec's criteria (service, method, headers) under every
//! implementation; Envoy Gateway turns them into path matches first (`internal/gatewayapi/route.go`
//! `processGRPCRouteMethodExact`: service and method → Exact `/service/method`, method only →
//! suffix, service only → prefix) and sorts those as paths.

use crate::names::stable_names;

/// Whose routing rules a Gateway API decision follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Implementation {
    /// The specification as written, with the simulator's documented choices where it is silent.
    Spec,
    /// Envoy Gateway (envoyproxy/gateway).
    EnvoyGateway,
    /// Contour's Gateway API provider (projectcontour/contour).
    Contour,
}

stable_names!(Implementation, name;
    Spec => "spec",
    EnvoyGateway => "envoy-gateway",
    Contour => "contour",
);

/// Where a `RegularExpression` path match ranks among the path match types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RegexRank {
    /// After every PathPrefix (and every Exact): the `spec` reading's choice.
    AfterPrefix,
    /// After Exact, before PathPrefix; a longer pattern first.
    BeforePrefix,
}

/// How a request host chooses among the hostnames of a listener's routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HostChoice {
    /// Hostnames rank matching rules: when no rule of the most specific hostname matches, the
    /// next hostname's rules are tried.
    RanksMatches,
    /// The most specific hostname is chosen first (an Envoy virtual host); its rules alone are
    /// tried.
    VirtualHost,
}

impl Implementation {
    /// Every implementation, in declaration order.
    pub const ALL: [Implementation; 3] = [Implementation::Spec, Implementation::EnvoyGateway, Implementation::Contour];

    /// A short title ("Envoy Gateway").
    pub fn title(self) -> &'static str {
        match self {
            Implementation::Spec => "Gateway API specification",
            Implementation::EnvoyGateway => "Envoy Gateway",
            Implementation::Contour => "Contour",
        }
    }

    /// One sentence on what the implementation is and what the simulator models of it.
    pub fn description(self) -> &'static str {
        match self {
            Implementation::Spec => "The rules of kubernetes-sigs/gateway-api v1.6.1 as written; where they leave a choice to implementations (regex rank, hostname fall-through) the simulator's documented choice.",
            Implementation::EnvoyGateway => "Envoy Gateway's translation to Envoy: Exact, then RegularExpression, then PathPrefix; a method counts as a header match; one virtual host per hostname.",
            Implementation::Contour => "Contour's Gateway API provider: Exact, then RegularExpression, then PathPrefix; one virtual host per hostname; a rule whose conditions repeat an older route's is not programmed.",
        }
    }

    /// The release whose source the simulation follows.
    pub fn version(self) -> &'static str {
        match self {
            Implementation::Spec => "1.6.1",
            Implementation::EnvoyGateway => "1.6.7",
            Implementation::Contour => "1.33.6",
        }
    }

    /// The position in [`Implementation::ALL`].
    pub(crate) fn slot(self) -> usize {
        self as usize
    }

    /// Where a RegularExpression path ranks (table above).
    pub(crate) fn regex_rank(self) -> RegexRank {
        match self {
            Implementation::Spec => RegexRank::AfterPrefix,
            Implementation::EnvoyGateway | Implementation::Contour => RegexRank::BeforePrefix,
        }
    }

    /// Whether a method match is its own precedence step (else it counts as a header match).
    pub(crate) fn method_is_own_step(self) -> bool {
        !matches!(self, Implementation::EnvoyGateway)
    }

    /// Whether exact header (and query) matches outrank regex ones at equal counts (Envoy
    /// Gateway's `numberOfExactMatches`).
    pub(crate) fn counts_exact_matches(self) -> bool {
        matches!(self, Implementation::EnvoyGateway)
    }

    /// How a request host chooses among hostnames (table above).
    pub(crate) fn host_choice(self) -> HostChoice {
        match self {
            Implementation::Spec => HostChoice::RanksMatches,
            Implementation::EnvoyGateway | Implementation::Contour => HostChoice::VirtualHost,
        }
    }

    /// Whether a later rule with exactly an older rule's conditions is dropped at compile time
    /// (Contour's `hasConflictRoute`).
    pub(crate) fn drops_conflicting_rules(self) -> bool {
        matches!(self, Implementation::Contour)
    }
}

impl std::fmt::Display for Implementation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
