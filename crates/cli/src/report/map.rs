//! `map`: the route map ([`ingress_engine::RouteMap`]) as a text tree (hosts → paths (type) →
//! backend, with their marks) or as its JSON object.

use crate::report::place;
use crate::style::Style;
use ingress_engine::route_map::{MapHost, MapPath};
use ingress_engine::RouteMap;
use std::io::{self, Write};

/// The serialised [`RouteMap`] (its positions name their files).
pub fn to_json(map: &RouteMap) -> serde_json::Value {
    serde_json::to_value(map).unwrap_or_default()
}

/// A summary line, each host with its TLS and its paths in the profile's order, the default
/// backends, and the Ingresses the profile leaves out.
pub fn write_text(out: &mut dyn Write, map: &RouteMap, class: Option<&str>, style: Style) -> io::Result<()> {
    let admitted = map.ingresses.iter().filter(|i| i.admitted).count();
    let class = class.map_or_else(|| "no class chosen".to_string(), |c| format!("class {c}"));
    let counts = map.counts;
    writeln!(
        out,
        "{}: {} ({admitted} admitted), {}, {} (profile {}, {class})",
        style.bold("Route map"),
        count(counts.ingresses, "Ingress", "Ingresses"),
        count(counts.hosts, "host", "hosts"),
        count(counts.paths, "path", "paths"),
        map.profile,
    )?;
    for host in &map.hosts {
        write_host(out, host, style)?;
    }
    if !map.default_backends.is_empty() {
        writeln!(out, "{}", style.bold("Default backends"))?;
        for d in &map.default_backends {
            let backend = d.backend.as_deref().unwrap_or("(no backend)");
            let answers = if d.answers { "answers what no rule's host catches" } else { "only for its own hosts" };
            writeln!(
                out,
                "  {} → {}  {}  {}",
                d.ingress,
                style.good(backend),
                style.dim(answers),
                style.dim(&place(Some(d.span)))
            )?;
        }
    }
    let left_out: Vec<String> = map
        .ingresses
        .iter()
        .filter(|i| !i.admitted)
        .map(|i| {
            format!("{} ({})", i.name, i.class.as_deref().map_or("no class".to_string(), |c| format!("class {c}")))
        })
        .collect();
    if !left_out.is_empty() {
        writeln!(out, "{} {}", style.bold("Not admitted:"), left_out.join(", "))?;
    }
    Ok(())
}

fn write_host(out: &mut dyn Write, host: &MapHost, style: Style) -> io::Result<()> {
    let name = if host.host.is_empty() { "(any host)" } else { host.host.as_str() };
    let tier = host.tier_name();
    let tls: Vec<String> = host
        .tls
        .iter()
        .map(|t| format!("TLS {} ({})", t.secret.as_deref().unwrap_or("(no secret)"), t.ingress))
        .collect();
    let tls = if tls.is_empty() { String::new() } else { format!("  {}", style.note(&tls.join(", "))) };
    writeln!(out, "{}  {}{tls}", style.bold(name), style.dim(&format!("[{tier}]")))?;
    if host.paths.is_empty() {
        writeln!(out, "  {}", style.dim("(no paths)"))?;
    }
    for path in &host.paths {
        write_path(out, path, style)?;
    }
    Ok(())
}

fn write_path(out: &mut dyn Write, path: &MapPath, style: Style) -> io::Result<()> {
    let shown = if path.path.is_empty() { "\"\"" } else { path.path.as_str() };
    let kind = path.path_type.map_or("no pathType", |t| t.as_str());
    let backend = path.backend.as_deref().unwrap_or("(no backend)");
    writeln!(
        out,
        "  {shown} ({kind}) → {}  {}  {}",
        style.good(backend),
        style.dim(&path.ingress),
        style.dim(&place(Some(path.span)))
    )?;
    for mark in &path.marks {
        writeln!(out, "    {} {}", style.caution(&format!("! {}:", mark.kind.as_str())), mark.message)?;
    }
    Ok(())
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
