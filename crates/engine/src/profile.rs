//! Routing profiles: whose semantics a decision follows.
//!
//! [`Profile::Spec`] (the default) is the behaviour the Kubernetes documentation describes (the
//! rules R1–R7 of the crate documentation). Every other profile is a controller whose behaviour
//! differs from the documentation where the spec leaves room (ImplementationSpecific, wildcard
//! depth, merge order, default-backend scope, class rules); each routes by the controller's own
//! rules, cited in its module, and every decision names the profile that produced it. A profile
//! is a question asked of a [`crate::Simulator`], not part of it.

use crate::matching::MatchKind;
use crate::model::PathType;
use crate::names::stable_names;

/// A routing profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// The documented semantics (kubernetes.io "Ingress" concept page and the API reference).
    #[default]
    Spec,
    /// kubernetes/ingress-nginx: one nginx `server` per host, locations as its template writes them.
    IngressNginx,
    /// ingress-gce (GKE): one Google Cloud URL map per Ingress.
    Gce,
    /// AWS Load Balancer Controller: ALB listener rules in priority order.
    AwsAlb,
    /// Traefik v3's Kubernetes Ingress provider: routers ranked by rule length.
    Traefik,
    /// Contour: Envoy virtual hosts and routes built by its DAG.
    Contour,
}

stable_names!(Profile, name;
    Spec => "spec",
    IngressNginx => "ingress-nginx",
    Gce => "gce",
    AwsAlb => "aws-alb",
    Traefik => "traefik",
    Contour => "contour",
);

impl Profile {
    /// Every profile, for selectors.
    pub const ALL: &'static [Profile] =
        &[Profile::Spec, Profile::IngressNginx, Profile::Gce, Profile::AwsAlb, Profile::Traefik, Profile::Contour];

    /// A one-line description for selectors and `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Profile::Spec => "the Kubernetes documentation's semantics (ImplementationSpecific read as Prefix)",
            Profile::IngressNginx => {
                "kubernetes/ingress-nginx: nginx locations per host, regex mode, redirects, canaries"
            }
            Profile::Gce => "GKE ingress-gce: one URL map per Ingress, /* globs, multi-label wildcard hosts",
            Profile::AwsAlb => "AWS Load Balancer Controller: ALB rules in priority order, * and ? wildcards",
            Profile::Traefik => "Traefik v3: PathPrefix is a character prefix, routers ranked by rule length",
            Profile::Contour => "Contour (Envoy): regex ImplementationSpecific, exact > regex > prefix",
        }
    }

    /// How the spec router compares a path of the given type. Controller profiles route with
    /// their own modules; the spec index (used by static analysis) reads them as the spec does.
    pub fn match_kind(self, path_type: PathType) -> MatchKind {
        match path_type {
            PathType::Exact => MatchKind::Exact,
            // The docs leave ImplementationSpecific to the IngressClass ("may treat it as a
            // separate pathType or treat it identically to Prefix or Exact"); the spec profile
            // takes the most common reading, Prefix, and every explanation says so.
            PathType::Prefix | PathType::ImplementationSpecific => MatchKind::Prefix,
        }
    }

    /// The sentence explaining how the spec router read `ImplementationSpecific`.
    pub fn implementation_specific_note(self) -> &'static str {
        "ImplementationSpecific is up to the controller; the spec profile matches it like Prefix (element-wise)."
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
