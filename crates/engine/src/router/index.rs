//! The compiled lookup structures of one host key: an exact-path map and an element trie for
//! prefix paths. Each holds, per key, only the best candidate by [`super::Priority`]; the total
//! order makes the result independent of insertion order.

use super::hash::FxMap;
use super::{Candidate, Priority};
use crate::matching::{elements, MatchKind};
use std::sync::Arc;

/// Paths registered under one host key.
#[derive(Debug, Default)]
pub(crate) struct HostPaths {
    /// Exact paths: the whole path string → best candidate.
    exact: FxMap<Box<str>, u32>,
    /// Prefix paths by element.
    trie: Vec<TrieNode>,
    /// Ingress indices with a rule for this host key, best rank first.
    pub ingresses: Vec<usize>,
    /// What the structures were built from, in insertion order: `(id, kind, precedence, path)`
    /// of every candidate (so a later build can tell whether it may reuse them).
    members: Vec<(u32, MatchKind, Priority, Arc<str>)>,
}

#[derive(Debug, Default)]
struct TrieNode {
    children: FxMap<Box<str>, u32>,
    best: Option<u32>,
}

impl HostPaths {
    /// The structures of one host key: `members` are candidate ids in id order.
    pub fn build(
        ingresses: Vec<usize>,
        members: Vec<u32>,
        candidates: &[Candidate],
        better: impl Fn(u32, u32) -> bool,
    ) -> HostPaths {
        let mut paths = HostPaths { ingresses, ..HostPaths::default() };
        paths.members.reserve_exact(members.len());
        for id in members {
            let c = &candidates[id as usize];
            match c.kind {
                MatchKind::Exact => paths.insert_exact(&c.path, id, &better),
                MatchKind::Prefix => paths.insert_prefix(&c.path, id, &better),
            }
            paths.members.push((id, c.kind, c.priority, c.path.clone()));
        }
        paths
    }

    /// True when [`HostPaths::build`] would make the same structures from these arguments.
    pub fn same_as(&self, ingresses: &[usize], members: &[u32], candidates: &[Candidate]) -> bool {
        self.ingresses == ingresses
            && self.members.len() == members.len()
            && self.members.iter().zip(members).all(|((id, kind, priority, path), &new)| {
                let c = &candidates[new as usize];
                *id == new
                    && *kind == c.kind
                    && *priority == c.priority
                    && (Arc::ptr_eq(path, &c.path) || **path == *c.path)
            })
    }

    /// Registers an Exact path; `better(a, b)` says whether candidate `a` beats `b`.
    pub fn insert_exact(&mut self, path: &str, id: u32, better: impl Fn(u32, u32) -> bool) {
        let slot = self.exact.entry(path.into()).or_insert(id);
        if better(id, *slot) {
            *slot = id;
        }
    }

    /// Registers a Prefix path.
    pub fn insert_prefix(&mut self, path: &str, id: u32, better: impl Fn(u32, u32) -> bool) {
        if self.trie.is_empty() {
            self.trie.push(TrieNode::default());
        }
        let mut node = 0usize;
        for element in elements(path) {
            let next = match self.trie[node].children.get(element) {
                Some(&n) => n as usize,
                None => {
                    let n = self.trie.len();
                    self.trie.push(TrieNode::default());
                    self.trie[node].children.insert(element.into(), n as u32);
                    n
                }
            };
            node = next;
        }
        let slot = &mut self.trie[node].best;
        match slot {
            Some(current) if !better(id, *current) => {}
            _ => *slot = Some(id),
        }
    }

    /// The best Exact and the best Prefix candidate for a request path.
    pub fn lookup(&self, path: &str, better: impl Fn(u32, u32) -> bool) -> Option<u32> {
        let mut best = self.exact.get(path).copied();
        let mut consider = |id: Option<u32>| {
            if let Some(id) = id {
                if best.is_none_or(|b| better(id, b)) {
                    best = Some(id);
                }
            }
        };
        if let Some(root) = self.trie.first() {
            consider(root.best);
            let mut node = root;
            for element in elements(path) {
                match node.children.get(element) {
                    Some(&next) => {
                        node = &self.trie[next as usize];
                        consider(node.best);
                    }
                    None => break,
                }
            }
        }
        best
    }
}
