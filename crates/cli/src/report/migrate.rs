//! `migrate` and `diff`: every generated request whose answer changes, before → after, each with
//! the explanation lines that decided it; for `migrate`, the conversion's notices first. JSON is
//! the engine's `Migration` / `ProfileDiff` itself.

use crate::report::compare::Shown;
use crate::report::test::with_method_and_headers;
use crate::report::{gateway, place, route, url};
use crate::style::Style;
use ingress_engine::gateway::{GatewayDecision, GatewayVerdict};
use ingress_engine::migrate::{Change, Migration, Notice, NoticeLevel, ProfileDiff, MAX_EXPLAINED};
use ingress_engine::{Decision, Request, Span, Verdict};
use std::io::{self, Write};

/// How many explanation lines of a decision without a winner are shown (the rest: `route`).
const UNDECIDED_LINES: usize = 3;

/// `migrate` for people: summary, Gateways, where the YAML went, notices, changed requests, and the
/// commands that explain one of them in full (`files`: the input files, as given).
pub fn write_migration(
    out: &mut dyn Write,
    migration: &Migration,
    files: &[&str],
    emitted: Option<&str>,
    style: Style,
) -> io::Result<()> {
    let from = migration.from;
    let to = migration.to;
    let title =
        format!("Migration from {} to Gateway API ({}, {} {})", from.title(), to.name(), to.title(), to.version());
    write_summary(out, &title, migration.changed.len(), migration.requests, style)?;
    let gateways = match migration.gateways.is_empty() {
        true => "none (no Ingress was converted)".to_string(),
        false => migration.gateways.join(", "),
    };
    writeln!(out, "{} {gateways}", style.dim("Gateways:"))?;
    if let Some(path) = emitted {
        writeln!(out, "{} {path}", style.dim("Wrote the Gateway API resources to"))?;
    }
    write_notices(out, &migration.notices, style)?;
    write_changes(out, &migration.changed, style)?;
    if let Some(change) = migration.changed.first() {
        let files = file_flags(files);
        let request = request_flags(&change.request);
        let (resources, unwritten) = match emitted {
            Some(path) => (path, ""),
            None => ("OUT.yaml", " (write OUT.yaml with --emit)"),
        };
        writeln!(out)?;
        writeln!(out, "{}", style.dim("Explain the first change in full, before and after:"))?;
        writeln!(out, "  ingress-sim route{files} --profile {}{request}", from.name())?;
        writeln!(
            out,
            "  ingress-sim route -f {resources}{files} --gateway {} --profile {}{request}{}",
            change.after.gateway,
            to.name(),
            style.dim(unwritten)
        )?;
    }
    Ok(())
}

/// `diff` for people: summary, changed requests, and the command that compares the first change
/// under both profiles (`files`: the input files, as given).
pub fn write_diff(out: &mut dyn Write, diff: &ProfileDiff, files: &[&str], style: Style) -> io::Result<()> {
    let title = format!("Diff from {} to {}", diff.from.title(), diff.to.title());
    write_summary(out, &title, diff.changed.len(), diff.requests, style)?;
    write_changes(out, &diff.changed, style)?;
    if let Some(change) = diff.changed.first() {
        writeln!(out)?;
        writeln!(out, "{}", style.dim("Explain the first change under both profiles:"))?;
        writeln!(
            out,
            "  ingress-sim compare{} --profiles {},{}{}",
            file_flags(files),
            diff.from.name(),
            diff.to.name(),
            request_flags(&change.request)
        )?;
    }
    Ok(())
}

/// ` -f a.yaml -f b.yaml`.
fn file_flags(files: &[&str]) -> String {
    files.iter().map(|f| format!(" -f {}", shell_word(f))).collect()
}

/// ` --url URL` and the method, headers and cookies the request carries, as `route` takes them.
fn request_flags(request: &Request) -> String {
    let mut flags = format!(" --url {}", shell_word(&url(request.scheme, &request.host, &request.path)));
    if !request.is_default_method() {
        flags.push_str(&format!(" --method {}", shell_word(&request.method)));
    }
    for (name, value) in &request.headers {
        flags.push_str(&format!(" -H {}", shell_word(&format!("{name}: {value}"))));
    }
    for (name, value) in &request.cookies {
        flags.push_str(&format!(" --cookie {}", shell_word(&format!("{name}={value}"))));
    }
    flags
}

/// `text` as one shell word: as is when it holds nothing a shell reads, else single-quoted.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c);
    match !text.is_empty() && text.chars().all(plain) {
        true => text.to_string(),
        false => format!("'{}'", text.replace('\'', "'\\''")),
    }
}

/// `Title: N of M generated requests change their answer.`
fn write_summary(out: &mut dyn Write, title: &str, changed: usize, requests: usize, style: Style) -> io::Result<()> {
    let verdict = match changed {
        0 => style.good(&format!("none of {requests} generated requests changes its answer.")),
        1 => style.bad(&format!("1 of {requests} generated requests changes its answer.")),
        n => style.bad(&format!("{n} of {requests} generated requests change their answer.")),
    };
    writeln!(out, "{}: {verdict}", style.bold(title))
}

/// `Notices (N)`, each `level  code  object  file:line:column`, its message, its hosts and paths.
fn write_notices(out: &mut dyn Write, notices: &[Notice], style: Style) -> io::Result<()> {
    if notices.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", style.bold(&format!("Notices ({})", notices.len())))?;
    for notice in notices {
        let level = format!("{:<7}", notice.level.as_str());
        let level = match notice.level {
            NoticeLevel::Error => style.bad(&level),
            NoticeLevel::Warning => style.caution(&level),
            _ => style.note(&level),
        };
        let about = [notice.object.clone(), Some(place(notice.span)).filter(|p| !p.is_empty())];
        let about = about.into_iter().flatten().collect::<Vec<_>>().join("  ");
        let about = if about.is_empty() { String::new() } else { format!("  {}", style.dim(&about)) };
        writeln!(out, "  {level}  {}{about}", notice.code)?;
        writeln!(out, "           {}", notice.message)?;
        if !notice.hosts.is_empty() {
            writeln!(out, "           {} {}", style.dim("hosts:"), notice.hosts.join(", "))?;
        }
        if !notice.paths.is_empty() {
            writeln!(out, "           {} {}", style.dim("paths:"), notice.paths.join(", "))?;
        }
    }
    Ok(())
}

/// `Changed requests (N)`, each its request, what it probes, and both answers with their why-lines.
fn write_changes<B: Side, A: Side>(out: &mut dyn Write, changes: &[Change<B, A>], style: Style) -> io::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", style.bold(&format!("Changed requests ({})", changes.len())))?;
    for (count, before, after) in by_outcome(changes) {
        writeln!(out, "  {count:>6}  {before} → {after}")?;
    }
    for change in changes {
        writeln!(out)?;
        let probes = if change.probes.is_empty() { String::new() } else { format!("  ({})", change.probes) };
        writeln!(out, "  {}{}", request_label(&change.request), style.dim(&probes))?;
        write_side(out, "before", &change.before, style)?;
        write_side(out, "after ", &change.after, style)?;
        if !change.before.is_explained() && !change.after.is_explained() {
            let why = format!(
                "(explained for the first {MAX_EXPLAINED} changes only: `ingress-sim route` explains this one)"
            );
            writeln!(out, "            {}", style.dim(&why))?;
        }
    }
    Ok(())
}

/// How many changes go from one outcome to another (`rule → no-listener`), most first, then in
/// order of first appearance: what a long list is made of, at a glance.
fn by_outcome<B: Side, A: Side>(changes: &[Change<B, A>]) -> Vec<(usize, &'static str, &'static str)> {
    let mut counts: Vec<(usize, &'static str, &'static str)> = Vec::new();
    for change in changes {
        let key = (change.before.outcome_name(), change.after.outcome_name());
        match counts.iter_mut().find(|(_, before, after)| (*before, *after) == key) {
            Some(entry) => entry.0 += 1,
            None => counts.push((1, key.0, key.1)),
        }
    }
    counts.sort_by_key(|(count, _, _)| std::cmp::Reverse(*count)); // stable: ties keep their order
    counts
}

/// `METHOD scheme://host/path [headers; cookies]`: the request as sent.
fn request_label(request: &Request) -> String {
    let label = with_method_and_headers(request, url(request.scheme, &request.host, &request.path));
    match request.is_default_method() {
        true => format!("{} {label}", request.method),
        false => label,
    }
}

/// One answer: `before  ANSWER  profile · how`, then the lines that decided it.
fn write_side<D: Side>(out: &mut dyn Write, name: &str, decision: &D, style: Style) -> io::Result<()> {
    let mut via = vec![decision.profile_name().to_string()];
    via.extend(decision.via().into_iter().flatten());
    writeln!(out, "    {name}  {}  {}", style.bold(&decision.answer_label()), style.dim(&via.join(" · ")))?;
    for (mark, message, span) in decision.deciding(style) {
        let place = place(span);
        let place = if place.is_empty() { String::new() } else { format!("  {}", style.dim(&place)) };
        writeln!(out, "            {mark}  {message}{place}")?;
    }
    Ok(())
}

/// A decision on either side of a change: how the report names its answer and what decided it.
trait Side: Shown {
    /// The outcome's JSON name (`rule`, `no-match`, `no-listener`…).
    fn outcome_name(&self) -> &'static str;

    /// False when the decision comes without its explanation (a change after the first
    /// [`MAX_EXPLAINED`]).
    fn is_explained(&self) -> bool;

    /// The explanation lines that decided the answer: the winners; when nothing won, the last
    /// few lines (`route` prints them all).
    fn deciding(&self, style: Style) -> Vec<(String, String, Option<Span>)>;
}

impl Side for Decision {
    fn outcome_name(&self) -> &'static str {
        self.outcome.as_str()
    }

    fn is_explained(&self) -> bool {
        !self.explanation.is_empty()
    }

    fn deciding(&self, style: Style) -> Vec<(String, String, Option<Span>)> {
        let line = |e: &ingress_engine::Entry| (route::verdict_mark(e.verdict, style), e.message.clone(), e.span);
        deciding(&self.explanation, |e| e.verdict == Verdict::Won, line)
    }
}

impl Side for GatewayDecision {
    fn outcome_name(&self) -> &'static str {
        self.outcome.as_str()
    }

    fn is_explained(&self) -> bool {
        !self.explanation.is_empty()
    }

    fn deciding(&self, style: Style) -> Vec<(String, String, Option<Span>)> {
        let line = |e: &ingress_engine::gateway::GatewayEntry| {
            (gateway::verdict_mark(e.verdict, style), e.message.clone(), e.span)
        };
        deciding(&self.explanation, |e| e.verdict == GatewayVerdict::Winner, line)
    }
}

/// The winning entries, else the last [`UNDECIDED_LINES`] entries: an explanation ends with its
/// conclusion (what answers when nothing matched), and begins with the class and host notes.
fn deciding<E, L>(entries: &[E], won: impl Fn(&E) -> bool, line: impl Fn(&E) -> L) -> Vec<L> {
    let winners: Vec<L> = entries.iter().filter(|e| won(e)).map(&line).collect();
    match winners.is_empty() {
        true => entries[entries.len().saturating_sub(UNDECIDED_LINES)..].iter().map(line).collect(),
        false => winners,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("http://a.example.com/x?y=1"), "'http://a.example.com/x?y=1'");
        assert_eq!(shell_word("dir/ing.yaml"), "dir/ing.yaml");
        assert_eq!(shell_word("X-Canary: always"), "'X-Canary: always'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn request_flags_carry_method_headers_and_cookies() {
        let mut request = Request::from_url("https://a.example.com/x").unwrap();
        assert_eq!(request_flags(&request), " --url https://a.example.com/x");
        request.method = "POST".into();
        request.headers.push(("X-Canary".into(), "always".into()));
        request.cookies.push(("canary".into(), "never".into()));
        assert_eq!(
            request_flags(&request),
            " --url https://a.example.com/x --method POST -H 'X-Canary: always' --cookie canary=never"
        );
    }

    #[test]
    fn deciding_lines_are_the_winners_else_the_last_few() {
        let entries = [(false, "a"), (true, "b"), (false, "c"), (true, "d")];
        assert_eq!(deciding(&entries, |e| e.0, |e| e.1), ["b", "d"]);
        let none = [(false, "a"), (false, "b"), (false, "c"), (false, "d")];
        assert_eq!(deciding(&none, |e| e.0, |e| e.1), ["b", "c", "d"]);
        let short = [(false, "a")];
        assert_eq!(deciding(&short, |e| e.0, |e| e.1), ["a"]);
    }
}
