//! The subcommands: read the input, ask the engine, hand the result to a report.

use crate::args::{CompareArgs, DiffArgs, MapArgs, MigrateArgs, RouteArgs, SimulationArgs, TestArgs, ValidateArgs};
use crate::fatal::Fatal;
use crate::input::{self, Source, STDIN_ARG};
use crate::manifest;
use crate::report::{self, diagnostics::format_diagnostic, test::TestRun, validate::Findings};
use crate::style::Style;
use ingress_engine::cases::{parse_named_cases, run_cases};
use ingress_engine::gateway::Implementation;
use ingress_engine::migrate::MigrateOptions;
use ingress_engine::{CaseFile, Comparison, Explain, Options, Profile, ProfileName, Simulator, Sources};
use std::io::Write;

/// How a command that ran to the end went: exit code 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Success,
    Failure,
}

/// What a command returns: a verdict, or a reason it could not run (exit code 2).
pub type CommandResult = Result<Verdict, Fatal>;

/// `route`: one decision; always a success once the input is usable.
pub fn route(args: &RouteArgs, out: &mut dyn Write) -> CommandResult {
    let (options, name) = args.simulation.options(None)?;
    let loaded = manifest::load(&args.manifests.files, &options)?;
    let request = args.request.request()?;
    if loaded.simulator.asks_gateway(args.gateway.as_deref()) {
        return route_gateway(args, &loaded.simulator, &request, &name, out);
    }
    let profile = ingress_profile(&name)?;
    let decision = loaded.simulator.route(&request, profile, Explain::Yes);
    let steps = args.steps.then(|| ingress_engine::steps(&decision));
    if args.json {
        let mut json = report::route::to_json(&decision);
        if let Some(steps) = &steps {
            json = report::steps::with_steps(json, steps);
        }
        write_json(out, &json)?;
    } else {
        let style = Style::for_stdout();
        report::route::write_text(out, &request, &decision, style).map_err(Fatal::output)?;
        if let Some(steps) = steps {
            report::steps::write_text(out, &decision, &steps, style).map_err(Fatal::output)?;
        }
    }
    Ok(Verdict::Success)
}

/// `route` through a Gateway: the Gateway API decision, as text or JSON.
fn route_gateway(
    args: &RouteArgs,
    sim: &Simulator,
    request: &ingress_engine::Request,
    name: &ProfileName,
    out: &mut dyn Write,
) -> CommandResult {
    if args.steps {
        return Err(Fatal::new(
            "--steps walks Ingress decisions; a Gateway API decision's explanation (printed without --steps) \
             already lists listener, routes and every candidate match in order",
        ));
    }
    let implementation = name.gateway().map_err(|e| Fatal::new(format!("--profile: {e}")))?;
    let decision = sim
        .route_gateway(request, args.gateway.as_deref(), implementation, Explain::Yes)
        .map_err(|e| Fatal::new(format!("--gateway: {e}")))?;
    if args.json {
        write_json(out, &decision)?;
    } else {
        report::gateway::write_text(out, request, &decision, Style::for_stdout()).map_err(Fatal::output)?;
    }
    Ok(Verdict::Success)
}

/// The Ingress profile a name means, or why it has none (exit 2).
fn ingress_profile(name: &ProfileName) -> Result<Profile, Fatal> {
    name.ingress().map_err(|e| Fatal::new(format!("--profile: {e}")))
}

/// `compare`: a failure when the profiles disagree. Through a Gateway (`asks_gateway`), the
/// Gateway API implementations are compared instead (default: every one).
pub fn compare(args: &CompareArgs, out: &mut dyn Write) -> CommandResult {
    let options = Options { class: args.class.clone() };
    let loaded = manifest::load(&args.manifests.files, &options)?;
    let request = args.request.request()?;
    if loaded.simulator.asks_gateway(args.gateway.as_deref()) {
        let implementations = chosen(&args.profiles, &Implementation::ALL, ProfileName::gateway)?;
        let comparison = loaded
            .simulator
            .compare_gateway(&request, args.gateway.as_deref(), &implementations, Explain::Yes)
            .map_err(|e| Fatal::new(format!("--gateway: {e}")))?;
        return write_comparison(args.json, &comparison, out);
    }
    let profiles = chosen(&args.profiles, Profile::ALL, ProfileName::ingress)?;
    write_comparison(args.json, &loaded.simulator.compare(&request, &profiles, Explain::Yes), out)
}

/// The `--profiles` named, read as `kind` (an Ingress profile or a Gateway API implementation),
/// or every one of that kind; a name of the other kind only stops the command (exit 2).
fn chosen<P: Copy>(
    names: &[ProfileName],
    every: &[P],
    kind: fn(&ProfileName) -> Result<P, String>,
) -> Result<Vec<P>, Fatal> {
    if names.is_empty() {
        return Ok(every.to_vec());
    }
    names.iter().map(|name| kind(name).map_err(|e| Fatal::new(format!("--profiles: {e}")))).collect()
}

/// Prints a comparison; a success when every profile agrees.
fn write_comparison<D: report::compare::Shown + serde::Serialize>(
    json: bool,
    comparison: &Comparison<D, D::Profile>,
    out: &mut dyn Write,
) -> CommandResult
where
    D::Profile: serde::Serialize,
{
    if json {
        write_json(out, &report::compare::to_json(comparison))?;
    } else {
        report::compare::write_text(out, comparison, Style::for_stdout()).map_err(Fatal::output)?;
    }
    Ok(if comparison.agree { Verdict::Success } else { Verdict::Failure })
}

/// `validate`: a failure when any diagnostic is an error.
pub fn validate(args: &ValidateArgs, out: &mut dyn Write) -> CommandResult {
    let (options, name) = args.input.simulation.options(None)?;
    let loaded = manifest::load(&args.input.manifests.files, &options)?;
    let diagnostics = loaded.simulator.diagnostics_named(&name);
    let findings = Findings::by_severity(&diagnostics);
    if args.json {
        write_json(out, &report::validate::to_json(&findings))?;
    } else {
        let files: Vec<&str> = loaded.file_names().collect();
        report::validate::write_text(out, &files, &findings, Style::for_stdout()).map_err(Fatal::output)?;
    }
    Ok(if findings.is_valid() { Verdict::Success } else { Verdict::Failure })
}

/// `map`: the route map; a failure when any diagnostic is an error (as `validate`).
pub fn map(args: &MapArgs, out: &mut dyn Write) -> CommandResult {
    let (options, name) = args.input.simulation.options(None)?;
    let profile = ingress_profile(&name)?;
    let loaded = manifest::load(&args.input.manifests.files, &options)?;
    let map = loaded.simulator.route_map(profile);
    if args.json {
        write_json(out, &report::map::to_json(&map))?;
    } else {
        let class = loaded.simulator.class();
        report::map::write_text(out, &map, class, Style::for_stdout()).map_err(Fatal::output)?;
    }
    let valid = Findings::by_severity(&loaded.simulator.diagnostics_named(&name)).is_valid();
    Ok(if valid { Verdict::Success } else { Verdict::Failure })
}

/// `test`: a failure when a case fails or coverage is below `--fail-under`.
pub fn test(args: &TestArgs, out: &mut dyn Write) -> CommandResult {
    if args.cases == STDIN_ARG && args.manifests.files.iter().any(|f| f == STDIN_ARG) {
        return Err(Fatal::new("standard input (`-`) can be read only once: give the manifest or the cases as a file"));
    }
    let case_source = input::read(&args.cases)?;
    let cases = read_cases(&case_source)?;
    let (options, name) = args.simulation.options(Some(&cases))?;
    let loaded = manifest::simulate(manifest_sources(args, &case_source, &cases)?, &options)?;
    let report = run_cases(&loaded.simulator, &name, &cases);
    let diagnostics = loaded.simulator.diagnostics_named(&name);
    let findings = Findings::by_severity(&diagnostics);
    let run = TestRun {
        manifest_errors: findings.errors.len(),
        manifest_warnings: findings.warnings.len(),
        cases: &cases,
        report: &report,
        only_failures: args.only_failures,
        fail_under: args.fail_under,
    };
    if args.json {
        write_json(out, &report::test::to_json(&run))?;
    } else {
        report::test::write_text(out, &run, Style::for_stdout()).map_err(Fatal::output)?;
    }
    Ok(if run.succeeded() { Verdict::Success } else { Verdict::Failure })
}

/// `migrate`: converts to Gateway API and routes the generated requests both ways; a failure when
/// any answer changes. `--emit` writes the converted YAML (never over an input file).
pub fn migrate(args: &MigrateArgs, out: &mut dyn Write) -> CommandResult {
    let defaults = MigrateOptions::default();
    let from = args.from.as_ref().map_or(Ok(defaults.from), |name| named_ingress("--from", name))?;
    let to = match &args.to {
        Some(name) => name.gateway().map_err(|_| {
            Fatal::new(format!(
                "--to: {name} is an Ingress profile; --to names the Gateway API implementation that will route the \
                 converted resources: {}",
                Implementation::NAMES.join(", ")
            ))
        })?,
        None => defaults.to,
    };
    if let Some(path) = &args.emit {
        refuse_to_overwrite_input(path, &args.manifests.files)?;
    }
    let loaded = manifest::load(&args.manifests.files, &Options::default())?;
    // The diff reads the converted YAML back under the name of the file it is written to, so the
    // "after" places name the file the user has.
    let options = MigrateOptions { from, to, emitted_name: args.emit.clone() };
    let migration = ingress_engine::migrate::migrate(Sources::from(&loaded.sources), &options);
    if let Some(path) = &args.emit {
        std::fs::write(path, &migration.conversion.yaml)
            .map_err(|e| Fatal::new(format!("--emit: cannot write {path}: {e}")))?;
    }
    if args.json {
        write_json(out, &migration)?;
        if let Some(path) = &args.emit {
            // Standard output is the JSON object alone; where the YAML went is news for people.
            eprintln!("ingress-sim: wrote the Gateway API resources to {path}");
        }
    } else {
        let files: Vec<&str> = loaded.file_names().collect();
        report::migrate::write_migration(out, &migration, &files, args.emit.as_deref(), Style::for_stdout())
            .map_err(Fatal::output)?;
    }
    Ok(if migration.changed.is_empty() { Verdict::Success } else { Verdict::Failure })
}

/// `diff`: the generated requests under two Ingress profiles; a failure when any answer changes.
pub fn diff(args: &DiffArgs, out: &mut dyn Write) -> CommandResult {
    let from = named_ingress("--from", &args.from)?;
    let to = named_ingress("--to", &args.to)?;
    let loaded = manifest::load(&args.manifests.files, &Options { class: args.class.clone() })?;
    let diff = loaded.simulator.diff(from, to);
    if args.json {
        write_json(out, &diff)?;
    } else {
        let files: Vec<&str> = loaded.file_names().collect();
        report::migrate::write_diff(out, &diff, &files, Style::for_stdout()).map_err(Fatal::output)?;
    }
    Ok(if diff.changed.is_empty() { Verdict::Success } else { Verdict::Failure })
}

/// The Ingress profile an option names, or why it names none (exit 2).
fn named_ingress(option: &str, name: &ProfileName) -> Result<Profile, Fatal> {
    name.ingress().map_err(|_| {
        Fatal::new(format!(
            "{option}: {name} is a Gateway API implementation; {option} names an Ingress profile: {}",
            Profile::NAMES.join(", ")
        ))
    })
}

/// Refuses an `--emit` path that is one of the input files (or standard input): writing it would
/// destroy the input the report is about.
fn refuse_to_overwrite_input(path: &str, files: &[String]) -> Result<(), Fatal> {
    if path == STDIN_ARG {
        return Err(Fatal::new("--emit: give a file name (the report is what standard output prints)"));
    }
    let Ok(target) = std::fs::canonicalize(path) else {
        return Ok(()); // not there yet, so not an input file
    };
    match files.iter().find(|f| std::fs::canonicalize(f).is_ok_and(|input| input == target)) {
        Some(input) => Err(Fatal::new(format!(
            "--emit: {path} is an input file ({input}); write the Gateway API resources to another file"
        ))),
        None => Ok(()),
    }
}

/// Parses the case file (its places name it); any error in it stops the run.
fn read_cases(source: &Source) -> Result<CaseFile, Fatal> {
    let (cases, errors) = parse_named_cases(&source.name, &source.text);
    if errors.is_empty() {
        return Ok(cases);
    }
    let lines: Vec<String> = errors.iter().map(|e| format!("  {}", format_diagnostic(e))).collect();
    Err(Fatal::new(format!("{}: the case file has {} error(s):\n{}", source.name, errors.len(), lines.join("\n"))))
}

/// The `-f` files, or else the case file's own `manifest:`.
fn manifest_sources(args: &TestArgs, case_source: &Source, cases: &CaseFile) -> Result<Vec<Source>, Fatal> {
    if !args.manifests.files.is_empty() {
        return input::read_all(args.manifests.files.iter().map(String::as_str));
    }
    match &cases.manifest {
        Some(text) => Ok(vec![Source::new(format!("{} (manifest)", case_source.name), text.clone())]),
        None => Err(Fatal::new(format!(
            "no manifest: give -f FILE (or -f - for standard input), or a `manifest:` in {}",
            case_source.name
        ))),
    }
}

impl SimulationArgs {
    /// The engine options and the profile to ask under: the command line first, then the case
    /// file's `class` and `profile`.
    fn options(&self, cases: Option<&CaseFile>) -> Result<(Options, ProfileName), Fatal> {
        let class = self.class.clone().or_else(|| cases.and_then(|c| c.class.clone()));
        let profile = self.profile.clone().or_else(|| cases.and_then(CaseFile::profile_name)).unwrap_or_default();
        Ok((Options { class }, profile))
    }
}

fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Fatal> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| Fatal::output(e.into()))?;
    writeln!(out).map_err(Fatal::output)
}
