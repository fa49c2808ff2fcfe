//! The README's table "how each profile treats …" is generated here from the engine's own
//! answers, and this test fails when the README's copy is stale. Regenerate with
//! `UPDATE_README=1 cargo test -p ingress-engine --test profile_table`.

use ingress_engine::{compare::answer_label, Explain, Options, Profile, Request, Simulator};

use ingress_engine::{Decision, Reason};

/// One question of the table: a manifest and the request that asks it.
struct Question {
    /// What the row asks, in Markdown.
    title: &'static str,
    manifest: String,
    host: &'static str,
    path: &'static str,
}

/// An Ingress with one host and the given `(path, pathType, service)` paths.
fn ingress(name: &str, stamp: &str, host: &str, paths: &[(&str, &str, &str)]) -> String {
    let host_line = if host.is_empty() { "  - http:".to_string() } else { format!("  - host: \"{host}\"\n    http:") };
    let mut yaml = format!(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  namespace: default\n  creationTimestamp: \"{stamp}\"\nspec:\n  rules:\n{host_line}\n      paths:\n"
    );
    for (path, kind, service) in paths {
        yaml.push_str(&format!(
            "      - path: \"{path}\"\n        pathType: {kind}\n        backend:\n          service:\n            name: {service}\n            port:\n              number: 80\n"
        ));
    }
    yaml
}

fn questions() -> Vec<Question> {
    let one = |paths: &[(&str, &str, &str)]| ingress("app", "2024-01-01T00:00:00Z", "foo.com", paths);
    vec![
        Question {
            title: "ImplementationSpecific `/foo`, request `/foo/bar`",
            manifest: one(&[("/foo", "ImplementationSpecific", "foo")]),
            host: "foo.com",
            path: "/foo/bar",
        },
        Question {
            title: "ImplementationSpecific `/foo`, request `/foobar`",
            manifest: one(&[("/foo", "ImplementationSpecific", "foo")]),
            host: "foo.com",
            path: "/foobar",
        },
        Question {
            title: "ImplementationSpecific `/v1/*`, request `/v1/users`",
            manifest: one(&[("/v1/*", "ImplementationSpecific", "v1")]),
            host: "foo.com",
            path: "/v1/users",
        },
        Question {
            title: "ImplementationSpecific `/api/v[0-9]+`, request `/api/v2`",
            manifest: one(&[("/api/v[0-9]+", "ImplementationSpecific", "api")]),
            host: "foo.com",
            path: "/api/v2",
        },
        Question {
            title: "`use-regex`; ImplementationSpecific `/api/v\\\\d+` (svc `v`), Prefix `/api`; request `/api/v2`",
            // YAML double quotes: `\\\\` is one backslash pair in the path, `/api/v\\d+`.
            manifest: one(&[("/api/v\\\\\\\\d+", "ImplementationSpecific", "v"), ("/api", "Prefix", "api")]).replace(
                "  creationTimestamp",
                "  annotations: {nginx.ingress.kubernetes.io/use-regex: \"true\"}\n  creationTimestamp",
            ),
            host: "foo.com",
            path: "/api/v2",
        },
        Question {
            title: "Prefix `/foo`, request `/foobar`",
            manifest: one(&[("/foo", "Prefix", "foo")]),
            host: "foo.com",
            path: "/foobar",
        },
        Question {
            title: "Prefix `/foo/`, request `/foo`",
            manifest: one(&[("/foo/", "Prefix", "foo")]),
            host: "foo.com",
            path: "/foo",
        },
        Question {
            title: "Prefix `/foo`, request `/FOO`",
            manifest: one(&[("/foo", "Prefix", "foo")]),
            host: "foo.com",
            path: "/FOO",
        },
        Question {
            title: "Exact `/foo` (svc `exact`) and Prefix `/foo` (svc `prefix`), request `/foo`",
            manifest: one(&[("/foo", "Exact", "exact"), ("/foo", "Prefix", "prefix")]),
            host: "foo.com",
            path: "/foo",
        },
        Question {
            title: "Wildcard `*.foo.com`, request host `a.b.foo.com`",
            manifest: ingress("app", "2024-01-01T00:00:00Z", "*.foo.com", &[("/", "Prefix", "wild")]),
            host: "a.b.foo.com",
            path: "/",
        },
        Question {
            title: "Same host and path in two Ingresses (`older` created first, `newer` later)",
            manifest: format!(
                "{}---\n{}",
                ingress("newer", "2024-06-01T00:00:00Z", "foo.com", &[("/", "Prefix", "newer")]),
                ingress("older", "2024-01-01T00:00:00Z", "foo.com", &[("/", "Prefix", "older")])
            ),
            host: "foo.com",
            path: "/",
        },
        Question {
            title: "`*.foo.com` has `/` (svc `tenant`), `a.foo.com` has `/api`; request `a.foo.com/api`",
            manifest: format!(
                "{}---\n{}",
                ingress("tenants", "2024-01-01T00:00:00Z", "*.foo.com", &[("/", "Prefix", "tenant")]),
                ingress("app", "2024-01-01T00:00:00Z", "a.foo.com", &[("/api", "Prefix", "api")])
            ),
            host: "a.foo.com",
            path: "/api",
        },
        Question {
            title: "Host `foo.com` has only `/api`; a host-less rule has `/` (svc `any`); request `foo.com/`",
            manifest: format!(
                "{}---\n{}",
                ingress("catch", "2024-01-01T00:00:00Z", "", &[("/", "Prefix", "any")]),
                ingress("app", "2024-01-01T00:00:00Z", "foo.com", &[("/api", "Prefix", "api")])
            ),
            host: "foo.com",
            path: "/",
        },
    ]
}

/// The Markdown table: one row per question, one column per profile.
fn table() -> String {
    let mut out = String::from("| Question |");
    for &p in Profile::ALL {
        out.push_str(&format!(" {} |", column_title(p)));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(Profile::ALL.len()));
    out.push('\n');
    for q in questions() {
        out.push_str(&format!("| {} |", q.title));
        let sim = Simulator::new(&q.manifest, &Options::default());
        assert!(sim.errors().next().is_none(), "{}: {:?}", q.title, sim.errors().collect::<Vec<_>>());
        for &profile in Profile::ALL {
            let decision = sim.route(&Request::new(q.host, q.path), profile, Explain::Yes);
            let answer =
                with_undefined_order(&decision, answer_label(&decision).replace(":80", "").replace('|', "\\|"));
            out.push_str(&format!(" {answer} |"));
        }
        out.push('\n');
    }
    out
}

/// A column's title: the profile's name, with the release it models (`traefik` 3.7,
/// `traefik@3.6`).
fn column_title(p: Profile) -> String {
    let title = p.title();
    match title.split_once(' ') {
        Some((name, version)) => format!("`{name}` {version}"),
        None => format!("`{title}`"),
    }
}

/// The label of an answer that the controller's own order does not decide: the explanation has a
/// tie whose order is undefined upstream, and the simulator's pick is shown as such.
fn with_undefined_order(decision: &Decision, label: String) -> String {
    if decision.explanation.iter().any(|e| e.reason == Reason::UndefinedOrder) {
        format!("undefined (simulated: {label})")
    } else {
        label
    }
}

const START: &str = "<!-- profile-table:start (generated by crates/engine/tests/profile_table.rs) -->\n";
const END: &str = "<!-- profile-table:end -->";

#[test]
fn readme_table_matches_the_engine() {
    let readme_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    let readme = std::fs::read_to_string(readme_path).expect("README.md");
    let generated = table();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the profile table markers; the table is:\n{generated}");
    };
    let current = &readme[start + START.len()..end];
    if current == generated {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{generated}{}", &readme[..start + START.len()], &readme[end..]);
        std::fs::write(readme_path, updated).expect("write README.md");
        return;
    }
    panic!(
        "README.md's profile table is stale; run `UPDATE_README=1 cargo test -p ingress-engine --test profile_table`.\nThe engine says:\n{generated}"
    );
}
