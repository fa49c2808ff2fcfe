//! One request routed under several profiles side by side ([`crate::Simulator::compare`]), and
//! where the answers differ.
//!
//! The profiles disagree when the request ends differently: another outcome, another backend,
//! another redirect or another upstream path. Which Ingress, rule path or certificate answered
//! is reported as a difference too, but the same backend reached through another path still
//! counts as agreement (the request lands in the same place).
//!
//! The grouping is generic over the decision ([`Compared`]): Gateway API decisions are compared
//! the same way (`crate::gateway::GatewayComparison`), with their own fields.

use crate::decision::Decision;
use crate::profile::Profile;
use serde::Serialize;

/// The decisions of several profiles for one request.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison<D = Decision, P = Profile> {
    /// True when every profile sends the request to the same place.
    pub agree: bool,
    /// Profiles grouped by answer, largest group first (ties: profile order).
    pub groups: Vec<AnswerGroup<P>>,
    /// The fields whose values differ between profiles, in a fixed order ([`Compared::FIELDS`]);
    /// for Ingress: `outcome`, `backend`, `redirect`, `upstreamPath`, `ingress`, `path`,
    /// `pathType`, `tls`.
    pub differences: Vec<String>,
    /// One decision per profile, in the order the profiles were given.
    pub decisions: Vec<D>,
}

/// Profiles that give the same answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerGroup<P = Profile> {
    /// The answer in a few words: `svc:80`, `404`, `308 → https://…`, `configuration rejected`.
    pub answer: String,
    /// The profiles giving it.
    pub profiles: Vec<P>,
}

/// Reads one compared field of a decision as text.
pub type Field<D> = fn(&D) -> String;

/// A decision that can be compared with others for the same request.
pub trait Compared: Sized + 'static {
    /// Whose rules made the decision.
    type Profile: Copy;
    /// The fields compared, by JSON name, in the order `differences` lists them.
    const FIELDS: &'static [(&'static str, Field<Self>)];
    /// Whose rules made it.
    fn profile(&self) -> Self::Profile;
    /// The answer's few words, and the grouping key: equal labels mean agreement.
    fn answer_label(&self) -> String;
}

impl Compared for Decision {
    type Profile = Profile;
    const FIELDS: &'static [(&'static str, Field<Decision>)] = &[
        ("outcome", |d| d.outcome.as_str().to_string()),
        ("backend", |d| d.backend_label()),
        ("redirect", |d| d.redirect.as_ref().map(|r| format!("{} {}", r.status, r.location)).unwrap_or_default()),
        ("upstreamPath", |d| d.upstream_path.clone().unwrap_or_default()),
        ("ingress", |d| d.ingress.clone().unwrap_or_default()),
        ("path", |d| d.path.clone().unwrap_or_default()),
        ("pathType", |d| d.path_type.map(|t| t.as_str().to_string()).unwrap_or_default()),
        ("tls", |d| {
            d.tls.as_ref().map(|t| t.secret_name.clone().unwrap_or_else(|| "default".into())).unwrap_or_default()
        }),
    ];

    fn profile(&self) -> Profile {
        self.profile
    }

    fn answer_label(&self) -> String {
        answer_label(self)
    }
}

/// The answer's few words (also the grouping key).
pub fn answer_label(decision: &Decision) -> String {
    use crate::decision::Outcome;
    let mut label = match decision.outcome {
        Outcome::Rule | Outcome::DefaultBackend => {
            let backend = decision.backend_label();
            if backend.is_empty() {
                "no usable backend (503)".to_string()
            } else {
                backend
            }
        }
        Outcome::NoMatch => "404".to_string(),
        Outcome::Redirect => match &decision.redirect {
            Some(r) => format!("{} → {}", r.status, r.location),
            None => "redirect".to_string(),
        },
        Outcome::ConfigError => "configuration rejected".to_string(),
        Outcome::ControllerAnswer => match decision.status {
            Some(status) => format!("{status} from the controller"),
            None => "connection closed by the controller".to_string(),
        },
    };
    if decision.outcome == Outcome::DefaultBackend {
        label.push_str(" (default backend)");
    }
    if let Some(path) = &decision.upstream_path {
        label.push_str(&format!(", upstream path {path}"));
    }
    label
}

impl<D: Compared> Comparison<D, D::Profile> {
    /// Compares decisions made for the same request.
    pub fn of(decisions: Vec<D>) -> Comparison<D, D::Profile> {
        let mut groups: Vec<AnswerGroup<D::Profile>> = Vec::new();
        for d in &decisions {
            let answer = d.answer_label();
            match groups.iter_mut().find(|g| g.answer == answer) {
                Some(g) => g.profiles.push(d.profile()),
                None => groups.push(AnswerGroup { answer, profiles: vec![d.profile()] }),
            }
        }
        crate::order::sort_by_key(&mut groups, |g| std::cmp::Reverse(g.profiles.len()));
        let differs = |field: &Field<D>| {
            decisions.first().is_some_and(|first| decisions.iter().any(|d| field(d) != field(first)))
        };
        let differences = D::FIELDS.iter().filter(|(_, f)| differs(f)).map(|(name, _)| name.to_string()).collect();
        Comparison { agree: groups.len() <= 1, groups, differences, decisions }
    }
}
