//! The conformance corpus: every `tests/corpus/*.yaml` file is a manifest plus request → expected
//! backend cases (the CLI's `--cases` format). See `tests/corpus/README.md`.
//!
//! For every file: it parses as a case file with no error, has a name, a description and a source;
//! its manifest has no error diagnostic (unless the file name starts with `invalid-`, and then it
//! must have one); every case passes. For every case the full `route` must agree with the fast
//! `lookup` (outcome, backend, Ingress), and the explanation must name exactly one winner when
//! something answers (none when nothing does).

use ingress_engine::cases::run_cases;
use ingress_engine::{Explain, Options, Outcome, Reason, Simulator, Verdict};
mod support;

use support::corpus::{corpus_dir, corpus_tests, load, read};

/// Every corpus file. The playground's examples gallery and the CLI/JS/browser tests refer to
/// these names; `every_corpus_file_is_listed` keeps the list and the directory in step.
const FILES: &[&str] = &[
    "docs-minimal.yaml",
    "docs-simple-fanout.yaml",
    "docs-name-based-virtual-hosting.yaml",
    "docs-wildcard-host.yaml",
    "docs-default-backend.yaml",
    "docs-resource-backend.yaml",
    "docs-tls.yaml",
    "docs-path-matching-examples.yaml",
    "docs-exact-vs-prefix.yaml",
    "docs-trailing-slash.yaml",
    "conformance-path-rules.yaml",
    "conformance-host-rules.yaml",
    "conformance-default-backend.yaml",
    "conformance-ingress-class.yaml",
    "rules-class.yaml",
    "rules-class-chosen.yaml",
    "rules-class-any.yaml",
    "rules-request-normalisation.yaml",
    "rules-host-tiers.yaml",
    "rules-path-match.yaml",
    "rules-precedence.yaml",
    "rules-default-backend.yaml",
    "rules-tls.yaml",
    "input-kubectl-list.yaml",
    "input-v1beta1.yaml",
    "invalid-class-annotation-mismatch.yaml",
    "profile-gce-url-maps.yaml",
    "profile-aws-alb-rule-priority.yaml",
    "profile-traefik-rule-length.yaml",
    "profile-contour-route-order.yaml",
    "profile-ingress-nginx-paths.yaml",
    "profile-ingress-nginx-regex.yaml",
    "profile-ingress-nginx-merge.yaml",
    "profile-ingress-nginx-duplicate-location.yaml",
    "profile-ingress-nginx-tls.yaml",
    "profile-ingress-nginx-canary.yaml",
    "profile-ingress-nginx-canary-header.yaml",
    "profile-aws-alb-group-order.yaml",
    "profile-traefik-equal-rules.yaml",
    "profile-traefik-wildcard-host.yaml",
    "profile-traefik-3.6-wildcard-host.yaml",
    "profile-traefik-3.6.10-backticked-rules.yaml",
    "profile-contour-invalid-regex.yaml",
    "profile-traefik-path-normalisation.yaml",
    "profile-traefik-service-port.yaml",
    "profile-traefik-missing-service.yaml",
    "profile-contour-path-normalisation.yaml",
    "profile-ingress-nginx-rewrite-normalised.yaml",
    "profile-ingress-nginx-quoted-paths.yaml",
    "profile-ingress-nginx-redirects.yaml",
    "profile-ingress-nginx-server-alias.yaml",
    "profile-ingress-nginx-www-redirect.yaml",
    "profile-ingress-nginx-class.yaml",
    "profile-nginx-cors-preflight.yaml",
    "profile-nginx-default-backend.yaml",
    "profile-nginx-ssl-passthrough.yaml",
    "profile-nginx-webhook-overlap.yaml",
    "profile-nginx-redirect-location.yaml",
    "profile-nginx-1.14.2-ssl-passthrough.yaml",
    "profile-ingress-nginx-1.14.2-regex-escapes.yaml",
    "profile-ingress-nginx-1.14.2-double-quote.yaml",
    "profile-gce-class.yaml",
    "profile-traefik-class.yaml",
    "profile-contour-class.yaml",
    "profile-aws-alb-class.yaml",
    "profile-gce-translation-errors.yaml",
    "profile-aws-alb-listeners.yaml",
    "profile-aws-alb-group-rules.yaml",
    "profile-traefik-ingress-nginx-paths.yaml",
    "profile-traefik-ingress-nginx-regex.yaml",
    "profile-traefik-ingress-nginx-redirects.yaml",
    "profile-traefik-ingress-nginx-skipped.yaml",
    "profile-traefik-ingress-nginx-hosts.yaml",
    "profile-traefik-ingress-nginx-canary.yaml",
    "profile-contour-wildcard-label.yaml",
    "profile-contour-force-ssl-redirect.yaml",
    "profile-contour-misdirected.yaml",
    "profile-contour-https-without-tls.yaml",
];

/// Runs one corpus file and returns every failure, each naming the file and the case.
fn check_file(file: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let Some(cases) = load(file, &mut failures) else { return failures };
    let profile = cases.profile.unwrap_or_default();
    let options = Options { class: cases.class.clone() };
    let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &options);

    let errors: Vec<String> = sim.errors().map(ToString::to_string).collect();
    if file.starts_with("invalid-") {
        if errors.is_empty() {
            failures.push(format!("{file}: an `invalid-` file must have at least one error diagnostic, found none"));
        }
    } else {
        for e in errors {
            failures.push(format!("{file}: manifest error: {e}"));
        }
    }

    let report = run_cases(&sim, profile, &cases);
    for r in report.results.iter().filter(|r| !r.passed) {
        failures.push(format!("{file}: case {:?}\n    expected: {}\n    actual:   {}", r.name, r.expected, r.actual));
    }

    for (case, result) in cases.cases.iter().zip(&report.results) {
        let name = &result.name;
        let decision = sim.route(&case.request, profile, Explain::Yes);
        if decision.profile != profile {
            failures.push(format!("{file}: case {name:?}: the decision names profile {}", decision.profile));
        }
        let batch = sim.route(&case.request, profile, Explain::No);
        if decision.outcome != batch.outcome || decision.backend_label() != batch.backend_label() {
            failures.push(format!(
                "{file}: case {name:?}: explained and batch decisions disagree: explained {} {:?}, batch {} {:?}",
                decision.outcome.as_str(),
                decision.backend_label(),
                batch.outcome.as_str(),
                batch.backend_label()
            ));
        }
        if decision.ingress != batch.ingress {
            failures.push(format!(
                "{file}: case {name:?}: the explained decision says Ingress {:?}, the batch one {:?}",
                decision.ingress, batch.ingress
            ));
        }
        let won: Vec<_> = decision.explanation.iter().filter(|e| e.verdict == Verdict::Won).collect();
        match decision.outcome {
            Outcome::Rule | Outcome::DefaultBackend => {
                if won.len() != 1 {
                    failures.push(format!(
                        "{file}: case {name:?}: outcome {} but {} explanation entries are `won`: {:#?}",
                        decision.outcome.as_str(),
                        won.len(),
                        decision.explanation
                    ));
                } else {
                    let w = won[0];
                    let want = if decision.outcome == Outcome::Rule { Reason::Matched } else { Reason::DefaultBackend };
                    let label = w.backend.as_ref().map(ToString::to_string).unwrap_or_default();
                    if w.reason != want || label != decision.backend_label() || w.ingress != decision.ingress {
                        failures.push(format!(
                            "{file}: case {name:?}: the winning explanation entry ({:?}, {:?}, {label:?}) does not match the decision ({:?}, {:?})",
                            w.reason,
                            w.ingress,
                            decision.ingress,
                            decision.backend_label()
                        ));
                    }
                }
            }
            Outcome::NoMatch => {
                if !won.is_empty() {
                    failures.push(format!("{file}: case {name:?}: outcome no-match but an explanation entry is `won`"));
                }
            }
            Outcome::Redirect => {
                if won.len() != 1 || won[0].reason != Reason::Redirect || decision.redirect.is_none() {
                    failures.push(format!(
                        "{file}: case {name:?}: a redirect needs `redirect` and exactly one `won` entry with reason redirect: {:#?}",
                        decision.explanation
                    ));
                }
            }
            Outcome::ControllerAnswer => {
                if decision.backend.is_some() || decision.redirect.is_some() || won.len() > 1 {
                    failures.push(format!(
                        "{file}: case {name:?}: a controller-answer reaches no backend, is no redirect and has at most one `won` entry: {:#?}",
                        decision.explanation
                    ));
                }
            }
            Outcome::ConfigError => {
                let said = decision.explanation.iter().any(|e| e.reason == Reason::ConfigError);
                if !won.is_empty() || !said {
                    failures.push(format!(
                        "{file}: case {name:?}: a config-error has no `won` entry and at least one entry with reason config-error"
                    ));
                }
            }
        }
        if decision.outcome == Outcome::Rule && (decision.path.is_none() || decision.path_type.is_none()) {
            failures.push(format!("{file}: case {name:?}: a rule outcome without a winning path"));
        }
    }
    failures
}

/// A file of an older release's profile (`profile: traefik@3.6`) shows what that release does
/// differently: at least one of its cases fails under the controller's latest release.
#[test]
fn versioned_profile_files_differ_from_the_latest_release() {
    let mut failures = Vec::new();
    for file in FILES {
        let Some(cases) = load(file, &mut failures) else { continue };
        let Some(profile) = cases.profile.filter(|p| *p != p.latest()) else { continue };
        let sim =
            Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options { class: cases.class.clone() });
        let latest = run_cases(&sim, profile.latest(), &cases);
        if latest.results.iter().all(|r| r.passed) {
            failures.push(format!(
                "{file}: every case passes under {} too: it shows no difference from {profile}",
                profile.latest()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Case files assert decisions only; the webhook's refusal of this file's newer Ingress is a diagnostic.
#[test]
fn the_webhook_overlap_file_warns_on_the_newer_ingress_only() {
    let file = "profile-nginx-webhook-overlap.yaml";
    let cases = load(file, &mut Vec::new()).expect(file);
    let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options { class: cases.class.clone() });
    let refused: Vec<_> = sim
        .diagnostics(cases.profile.unwrap_or_default())
        .iter()
        .filter(|d| d.message.contains("is already defined in ingress"))
        .collect();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert!(
        refused[0].message.contains(r#"host "app.example.com" and path "/api" is already defined in ingress web/app"#),
        "{}",
        refused[0].message
    );
    assert_eq!(refused[0].object.as_deref(), Some("Ingress web/app-v2"));
    assert_eq!(refused[0].field.as_deref(), Some("spec.rules[0].http.paths[0].path"));
}

fn assert_file(file: &str) {
    let failures = check_file(file);
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

corpus_tests! {
    docs_minimal => "docs-minimal.yaml",
    docs_simple_fanout => "docs-simple-fanout.yaml",
    docs_name_based_virtual_hosting => "docs-name-based-virtual-hosting.yaml",
    docs_wildcard_host => "docs-wildcard-host.yaml",
    docs_default_backend => "docs-default-backend.yaml",
    docs_resource_backend => "docs-resource-backend.yaml",
    docs_tls => "docs-tls.yaml",
    docs_path_matching_examples => "docs-path-matching-examples.yaml",
    docs_exact_vs_prefix => "docs-exact-vs-prefix.yaml",
    docs_trailing_slash => "docs-trailing-slash.yaml",
    conformance_path_rules => "conformance-path-rules.yaml",
    conformance_host_rules => "conformance-host-rules.yaml",
    conformance_default_backend => "conformance-default-backend.yaml",
    conformance_ingress_class => "conformance-ingress-class.yaml",
    rules_class => "rules-class.yaml",
    rules_class_chosen => "rules-class-chosen.yaml",
    rules_class_any => "rules-class-any.yaml",
    rules_request_normalisation => "rules-request-normalisation.yaml",
    rules_host_tiers => "rules-host-tiers.yaml",
    rules_path_match => "rules-path-match.yaml",
    rules_precedence => "rules-precedence.yaml",
    rules_default_backend => "rules-default-backend.yaml",
    rules_tls => "rules-tls.yaml",
    input_kubectl_list => "input-kubectl-list.yaml",
    input_v1beta1 => "input-v1beta1.yaml",
    invalid_class_annotation_mismatch => "invalid-class-annotation-mismatch.yaml",
    profile_gce_url_maps => "profile-gce-url-maps.yaml",
    profile_aws_alb_rule_priority => "profile-aws-alb-rule-priority.yaml",
    profile_traefik_rule_length => "profile-traefik-rule-length.yaml",
    profile_contour_route_order => "profile-contour-route-order.yaml",
    profile_ingress_nginx_paths => "profile-ingress-nginx-paths.yaml",
    profile_ingress_nginx_regex => "profile-ingress-nginx-regex.yaml",
    profile_ingress_nginx_merge => "profile-ingress-nginx-merge.yaml",
    profile_ingress_nginx_duplicate_location => "profile-ingress-nginx-duplicate-location.yaml",
    profile_ingress_nginx_tls => "profile-ingress-nginx-tls.yaml",
    profile_ingress_nginx_canary => "profile-ingress-nginx-canary.yaml",
    profile_ingress_nginx_canary_header => "profile-ingress-nginx-canary-header.yaml",
    profile_aws_alb_group_order => "profile-aws-alb-group-order.yaml",
    profile_traefik_equal_rules => "profile-traefik-equal-rules.yaml",
    profile_traefik_wildcard_host => "profile-traefik-wildcard-host.yaml",
    profile_traefik_3_6_wildcard_host => "profile-traefik-3.6-wildcard-host.yaml",
    profile_traefik_3_6_10_backticked_rules => "profile-traefik-3.6.10-backticked-rules.yaml",
    profile_contour_invalid_regex => "profile-contour-invalid-regex.yaml",
    profile_traefik_path_normalisation => "profile-traefik-path-normalisation.yaml",
    profile_traefik_service_port => "profile-traefik-service-port.yaml",
    profile_traefik_missing_service => "profile-traefik-missing-service.yaml",
    profile_contour_path_normalisation => "profile-contour-path-normalisation.yaml",
    profile_ingress_nginx_rewrite_normalised => "profile-ingress-nginx-rewrite-normalised.yaml",
    profile_ingress_nginx_quoted_paths => "profile-ingress-nginx-quoted-paths.yaml",
    profile_ingress_nginx_redirects => "profile-ingress-nginx-redirects.yaml",
    profile_ingress_nginx_server_alias => "profile-ingress-nginx-server-alias.yaml",
    profile_ingress_nginx_www_redirect => "profile-ingress-nginx-www-redirect.yaml",
    profile_ingress_nginx_class => "profile-ingress-nginx-class.yaml",
    profile_nginx_cors_preflight => "profile-nginx-cors-preflight.yaml",
    profile_nginx_default_backend => "profile-nginx-default-backend.yaml",
    profile_nginx_ssl_passthrough => "profile-nginx-ssl-passthrough.yaml",
    profile_nginx_webhook_overlap => "profile-nginx-webhook-overlap.yaml",
    profile_nginx_redirect_location => "profile-nginx-redirect-location.yaml",
    profile_nginx_1_14_2_ssl_passthrough => "profile-nginx-1.14.2-ssl-passthrough.yaml",
    profile_ingress_nginx_1_14_2_regex_escapes => "profile-ingress-nginx-1.14.2-regex-escapes.yaml",
    profile_ingress_nginx_1_14_2_double_quote => "profile-ingress-nginx-1.14.2-double-quote.yaml",
    profile_gce_class => "profile-gce-class.yaml",
    profile_traefik_class => "profile-traefik-class.yaml",
    profile_contour_class => "profile-contour-class.yaml",
    profile_aws_alb_class => "profile-aws-alb-class.yaml",
    profile_gce_translation_errors => "profile-gce-translation-errors.yaml",
    profile_aws_alb_listeners => "profile-aws-alb-listeners.yaml",
    profile_aws_alb_group_rules => "profile-aws-alb-group-rules.yaml",
    profile_traefik_ingress_nginx_paths => "profile-traefik-ingress-nginx-paths.yaml",
    profile_traefik_ingress_nginx_regex => "profile-traefik-ingress-nginx-regex.yaml",
    profile_traefik_ingress_nginx_redirects => "profile-traefik-ingress-nginx-redirects.yaml",
    profile_traefik_ingress_nginx_skipped => "profile-traefik-ingress-nginx-skipped.yaml",
    profile_traefik_ingress_nginx_hosts => "profile-traefik-ingress-nginx-hosts.yaml",
    profile_traefik_ingress_nginx_canary => "profile-traefik-ingress-nginx-canary.yaml",
    profile_contour_wildcard_label => "profile-contour-wildcard-label.yaml",
    profile_contour_force_ssl_redirect => "profile-contour-force-ssl-redirect.yaml",
    profile_contour_misdirected => "profile-contour-misdirected.yaml",
    profile_contour_https_without_tls => "profile-contour-https-without-tls.yaml",
}

/// Every `.yaml` file in the corpus directory is in `FILES` (so it is run), and every listed file
/// exists; the README lists every file too.
#[test]
fn every_corpus_file_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable directory entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        // Gateway API files are run (and listed) by tests/gateway_corpus.rs.
        .filter(|n| !n.starts_with("gateway-"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/corpus/*.yaml and FILES in tests/corpus.rs differ");
    let readme = read("README.md");
    let missing: Vec<&&str> = FILES.iter().filter(|f| !readme.contains(**f)).collect();
    assert!(missing.is_empty(), "tests/corpus/README.md does not list {missing:?}");
}

/// Every file is a well-formed case file: no case-file error, a name, a description and a source,
/// a manifest and named cases. (The per-file tests check this too; this one reports all files at
/// once.)
#[test]
fn every_file_parses_and_is_documented() {
    let mut failures = Vec::new();
    for file in FILES {
        load(file, &mut failures);
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}
