//! The words of the steps ([`super::steps`]): titles, the one sentence of the steps no single
//! explanation entry already says, and the names of the controllers' own rules.

use crate::decision::{Decision, Entry, MatchedRequest, Outcome, Reason};
use crate::matching::HostTier;
use crate::profile::Profile;

/// The controller's own rule for choosing among paths, named as its documentation would
/// (`None`: the spec profile, whose rules are R1–R7).
pub(super) fn controller_rule(profile: Profile) -> Option<&'static str> {
    Some(match profile {
        Profile::Spec => return None,
        Profile::IngressNginx | Profile::IngressNginxV1_14_2 => "nginx location order",
        Profile::Gce => "GCE URL map",
        Profile::AwsAlb => "ALB rule priority",
        Profile::Traefik | Profile::TraefikV3_6 | Profile::TraefikV3_6_10 | Profile::TraefikIngressNginx => {
            "Traefik rule length"
        }
        Profile::Contour => "Envoy route order",
    })
}

/// The controller's own rule for choosing by host, named as its configuration reads: nginx
/// picks a `server` block by `server_name`, a GCE URL map a host rule, an ALB rule carries a
/// host-header condition, Traefik a `Host` matcher in the router's rule, Envoy a virtual host
/// (`None`: the spec profile, R3).
pub(super) fn controller_host_rule(profile: Profile) -> Option<&'static str> {
    Some(match profile {
        Profile::Spec => return None,
        Profile::IngressNginx | Profile::IngressNginxV1_14_2 => "nginx server_name",
        Profile::Gce => "GCE URL map host rule",
        Profile::AwsAlb => "ALB host-header condition",
        Profile::Traefik | Profile::TraefikV3_6 | Profile::TraefikV3_6_10 | Profile::TraefikIngressNginx => {
            "Traefik Host matcher"
        }
        Profile::Contour => "Envoy virtual host",
    })
}

/// The controller's class admission, as a rule name.
pub(super) fn class_rule(profile: Profile) -> String {
    format!("{} class admission", profile.name())
}

/// The controller's certificate choice, as a rule name.
pub(super) fn tls_rule(profile: Profile) -> String {
    format!("{} certificate choice", profile.name())
}

/// The request as matched (R2), and how many normalisation notes follow.
pub(super) fn request(request: &MatchedRequest, notes: &[&str]) -> String {
    let sni = request.sni.as_deref().map(|s| format!(" over TLS with SNI {s}")).unwrap_or_default();
    let changed = match notes.len() {
        0 => String::new(),
        1 => ", after one normalisation listed here".to_string(),
        n => format!(", after {n} normalisations listed here"),
    };
    format!(
        "The request is matched with host {} and path {}{sni} (R2: host lower-cased without port, path without query{changed}).",
        quoted_host(&request.host),
        request.path
    )
}

fn quoted_host(host: &str) -> String {
    if host.is_empty() {
        "\"\" (none)".to_string()
    } else {
        host.to_string()
    }
}

/// Which Ingresses take part (R1): the class note, and how many Ingresses it leaves out.
pub(super) fn class(class: Option<&str>, note: Option<&str>, left_out: usize) -> String {
    let left = match left_out {
        0 => String::new(),
        1 => " One Ingress of another class is left out.".to_string(),
        n => format!(" {n} Ingresses of other classes are left out."),
    };
    match (note, class) {
        (Some(note), _) => format!("{note}{left}"),
        (None, Some(class)) => format!("Only Ingresses of IngressClass {class} take part (R1).{left}"),
        (None, None) => format!("Every Ingress takes part, whatever its class (R1).{left}"),
    }
}

/// The title of the step for the controller's choice of server (or load balancer).
pub(super) fn controller_host_title(profile: Profile) -> String {
    match profile {
        Profile::IngressNginx | Profile::IngressNginxV1_14_2 => "nginx server".into(),
        Profile::Gce => "GCE load balancer".into(),
        Profile::AwsAlb => "ALB and listener".into(),
        Profile::Contour => "Envoy virtual host".into(),
        Profile::Traefik | Profile::TraefikV3_6 | Profile::TraefikV3_6_10 | Profile::TraefikIngressNginx => {
            "Traefik routers".into()
        }
        Profile::Spec => "Host".into(),
    }
}

/// `Host tier: precise`.
pub(super) fn tier_title(tier: HostTier) -> String {
    format!("Host tier: {}", super::tier_name(tier))
}

/// What a host tier holds for the request's host (R3), and which rules lost there.
pub(super) fn host_tier(
    tier: HostTier,
    host: &str,
    chosen: Option<HostTier>,
    losers: &[Reason],
    controller: Option<&str>,
) -> String {
    let count = |reason: Reason| losers.iter().filter(|&&r| r == reason).count();
    let mut fell = Vec::new();
    for (reason, one, many) in [
        (Reason::WrongHost, "1 rule names another host", "rules name other hosts"),
        (Reason::WildcardDepth, "1 wildcard covers one label only", "wildcards cover one label only"),
        (Reason::WildcardNeedsLabel, "1 wildcard needs a label in front", "wildcards need a label in front"),
        (Reason::LessSpecificHost, "1 rule matches but ranks below", "rules match but rank below"),
    ] {
        match count(reason) {
            0 => {}
            1 => fell.push(one.to_string()),
            n => fell.push(format!("{n} {many}")),
        }
    }
    let fell = if fell.is_empty() { String::new() } else { format!("; here {}", fell.join(", ")) };
    if let Some(rule) = controller {
        let n = losers.len();
        let rules = if n == 1 { "1 rule does" } else { "rules do" };
        let n = if n == 1 { String::new() } else { format!("{n} ") };
        return format!("{n}{rules} not answer {} ({rule}){fell}.", quoted_host(host));
    }
    let host = quoted_host(host);
    let what = match tier {
        HostTier::Precise => format!("rules naming {host} exactly"),
        HostTier::Wildcard => format!("wildcard rules covering {host}"),
        HostTier::Any => "rules without host".to_string(),
    };
    match chosen {
        Some(c) if c == tier => {
            format!(
                "This tier has {what}, so only their paths are compared and lower tiers are not consulted (R3){fell}."
            )
        }
        Some(c) if c < tier => format!("Not consulted: a more specific tier has rules for {host} (R3){fell}."),
        _ if tier == HostTier::Any => format!("No {what} either: no tier has rules for {host} (R3){fell}."),
        _ => format!("No {what}, so the next tier is asked (R3){fell}."),
    }
}

/// The spec rule a path step applies: R4 (does it match), R5 (does it win), R1 (can it be read).
pub(super) fn spec_path_rule(reason: Reason) -> &'static str {
    match reason {
        Reason::ShorterThanWinner | Reason::ExactWonTie | Reason::PrefixWonTie | Reason::Duplicate => "R5",
        Reason::InvalidPath => "R1",
        Reason::NoPaths => "R6",
        _ => "R4",
    }
}

/// `Path /foo (Prefix)`, or what a note about the paths is about.
pub(super) fn path_title(entry: &Entry, profile: Profile) -> String {
    match (&entry.path, entry.path_type) {
        (Some(path), Some(t)) => format!("Path {} ({})", shown_path(path), t.as_str()),
        (Some(path), None) => format!("Path {}", shown_path(path)),
        (None, _) if entry.reason == Reason::NoPaths => "Rule without paths".into(),
        (None, _) if entry.reason == Reason::Note && entry.backend.is_none() => {
            format!("How {} reads the paths", profile.name())
        }
        (None, _) => match (&entry.ingress, &entry.host) {
            (Some(id), None) if entry.backend.is_some() => format!("Default backend of {id}"),
            (Some(id), Some(host)) if !host.is_empty() => format!("Rule for {host} in {id}"),
            (Some(id), _) => format!("Candidate in {id}"),
            (None, _) => "Candidate".into(),
        },
    }
}

fn shown_path(path: &str) -> &str {
    if path.is_empty() {
        "\"\""
    } else {
        path
    }
}

/// `Default backend of ns/name: not used`.
pub(super) fn unused_default_title(entry: &Entry) -> String {
    match &entry.ingress {
        Some(id) => format!("Default backend of {id}: not used"),
        None => "Default backend: not used".into(),
    }
}

/// A few words on what answers.
pub(super) fn answer_title(decision: &Decision) -> String {
    let backend = decision.backend_label();
    match decision.outcome {
        Outcome::Rule => format!("Winner: {backend}"),
        Outcome::DefaultBackend => format!("Default backend: {backend}"),
        Outcome::NoMatch => "No match: 404".into(),
        Outcome::Redirect => match &decision.redirect {
            Some(r) => format!("Redirect {}", r.status),
            None => "Redirect".into(),
        },
        Outcome::ConfigError => "Configuration refused".into(),
        Outcome::ControllerAnswer => match decision.status {
            Some(status) => format!("Controller answers {status}"),
            None => "Controller answers".into(),
        },
    }
}

/// What answers, when no explanation entry says it (a decision routed without explanation).
pub(super) fn answer(decision: &Decision) -> String {
    let backend = decision.backend_label();
    let by = decision.ingress.as_deref().unwrap_or("an Ingress");
    match decision.outcome {
        Outcome::Rule => match (&decision.path, decision.path_type) {
            (Some(path), Some(t)) => format!("{backend} answers: path {path} ({}) of {by} wins.", t.as_str()),
            _ => format!("{backend} answers: a path of {by} wins."),
        },
        Outcome::DefaultBackend => format!("No path matches, so the defaultBackend of {by} ({backend}) answers (R6)."),
        Outcome::NoMatch => "Nothing answers: the controller returns 404 (R6).".into(),
        Outcome::Redirect => match &decision.redirect {
            Some(r) => format!("The controller answers with a {} redirect to {}.", r.status, r.location),
            None => "The controller answers with a redirect.".into(),
        },
        Outcome::ConfigError => "The controller refuses this configuration and keeps serving its previous one.".into(),
        Outcome::ControllerAnswer => match decision.status {
            Some(status) => format!("The controller answers {status} itself; no backend is reached."),
            None => "The controller answers itself; no backend is reached.".into(),
        },
    }
}

/// What the notes stage lists.
pub(super) fn notes(profile: Profile, annotations: usize) -> String {
    let what = if annotations == 1 { "One note lists annotations" } else { "These notes list annotations" };
    format!(
        "{what} the {} profile does not simulate: the real controller may route differently because of them.",
        profile.name()
    )
}
