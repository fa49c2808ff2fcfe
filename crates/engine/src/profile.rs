//! Routing profiles: whose semantics a decision follows, and which release of that controller.
//!
//! [`Profile::Spec`] (the default) is the behaviour the Kubernetes documentation describes (the
//! rules R1–R7 of the crate documentation). Every other profile is a controller whose behaviour
//! differs from the documentation where the spec leaves room (ImplementationSpecific, wildcard
//! depth, merge order, default-backend scope, class rules); each routes by the controller's own
//! rules, cited in its module, and every decision names the profile that produced it and the
//! release it models ([`Profile::version`]). A profile is a question asked of a
//! [`crate::Simulator`], not part of it.
//!
//! A controller's plain name (`traefik`) models its latest release. Where a recent release
//! changed an answer that users still run, the older behaviour is a profile of its own, named
//! `name@version` (`traefik@3.6`, `ingress-nginx@1.14.2`); the controller module decides what
//! differs, citing the upstream commit.

use crate::matching::MatchKind;
use crate::model::PathType;

/// A routing profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// The documented semantics (kubernetes.io "Ingress" concept page and the API reference).
    #[default]
    Spec,
    /// kubernetes/ingress-nginx: one nginx `server` per host, locations as its template writes them.
    IngressNginx,
    /// ingress-nginx 1.14.0–1.14.2 (and 1.13.0–1.13.6): location paths written unquoted, regex
    /// locations quoted without escaping.
    IngressNginxV1_14_2,
    /// ingress-gce (GKE): one Google Cloud URL map per Ingress.
    Gce,
    /// AWS Load Balancer Controller: ALB listener rules in priority order.
    AwsAlb,
    /// Traefik v3's Kubernetes Ingress provider: routers ranked by rule length.
    Traefik,
    /// Traefik 3.6.11–3.6.24: wildcard hosts written as `HostRegexp("^[a-zA-Z0-9-]+\\.foo\\.com$")`.
    TraefikV3_6,
    /// Traefik 3.6.0–3.6.10: rules written between backticks, wildcard hosts as
    /// `` HostRegexp(`^[a-zA-Z0-9-]+\.foo\.com$`) ``.
    TraefikV3_6_10,
    /// Traefik 3.7's `kubernetesIngressNGINX` provider: Ingresses of class `nginx` with their
    /// `nginx.ingress.kubernetes.io/*` annotations, translated into Traefik routers.
    TraefikIngressNginx,
    /// Contour: Envoy virtual hosts and routes built by its DAG.
    Contour,
}

/// What names and describes a profile, in one row per profile.
struct About {
    name: &'static str,
    version: &'static str,
    release: &'static str,
    description: &'static str,
}

impl Profile {
    /// Every profile, for selectors, in declaration order (a controller's older releases follow
    /// its latest).
    pub const ALL: &'static [Profile] = &[
        Profile::Spec,
        Profile::IngressNginx,
        Profile::IngressNginxV1_14_2,
        Profile::Gce,
        Profile::AwsAlb,
        Profile::Traefik,
        Profile::TraefikV3_6,
        Profile::TraefikV3_6_10,
        Profile::TraefikIngressNginx,
        Profile::Contour,
    ];

    /// Every stable name, in [`Profile::ALL`] order (for messages listing the known ones).
    pub const NAMES: &'static [&'static str] = &[
        "spec",
        "ingress-nginx",
        "ingress-nginx@1.14.2",
        "gce",
        "aws-alb",
        "traefik",
        "traefik@3.6",
        "traefik@3.6.10",
        "traefik-ingress-nginx",
        "contour",
    ];

    fn about(self) -> About {
        let about = |name, version, release, description| About { name, version, release, description };
        match self {
            Profile::Spec => about(
                "spec",
                "networking.k8s.io/v1",
                "the kubernetes.io documentation and API reference",
                "the Kubernetes documentation's semantics (ImplementationSpecific read as Prefix)",
            ),
            Profile::IngressNginx => about(
                "ingress-nginx",
                "1.15",
                "controller-v1.15.1, the final line; 1.14.3 and later route the same",
                "kubernetes/ingress-nginx: nginx locations per host, regex mode, redirects, canaries",
            ),
            Profile::IngressNginxV1_14_2 => about(
                "ingress-nginx@1.14.2",
                "1.14.2",
                "controller-v1.14.2; 1.14.0–1.14.2 and 1.13.0–1.13.6 route the same",
                "ingress-nginx before 1.14.3: location paths unescaped, so a \" in a regex path breaks the configuration",
            ),
            Profile::Gce => about(
                "gce",
                "1.41",
                "v1.41.1",
                "GKE ingress-gce: one URL map per Ingress, /* globs, multi-label wildcard hosts",
            ),
            Profile::AwsAlb => about(
                "aws-alb",
                "3.5",
                "v3.5.0; 2.17 routes the same",
                "AWS Load Balancer Controller: ALB rules in priority order, * and ? wildcards",
            ),
            Profile::Traefik => about(
                "traefik",
                "3.7",
                "v3.7.9",
                "Traefik v3: PathPrefix is a character prefix, routers ranked by rule length",
            ),
            Profile::TraefikV3_6 => about(
                "traefik@3.6",
                "3.6",
                "v3.6.24; 3.6.11–3.6.24 route the same",
                "Traefik 3.6: wildcard hosts as HostRegexp, a longer rule and so a higher priority",
            ),
            Profile::TraefikV3_6_10 => about(
                "traefik@3.6.10",
                "3.6.10",
                "v3.6.10; 3.6.0–3.6.10 route the same",
                "Traefik up to 3.6.10: rules between backticks, wildcard hosts as HostRegexp (2 characters shorter than 3.6.11's)",
            ),
            Profile::TraefikIngressNginx => about(
                "traefik-ingress-nginx",
                "3.7",
                "v3.7.9 (pkg/provider/kubernetes/ingress-nginx)",
                "Traefik's kubernetesIngressNGINX provider: class nginx and its annotations as Traefik routers ranked by rule length",
            ),
            Profile::Contour => about(
                "contour",
                "1.33",
                "v1.33.6",
                "Contour (Envoy): regex ImplementationSpecific, exact > regex > prefix",
            ),
        }
    }

    /// The stable name: JSON, the CLI, the case file, permalinks (`traefik`, `traefik@3.6`).
    pub fn name(self) -> &'static str {
        self.about().name
    }

    /// The release line modelled (`3.7`, `1.14.2`; the API version for the spec profile): the
    /// decision's `profileVersion`.
    pub fn version(self) -> &'static str {
        self.about().version
    }

    /// The name with the release it models, for menus and table columns (`traefik 3.7`,
    /// `traefik@3.6`, `spec`).
    pub fn title(self) -> String {
        if self == Profile::Spec || self != self.latest() {
            self.name().to_string()
        } else {
            format!("{} {}", self.name(), self.version())
        }
    }

    /// The upstream release modelled, as its repository tags it (`v3.7.9`), and which other
    /// releases route the same.
    pub fn release(self) -> &'static str {
        self.about().release
    }

    /// A one-line description for selectors and `--help`.
    pub fn description(self) -> &'static str {
        self.about().description
    }

    /// The same controller at the release modelled by default (`traefik@3.6` → `traefik`):
    /// what the rules every release shares are keyed on.
    pub fn latest(self) -> Profile {
        match self {
            Profile::IngressNginxV1_14_2 => Profile::IngressNginx,
            Profile::TraefikV3_6 | Profile::TraefikV3_6_10 => Profile::Traefik,
            other => other,
        }
    }

    /// Reads a stable name; `name@version` of the latest release (`traefik@3.7`) is the plain
    /// name.
    pub fn parse(text: &str) -> Option<Profile> {
        Profile::ALL
            .iter()
            .copied()
            .find(|p| p.name() == text || (*p == p.latest() && text.split_once('@') == Some((p.name(), p.version()))))
    }

    /// [`Profile::parse`], or a message saying what is wrong with `text` and listing the known
    /// names (for a known controller with an unknown version: its known versions).
    pub fn parse_or_explain(text: &str) -> Result<Profile, String> {
        if let Some(profile) = Profile::parse(text) {
            return Ok(profile);
        }
        let Some((base, version)) = text.split_once('@') else {
            return Err(format!("unknown profile {text:?}; known profiles: {}", Profile::NAMES.join(", ")));
        };
        let Some(latest) = Profile::parse(base).filter(|p| *p == p.latest()) else {
            return Err(format!("unknown profile {base:?} in {text:?}; known profiles: {}", Profile::NAMES.join(", ")));
        };
        let known: Vec<String> =
            Profile::ALL
                .iter()
                .filter(|p| p.latest() == latest)
                .map(|p| {
                    if *p == latest {
                        format!("{} (= {base}@{})", p.name(), p.version())
                    } else {
                        p.name().to_string()
                    }
                })
                .collect();
        let hint = match (latest, version) {
            // controller-v1.14.3 took the location quoting of 1.15 (1656ce5cc887): "1.14" names
            // two behaviours.
            (Profile::IngressNginx, "1.14") => {
                " (1.14.0–1.14.2 is ingress-nginx@1.14.2; 1.14.3 and later route as ingress-nginx)"
            }
            _ => "",
        };
        Err(format!("{base} has no profile for version {version:?}{hint}; known: {}", known.join(", ")))
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

impl serde::Serialize for Profile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(feature = "readback")]
impl crate::readback::ReadBack for Profile {
    fn read<T: crate::readback::Tree>(tree: &T) -> Result<Profile, crate::readback::ReadError> {
        tree.string().as_deref().and_then(Profile::parse).ok_or(crate::readback::ReadError::expected("Profile"))
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Profile;

    #[test]
    fn names_read_back_in_declaration_order() {
        assert_eq!(Profile::ALL.len(), Profile::NAMES.len());
        for (index, (&profile, &name)) in Profile::ALL.iter().zip(Profile::NAMES).enumerate() {
            assert_eq!(profile as usize, index, "ALL is in declaration order (the simulator indexes by it)");
            assert_eq!(profile.name(), name);
            assert_eq!(Profile::parse(name), Some(profile));
        }
    }

    #[test]
    fn every_profile_names_its_release() {
        assert_eq!(Profile::IngressNginx.version(), "1.15");
        assert_eq!(Profile::Traefik.version(), "3.7");
        assert_eq!(Profile::TraefikV3_6.version(), "3.6");
        let titles: Vec<String> = [Profile::Spec, Profile::Traefik, Profile::TraefikV3_6].map(Profile::title).into();
        assert_eq!(titles, ["spec", "traefik 3.7", "traefik@3.6"]);
        assert!(Profile::ALL.iter().all(|p| !p.version().is_empty() && !p.release().is_empty()));
    }

    #[test]
    fn the_latest_version_spelled_out_is_the_plain_name() {
        assert_eq!(Profile::parse("traefik@3.7"), Some(Profile::Traefik));
        assert_eq!(Profile::parse("ingress-nginx@1.15"), Some(Profile::IngressNginx));
        assert_eq!(Profile::parse("traefik@3.6"), Some(Profile::TraefikV3_6));
        assert_eq!(Profile::parse("traefik@3.6.24"), None);
        assert_eq!(Profile::TraefikV3_6.latest(), Profile::Traefik);
    }

    #[test]
    fn unknown_versions_list_the_known_ones() {
        let err = Profile::parse_or_explain("traefik@3.5").unwrap_err();
        assert_eq!(
            err,
            "traefik has no profile for version \"3.5\"; known: traefik (= traefik@3.7), traefik@3.6, traefik@3.6.10"
        );
        let err = Profile::parse_or_explain("ingress-nginx@1.14").unwrap_err();
        assert!(err.contains("1.14.0–1.14.2 is ingress-nginx@1.14.2"), "{err}");
        let err = Profile::parse_or_explain("haproxy@2").unwrap_err();
        assert!(err.starts_with("unknown profile \"haproxy\""), "{err}");
        assert!(Profile::parse_or_explain("nope").unwrap_err().contains("traefik@3.6"));
    }
}
