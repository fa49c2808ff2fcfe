//! The command line: subcommands, options and their help texts.

use crate::fatal::Fatal;
use clap::{Args, Parser, Subcommand};
use ingress_engine::gateway::Implementation;
use ingress_engine::request::{parse_cookie_pairs, parse_header_line};
use ingress_engine::{Profile, ProfileName, Request, RequestFields};

const EXIT_CODES_ROUTE: &str = "\
Gateway API: when the input has Gateways and no Ingress (or --gateway names one), the request goes
through that Gateway: its listener, the attached HTTPRoutes/GRPCRoutes/TLSRoutes, the winning rule
and match, filters (redirects, rewrites, header changes) and backends. --profile then names a
Gateway API implementation: spec (default), envoy-gateway or contour. --json prints {status,
outcome, gateway, listener, route, rule, match, backend, split, redirect, upstreamPath,
upstreamHost, upstreamHeaders, responseHeaders, explanation, diagnostics}.

Exit codes:
  0  a decision was made (also when nothing matches: outcome no-match)
  2  bad arguments, or input that cannot be used (missing file, not UTF-8, not YAML)";

const EXIT_CODES_COMPARE: &str = "\
Output: one line per profile with its answer (backend, 404, redirect or rejected configuration)
and the controller construct that matched; the fields on which the profiles differ are named
first. --json prints {agree, groups, differences, decisions} (decisions as `route --json`).

Exit codes:
  0  every profile sends the request to the same place
  1  the profiles disagree (another outcome, backend, redirect or upstream path)
  2  bad arguments, or input that cannot be used";

const EXIT_CODES_VALIDATE: &str = "\
Exit codes:
  0  every object would be accepted by the API server (warnings and notices do not count)
  1  at least one error: the API server would reject something, or a document is not YAML
  2  bad arguments, or input that cannot be used (missing file, not UTF-8, nothing but errors)";

const MAP_FOOTER: &str = "\
Output: one line per host (precise names, then wildcards, then rules without host), its TLS
Secrets, and under it its paths with their type, backend, Ingress and file:line, in the profile's
order (the spec's precedence under `spec`, as written under a controller), each followed by its
marks (shadowed, duplicate, conflict, invalid, rejected); then the default backends and the
Ingresses the profile does not admit. --json prints {profile, ingresses, hosts, defaultBackends,
counts}.

Exit codes:
  0  every object would be accepted by the API server (as `validate`)
  1  at least one error: the API server would reject something, or a document is not YAML
  2  bad arguments, or input that cannot be used (missing file, not UTF-8, nothing but errors)";

const TEST_FOOTER: &str = "\
Case file (YAML):
  cases:
  - name: api goes to the api service     # optional
    host: foo.bar.com                     # or url: https://foo.bar.com/api
    path: /api/v1
    sni: foo.bar.com                      # optional TLS server name
    method: POST                          # optional (GET)
    headers: {X-Canary: always}           # optional: a mapping, or a list of \"Name: value\"
    cookies: {canary: always}             # optional: a mapping, or \"a=1; b=2\"
    expect:
      backend: \"api:8080\"                 # service:port (number or name) or resource:Kind/name
      # or: outcome: rule | default-backend | no-match
      # optional: ingress: ns/name, path: /api, pathType: Prefix, tls: secret-name | default
  Optional top-level keys: name, description, source, class, profile, and manifest (a YAML
  string used when no -f is given).

Output: each failure (name, request, expected and actual), the rule paths and default backends
no case reached (file:line), and as the last line `N passed, M failed`.

Exit codes:
  0  every case passed (and coverage is at least --fail-under)
  1  a case failed, or coverage is below --fail-under
  2  bad arguments, unusable input, or a case file with errors (printed with line:column)";

const MIGRATE_FOOTER: &str = "\
Conversion: as kubernetes-sigs/ingress2gateway v1.1.0 converts (its ingress-nginx provider for
--from ingress-nginx, its common converter otherwise): one Gateway per namespace and IngressClass,
HTTPRoutes per host, with its notifications. Requests: generated from the input (every host as
written, a wildcard with one label and with two, server-alias hosts, a host no rule names; every
path as written, its trailing slash toggled, one element deeper, a character longer, upper-cased,
behind a dot segment and a doubled slash; over http, and over https; canary headers and
cookies), each routed under --from and through the converted Gateways under --to. A request
changes when its status, outcome, backend (or split), redirect Location or upstream path changes.

Output: a summary line, the notices (level, code, object, file:line), the changes counted by
outcome (before → after), then each changed request with its answer before → after and the
explanation lines that decided each (the first 200 changes are explained). --emit writes the
Gateway API resources (YAML, ready for `kubectl apply`; the after places then name that file);
route them with `ingress-sim route -f OUT.yaml -f ING.yaml --gateway NAMESPACE/NAME --url URL`.
--json prints {from, to, gateways, notices, requests, changed: [{request, probes, explained,
before, after}]} (before as `route --json` for Ingress, after as `route --json` through a
Gateway).

Exit codes:
  0  no generated request changes its answer
  1  at least one request changes (a CI gate)
  2  bad arguments, or input that cannot be used";

const DIFF_FOOTER: &str = "\
Requests: generated from the input as `migrate` generates them, each routed under --from and
under --to. A request changes when its status, outcome, backend, redirect Location or upstream
path changes. Output: a summary line, the changes counted by outcome, then each changed request
with its answer before → after and the explanation lines that decided each. --json prints
{from, to, requests, changed: [{request, probes, explained, before, after}]} (before and after
as `route --json`).

Exit codes:
  0  no generated request changes its answer
  1  at least one request changes
  2  bad arguments, or input that cannot be used";

const OVERVIEW_FOOTER: &str = "\
Examples:
  ingress-sim route -f ingress.yaml --url https://foo.bar.com/api
  kubectl get ingress -A -o yaml | ingress-sim validate -f -
  ingress-sim test -f ingress.yaml -f services.yaml --cases cases.yaml --fail-under 80
  ingress-sim compare -f ingress.yaml --url http://foo.bar.com/foo   # every controller profile
  ingress-sim map -f ingress.yaml --profile ingress-nginx   # hosts → paths → backends
  ingress-sim route -f canary.yaml --url http://foo.bar.com/ -H 'X-Canary: always' --profile ingress-nginx
  ingress-sim route -f gateway.yaml --url http://store.example.com/api --profile envoy-gateway
  ingress-sim compare -f gateway.yaml --url http://store.example.com/api   # every Gateway API implementation
  ingress-sim migrate -f ingress.yaml --emit gateway-api.yaml   # to Gateway API: what changes
  ingress-sim diff -f ingress.yaml --from traefik@3.6 --to traefik   # what an upgrade changes

Exit codes:
  0  success
  1  a check failed: validate found errors, test had failures or low coverage, compare found
     profiles that disagree, migrate or diff found requests whose answer changes
  2  bad arguments, or input that cannot be used (printed on stderr)";

/// Simulate Kubernetes Ingress (networking.k8s.io/v1) and Gateway API routing: which Ingress,
/// rule, path and backend — or which Gateway listener, route, rule and match — answers a request,
/// and why every other candidate lost.
#[derive(Debug, Parser)]
#[command(name = "ingress-sim", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = OVERVIEW_FOOTER)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Route one request and explain the decision.
    #[command(after_help = EXIT_CODES_ROUTE)]
    Route(RouteArgs),
    /// Route one request under several profiles (default: all) and show where they disagree.
    #[command(after_help = EXIT_CODES_COMPARE)]
    Compare(CompareArgs),
    /// Validate manifests as the API server would: errors, warnings and notices with their lines
    /// (duplicate and shadowed paths judged by the --profile's own routing).
    #[command(after_help = EXIT_CODES_VALIDATE)]
    Validate(ValidateArgs),
    /// Show the routing table as a tree: hosts → paths (type) → backends, with shadowed, duplicate
    /// and conflicting paths marked, TLS and default backends (no request is routed).
    #[command(after_help = MAP_FOOTER)]
    Map(MapArgs),
    /// Check a batch of expected routes (a case file) and report what no case covers.
    #[command(after_help = TEST_FOOTER, mut_arg("files", |arg| arg.required(false)))]
    Test(TestArgs),
    /// Convert the Ingresses to Gateway API as ingress2gateway does, and list every generated
    /// request whose answer changes (before and after, each explained) and what the conversion
    /// loses.
    #[command(after_help = MIGRATE_FOOTER)]
    Migrate(MigrateArgs),
    /// Route the same generated requests under two Ingress profiles (a move between controllers,
    /// or an upgrade) and list every request whose answer changes.
    #[command(after_help = DIFF_FOOTER)]
    Diff(DiffArgs),
}

/// The manifests to read.
#[derive(Debug, Args)]
pub struct ManifestArgs {
    /// Manifest file (YAML or JSON, any number of documents, `kubectl get -o yaml` dumps);
    /// `-` reads standard input. Repeat or list several: they are read as one stream, and every
    /// line number printed refers to the file it came from.
    #[arg(short = 'f', long = "filename", value_name = "FILE", num_args = 1.., required = true)]
    pub files: Vec<String>,
}

/// What to simulate.
#[derive(Debug, Args)]
pub struct SimulationArgs {
    /// The IngressClass to simulate (default: the class marked default in the input, else every
    /// Ingress takes part under `spec`, and under the controller profiles those their controller
    /// takes when run without a class setting); `'*'` simulates every class even when the input
    /// has a default.
    #[arg(long, value_name = "NAME")]
    pub class: Option<String>,
    /// The routing profile: `spec` (the Kubernetes documentation's semantics, the default) or a
    /// controller (what that release of it does); `name@version` picks an older release. For
    /// Gateway API input, a Gateway API implementation (`spec`, `envoy-gateway`, `contour`).
    #[arg(long, value_name = "NAME", value_parser = ProfileParser)]
    pub profile: Option<ProfileName>,
}

#[derive(Debug, Args)]
pub struct RouteArgs {
    #[command(flatten)]
    pub manifests: ManifestArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    /// The Gateway to send the request to, `NAMESPACE/NAME` (or a name the input has once):
    /// routes through Gateway API. Optional when the input has exactly one Gateway and no Ingress.
    #[arg(long, value_name = "NAMESPACE/NAME")]
    pub gateway: Option<String>,
    /// Print the decision as one JSON object (outcome, ingress, rule, pathIndex, host, path,
    /// pathType, backend, tls, explanation, diagnostics…); every position carries its `file`.
    #[arg(long)]
    pub json: bool,
    /// Walk the decision step by step in the order the rules apply (request, class, host tier,
    /// each candidate path, winner, TLS), each step naming the rule that decides (R1–R7, or the
    /// controller's own); with --json, adds `steps` to the object.
    #[arg(long)]
    pub steps: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub manifests: ManifestArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    /// The IngressClass to simulate (as for `route`).
    #[arg(long, value_name = "NAME")]
    pub class: Option<String>,
    /// The profiles to compare, comma-separated (default: every profile); for Gateway API input,
    /// Gateway API implementations (default: all three).
    #[arg(long, value_name = "NAMES", value_delimiter = ',', value_parser = ProfileParser)]
    pub profiles: Vec<ProfileName>,
    /// The Gateway to send the request to (as for `route`): compares the Gateway API
    /// implementations. Optional when the input has exactly one Gateway and no Ingress.
    #[arg(long, value_name = "NAMESPACE/NAME")]
    pub gateway: Option<String>,
    /// Print {agree, groups, differences, decisions} as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    pub manifests: ManifestArgs,
    /// The Ingress profile the input runs under today (default: ingress-nginx): it routes the
    /// "before" answers and picks ingress2gateway's provider (ingress-nginx's reads its annotations).
    #[arg(long, value_name = "PROFILE", value_parser = ProfileParser)]
    pub from: Option<ProfileName>,
    /// The Gateway API implementation that will route the converted resources (default:
    /// envoy-gateway): it routes the "after" answers.
    #[arg(long, value_name = "IMPLEMENTATION", value_parser = ProfileParser)]
    pub to: Option<ProfileName>,
    /// Write the converted Gateway API resources to this file (YAML, ready for `kubectl apply`);
    /// created or replaced, never one of the input files.
    #[arg(long, value_name = "OUT.yaml")]
    pub emit: Option<String>,
    /// Print {from, to, gateways, notices, requests, changed} as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub manifests: ManifestArgs,
    /// The IngressClass to simulate (as for `route`).
    #[arg(long, value_name = "NAME")]
    pub class: Option<String>,
    /// The Ingress profile of today (`ingress-nginx`, `traefik@3.6`…).
    #[arg(long, value_name = "PROFILE", value_parser = ProfileParser, required = true)]
    pub from: ProfileName,
    /// The Ingress profile to move to.
    #[arg(long, value_name = "PROFILE", value_parser = ProfileParser, required = true)]
    pub to: ProfileName,
    /// Print {from, to, requests, changed} as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The request to route.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("request").required(true).args(["url", "host"]))]
pub struct RequestArgs {
    /// The request URL, e.g. https://foo.bar.com/api?x=1 (https sends the host as TLS SNI).
    #[arg(long, value_name = "URL", value_parser = parse_url, conflicts_with_all = ["host", "path"])]
    pub url: Option<String>,
    /// The request's Host header (instead of --url).
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    /// The request path, with --host (default: /).
    #[arg(long, value_name = "PATH", requires = "host")]
    pub path: Option<String>,
    /// The TLS server name: makes the request HTTPS and picks the certificate.
    #[arg(long, value_name = "NAME")]
    pub sni: Option<String>,
    /// The request method (default GET).
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,
    /// A request header, 'Name: value' (repeat for more). `Host:` replaces the host; `Cookie:`
    /// gives cookies. ingress-nginx's canary-by-header reads them.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE", value_parser = parse_header_line)]
    pub headers: Vec<(String, String)>,
    /// A cookie, 'name=value', or several as a Cookie header writes them: 'a=1; b=2' (repeat for
    /// more). ingress-nginx's canary-by-cookie reads them.
    #[arg(long = "cookie", value_name = "NAME=VALUE", value_parser = parse_cookies)]
    pub cookies: Vec<Cookies>,
}

/// The cookies of one `--cookie`.
#[derive(Clone, Debug)]
pub struct Cookies(Vec<(String, String)>);

fn parse_cookies(text: &str) -> Result<Cookies, String> {
    parse_cookie_pairs(text).map(Cookies)
}

/// The manifests and how to simulate them: what `validate` and `map` read.
#[derive(Debug, Args)]
pub struct InputArgs {
    #[command(flatten)]
    pub manifests: ManifestArgs,
    #[command(flatten)]
    pub simulation: SimulationArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print {"valid", "errors", "warnings", "notices"} as JSON; each diagnostic has severity,
    /// code, message, field, type, object, file, line, column (when known).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the map as one JSON object {profile, ingresses, hosts, defaultBackends, counts};
    /// every position carries its `file`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    #[command(flatten)]
    pub manifests: ManifestArgs,
    /// The case file (see below); `-` reads standard input.
    #[arg(long, value_name = "CASES.yaml")]
    pub cases: String,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    /// Print the report as one JSON object (passed, failed, total, coverage, results, uncovered).
    #[arg(long)]
    pub json: bool,
    /// Leave passing cases out of the report.
    #[arg(long)]
    pub only_failures: bool,
    /// Fail (exit 1) when fewer than PCT percent of the rule paths and default backends are
    /// reached by some case.
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub fail_under: Option<f64>,
}

impl RequestArgs {
    /// The request the options describe, or which option cannot be used (exit code 2).
    pub fn request(&self) -> Result<Request, Fatal> {
        let fields = RequestFields {
            url: self.url.clone(),
            host: self.host.clone(),
            path: self.path.clone(),
            sni: self.sni.clone(),
            method: self.method.clone(),
            headers: self.headers.clone(),
            cookies: self.cookies.iter().flat_map(|c| c.0.iter().cloned()).collect(),
        };
        fields.build().map_err(|e| {
            let flag = match e.field {
                "headers" => "-H/--header",
                "cookies" => "--cookie",
                field => return Fatal::new(format!("--{field}: {}", e.message)),
            };
            Fatal::new(format!("{flag}: {}", e.message))
        })
    }
}

/// Reads a profile name (`traefik`, `traefik@3.6`, `envoy-gateway`); `--help` lists every Ingress
/// profile with the release it models, then the Gateway API implementations.
#[derive(Clone, Copy, Debug)]
struct ProfileParser;

impl clap::builder::TypedValueParser for ProfileParser {
    type Value = ProfileName;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<ProfileName, clap::Error> {
        let text = value.to_string_lossy();
        ProfileName::parse(&text).map_err(|message| invalid_value(cmd, arg, &text, &message))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let ingress = Profile::ALL.iter().map(|p| {
            clap::builder::PossibleValue::new(p.name()).help(format!("[{}] {}", p.release(), p.description()))
        });
        let gateway = Implementation::ALL.iter().filter(|i| Profile::parse(i.name()).is_none()).map(|i| {
            clap::builder::PossibleValue::new(i.name()).help(format!(
                "[Gateway API, {} {}] {}",
                i.title(),
                i.version(),
                i.description()
            ))
        });
        Some(Box::new(ingress.chain(gateway)))
    }
}

fn invalid_value(cmd: &clap::Command, arg: Option<&clap::Arg>, text: &str, message: &str) -> clap::Error {
    let arg = arg.map_or_else(|| "...".to_string(), ToString::to_string);
    clap::Error::raw(
        clap::error::ErrorKind::ValueValidation,
        format!("invalid value '{text}' for '{arg}': {message}\n"),
    )
    .with_cmd(cmd)
}

fn parse_url(url: &str) -> Result<String, String> {
    Request::from_url(url).map(|_| url.to_string()).map_err(|e| e.to_string())
}

fn parse_percent(text: &str) -> Result<f64, String> {
    match text.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err("expected a percentage from 0 to 100".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn host_and_path_make_a_request() {
        let cli = Cli::try_parse_from(["ingress-sim", "route", "-f", "a.yaml", "--host", "Foo", "--sni", "x"]).unwrap();
        let Command::Route(route) = cli.command else { panic!("not route") };
        let request = route.request.request().unwrap();
        assert_eq!((request.host.as_str(), request.path.as_str()), ("Foo", "/"));
        assert_eq!(request.sni.as_deref(), Some("x"));
    }

    fn route_request(extra: &[&str]) -> Result<Request, String> {
        let args = ["ingress-sim", "route", "-f", "a.yaml", "--url", "http://a.com/"].iter().chain(extra);
        let cli = Cli::try_parse_from(args).map_err(|e| e.to_string())?;
        let Command::Route(route) = cli.command else { panic!("not route") };
        route.request.request().map_err(|e| e.to_string())
    }

    #[test]
    fn method_headers_and_cookies() {
        let request = route_request(&[
            "--method",
            "PUT",
            "-H",
            "X-Canary: always",
            "--header=X-Other:1",
            "--cookie",
            "a=1; b=2",
            "--cookie",
            "c=3",
            "-H",
            "Cookie: d=4",
        ])
        .unwrap();
        assert_eq!(request.method, "PUT");
        assert_eq!(request.header_values("x-canary").collect::<Vec<_>>(), ["always"]);
        let cookies: Vec<&str> = request.cookies.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(cookies, ["d", "a", "b", "c"]);
    }

    #[test]
    fn bad_headers_cookies_and_methods_name_the_option() {
        let error = route_request(&["-H", "nocolon"]).unwrap_err();
        assert!(error.contains("'--header <NAME: VALUE>'") && error.contains("write it as Name: value"), "{error}");
        let error = route_request(&["--cookie", "novalue"]).unwrap_err();
        assert!(error.contains("--cookie") && error.contains("no value"), "{error}");
        assert!(route_request(&["--method", "G T"]).unwrap_err().starts_with("--method: \"G T\""));
        let twice = route_request(&["-H", "Host: b.com", "-H", "host: c.com"]).unwrap_err();
        assert!(twice.starts_with("-H/--header: the Host header is given twice"), "{twice}");
    }

    #[test]
    fn url_and_host_conflict() {
        let error =
            Cli::try_parse_from(["ingress-sim", "route", "-f", "a", "--url", "http://a/", "--host", "b"]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn several_files_after_one_flag() {
        let cli = Cli::try_parse_from(["ingress-sim", "validate", "-f", "a", "b", "-f", "c"]).unwrap();
        let Command::Validate(validate) = cli.command else { panic!("not validate") };
        assert_eq!(validate.input.manifests.files, ["a", "b", "c"]);
    }

    #[test]
    fn compare_takes_a_profile_list() {
        let cli =
            Cli::try_parse_from(["ingress-sim", "compare", "-f", "a", "--url", "http://a/", "--profiles", "spec,gce"])
                .unwrap();
        let Command::Compare(compare) = cli.command else { panic!("not compare") };
        let ingress: Vec<_> = compare.profiles.iter().map(|p| p.ingress()).collect();
        assert_eq!(ingress, [Ok(Profile::Spec), Ok(Profile::Gce)]);
        let error = Cli::try_parse_from(["ingress-sim", "compare", "-f", "a", "--url", "http://a/", "--profiles", "x"])
            .unwrap_err();
        assert!(error.to_string().contains("ingress-nginx"), "{error}");
    }

    #[test]
    fn profiles_take_a_version() {
        let parse =
            |name: &str| Cli::try_parse_from(["ingress-sim", "route", "-f", "a", "--host", "h", "--profile", name]);
        let Command::Route(route) = parse("traefik@3.6").unwrap().command else { panic!("not route") };
        assert_eq!(route.simulation.profile.map(|p| p.ingress()), Some(Ok(Profile::TraefikV3_6)));
        let Command::Route(route) = parse("envoy-gateway").unwrap().command else { panic!("not route") };
        assert_eq!(route.simulation.profile.map(|p| p.gateway()), Some(Ok(Implementation::EnvoyGateway)));
        let error = parse("traefik@3.5").unwrap_err().to_string();
        assert!(
            error.contains("'traefik@3.5'")
                && error.contains("known: traefik (= traefik@3.7), traefik@3.6, traefik@3.6.10"),
            "{error}"
        );
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("80%"), Ok(80.0));
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("x").is_err());
    }
}
