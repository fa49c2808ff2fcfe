//! Differential test of the ingress-nginx profile against the real nginx.
//!
//! For generated Ingress sets, `nginx_differential/layout.rs` writes the nginx configuration the
//! way ingress-nginx's controller and template do (one `server` per host, `=` / prefix / `~*`
//! locations in the controller's order, the implicit `location /`, the default server `_`, and
//! the redirect and CORS annotations as nginx.tmpl writes them: `return <code> <url>;` for
//! permanent-/temporal-redirect, `absolute_redirect off;` for relative-redirects, the server's
//! `if ($uri = /)` for app-root, `server_name` aliases for server-alias, the `CORS` block of
//! enable-cors, with `OPTIONS` requests and `Origin` headers sent), and every location
//! answers with its backend's name. Status and `Location` of nginx's own answers are compared.
//!
//! What this checks is nginx itself: its server and location matching, URI normalisation and
//! the directives above, on a layout that is this test's own reading of the controller. It does
//! not check the controller's Go logic (which Ingress wins, how annotations are parsed): a
//! misreading shared by the layout and the engine would agree here; the corpus and the upstream
//! e2e evidence cover that side. Lua (ssl-redirect, canaries, the 503 of a Service without
//! endpoints) is not run, and `more_set_headers` is written as `add_header`.
//!
//! The real nginx (Debian `nginx-light`,
//! `/usr/sbin/nginx`) runs that configuration on 127.0.0.1; generated requests (trailing
//! slashes, case, percent-encoding, `//`, dot segments, hosts with ports, unknown hosts) are sent
//! byte for byte, and nginx's answer is compared with `Simulator::route` under
//! `Profile::IngressNginx`. A configuration nginx refuses (`nginx -t`) must be the profile's
//! `config-error`. Every disagreement fails the test with a minimised reproducer.
//!
//! Environment: `NGINX_DIFF_SEED` (decimal, `0x…` hex, or `random`), `NGINX_DIFF_SETS` (number of
//! sets, default 60), `NGINX_BIN` (default `/usr/sbin/nginx`), `NGINX_DIFF_SKIP=1` (skip when
//! nginx is missing instead of failing). The figures go to stderr and to
//! `target/nginx-differential.txt`.

mod nginx_differential {
    pub mod compare;
    pub mod generate;
    pub mod http;
    pub mod layout;
    pub mod model;
    pub mod server;
    pub mod shrink;
}

use nginx_differential::compare::{self, Answer};
use nginx_differential::generate::{self, Req, Rng};
use nginx_differential::layout::{layout, Modifier};
use nginx_differential::model::{Backend, HttpPath, Ingress, IngressSet, PathType, Port, Rule};
use nginx_differential::{server, shrink};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

/// The nginx binary, or `None` (skip) when it is missing and `NGINX_DIFF_SKIP=1`.
fn nginx_or_skip(test: &str) -> Option<PathBuf> {
    if let Some(path) = server::nginx_binary() {
        return Some(path);
    }
    if std::env::var("NGINX_DIFF_SKIP").as_deref() == Ok("1") {
        let _ = writeln!(std::io::stderr(), "{test}: skipped, nginx is missing and NGINX_DIFF_SKIP=1");
        return None;
    }
    panic!(
        "{test}: nginx is missing (/usr/sbin/nginx, or $NGINX_BIN): install nginx-light \
         (scripts/setup.sh test does), or set NGINX_DIFF_SKIP=1 to skip this test"
    );
}

// ---------------------------------------------------------------------------------------------
// Hand-built sets for the self-tests.

fn ing(name: &str, created: u32, rules: Vec<Rule>) -> Ingress {
    Ingress {
        namespace: "default".into(),
        name: name.into(),
        created,
        use_regex: false,
        annotations: Vec::new(),
        default_backend: None,
        rules,
    }
}

fn rule(host: Option<&str>, paths: Vec<HttpPath>) -> Rule {
    Rule { host: host.map(String::from), paths: Some(paths) }
}

fn path(p: &str, path_type: PathType, service: &str) -> HttpPath {
    HttpPath { path: p.into(), path_type, backend: Backend::new(service, Port::Number(80)) }
}

fn req(host: &str, target: &str) -> Req {
    Req { host: host.into(), target: target.into(), preflight: None }
}

fn backend(service: &str) -> Answer {
    Answer::Backend(format!("{service}:80"))
}

fn redirect(location: &str) -> Answer {
    Answer::Redirect { status: 301, location: location.into() }
}

/// Runs the requests through nginx with the layout and checks the hand-written expectations.
fn expect(nginx: &std::path::Path, name: &str, set: &IngressSet, cases: &[(Req, Answer)]) {
    let requests: Vec<Req> = cases.iter().map(|(r, _)| r.clone()).collect();
    let run = compare::ask_nginx(nginx, set, &requests).unwrap_or_else(|e| panic!("{name}: {e}"));
    let rt = nginx_differential::layout::Runtime {
        dir: "<dir>".into(),
        listen: "127.0.0.1:<port>".into(),
        socket: "<dir>/backend.sock".into(),
        nonce: String::new(),
    };
    let mut failures = Vec::new();
    for ((req, want), (got, via)) in cases.iter().zip(&run.answers) {
        if want != got {
            failures.push(format!("  {req}: expected {want}, nginx answered {got} {}", via.as_deref().unwrap_or("")));
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: the harness's layout does not behave as expected under real nginx:\n{}\nnginx -t: {:?}\n{}",
        failures.join("\n"),
        run.config,
        run.layout.render_servers(&rt)
    );
}

/// The layout, checked against expectations read off ingress-nginx's sources and nginx's
/// documented behaviour, under the real nginx. Needs only nginx, not the engine's profile.
#[test]
fn harness_self_test_against_real_nginx() {
    let Some(nginx) = nginx_or_skip("harness_self_test_against_real_nginx") else { return };
    let foo = "foo.example.com";

    // Prefix /foo/ alone: /foo is answered by nginx's trailing-slash redirect (the location
    // proxies), with the host from the Host header (lower-cased, no port) and the query kept.
    let set =
        IngressSet { ingresses: vec![ing("a", 0, vec![rule(Some(foo), vec![path("/foo/", PathType::Prefix, "a1")])])] };
    expect(
        &nginx,
        "Prefix /foo/ only",
        &set,
        &[
            (req(foo, "/foo"), redirect("http://foo.example.com/foo/")),
            (req("FOO.example.com:8080", "/foo?x=1"), redirect("http://foo.example.com/foo/?x=1")),
            (req(foo, "/foo/"), backend("a1")),
            (req(foo, "/foo/x"), backend("a1")),
            (req(foo, "/foobar"), Answer::NotFound),
            (req(foo, "/fo%6F"), redirect("http://foo.example.com/foo/")),
        ],
    );

    // Prefix /foo → `location /foo/` + `location = /foo`: element-wise, case-sensitive, after
    // nginx decoded %XX, merged slashes and resolved dot segments. ImplementationSpecific is
    // Prefix (SetDefaultNGINXPathType).
    let set = IngressSet {
        ingresses: vec![ing(
            "a",
            0,
            vec![rule(
                Some(foo),
                vec![path("/foo", PathType::Prefix, "b1"), path("/api", PathType::ImplementationSpecific, "b2")],
            )],
        )],
    };
    expect(
        &nginx,
        "Prefix /foo",
        &set,
        &[
            (req(foo, "/foo"), backend("b1")),
            (req(foo, "/foo/"), backend("b1")),
            (req(foo, "/foo/x"), backend("b1")),
            (req(foo, "/foobar"), Answer::NotFound),
            (req(foo, "/FOO"), Answer::NotFound),
            (req(foo, "/f%6Fo/x"), backend("b1")),
            (req(foo, "/x/../foo"), backend("b1")),
            (req(foo, "//foo"), backend("b1")),
            (req(foo, "/foo/./x"), backend("b1")),
            (req(foo, "/foo%2Fx"), backend("b1")),
            (req(foo, "/api/v1"), backend("b2")),
            (req(foo, "/apix"), Answer::NotFound),
        ],
    );

    // Exact /foo/ alone: nginx's auto-redirect also applies to an exact location ending in '/'.
    let set =
        IngressSet { ingresses: vec![ing("a", 0, vec![rule(Some(foo), vec![path("/foo/", PathType::Exact, "e1")])])] };
    expect(
        &nginx,
        "Exact /foo/ only",
        &set,
        &[
            (req(foo, "/foo"), redirect("http://foo.example.com/foo/")),
            (req(foo, "/foo/"), backend("e1")),
            (req(foo, "/foo/x"), Answer::NotFound),
        ],
    );

    // Regex mode: one use-regex Ingress makes every location of the host `~* "^path"`, in the
    // controller's order (longest path first): /foo/bar/[A-Z0-9]{3} captures /foo/bar/bar, and an
    // Exact path of another Ingress on the host matches as a case-insensitive prefix.
    let mut regex = ing(
        "r",
        0,
        vec![rule(
            Some(foo),
            vec![
                path("/foo/bar/bar", PathType::ImplementationSpecific, "r2"),
                path("/foo/bar/[A-Z0-9]{3}", PathType::ImplementationSpecific, "r1"),
            ],
        )],
    );
    regex.use_regex = true;
    let set = IngressSet {
        ingresses: vec![regex, ing("plain", 60, vec![rule(Some(foo), vec![path("/exact", PathType::Exact, "x1")])])],
    };
    expect(
        &nginx,
        "regex mode",
        &set,
        &[
            (req(foo, "/foo/bar/bar"), backend("r1")),
            (req(foo, "/FOO/BAR/baz"), backend("r1")),
            (req(foo, "/foo/bar/ba"), Answer::NotFound),
            (req(foo, "/exact"), backend("x1")),
            (req(foo, "/EXACTLY"), backend("x1")),
        ],
    );

    // Prefix /foo and Prefix /foo/ on one host: two `location /foo/` → nginx refuses.
    let set = IngressSet {
        ingresses: vec![ing(
            "a",
            0,
            vec![rule(Some(foo), vec![path("/foo", PathType::Prefix, "d1"), path("/foo/", PathType::Prefix, "d2")])],
        )],
    };
    expect(&nginx, "duplicate location", &set, &[(req(foo, "/foo/"), Answer::ConfigError)]);

    // Exact /foo and Prefix /foo coexist: `= /foo` (the Exact) and `/foo/` (no extra exact).
    let set = IngressSet {
        ingresses: vec![ing(
            "a",
            0,
            vec![rule(Some(foo), vec![path("/foo", PathType::Prefix, "p1"), path("/foo", PathType::Exact, "x1")])],
        )],
    };
    expect(
        &nginx,
        "Exact and Prefix /foo",
        &set,
        &[(req(foo, "/foo"), backend("x1")), (req(foo, "/foo/"), backend("p1")), (req(foo, "/foo/y"), backend("p1"))],
    );

    // Hosts: exact server names beat the wildcard's regex name, which covers one label; Host is
    // matched without port and trailing dot, case-insensitively; host-less rules live in `_` and
    // only serve hosts no server names.
    let set = IngressSet {
        ingresses: vec![
            ing("w", 0, vec![rule(Some("*.example.com"), vec![path("/", PathType::Prefix, "w1")])]),
            ing(
                "f",
                0,
                vec![
                    rule(Some(foo), vec![path("/a", PathType::Prefix, "f1")]),
                    rule(None, vec![path("/b", PathType::Prefix, "h1")]),
                ],
            ),
        ],
    };
    expect(
        &nginx,
        "hosts",
        &set,
        &[
            (req("app.example.com", "/x"), backend("w1")),
            (req("A-B.Example.COM.", "/x"), backend("w1")),
            (req("a.b.example.com", "/x"), Answer::NotFound),
            (req("example.com", "/x"), Answer::NotFound),
            (req(foo, "/a"), backend("f1")),
            (req(foo, "/b"), Answer::NotFound),
            (req("unknown.test", "/b"), backend("h1")),
            (req("unknown.test:80", "/a"), Answer::NotFound),
            (req("127.0.0.1", "/b/c"), backend("h1")),
        ],
    );

    // Default backends: the oldest rules-less Ingress's defaultBackend takes server `_`'s root
    // (before any host-less path `/` can); a host's root goes to its creating (oldest) Ingress's
    // defaultBackend.
    let mut catch_all = ing("catch", 0, vec![]);
    catch_all.default_backend = Some(Backend::new("d1", Port::Number(80)));
    let mut creator = ing(
        "creator",
        60,
        vec![
            rule(Some(foo), vec![path("/a", PathType::Prefix, "a1")]),
            rule(None, vec![path("/", PathType::Prefix, "h1")]),
        ],
    );
    creator.default_backend = Some(Backend::new("d2", Port::Number(80)));
    let mut later = ing("later", 120, vec![rule(Some(foo), vec![path("/c", PathType::Prefix, "c1")])]);
    later.default_backend = Some(Backend::new("d3", Port::Number(80)));
    let set = IngressSet { ingresses: vec![later, creator, catch_all] };
    expect(
        &nginx,
        "default backends",
        &set,
        &[
            (req("unknown.test", "/x"), backend("d1")),
            (req(foo, "/zzz"), backend("d2")),
            (req(foo, "/c/1"), backend("c1")),
            (req(foo, "/a"), backend("a1")),
        ],
    );

    // Same host+path+type in two Ingresses: the oldest wins; equal timestamps → namespace/name
    // descending. A third Prefix /q after an Exact /q and a Prefix /q is added again (the scan
    // stops at the Exact), which makes a duplicate `location /q/`.
    let set = IngressSet {
        ingresses: vec![
            ing(
                "ing-a",
                60,
                vec![rule(
                    Some(foo),
                    vec![path("/dup", PathType::Prefix, "a1"), path("/same", PathType::Prefix, "a2")],
                )],
            ),
            ing("ing-b", 0, vec![rule(Some(foo), vec![path("/dup", PathType::Prefix, "b1")])]),
            ing("ing-c", 60, vec![rule(Some(foo), vec![path("/same", PathType::Prefix, "c2")])]),
        ],
    };
    expect(&nginx, "oldest wins", &set, &[(req(foo, "/dup"), backend("b1")), (req(foo, "/same/x"), backend("c2"))]);
    let set = IngressSet {
        ingresses: vec![
            ing("ing-a", 0, vec![rule(Some(foo), vec![path("/q", PathType::Exact, "a1")])]),
            ing("ing-b", 60, vec![rule(Some(foo), vec![path("/q", PathType::Prefix, "b1")])]),
            ing("ing-c", 120, vec![rule(Some(foo), vec![path("/q", PathType::Prefix, "c1")])]),
        ],
    };
    assert!(layout(&set).has_static_duplicates());
    expect(&nginx, "scan stops at a different type", &set, &[(req(foo, "/q"), Answer::ConfigError)]);
}

/// The redirect and CORS annotations as nginx.tmpl writes them, under the real nginx, with the
/// answers read off the sources (redirect.go, rewrite/main.go, alias/main.go, cors/main.go,
/// nginx's `return`, `absolute_redirect`, `server_name`, `if`) — and the engine's ingress-nginx
/// profile agrees on each.
#[test]
fn annotations_against_real_nginx() {
    let Some(nginx) = nginx_or_skip("annotations_against_real_nginx") else { return };
    let foo = "foo.example.com";
    let annotated = |name: &str, host: &str, p: &str, annotations: &[(&'static str, &str)]| {
        let mut i = ing(name, 0, vec![rule(Some(host), vec![path(p, PathType::Prefix, name)])]);
        i.annotations = annotations.iter().map(|(k, v)| (*k, v.to_string())).collect();
        i
    };
    let set = IngressSet {
        ingresses: vec![
            annotated("moved", foo, "/old", &[("permanent-redirect", "/moved"), ("permanent-redirect-code", "308")]),
            annotated(
                "promo",
                "promo.example.com",
                "/sale",
                &[("temporal-redirect", "https://shop.example.com/"), ("temporal-redirect-code", "300")],
            ),
            annotated(
                "rel",
                "rel.example.com",
                "/dir/",
                &[("relative-redirects", "true"), ("permanent-redirect", "/r")],
            ),
            annotated(
                "ftp",
                "ftp.example.com",
                "/f",
                &[("temporal-redirect", "ftp://x.example.com/"), ("permanent-redirect", "https://never.example.com/")],
            ),
            annotated(
                "root",
                "app.example.com",
                "/store",
                &[("app-root", "/store/home"), ("server-alias", "shop.test, app.example.com")],
            ),
            annotated(
                "cors",
                "cors.example.com",
                "/api",
                &[
                    ("enable-cors", "true"),
                    ("cors-allow-origin", "https://app.example.com, https://*.partner.example.com"),
                ],
            ),
            annotated(
                "open",
                "open.example.com",
                "/o",
                &[("enable-cors", "true"), ("permanent-redirect", "https://new.example.com/")],
            ),
            catch_all_with_cors(),
        ],
    };
    let preflight = |host: &str, target: &str, origin: Option<&str>| Req {
        preflight: Some(origin.map(str::to_string)),
        ..req(host, target)
    };
    let status = |s| Answer::Status(s);
    let to = |status, location: &str| Answer::Redirect { status, location: location.into() };
    let cases = [
        // `return 308 /moved;`: absolute_redirect puts the scheme and the Host (no port) in front.
        (req("FOO.example.com:8080", "/old/x"), to(308, "http://foo.example.com/moved")),
        // The host's `location /` has the creating Ingress's redirect too.
        (req(foo, "/elsewhere"), to(308, "http://foo.example.com/moved")),
        // `return 300 <url>;`: only 301/302/303/307/308 send a Location.
        (req("promo.example.com", "/sale"), status(300)),
        // relative-redirects: `absolute_redirect off;`, for the trailing-slash 301 as well.
        (req("rel.example.com", "/dir/a"), to(301, "/r")),
        (req("rel.example.com", "/dir"), to(301, "/dir/")),
        // A temporal-redirect URL that is not http(s) fails the parser: no redirect at all.
        (req("ftp.example.com", "/f/1"), backend("ftp")),
        // app-root: the server's `if ($uri = /)` with $http_host as sent; only `/` itself.
        (req("App.example.com:8080", "/"), to(302, "http://App.example.com:8080/store/home")),
        (req("app.example.com", "/./"), to(302, "http://app.example.com/store/home")),
        (req("app.example.com", "/store/x"), backend("root")),
        // server-alias: shop.test is in the server's server_name (app.example.com itself is dropped).
        (req("shop.test", "/store/x"), backend("root")),
        (req("shop.test", "/"), to(302, "http://shop.test/store/home")),
        // enable-cors with a list: a preflight from a listed origin (case-insensitive, `*.` one
        // label) is answered 204; another origin, or none, is proxied.
        (preflight("cors.example.com", "/api/x", Some("https://app.example.com")), status(204)),
        (preflight("cors.example.com", "/api/x", Some("HTTPS://eu.PARTNER.example.com")), status(204)),
        (preflight("cors.example.com", "/api/x", Some("https://a.b.partner.example.com")), backend("cors")),
        (preflight("cors.example.com", "/api/x", None), backend("cors")),
        // The default `*`: every OPTIONS, Origin or not, before the location's `return`.
        (preflight("open.example.com", "/o/1", None), status(204)),
        (req("open.example.com", "/o/1"), to(301, "https://new.example.com/")),
        // The catch-all's root keeps the rules-less Ingress's CORS (only Redirect and Rewrite are put back).
        (preflight("unknown.test", "/x", Some("https://any.example.org")), status(204)),
        (req("unknown.test", "/x"), Answer::Backend("catch-def:80".into())),
    ];
    expect(&nginx, "redirect and CORS annotations", &set, &cases);
    let sim = compare::simulator(&set).expect("a valid set");
    let requests: Vec<Req> = cases.iter().map(|(r, _)| r.clone()).collect();
    let run = compare::run_set(&nginx, &set, &sim, &requests).expect("nginx runs");
    let disagreements: Vec<String> = (run.results.iter().filter(|x| !x.agrees()))
        .map(|x| {
            format!(
                "  {}: nginx {}, engine {}\n    {}",
                x.req,
                x.nginx,
                x.engine,
                compare::describe_decision(&x.decision)
            )
        })
        .collect();
    assert!(disagreements.is_empty(), "the ingress-nginx profile disagrees with nginx:\n{}", disagreements.join("\n"));
}

/// A rules-less Ingress with a defaultBackend (the catch-all's root) and enable-cors.
fn catch_all_with_cors() -> Ingress {
    let mut catch = ing("catch", 0, vec![]);
    catch.default_backend = Some(Backend::new("catch-def", Port::Number(80)));
    catch.annotations = vec![("enable-cors", "true".to_string())];
    catch
}

/// The layout's text for a small set (no nginx needed).
#[test]
fn layout_writes_locations_like_the_template() {
    let mut wild = ing(
        "w",
        0,
        vec![rule(
            Some("*.example.com"),
            vec![
                path("/foo", PathType::Prefix, "a1"),
                path("/bar", PathType::Exact, "a2"),
                path("", PathType::ImplementationSpecific, "a3"),
            ],
        )],
    );
    let l = layout(&IngressSet { ingresses: vec![wild.clone()] });
    let names: Vec<_> = l.servers.iter().map(|s| s.server_name()).collect();
    assert_eq!(names, ["~^(?<subdomain>[\\w-]+)\\.example\\.com$", "_"]);
    let heads: Vec<_> = l.servers[0].locations.iter().map(|l| l.head()).collect();
    assert_eq!(heads, [r#""/foo/""#, r#"= "/foo""#, r#"= "/bar""#, r#""/""#]);
    assert_eq!(l.servers[0].locations[3].backend.as_deref(), Some("a3:80"));
    wild.use_regex = true;
    let l = layout(&IngressSet { ingresses: vec![wild] });
    let heads: Vec<_> = l.servers[0].locations.iter().map(|l| l.head()).collect();
    assert_eq!(heads, ["~* \"^/foo\"", "~* \"^/bar\"", "~* \"^/\""]);
    assert!(l.servers[0].locations.iter().all(|l| l.modifier == Modifier::Regex));
}

/// The generator is deterministic and its sets are valid for the API server (no nginx needed).
#[test]
fn generator_is_deterministic_and_sets_are_valid() {
    let (a, b) = (plan(7, 60), plan(7, 60));
    assert_eq!(a.len(), 60);
    assert!(a.iter().zip(&b).all(|(x, y)| x.set == y.set && x.requests == y.requests));
    assert!(a.iter().map(|p| p.requests.len()).sum::<usize>() >= 2000);
    assert!(a.iter().filter(|p| p.set.ingresses.iter().any(|i| i.use_regex)).count() >= 5);
    for p in &a {
        compare::simulator(&p.set).unwrap_or_else(|e| panic!("set {} is invalid: {e}\n{}", p.index, p.set.to_yaml()));
    }
}

// ---------------------------------------------------------------------------------------------
// The comparison.

/// One planned set.
struct Planned {
    index: usize,
    seed: u64,
    set: IngressSet,
    requests: Vec<Req>,
}

/// Requests per set (at least).
const REQUESTS_PER_SET: usize = 45;

/// The sets and requests of a run: valid sets only; sets whose layout has a duplicate location
/// (nginx refuses them) are kept one time in four, so most sets test routing.
fn plan(seed: u64, sets: usize) -> Vec<Planned> {
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < sets {
        let set_seed = generate::set_seed(seed, i);
        i += 1;
        let mut rng = Rng::new(set_seed);
        let set = generate::ingress_set(&mut rng);
        if compare::simulator(&set).is_err() {
            continue;
        }
        if layout(&set).has_static_duplicates() && !rng.chance(1, 4) {
            continue;
        }
        let requests = generate::requests(&mut rng, &set, REQUESTS_PER_SET);
        out.push(Planned { index: i - 1, seed: set_seed, set, requests });
    }
    out
}

fn run_seed() -> u64 {
    match std::env::var("NGINX_DIFF_SEED") {
        Ok(s) if s == "random" => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
        }
        Ok(s) => match s.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16),
            None => s.parse(),
        }
        .unwrap_or_else(|_| panic!("NGINX_DIFF_SEED={s:?} is not a number (decimal or 0x-hex) or `random`")),
        Err(_) => 0x1D1FF,
    }
}

fn with_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn nginx_agrees_with_the_ingress_nginx_profile() {
    let Some(nginx) = nginx_or_skip("nginx_agrees_with_the_ingress_nginx_profile") else { return };
    let started = Instant::now();
    let seed = run_seed();
    let sets: usize = std::env::var("NGINX_DIFF_SETS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let planned = plan(seed, sets);

    let mut requests = 0;
    let mut agreements = 0;
    let mut answers: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut config_errors = 0;
    let mut disagreements = Vec::new();
    for p in &planned {
        let sim = compare::simulator(&p.set).expect("planned sets are valid");
        let result = compare::run_set(&nginx, &p.set, &sim, &p.requests)
            .unwrap_or_else(|e| panic!("set {} (seed {:#x}): {e}", p.index, p.seed));
        if result.config.is_err() {
            config_errors += 1;
        }
        for x in result.results {
            requests += 1;
            *answers.entry(x.nginx.kind()).or_default() += 1;
            if x.agrees() {
                agreements += 1;
            } else {
                disagreements.push((p, x, result.config.clone()));
            }
        }
    }
    let compared = started.elapsed();

    // Shrink one disagreement per (nginx answer, engine answer) kind, at most 6.
    let mut reports = Vec::new();
    let mut seen = Vec::new();
    for (p, x, config) in &disagreements {
        let signature = x.signature();
        if seen.contains(&signature) || reports.len() >= 6 {
            continue;
        }
        seen.push(signature);
        let shrunk = shrink::shrink(&nginx, &p.set, x.clone(), config.clone(), 300);
        reports.push(format!(
            "=== disagreement ({} vs {}), set {} (set seed {:#x}) ===\n{}",
            signature.0,
            signature.1,
            p.index,
            p.seed,
            shrink::report(&shrunk)
        ));
    }

    let preflights = planned.iter().flat_map(|p| &p.requests).filter(|r| r.preflight.is_some()).count();
    let figures = format!(
        "nginx differential: {} sets, {} requests ({preflights} OPTIONS), {} disagreements in {:.1} s (seed {seed:#x}; {} agreements; \
         {config_errors} sets refused by nginx -t; nginx answers: {})",
        planned.len(),
        with_thousands(requests),
        with_thousands(disagreements.len()),
        started.elapsed().as_secs_f64(),
        with_thousands(agreements),
        answers.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", "),
    );
    let mut listing = String::new();
    for (p, x, _) in disagreements.iter().take(40) {
        listing.push_str(&format!("  set {:>3}: {}  nginx {}  engine {}\n", p.index, x.req, x.nginx, x.engine));
    }
    let summary = format!(
        "{figures}\n(comparison {:.1} s; NGINX_DIFF_SEED={seed:#x} reproduces this run)\n{}{}",
        compared.as_secs_f64(),
        listing,
        reports.join("\n")
    );
    let _ = writeln!(std::io::stderr(), "{figures}");
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target");
    let _ = std::fs::create_dir_all(&target);
    let _ = std::fs::write(target.join("nginx-differential.txt"), &summary);

    assert!(planned.len() >= 50 && requests >= 2000, "too small a run: {figures}");
    assert!(disagreements.is_empty(), "{summary}");
}
