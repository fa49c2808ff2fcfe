//! The ingress-nginx provider of the conversion (issue 15, rules N1…N13 in
//! `migrate/convert/nginx.rs`): fixtures re-written from kubernetes-sigs/ingress2gateway v1.1.0's
//! `pkg/i2gw/providers/ingressnginx/*_test.go` tables (each `input.yaml` names its test) and the
//! upstream defects flagged, under `tests/migrate/ingress-nginx/<case>/`, in the format of
//! migrate_convert.rs (here `notices.txt` lines carry the object and upstream's wording).
#![cfg(feature = "gateway")]

mod support;

use ingress_engine::migrate::{convert, ConvertOptions, NoticeLevel, Provider};
use ingress_engine::{Options, Simulator};
use support::migrate::{cases, fixture_failures};

#[test]
fn every_fixture_converts_as_upstream_does() {
    let failures: Vec<String> = cases("ingress-nginx", 20).iter().flat_map(|case| fixture_failures(case)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every notice the provider writes names its object and points into the input, and carries a
/// stable kebab-case code.
#[test]
fn notices_name_their_object_and_place() {
    for case in cases("ingress-nginx", 20) {
        let input = std::fs::read_to_string(case.join("input.yaml")).unwrap();
        let sim = Simulator::new(input.as_str(), &Options::default());
        let conv = convert(&sim, &ConvertOptions { provider: Provider::IngressNginx });
        for n in conv.notices.iter().filter(|n| n.code != "url-normalization") {
            assert!(n.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}: {}", case.display(), n.code);
            if n.level != NoticeLevel::Info || n.object.is_some() {
                assert!(n.object.is_some() && n.span.is_some(), "{}: {n:?}", case.display());
            }
        }
    }
}
