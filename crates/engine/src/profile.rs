//! Routing profiles: whose semantics a decision follows.
//!
//! Only [`Profile::Spec`] exists today: the behaviour the Kubernetes documentation describes.
//! A profile decides how `ImplementationSpecific` is read and is named in every decision; the
//! router asks the profile, never hard-codes the answer, so controller profiles (ingress-nginx,
//! GCE, …) can be added as new variants with their own interpretation.

use crate::matching::MatchKind;
use crate::model::PathType;
use serde::Serialize;

/// A routing profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Profile {
    /// The documented semantics (kubernetes.io "Ingress" concept page and the API reference).
    #[default]
    Spec,
}

impl Profile {
    /// Every profile, for selectors.
    pub const ALL: &'static [Profile] = &[Profile::Spec];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Spec => "spec",
        }
    }

    /// A one-line description for selectors and `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Profile::Spec => "the Kubernetes documentation's semantics (ImplementationSpecific read as Prefix)",
        }
    }

    /// Parses a profile name.
    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// How this profile compares a path of the given type.
    pub fn match_kind(self, path_type: PathType) -> MatchKind {
        match (self, path_type) {
            (_, PathType::Exact) => MatchKind::Exact,
            (_, PathType::Prefix) => MatchKind::Prefix,
            // The docs leave ImplementationSpecific to the IngressClass ("may treat it as a
            // separate pathType or treat it identically to Prefix or Exact"); the spec profile
            // takes the most common reading, Prefix, and every explanation says so.
            (Profile::Spec, PathType::ImplementationSpecific) => MatchKind::Prefix,
        }
    }

    /// The sentence explaining how `ImplementationSpecific` was read, if the profile reinterprets it.
    pub fn implementation_specific_note(self) -> &'static str {
        match self {
            Profile::Spec => "ImplementationSpecific is up to the controller; the spec profile matches it like Prefix (element-wise).",
        }
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
