//! Property tests: the compiled index agrees with a brute-force reading of rules R3–R6 written
//! here from the crate docs, the explanation agrees with the decision, order of documents does not
//! matter when ages differ, and no input makes the engine panic.

mod support;

use ingress_engine::matching::{match_host, match_path, HostMatch, MatchKind};
use ingress_engine::{Explain, Options, Outcome, Profile, Request, Simulator, Verdict};
use proptest::prelude::*;

const HOSTS: &[&str] = &["", "a.example.com", "b.example.com", "*.example.com", "x.a.example.com", "*.a.example.com"];
const ELEMENTS: &[&str] = &["a", "b", "ab", "A"];
const TYPES: &[&str] = &["Exact", "Prefix", "ImplementationSpecific"];

#[derive(Clone, Debug)]
struct PathSpec {
    path: String,
    path_type: &'static str,
}

#[derive(Clone, Debug)]
struct IngressSpec {
    host: &'static str,
    paths: Vec<PathSpec>,
    age: u8,
    default_backend: bool,
}

fn path_strategy() -> impl Strategy<Value = String> {
    (prop::collection::vec(prop::sample::select(ELEMENTS), 0..3), any::<bool>()).prop_map(|(els, slash)| {
        let mut p = format!("/{}", els.join("/"));
        if slash && !els.is_empty() {
            p.push('/');
        }
        p
    })
}

fn ingress_strategy() -> impl Strategy<Value = IngressSpec> {
    (
        prop::sample::select(HOSTS),
        prop::collection::vec(
            (path_strategy(), prop::sample::select(TYPES)).prop_map(|(path, path_type)| PathSpec { path, path_type }),
            0..4,
        ),
        0u8..4,
        prop::bool::weighted(0.2),
    )
        .prop_map(|(host, paths, age, default_backend)| IngressSpec { host, paths, age, default_backend })
}

fn render(ingresses: &[IngressSpec], order: &[usize]) -> String {
    let mut out = String::new();
    for &i in order {
        let ing = &ingresses[i];
        out.push_str(&format!(
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing{i}\n  creationTimestamp: \"2024-01-0{}T00:00:00Z\"\nspec:\n",
            ing.age + 1
        ));
        if ing.default_backend || ing.paths.is_empty() {
            out.push_str(&format!("  defaultBackend: {{service: {{name: default{i}, port: {{number: 80}}}}}}\n"));
        }
        if !ing.paths.is_empty() {
            out.push_str("  rules:\n");
            out.push_str(&if ing.host.is_empty() {
                "  - http:\n".to_string()
            } else {
                format!("  - host: \"{}\"\n    http:\n", ing.host)
            });
            out.push_str("      paths:\n");
            for (p, path) in ing.paths.iter().enumerate() {
                out.push_str(&format!(
                    "      - path: {}\n        pathType: {}\n        backend: {{service: {{name: svc{i}-{p}, port: {{number: 80}}}}}}\n",
                    path.path, path.path_type
                ));
            }
        }
    }
    out
}

/// The brute-force reading of R3–R6: returns the expected backend label.
fn brute_force(ingresses: &[IngressSpec], host: &str, path: &str) -> String {
    let tier_of = |h: &str| match match_host(h, host) {
        HostMatch::Precise => Some(0),
        HostMatch::Wildcard => Some(1),
        HostMatch::Any => Some(2),
        HostMatch::Miss(_) => None,
    };
    // Rank: age, then name (ing{i} sorts by i only for single digits; tests keep i < 10).
    let rank = |i: usize| (ingresses[i].age, format!("default/ing{i}"));
    let tier = ingresses.iter().filter(|i| !i.paths.is_empty()).filter_map(|i| tier_of(i.host)).min();
    type Key = (std::cmp::Reverse<usize>, u8, (u8, String), usize);
    let mut best: Option<(Key, String)> = None;
    for (i, ing) in ingresses.iter().enumerate() {
        if ing.paths.is_empty() || tier_of(ing.host) != tier || tier.is_none() {
            continue;
        }
        for (p, spec) in ing.paths.iter().enumerate() {
            let kind = if spec.path_type == "Exact" { MatchKind::Exact } else { MatchKind::Prefix };
            if match_path(kind, &spec.path, path).is_err() {
                continue;
            }
            let type_rank = TYPES.iter().position(|t| *t == spec.path_type).unwrap() as u8;
            let key = (std::cmp::Reverse(spec.path.len()), type_rank, rank(i), p);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, format!("svc{i}-{p}:80")));
            }
        }
    }
    if let Some((_, label)) = best {
        return label;
    }
    let with_default = |i: &usize| ingresses[*i].default_backend || ingresses[*i].paths.is_empty();
    let in_tier: Vec<usize> = (0..ingresses.len())
        .filter(|&i| !ingresses[i].paths.is_empty() && tier.is_some() && tier_of(ingresses[i].host) == tier)
        .collect();
    let pick = |mut c: Vec<usize>| {
        c.sort_by_key(|&i| rank(i));
        c.into_iter().find(with_default)
    };
    pick(in_tier).or_else(|| pick((0..ingresses.len()).collect())).map(|i| format!("default{i}:80")).unwrap_or_default()
}

/// An Ingress the API server rejects (host, path, pathType, port) with an unknown field, then a
/// document that is not YAML.
const BROKEN_DOCUMENTS: &str = "---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: broken
spec:
  surprise: 1
  rules:
  - host: Not_A_Host
    http:
      paths:
      - path: relative
        backend: {service: {name: x, port: {number: 0}}}
---
key: [unclosed
";

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn index_agrees_with_brute_force(
        ingresses in prop::collection::vec(ingress_strategy(), 1..6),
        host in prop::sample::select(&["a.example.com", "b.example.com", "x.a.example.com", "y.x.a.example.com", "example.com", "other.org"][..]),
        path in path_strategy(),
    ) {
        let order: Vec<usize> = (0..ingresses.len()).collect();
        let sim = Simulator::new(&render(&ingresses, &order), &Options::default());
        let request = Request::new(host, path.clone());
        let batch = sim.route(&request, Profile::Spec, Explain::No);
        prop_assert_eq!(batch.backend_label(), brute_force(&ingresses, host, &path));
        let decision = sim.route(&request, Profile::Spec, Explain::Yes);
        prop_assert_eq!(decision.outcome, batch.outcome);
        prop_assert_eq!(decision.backend_label(), batch.backend_label());
        let winners = decision.explanation.iter().filter(|e| e.verdict == Verdict::Won).count();
        prop_assert_eq!(winners, usize::from(decision.outcome != Outcome::NoMatch));
    }

    #[test]
    fn document_order_does_not_matter(
        ingresses in prop::collection::vec(ingress_strategy(), 1..6),
        path in path_strategy(),
        rotate in 0usize..6,
    ) {
        let forward: Vec<usize> = (0..ingresses.len()).collect();
        let mut rotated = forward.clone();
        rotated.rotate_left(rotate % ingresses.len());
        let a = Simulator::new(&render(&ingresses, &forward), &Options::default());
        let b = Simulator::new(&render(&ingresses, &rotated), &Options::default());
        for host in ["a.example.com", "x.a.example.com", "nowhere.test"] {
            let request = Request::new(host, path.clone());
            prop_assert_eq!(a.route(&request, Profile::Spec, Explain::No).backend_label(), b.route(&request, Profile::Spec, Explain::No).backend_label());
        }
    }

    #[test]
    fn incremental_parsing_equals_a_fresh_parse(
        before in prop::collection::vec(ingress_strategy(), 1..5),
        after in prop::collection::vec(ingress_strategy(), 1..5),
        keep in 0usize..5,
    ) {
        // Start from one input, then edit: keep the first `keep` documents, replace the rest.
        let order_before: Vec<usize> = (0..before.len()).collect();
        let mut edited = before.clone();
        edited.truncate(keep.min(before.len()));
        edited.extend(after.iter().cloned());
        let order_after: Vec<usize> = (0..edited.len()).collect();
        let (first, second) = (render(&before, &order_before), render(&edited, &order_after));
        let mut cache = ingress_engine::DocumentCache::default();
        let _ = Simulator::new_incremental(&first, &Options::default(), &mut cache);
        let incremental = Simulator::new_incremental(&second, &Options::default(), &mut cache);
        let fresh = Simulator::new(&second, &Options::default());
        prop_assert_eq!(incremental.diagnostics(Profile::Spec), fresh.diagnostics(Profile::Spec));
        prop_assert_eq!(incremental.rejected(), fresh.rejected());
        for (host, path) in [("a.example.com", "/a"), ("x.a.example.com", "/a/b/"), ("zzz.test", "/")] {
            let request = Request::new(host, path);
            prop_assert_eq!(incremental.route(&request, Profile::Spec, Explain::Yes), fresh.route(&request, Profile::Spec, Explain::Yes));
        }
    }

    #[test]
    fn documents_moved_by_added_or_removed_lines_equal_a_fresh_read(
        ingresses in prop::collection::vec(ingress_strategy(), 1..6),
        at in 0usize..1000,
        added in prop::sample::select(&["# a note\n", "\n", "\n\n# two\n", "  # indented\n"][..]),
        remove in any::<bool>(),
        profile in prop::sample::select(ingress_engine::Profile::ALL),
        sliced in any::<bool>(),
        broken in any::<bool>(),
    ) {
        // Lines added at a line boundary (or, the other way round, removed): every later document
        // keeps its text and index but moves, and must come out exactly as a fresh read of the
        // new text, every place included (the model's Debug form shows them all).
        let order: Vec<usize> = (0..ingresses.len()).collect();
        let mut base = render(&ingresses, &order);
        if broken {
            // Documents with decode, validation and syntax diagnostics, whose places must move too.
            base.push_str(BROKEN_DOCUMENTS);
        }
        let boundaries: Vec<usize> = std::iter::once(0).chain(base.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let cut = boundaries[at % boundaries.len()];
        let shifted = format!("{}{added}{}", &base[..cut], &base[cut..]);
        let (first, second) = if remove { (shifted, base) } else { (base, shifted) };
        let (incremental, fresh) = support::incremental_and_fresh(first.as_str(), second.as_str(), sliced);
        let (a, b) = (incremental.manifest(), fresh.manifest());
        prop_assert_eq!(format!("{:?}", a.ingresses), format!("{:?}", b.ingresses));
        prop_assert_eq!(format!("{:?}", (&a.classes, &a.services)), format!("{:?}", (&b.classes, &b.services)));
        // The reading's own diagnostics, in any order (a fresh read lists syntax errors first).
        let sorted = |m: &ingress_engine::Manifest| {
            let mut d: Vec<String> = m.diagnostics.iter().map(|d| format!("{d:?}")).collect();
            d.sort();
            d
        };
        prop_assert_eq!(sorted(a), sorted(b));
        prop_assert_eq!(incremental.diagnostics(profile), fresh.diagnostics(profile));
        prop_assert_eq!(incremental.rejected(), fresh.rejected());
        for (host, path) in [("a.example.com", "/a"), ("x.a.example.com", "/a/b/"), ("zzz.test", "/"), ("b.example.com", "/ab")] {
            let request = Request::new(host, path);
            prop_assert_eq!(incremental.route(&request, profile, Explain::Yes), fresh.route(&request, profile, Explain::Yes));
        }
    }

    #[test]
    fn deferred_analysis_reused_index_and_sliced_reads_equal_a_fresh_build(
        before in prop::collection::vec(ingress_strategy(), 1..5),
        after in prop::collection::vec(ingress_strategy(), 1..5),
        keep in 0usize..5,
        profile in prop::sample::select(ingress_engine::Profile::ALL),
        sliced in any::<bool>(),
        touch in 0usize..9,
    ) {
        // Edit: keep the first `keep` documents, replace the rest; sometimes change only the
        // backend of one kept Ingress (same hosts, paths and ranks: the index is reused).
        let order_before: Vec<usize> = (0..before.len()).collect();
        let mut edited = before.clone();
        edited.truncate(keep.min(before.len()));
        edited.extend(after.iter().cloned());
        let order_after: Vec<usize> = (0..edited.len()).collect();
        let first = render(&before, &order_before);
        let mut second = render(&edited, &order_after);
        // Small in-place edits that keep every host's paths (and ids) but may change precedence:
        // a reused index must not survive them.
        match touch {
            0 | 1 => second = first.replacen(&format!("name: svc{touch}"), &format!("name: svd{touch}"), 1),
            2 => second = first.replacen("2024-01-01", "2024-01-09", 1),
            3 => second = first.replacen("2024-01-04", "2024-01-00", 1),
            4 => second = first.replacen("pathType: Prefix", "pathType: ImplementationSpecific", 1),
            5 => second = first.replacen("pathType: ImplementationSpecific", "pathType: Prefix", 1),
            _ => {}
        }
        let options = Options::default();
        let mut cache = ingress_engine::DocumentCache::default();
        let _ = Simulator::new_incremental(&first, &options, &mut cache);
        if sliced {
            // Read one document per slice, as the playground does with a large paste.
            let mut slices = 0;
            while cache.read_slice(&second, || false).is_some() {
                slices += 1;
                prop_assert!(slices <= 20);
            }
        }
        let incremental = if sliced {
            // In two steps, as the playground compiles a large paste.
            let (manifest, validation) = cache.read_all(&second);
            Simulator::from_read(manifest, validation, &options, &mut cache)
        } else {
            Simulator::new_incremental(&second, &options, &mut cache)
        };
        let fresh = Simulator::new(&second, &options);
        prop_assert!(!fresh.is_compiled(profile), "nothing is compiled before it is asked for");
        let requests = [("a.example.com", "/a"), ("x.a.example.com", "/a/b/"), ("zzz.test", "/"), ("b.example.com", "/ab")];
        // Before the analysis: the same decision but for the analysis findings.
        for (host, path) in requests {
            let request = Request::new(host, path);
            let mut early = incremental.route(&request, profile, Explain::BeforeAnalysis);
            let mut full = fresh.route(&request, profile, Explain::Yes);
            prop_assert!(early.diagnostics.iter().all(|d| full.diagnostics.contains(d)));
            early.diagnostics.clear();
            full.diagnostics.clear();
            prop_assert_eq!(early, full);
        }
        prop_assert_eq!(incremental.errors().collect::<Vec<_>>(), fresh.errors().collect::<Vec<_>>());
        prop_assert_eq!(incremental.diagnostics(profile), fresh.diagnostics(profile));
        prop_assert!(incremental.is_analysed(profile));
        prop_assert_eq!(incremental.early_diagnostics(profile), fresh.diagnostics(profile));
        prop_assert_eq!(incremental.rejected(), fresh.rejected());
        for (host, path) in requests {
            let request = Request::new(host, path);
            prop_assert_eq!(incremental.route(&request, profile, Explain::Yes), fresh.route(&request, profile, Explain::Yes));
            prop_assert_eq!(incremental.route(&request, profile, Explain::BeforeAnalysis), fresh.route(&request, profile, Explain::Yes));
            prop_assert_eq!(incremental.route(&request, profile, Explain::No), fresh.route(&request, profile, Explain::No));
        }
    }

    #[test]
    fn shadowed_paths_are_exactly_those_no_request_reaches(
        ingresses in prop::collection::vec(ingress_strategy(), 1..5),
        extra in prop::collection::vec(path_strategy(), 0..3),
    ) {
        let order: Vec<usize> = (0..ingresses.len()).collect();
        let sim = Simulator::new(&render(&ingresses, &order), &Options::default());
        let flagged: Vec<(u32, String)> = sim
            .diagnostics(Profile::Spec)
            .iter()
            .filter(|d| matches!(d.code, ingress_engine::Code::ShadowedPath | ingress_engine::Code::DuplicatePath))
            .map(|d| (d.span.unwrap().start.line, d.object.clone().unwrap_or_default()))
            .collect();
        // Oracle: route, on each rule's host, every path written anywhere, with and without a
        // trailing slash and with an extra element; a path that wins none is unreachable.
        let mut probes: Vec<String> = ingresses.iter().flat_map(|i| i.paths.iter().map(|p| p.path.clone())).chain(extra).collect();
        probes.extend(probes.clone().into_iter().flat_map(|p| [format!("{}/", p.trim_end_matches('/')), format!("{}/zz", p.trim_end_matches('/'))]));
        for (i, ing) in ingresses.iter().enumerate() {
            let host = match ing.host { "" => "nohost.test", h => h };
            let host = host.replace('*', "w");
            for (p, spec) in ing.paths.iter().enumerate() {
                let label = format!("svc{i}-{p}:80");
                let reached = probes.iter().any(|probe| {
                    let found = sim.route(&Request::new(host.clone(), probe.clone()), Profile::Spec, Explain::No);
                    found.backend_label() == label
                });
                let text = render(&ingresses, &order);
                let line = text.lines().position(|l| l.contains(&format!("name: svc{i}-{p},"))).unwrap() as u32; // backend line; the path item starts one line up
                let is_flagged = flagged.contains(&(line - 1, format!("Ingress default/ing{i}")));
                prop_assert_eq!(reached, !is_flagged, "ingress {} path {:?} {}: reached {} flagged {}", i, spec.path, spec.path_type, reached, is_flagged);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let sim = Simulator::new(&text, &Options::default());
        let _ = sim.route(&Request::new("a.example.com", "/a"), Profile::Spec, Explain::Yes);
    }

    #[test]
    fn mutated_manifests_never_panic(
        ingresses in prop::collection::vec(ingress_strategy(), 1..4),
        cut in 0usize..2000,
        junk in "[\\[\\]{}:&*!|>'\"\\-#%@` \n\t]{0,8}",
    ) {
        let order: Vec<usize> = (0..ingresses.len()).collect();
        let mut text = render(&ingresses, &order);
        let at = cut.min(text.len());
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &junk);
        let sim = Simulator::new(&text, &Options::default());
        for d in sim.diagnostics(Profile::Spec) {
            prop_assert!(d.span.is_none_or(|s| s.start.line >= 1 && s.start.column >= 1));
        }
        let _ = sim.route(&Request::new("a.example.com", "/a/b"), Profile::Spec, Explain::Yes);
    }
}
