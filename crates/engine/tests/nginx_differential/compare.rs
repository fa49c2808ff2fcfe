//! One comparison: an Ingress set and its requests, answered by real nginx (with the layout) and
//! by the engine's ingress-nginx profile.

use super::generate::Req;
use super::http;
use super::layout::{layout, Layout, DEFAULT_BACKEND_BODY};
use super::model::IngressSet;
use super::server::{test_config, Nginx};
use ingress_engine::{Decision, Explain, Options, Outcome, Profile, Request, Simulator};
use std::path::Path;
use std::time::Duration;

/// An answer in the terms both sides can give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A backend answered (`svc:port`): a rule's path or a default backend.
    Backend(String),
    /// The controller's default backend: 404.
    NotFound,
    /// A redirect the controller answers itself.
    Redirect { status: u16, location: String },
    /// A status nginx answers itself without a `Location` (`return 300 <url>;` sends the URL as
    /// the body).
    Status(u16),
    /// The configuration is refused (`nginx -t` fails).
    ConfigError,
    /// Anything else nginx said.
    Other { status: u16, body: String },
}

impl Answer {
    /// The kind of answer (for the figures and for grouping disagreements).
    pub fn kind(&self) -> &'static str {
        match self {
            Answer::Backend(_) => "backend",
            Answer::NotFound => "404",
            Answer::Redirect { .. } => "redirect",
            Answer::Status(_) => "status",
            Answer::ConfigError => "config-error",
            Answer::Other { .. } => "other",
        }
    }
}

impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Backend(b) => write!(f, "backend {b}"),
            Answer::NotFound => write!(f, "404 (controller default backend)"),
            Answer::Redirect { status, location } => write!(f, "{status} Location: {location}"),
            Answer::Status(status) => write!(f, "{status} from nginx, no Location"),
            Answer::ConfigError => write!(f, "configuration refused"),
            Answer::Other { status, body } => write!(f, "{status} {body:?}"),
        }
    }
}

/// The profile the comparison routes with.
pub const PROFILE: Profile = Profile::IngressNginx;

/// The engine's answer.
pub fn engine_answer(decision: &Decision) -> Answer {
    match decision.outcome {
        Outcome::Rule | Outcome::DefaultBackend => Answer::Backend(decision.backend_label()),
        Outcome::NoMatch => Answer::NotFound,
        Outcome::Redirect => match &decision.redirect {
            Some(r) => Answer::Redirect { status: r.status, location: r.location.clone() },
            None => Answer::Redirect { status: 0, location: "(no redirect in the decision)".into() },
        },
        Outcome::ConfigError => Answer::ConfigError,
        Outcome::ControllerAnswer => Answer::Status(decision.status.unwrap_or(0)),
    }
}

/// A one-paragraph summary of a decision for reproducers.
pub fn describe_decision(d: &Decision) -> String {
    let mut out = format!("outcome {}", d.outcome.as_str());
    if let Some(i) = &d.ingress {
        out.push_str(&format!(", ingress {i}"));
    }
    if let Some(p) = &d.path {
        out.push_str(&format!(", path {p:?}"));
    }
    if !d.backend_label().is_empty() {
        out.push_str(&format!(", backend {}", d.backend_label()));
    }
    if let Some(m) = &d.matched_as {
        out.push_str(&format!(", matched as {m}"));
    }
    if let Some(r) = &d.redirect {
        out.push_str(&format!(", redirect {} {}", r.status, r.location));
    }
    for e in d.explanation.iter().filter(|e| e.verdict == ingress_engine::Verdict::Won).take(2) {
        out.push_str(&format!("\n    won: {}", e.message));
    }
    out
}

/// nginx's answer, and the id of the location that answered (`server.location`).
pub fn nginx_answer(a: &http::Answer) -> (Answer, Option<String>) {
    match a.status {
        200 => match a.body.split_once(' ') {
            Some((backend, id)) => (Answer::Backend(backend.to_string()), Some(id.to_string())),
            None => (Answer::Other { status: 200, body: a.body.clone() }, None),
        },
        404 if a.body == DEFAULT_BACKEND_BODY => (Answer::NotFound, None),
        301 | 302 | 303 | 307 | 308 => {
            (Answer::Redirect { status: a.status, location: a.location.clone().unwrap_or_default() }, None)
        }
        // A CORS preflight's 204; a `return` code nginx sends without a Location.
        204 => (Answer::Status(204), None),
        300..=399 if a.location.is_none() => (Answer::Status(a.status), None),
        status => (Answer::Other { status, body: a.body.chars().take(120).collect() }, None),
    }
}

/// One request's result.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub req: Req,
    pub nginx: Answer,
    /// Which location answered (as written in the configuration), when nginx proxied.
    pub nginx_location: Option<String>,
    pub engine: Answer,
    pub decision: Decision,
}

impl Exchange {
    pub fn agrees(&self) -> bool {
        self.nginx == self.engine
    }

    /// The kinds of the two answers.
    pub fn signature(&self) -> (&'static str, &'static str) {
        (self.nginx.kind(), self.engine.kind())
    }
}

/// A set's result.
#[derive(Debug)]
pub struct SetResult {
    /// `Err(nginx's message)` when `nginx -t` refused the configuration.
    pub config: Result<(), String>,
    pub results: Vec<Exchange>,
}

/// The engine, or `Err` with the API-server errors when the set is not valid.
pub fn simulator(set: &IngressSet) -> Result<Simulator, String> {
    let sim = Simulator::new(&set.to_yaml(), &Options::default());
    let errors: Vec<String> = sim.errors().map(|d| d.message.clone()).collect();
    if errors.is_empty() {
        Ok(sim)
    } else {
        Err(errors.join("; "))
    }
}

/// What nginx answered for a set's requests.
#[derive(Debug)]
pub struct NginxRun {
    pub layout: Layout,
    /// `Err(nginx's message)` when `nginx -t` refused the configuration.
    pub config: Result<(), String>,
    /// Per request: the answer and the location that answered (as written in the configuration).
    pub answers: Vec<(Answer, Option<String>)>,
}

/// Lays the set out, checks the configuration with `nginx -t`, and (when nginx accepts it) starts
/// nginx, sends the requests and stops it.
pub fn ask_nginx(nginx: &Path, set: &IngressSet, requests: &[Req]) -> Result<NginxRun, String> {
    let layout = layout(set);
    let config = test_config(nginx, &layout);
    if config.is_err() {
        let answers = requests.iter().map(|_| (Answer::ConfigError, None)).collect();
        return Ok(NginxRun { layout, config, answers });
    }
    let mut server = Nginx::start(nginx, &layout)?;
    let mut answers = Vec::with_capacity(requests.len());
    for req in requests {
        let headers = req.headers();
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let a = http::send(server.port, (req.method(), &req.host, &req.target), &headers, Duration::from_secs(5))
            .map_err(|e| format!("request {req} failed: {e}\nnginx error log:\n{}", server.error_log()))?;
        let (answer, id) = nginx_answer(&a);
        let location = id
            .as_deref()
            .and_then(|id| layout.location_by_id(id))
            .map(|(server, loc)| format!("`location {}` in server {} ({})", loc.head(), server.hostname, loc.origin));
        answers.push((answer, location));
    }
    server.stop();
    Ok(NginxRun { layout, config, answers })
}

/// Runs a set's requests through nginx and the engine.
pub fn run_set(nginx: &Path, set: &IngressSet, sim: &Simulator, requests: &[Req]) -> Result<SetResult, String> {
    let run = ask_nginx(nginx, set, requests)?;
    let results = requests
        .iter()
        .zip(run.answers)
        .map(|(req, (nginx, nginx_location))| {
            let mut request = Request::new(req.host.clone(), req.target.clone());
            request.method = req.method().to_string();
            request.headers = req.headers().into_iter().map(|(n, v)| (n.to_string(), v)).collect();
            let decision = sim.route(&request, PROFILE, Explain::Yes);
            let engine = engine_answer(&decision);
            Exchange { req: req.clone(), nginx, nginx_location, engine, decision }
        })
        .collect();
    Ok(SetResult { config: run.config, results })
}
