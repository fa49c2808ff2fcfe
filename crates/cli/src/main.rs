//! `ingress-sim`: simulate Kubernetes Ingress routing from the command line.
//!
//! `route` explains one request, `compare` routes it under every profile, `validate` reports what the API server would reject, `map`
//! shows the routing table as a tree, `test` checks a batch of expected routes, `migrate` converts to Gateway API and lists the
//! requests whose answer changes, `diff` lists them between two profiles. Exit codes: 0 success, 1 failed check, 2 unusable input or
//! bad arguments. See `ingress-sim <command> --help`.

mod args;
mod commands;
mod fatal;
mod input;
mod manifest;
mod report;
mod style;

use args::{Cli, Command};
use clap::Parser;
use commands::Verdict;
use fatal::Fatal;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Command::Route(args) => commands::route(args, &mut out),
        Command::Compare(args) => commands::compare(args, &mut out),
        Command::Validate(args) => commands::validate(args, &mut out),
        Command::Map(args) => commands::map(args, &mut out),
        Command::Test(args) => commands::test(args, &mut out),
        Command::Migrate(args) => commands::migrate(args, &mut out),
        Command::Diff(args) => commands::diff(args, &mut out),
    };
    let flushed = out.flush().map_err(Fatal::output);
    match result.and_then(|verdict| flushed.map(|()| verdict)) {
        Ok(Verdict::Success) => ExitCode::SUCCESS,
        Ok(Verdict::Failure) => ExitCode::from(1),
        Err(error) => {
            if !error.is_silent() {
                // Nothing better to do if stderr is gone too.
                let _ = writeln!(std::io::stderr(), "ingress-sim: {error}");
            }
            ExitCode::from(2)
        }
    }
}
