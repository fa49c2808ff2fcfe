//! The steps of a decision ([`ingress_engine::steps`]): for every corpus case under every profile,
//! the walk is in stage order, every explanation entry is in exactly one step, the winner step
//! holds the decision's winner, and a step's spans are its entries'; and hand-written walks for a
//! few cases under the spec and ingress-nginx profiles.

use ingress_engine::cases::parse_cases;
use ingress_engine::{steps, Decision, Explain, Options, Profile, Reason, Request, Simulator, Stage, Step, Verdict};
use std::path::PathBuf;

/// Every corpus file: its name, the simulator of its manifest, its requests, and a simulator of
/// the same manifest never analysed.
fn corpus() -> Vec<(String, Simulator, Vec<Request>, Simulator)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus directory")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        // Ingress routing only: the Gateway API files (`gateway-*.yaml`) are tests/gateway_corpus.rs's.
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("gateway-")))
        .collect();
    files.sort();
    assert!(files.len() > 50, "the corpus is read ({} files)", files.len());
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a corpus file");
            let (cases, _) = parse_cases(&text);
            let options = Options { class: cases.class.clone() };
            let sim = Simulator::new(cases.manifest.as_deref().unwrap_or(""), &options);
            let unanalysed = Simulator::new(cases.manifest.as_deref().unwrap_or(""), &options);
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, sim, cases.cases.into_iter().map(|c| c.request).collect(), unanalysed)
        })
        .collect()
}

/// What must hold of every walk; the failures, described.
fn check(decision: &Decision, walk: &[Step]) -> Vec<String> {
    let mut failures = Vec::new();
    let explanation = &decision.explanation;
    if !walk.windows(2).all(|w| w[0].stage <= w[1].stage) {
        failures.push("stages out of order".to_string());
    }
    let mut seen = vec![0usize; explanation.len()];
    for step in walk {
        for &i in &step.entries {
            match seen.get_mut(i) {
                Some(n) => *n += 1,
                None => failures.push(format!("step {:?} names entry {i}, which does not exist", step.title)),
            }
        }
    }
    for (i, n) in seen.iter().enumerate() {
        if *n != 1 {
            failures.push(format!("entry {i} ({}) is in {n} steps", explanation[i].reason.as_str()));
        }
    }
    for stage in [Stage::Request, Stage::Class, Stage::Winner] {
        if !walk.iter().any(|s| s.stage == stage) {
            failures.push(format!("no {} step", stage.as_str()));
        }
    }
    if walk.iter().any(|s| s.text.trim().is_empty() || s.title.trim().is_empty() || s.rule.is_empty()) {
        failures.push("a step without text, title or rule".to_string());
    }
    // The winner step (the last of its stage) holds the entry that answers, and it names the
    // decision's Ingress, rule and path.
    let answer = walk.iter().rev().find(|s| s.stage == Stage::Winner).expect("checked above");
    let won = explanation.iter().position(|e| e.verdict == Verdict::Won && e.reason != Reason::Tls);
    if let Some(won) = won {
        if answer.entries.first() != Some(&won) {
            failures.push(format!("the winner step does not lead with the won entry {won}: {:?}", answer.entries));
        }
        let e = &explanation[won];
        if e.reason == Reason::Matched
            && (e.ingress != decision.ingress || e.rule != decision.rule || e.path_index != decision.path_index)
        {
            failures.push("the winner step's entry is not the decision's winner".to_string());
        }
    }
    if decision.outcome.reaches_backend() && !answer.title.contains(&decision.backend_label()) {
        failures.push(format!("the winner step's title {:?} does not name {}", answer.title, decision.backend_label()));
    }
    // Spans are the entries' spans; the chosen host tier adds its candidates' (spans of entries).
    let all_spans: Vec<_> = explanation.iter().filter_map(|e| e.span).collect();
    for step in walk {
        let own: Vec<_> = step.entries.iter().filter_map(|&i| explanation[i].span).collect();
        let chosen_tier = step.stage == Stage::Host && step.verdict == Verdict::Won;
        let fine = if chosen_tier {
            step.spans.starts_with(&own) && step.spans.iter().all(|s| all_spans.contains(s))
        } else {
            step.spans == own
        };
        if !fine {
            failures.push(format!("step {:?}: spans are not its entries' spans", step.title));
        }
    }
    failures
}

#[test]
fn every_corpus_walk_is_in_order_and_holds_every_entry_once() {
    let mut failures = Vec::new();
    let mut walks = 0;
    for (file, sim, requests, unanalysed) in corpus() {
        for &profile in Profile::ALL {
            for (n, request) in requests.iter().enumerate() {
                let decision = sim.route(request, profile, Explain::Yes);
                let walk = steps(&decision);
                walks += 1;
                failures.extend(check(&decision, &walk).into_iter().map(|f| format!("{file} case {n} {profile}: {f}")));
                // Explained before the analysis (the playground's first answer): the same walk.
                let early = unanalysed.route(request, profile, Explain::BeforeAnalysis);
                if steps(&early) != walk {
                    failures.push(format!("{file} case {n} {profile}: another walk before the analysis"));
                }
                // A decision routed without explanation still walks request, class, winner.
                let quick = steps(&sim.route(request, profile, Explain::No));
                let stages: Vec<Stage> = quick.iter().map(|s| s.stage).filter(|s| *s != Stage::Tls).collect();
                if stages != [Stage::Request, Stage::Class, Stage::Winner] {
                    failures.push(format!("{file} case {n} {profile}: unexplained walk {stages:?}"));
                }
            }
        }
    }
    assert!(walks > 3000, "{walks} walks");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures[..failures.len().min(40)].join("\n"));
}

const FANOUT: &str = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fanout, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: foo.bar.com
    http:
      paths:
      - {path: /foo, pathType: Prefix, backend: {service: {name: foo, port: {number: 80}}}}
      - {path: /foo/bar, pathType: Exact, backend: {service: {name: bar, port: {number: 80}}}}
  - host: "*.bar.com"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: wild, port: {number: 80}}}}
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: any, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: other, namespace: shop}
spec:
  ingressClassName: traefik
  rules:
  - host: foo.bar.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: other, port: {number: 80}}}}
"#;

fn walk(yaml: &str, class: Option<&str>, url: &str, profile: Profile) -> (Decision, Vec<Step>) {
    let sim = Simulator::new(yaml, &Options { class: class.map(str::to_string) });
    let decision = sim.route(&Request::from_url(url).expect("a URL"), profile, Explain::Yes);
    let walk = steps(&decision);
    (decision, walk)
}

fn summary(walk: &[Step]) -> Vec<String> {
    walk.iter().map(|s| format!("{} {} {} | {}", s.stage.as_str(), s.rule, s.verdict.as_str(), s.title)).collect()
}

#[test]
fn the_spec_walk_goes_class_tiers_paths_winner() {
    let (decision, walk) = walk(FANOUT, Some("nginx"), "http://FOO.bar.com:8080/foo/x?q=1", Profile::Spec);
    assert_eq!(decision.backend_label(), "foo:80");
    assert_eq!(
        summary(&walk),
        [
            "request R2 info | The request",
            "class R1 info | IngressClass",
            "host R3 won | Host tier: precise",
            "host R3 lost | Host tier: wildcard",
            "host R3 lost | Host tier: any",
            "path R4 lost | Path /foo/bar (Exact)",
            "winner R5 won | Winner: foo:80",
        ]
    );
    // The request step lists what normalising changed (port, case, query), and says R2.
    let request = &walk[0];
    assert_eq!(request.entries.len(), 3, "{:?}", request);
    assert!(request.text.contains("host foo.bar.com and path /foo/x"), "{}", request.text);
    // The class step holds the Ingress of the other class and points at it.
    let class = &walk[1];
    assert_eq!(class.entries.len(), 2);
    assert_eq!(class.spans.len(), 1);
    assert_eq!(class.spans[0].start.line, 21);
    assert!(class.text.contains("One Ingress of another class is left out."), "{}", class.text);
    // The chosen tier points at its candidates; the lower tiers at their rules.
    assert!(walk[2].text.contains("only their paths are compared"), "{}", walk[2].text);
    assert_eq!(walk[2].spans.iter().map(|s| s.start.line).collect::<Vec<_>>(), [11, 12]);
    assert!(walk[3].text.starts_with("Not consulted"), "{}", walk[3].text);
    assert!(walk[3].text.contains("1 rule matches but ranks below"), "{}", walk[3].text);
    let winner = walk.last().unwrap();
    assert_eq!(winner.spans[0].start.line, 11);
    assert!(winner.text.contains("longest matching path"), "{}", winner.text);
}

#[test]
fn a_request_no_rule_serves_walks_every_tier_to_the_404() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nspec:\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}\n";
    let (decision, walk) = walk(yaml, None, "http://b.example.com/", Profile::Spec);
    assert_eq!(decision.outcome.as_str(), "no-match");
    assert_eq!(
        summary(&walk),
        [
            "request R2 info | The request",
            "class R1 info | IngressClass",
            "host R3 lost | Host tier: precise",
            "host R3 info | Host tier: wildcard",
            "host R3 info | Host tier: any",
            "winner R6 info | No match: 404",
        ]
    );
    assert!(walk[2].text.contains("1 rule names another host"), "{}", walk[2].text);
    assert!(walk[3].text.contains("so the next tier is asked (R3)"), "{}", walk[3].text);
    assert!(walk[4].text.contains("no tier has rules for b.example.com (R3)"), "{}", walk[4].text);
    assert_eq!(walk[2].spans[0].start.line, 6);
}

#[test]
fn a_tls_request_ends_with_the_certificate() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nspec:\n  tls:\n  - {hosts: [a.example.com], secretName: a-tls}\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}\n";
    let (_, walk) = walk(yaml, None, "https://a.example.com/", Profile::Spec);
    let tls = walk.last().unwrap();
    assert_eq!((tls.stage, tls.rule.as_str(), tls.verdict), (Stage::Tls, "R7", Verdict::Won));
    assert!(tls.text.contains("a-tls"), "{}", tls.text);
    assert_eq!(tls.spans[0].start.line, 6);
}

#[test]
fn the_ingress_nginx_walk_names_nginx_rules() {
    let (decision, walk) = walk(FANOUT, Some("nginx"), "http://foo.bar.com/foo/bar", Profile::IngressNginx);
    assert_eq!(decision.backend_label(), "bar:80");
    let titles = summary(&walk);
    assert_eq!(titles[0], "request R2 info | The request");
    assert_eq!(titles[1], "class ingress-nginx class admission info | IngressClass");
    assert_eq!(titles[2], "host nginx server_name info | nginx server");
    assert!(walk[2].text.contains("nginx server foo.bar.com answers"), "{}", walk[2].text);
    let paths: Vec<&Step> = walk.iter().filter(|s| s.stage == Stage::Path).collect();
    assert!(paths.iter().all(|s| s.rule == "nginx location order"), "{titles:?}");
    assert!(paths.iter().any(|s| s.title == "Path /foo (Prefix)" && s.verdict == Verdict::Lost), "{titles:?}");
    let winner = walk.iter().rev().find(|s| s.stage == Stage::Winner).unwrap();
    assert_eq!(winner.title, "Winner: bar:80");
    assert!(winner.text.contains("location = /foo/bar"), "{}", winner.text);
    assert_eq!(winner.spans[0].start.line, 12);
}

#[test]
fn steps_serialise_with_stable_names() {
    let (_, walk) = walk(FANOUT, Some("nginx"), "http://foo.bar.com/foo", Profile::Spec);
    let json = serde_json::to_value(&walk[2]).unwrap();
    assert_eq!(json["stage"], "host");
    assert_eq!(json["rule"], "R3");
    assert_eq!(json["verdict"], "won");
    assert!(json["spans"][0]["start"]["line"].is_number());
    assert!(json["entries"].is_array());
    assert!(json["title"].is_string() && json["text"].is_string());
    assert_eq!(Stage::NAMES, ["request", "class", "host", "path", "winner", "tls", "notes"]);
}
