//! The naive baseline the router is measured against: for every request, walk every path of every
//! admitted Ingress, ask the engine's own predicates ([`match_host`], [`match_path`]) and keep the
//! best by the routing precedence (R3 tier, then R5: longer path, Exact < Prefix <
//! ImplementationSpecific, Ingress rank, rule index, path index).
//!
//! Nothing is indexed. The only preparation is the Ingress rank of R5 (creationTimestamp, then
//! `namespace/name`, then input order), computed once, because it is a property of the manifest and
//! not of the request. Every Ingress of the synthetic workload is admitted (it has no IngressClass)
//! and it has no defaultBackend, so a request either hits a path or gets no match.

use ingress_engine::matching::{match_host, match_path, HostTier};
use ingress_engine::model::{HttpPath, Manifest, PathType};
use ingress_engine::{Profile, Request};
use std::cmp::Reverse;

/// The baseline router.
pub struct LinearScan<'m> {
    manifest: &'m Manifest,
    /// Per Ingress (manifest order): its R5 rank.
    rank: Vec<usize>,
    profile: Profile,
}

/// The winning path of a request: `(ingress, rule, path index)` and the path itself.
#[derive(Clone, Copy, Debug)]
pub struct Winner<'m> {
    pub position: (usize, usize, usize),
    pub path: &'m HttpPath,
}

/// The order of candidates: the smallest key wins.
type Key = (HostTier, Reverse<usize>, u8, usize, usize, usize);

fn type_rank(path_type: PathType) -> u8 {
    match path_type {
        PathType::Exact => 0,
        PathType::Prefix => 1,
        PathType::ImplementationSpecific => 2,
    }
}

impl<'m> LinearScan<'m> {
    pub fn new(manifest: &'m Manifest) -> LinearScan<'m> {
        let ingresses = &manifest.ingresses;
        let mut order: Vec<usize> = (0..ingresses.len()).collect();
        order.sort_by_key(|&i| {
            let meta = &ingresses[i].meta;
            let created = meta.creation_timestamp.as_ref().map(|t| t.value.as_str());
            (created.is_none(), created, meta.namespace(), meta.name(), i)
        });
        let mut rank = vec![0; ingresses.len()];
        for (position, &i) in order.iter().enumerate() {
            rank[i] = position;
        }
        LinearScan { manifest, rank, profile: Profile::default() }
    }

    /// Routes one request by looking at every path.
    pub fn route(&self, request: &Request) -> Option<Winner<'m>> {
        let normalized = request.normalize(false);
        let (host, request_path) = (&*normalized.host, normalized.path);
        // The best tier any rule host reaches (R3: that tier is chosen even if none of its paths
        // matches), and the best matching path over all tiers.
        let mut chosen_tier: Option<HostTier> = None;
        let mut best: Option<(Key, Winner<'m>)> = None;
        for (i, ingress) in self.manifest.ingresses.iter().enumerate() {
            for (r, rule) in ingress.spec.rules.iter().enumerate() {
                let Some(tier) = match_host(rule.host(), host).tier() else { continue };
                chosen_tier = Some(chosen_tier.map_or(tier, |chosen| chosen.min(tier)));
                let Some(http) = &rule.http else { continue };
                for (p, path) in http.paths.iter().enumerate() {
                    let Some(path_type) = path.path_type() else { continue };
                    let text = path.path();
                    let routable =
                        text.starts_with('/') || text.is_empty() && path_type == PathType::ImplementationSpecific;
                    if !routable || match_path(self.profile.match_kind(path_type), text, request_path).is_err() {
                        continue;
                    }
                    let key = (tier, Reverse(text.len()), type_rank(path_type), self.rank[i], r, p);
                    if best.as_ref().is_none_or(|(best_key, _)| key < *best_key) {
                        best = Some((key, Winner { position: (i, r, p), path }));
                    }
                }
            }
        }
        // A path of a lower tier does not count when a better tier was chosen.
        best.filter(|(key, _)| Some(key.0) == chosen_tier).map(|(_, winner)| winner)
    }
}
