//! What both fuzz targets check about a routed request, beyond "does not panic".
//!
//! The checks are properties the engine promises, so a failed assertion is an engine bug:
//! - the explained decision and the batch one ([`Simulator::route`] with [`Explain::Yes`] and
//!   [`Explain::No`]) agree on the outcome, the backend and the certificate;
//! - a winning rule path really matches the normalised request by the engine's own predicates
//!   ([`match_host`], [`match_path`]);
//! - the explanation names exactly one winner when something answers, and none otherwise.

use ingress_engine::decision::Decision;
use ingress_engine::matching::{match_host, match_path};
use ingress_engine::{Explain, Outcome, Profile, Request, Simulator, Verdict};

/// Routes a request both ways under the spec profile, checks the decision, and returns it.
pub fn route_and_check(sim: &Simulator, request: &Request) -> Decision {
    let decision = sim.route(request, Profile::Spec, Explain::Yes);
    let batch = sim.route(request, Profile::Spec, Explain::No);
    assert_eq!(decision.outcome, batch.outcome, "explained and batch decisions disagree on {request:?}");
    assert_eq!(
        decision.backend_label(),
        batch.backend_label(),
        "explained and batch decisions disagree on {request:?}"
    );
    assert_eq!(decision.tls, batch.tls, "explained and batch decisions disagree on the certificate for {request:?}");
    assert!(!decision.explanation.is_empty(), "no explanation for {request:?}");

    let winners: Vec<_> = decision.explanation.iter().filter(|e| e.verdict == Verdict::Won).collect();
    match decision.outcome {
        Outcome::NoMatch => assert!(winners.is_empty(), "no-match with a winner: {winners:?}"),
        Outcome::DefaultBackend => assert_eq!(winners.len(), 1, "default backend, winners: {winners:?}"),
        Outcome::Redirect | Outcome::ConfigError | Outcome::ControllerAnswer => {
            panic!("the spec profile never answers {:?}", decision.outcome)
        }
        Outcome::Rule => {
            assert_eq!(winners.len(), 1, "rule outcome, winners: {winners:?}");
            assert_eq!((winners[0].rule, winners[0].path_index), (decision.rule, decision.path_index));
            let (Some(host), Some(path), Some(path_type)) = (&decision.host, &decision.path, decision.path_type) else {
                panic!("a rule decision without its host, path or pathType: {decision:?}");
            };
            let request_host = &decision.request.host;
            assert!(
                match_host(host, request_host).tier().is_some(),
                "winning rule host {host:?} does not match {request_host:?}"
            );
            let kind = decision.profile.match_kind(path_type);
            let request_path = &decision.request.path;
            assert_eq!(
                match_path(kind, path, request_path),
                Ok(()),
                "winning path {path:?} ({path_type:?}) does not match {request_path:?}"
            );
        }
    }
    decision
}

/// Checks a controller profile's decision: it names its profile, explains itself, and has
/// exactly one winner when a backend or a redirect answers (none otherwise).
pub fn check_controller_decision(decision: &Decision, request: &Request) {
    assert!(!decision.explanation.is_empty(), "no explanation for {request:?} ({})", decision.profile);
    let winners = decision.explanation.iter().filter(|e| e.verdict == Verdict::Won).count();
    let expected = match decision.outcome {
        Outcome::Rule | Outcome::DefaultBackend | Outcome::Redirect => 1,
        Outcome::NoMatch | Outcome::ConfigError => 0,
        // A status it answers with comes from a location (won); a closed connection has none.
        Outcome::ControllerAnswer => usize::from(decision.status.is_some()),
    };
    assert_eq!(winners, expected, "{} {:?}: {winners} winners for {request:?}", decision.profile, decision.outcome);
    assert_eq!(decision.redirect.is_some(), decision.outcome == Outcome::Redirect, "{request:?}");
    if decision.outcome == Outcome::Rule {
        assert!(decision.path.is_some(), "{request:?}: rule without path");
        // A path without pathType is an API-server error; controllers still route it (read as
        // their default type) and the decision says the Ingress would be rejected.
        assert!(decision.path_type.is_some() || decision.rejected, "{request:?}: admitted rule without pathType");
    }
}
