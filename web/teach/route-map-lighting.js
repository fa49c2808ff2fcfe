// Which boxes of the route map the current request lights and which it dims: read off the
// engine's decision for that request (`Simulation.route(…, { explain: true })`), never worked
// out here. The winner is the decision's Ingress, rule and path index (or its default backend);
// a losing candidate is an explanation entry with the verdict "lost" or "ignored", and its
// message is the reason the map shows on hover.
import { backendText, keys, spanLines } from "./route-map-layout.js";

/**
 * `{ lit: Set<key>, dimmed: Map<key, reason>, host: name|null }` for `decision` over `map` (the
 * `routeMap()` answer); `host` is the map host holding the winning path, which the view expands.
 * No decision (no request, or it could not be routed): nothing lit or dimmed.
 */
export function lighting(decision, map) {
  const lit = new Set();
  const dimmed = new Map();
  if (!decision) return { lit, dimmed, host: null };

  let winnerHost = null;
  if (decision.outcome !== "default-backend" && decision.ingress != null && decision.rule != null && decision.pathIndex != null) {
    for (const host of map.hosts) {
      const path = host.paths.find((p) =>
        p.ingress === decision.ingress && p.rule === decision.rule && p.pathIndex === decision.pathIndex);
      if (!path) continue;
      winnerHost = host;
      lit.add(keys.host(host.host));
      lit.add(keys.path(path.ingress, path.rule, path.pathIndex));
      lit.add(keys.backend(backendText(decision.backend ?? path.backend) || "(no backend)"));
      break;
    }
  }
  if (decision.outcome === "default-backend" && decision.ingress != null) {
    lit.add(keys.default(decision.ingress));
    lit.add(keys.backend(backendText(decision.backend) || "(no backend)"));
  }
  const tls = decision.tls;
  if (tls?.secretName && tls.ingress) {
    const hosts = winnerHost ? [winnerHost, ...map.hosts] : map.hosts;
    const holder = hosts.find((h) => h.tls.some((t) => t.ingress === tls.ingress && t.secret === tls.secretName)
      && (h === winnerHost || h.host === tls.matchedHost));
    if (holder) lit.add(keys.tls(holder.host, tls.ingress, tls.secretName));
  }

  // Losing candidates: a path entry dims its path; an entry about a whole rule (no path index)
  // dims each path of that rule that no more precise entry explained.
  const byRule = new Map();
  for (const entry of decision.explanation ?? []) {
    if (entry.verdict !== "lost" && entry.verdict !== "ignored") continue;
    if (entry.ingress == null) continue;
    if (entry.reason === "default-backend-not-used" || (entry.rule == null && entry.pathIndex == null)) {
      const key = keys.default(entry.ingress);
      if (!lit.has(key) && !dimmed.has(key)) dimmed.set(key, entry.message);
      continue;
    }
    if (entry.pathIndex != null) {
      const key = keys.path(entry.ingress, entry.rule, entry.pathIndex);
      if (!lit.has(key)) dimmed.set(key, dimmed.has(key) ? `${dimmed.get(key)} ${entry.message}` : entry.message);
    } else {
      byRule.set(`${entry.ingress}|${entry.rule}`, entry.message);
    }
  }
  if (byRule.size) {
    for (const host of map.hosts) {
      for (const p of host.paths) {
        const reason = byRule.get(`${p.ingress}|${p.rule}`);
        const key = keys.path(p.ingress, p.rule, p.pathIndex);
        if (reason && !lit.has(key) && !dimmed.has(key)) dimmed.set(key, reason);
      }
    }
  }
  // A host whose every path lost is dimmed too, with its first path's reason (for a host that
  // lost as a whole, "a precise host beats a wildcard…", that is the host's own reason).
  for (const host of map.hosts) {
    const key = keys.host(host.host);
    if (lit.has(key) || !host.paths.length) continue;
    const reasons = host.paths.map((p) => dimmed.get(keys.path(p.ingress, p.rule, p.pathIndex)));
    if (reasons.every((r) => r != null)) dimmed.set(key, reasons[0]);
  }
  return { lit, dimmed, host: winnerHost?.host ?? null };
}

/** The decision in a few words, for the line above the map: what answers this request. */
export function answerText(decision) {
  const backend = backendText(decision.backend);
  switch (decision.outcome) {
    case "rule": return `${backend || "no backend"} (${decision.ingress}, ${decision.path ?? ""} ${decision.pathType ?? ""})`.replace(/ \)/, ")");
    case "default-backend": return `${backend || "no backend"} (default backend of ${decision.ingress})`;
    case "no-match": return `${decision.status ?? 404}: no rule matches`;
    case "redirect": return `${decision.redirect?.status ?? decision.status} redirect to ${decision.redirect?.location ?? ""}`;
    case "config-error": return "the controller refuses this configuration";
    case "controller-answer": return decision.status == null ? "the controller closes the connection" : `${decision.status} from the controller itself`;
    default: return decision.outcome;
  }
}

/**
 * The boxes a step of the step-through looks at (`step.spans`, the engine's): every box whose lines
 * lie inside one of those spans, in the same file. A span-by-span reading, so it works for every
 * stage and profile without knowing what the step decides.
 */
export function stepFocus(step, nodes) {
  const focus = new Set();
  const ranges = (step?.spans ?? []).map((span) => ({ file: span.file ?? null, lines: spanLines(span) })).filter((r) => r.lines);
  if (!ranges.length) return focus;
  const bounds = (lines) => lines.split("-").map(Number);
  for (const node of nodes) {
    if (!node.lines) continue;
    const [start, end] = bounds(node.lines);
    const inside = ranges.some((r) => {
      const [from, to] = bounds(r.lines);
      return (r.file ?? null) === (node.file ?? null) && start >= from && end <= to;
    });
    if (inside) focus.add(node.key);
  }
  return focus;
}
