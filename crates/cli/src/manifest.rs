//! Loading the manifests into a [`Simulator`], refusing input with nothing usable in it.

use crate::fatal::Fatal;
use crate::input::{self, Source};
use crate::report::diagnostics::format_diagnostic;
use ingress_engine::gateway::model::GatewayObjects;
use ingress_engine::{Options, Simulator, Span};
use std::collections::BTreeSet;

/// The manifest files, and the simulator that read them (its positions name the files).
#[derive(Debug)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub simulator: Simulator,
}

impl Loaded {
    /// The file names, in command-line order.
    pub fn file_names(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| s.name.as_str())
    }
}

/// How many of a file's errors an exit-2 message quotes.
const QUOTED_ERRORS: usize = 5;

/// Reads the files and builds the simulator.
pub fn load(files: &[String], options: &Options) -> Result<Loaded, Fatal> {
    let sources = input::read_all(files.iter().map(String::as_str))?;
    simulate(sources, options)
}

/// Builds the simulator from sources already read. Fails when a file has errors and yields no
/// object at all: it is not a manifest (not YAML, a YAML scalar, a broken document…).
pub fn simulate(sources: Vec<Source>, options: &Options) -> Result<Loaded, Fatal> {
    let simulator = Simulator::new(&sources, options);
    let loaded = Loaded { sources, simulator };
    match unusable_file(&loaded) {
        Some(name) => Err(unusable(&loaded, name)),
        None => Ok(loaded),
    }
}

/// The first file that has errors and no object; when nothing at all is usable and the errors
/// have no place, the first file.
fn unusable_file(loaded: &Loaded) -> Option<&str> {
    let sim = &loaded.simulator;
    let manifest = sim.manifest();
    let object_spans = (manifest.ingresses.iter().map(|i| i.span))
        .chain(manifest.classes.iter().map(|c| c.span))
        .chain(manifest.services.iter().map(|s| s.span))
        .chain(gateway_spans(&manifest.gateway));
    let files_with_objects: BTreeSet<&str> = object_spans.filter_map(|span| span.file()).collect();
    sim.errors()
        .filter_map(|d| d.span.and_then(|span| span.file()))
        .find(|file| !files_with_objects.contains(file))
        .or_else(|| manifest.is_unusable().then(|| loaded.file_names().next()).flatten())
}

/// Where each Gateway API object of the input is written.
fn gateway_spans(objects: &GatewayObjects) -> impl Iterator<Item = Span> + '_ {
    (objects.classes.iter().map(|o| o.span))
        .chain(objects.gateways.iter().map(|o| o.span))
        .chain(objects.http_routes.iter().map(|o| o.span))
        .chain(objects.grpc_routes.iter().map(|o| o.span))
        .chain(objects.tls_routes.iter().map(|o| o.span))
        .chain(objects.reference_grants.iter().map(|o| o.span))
        .chain(objects.namespaces.iter().map(|o| o.span))
}

fn unusable(loaded: &Loaded, name: &str) -> Fatal {
    let errors: Vec<String> = loaded
        .simulator
        .errors()
        .filter(|d| d.span.is_none_or(|span| span.file() == Some(name)))
        .map(|d| format!("  {}", format_diagnostic(d)))
        .collect();
    let more = errors.len().saturating_sub(QUOTED_ERRORS);
    let mut message = format!("{name}: no usable Kubernetes object in this input:\n");
    message.push_str(&errors[..errors.len().min(QUOTED_ERRORS)].join("\n"));
    if more > 0 {
        message.push_str(&format!("\n  … and {more} more error(s)"));
    }
    Fatal::new(message)
}
