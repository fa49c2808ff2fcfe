//! nginx's location lookup, ported from nginx core so that even its corner cases hold:
//! - `src/http/ngx_http.c`: `ngx_http_init_locations` / `ngx_http_cmp_locations` (sort: `/` is the
//!   lowest character, an exact location before the prefix location of the same name),
//!   `ngx_http_join_exact_locations` (`duplicate location "…"` when two exact or two prefix
//!   locations share a name: nginx refuses the configuration), `ngx_http_create_locations_list`
//!   and `ngx_http_create_locations_tree` (the static location tree);
//! - `src/http/ngx_http_core_module.c`: `ngx_http_core_find_static_location` (exact match wins at
//!   once, otherwise the longest prefix; a URI one `/` short of a location whose name ends in `/`
//!   and has `proxy_pass` gets the `auto_redirect` 301) and `ngx_http_core_find_location`
//!   (static first; regex locations in configuration order unless the static lookup returned an
//!   exact match or the redirect);
//! - `src/core/ngx_string.c`: `ngx_filename_cmp` (byte compare where `/` sorts lowest).

use std::cmp::Ordering;

/// A static (non-regex) location handed to the tree: its name and kind.
#[derive(Clone, Debug)]
pub(crate) struct Static {
    pub name: String,
    pub exact: bool,
    /// nginx sets `auto_redirect` for a location with `proxy_pass` whose name ends in `/`
    /// (`ngx_http_proxy_pass` in `ngx_http_proxy_module.c`); every ingress-nginx location proxies.
    pub auto_redirect: bool,
}

#[derive(Debug)]
struct Node {
    name: Vec<u8>,
    exact: Option<usize>,
    inclusive: Option<usize>,
    auto_redirect: bool,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
    tree: Option<Box<Node>>,
}

/// The static location tree of one server.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    root: Option<Box<Node>>,
}

/// What the static lookup found (`ngx_http_core_find_static_location`'s return value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// `NGX_DECLINED`: no static location matched.
    None,
    /// `NGX_OK`: an exact location (regex locations are not tried).
    Exact(usize),
    /// `NGX_AGAIN`: the longest matching prefix location (regex locations are tried next).
    Prefix(usize),
    /// `NGX_DONE`: the trailing-slash 301 to this location's name.
    Redirect(usize),
}

/// `ngx_filename_cmp` on Linux: bytes, but `/` sorts before every other byte except NUL.
fn filename_cmp(a: &[u8], b: &[u8], n: usize) -> Ordering {
    for k in 0..n {
        let c1 = a.get(k).copied().unwrap_or(0);
        let c2 = b.get(k).copied().unwrap_or(0);
        if c1 == c2 {
            if c1 == 0 {
                return Ordering::Equal;
            }
            continue;
        }
        if c1 == 0 || c2 == 0 {
            return c1.cmp(&c2);
        }
        let m = |c: u8| if c == b'/' { 0 } else { c };
        return m(c1).cmp(&m(c2));
    }
    Ordering::Equal
}

struct Queued {
    name: Vec<u8>,
    exact: Option<usize>,
    inclusive: Option<usize>,
    list: Vec<Queued>,
}

/// A configuration nginx refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Duplicate {
    /// The location name.
    pub name: String,
    /// The two locations (indices into the server's list), the later one last.
    pub first: usize,
    pub second: usize,
}

impl Tree {
    /// Builds the tree from a server's static locations (indices are positions in `locations`).
    pub fn build(locations: &[Static]) -> Result<Tree, Duplicate> {
        let mut queue: Vec<Queued> = locations
            .iter()
            .enumerate()
            .map(|(i, l)| Queued {
                name: l.name.as_bytes().to_vec(),
                exact: l.exact.then_some(i),
                inclusive: (!l.exact).then_some(i),
                list: Vec::new(),
            })
            .collect();
        // ngx_queue_sort is a stable insertion sort with ngx_http_cmp_locations.
        crate::order::sort_by(&mut queue, |a, b| {
            let n = a.name.len().min(b.name.len()) + 1;
            let rc = filename_cmp(&a.name, &b.name, n);
            if rc == Ordering::Equal && a.exact.is_none() && b.exact.is_some() {
                return Ordering::Greater;
            }
            if rc == Ordering::Equal && a.exact.is_some() && b.exact.is_none() {
                return Ordering::Less;
            }
            rc
        });
        // ngx_http_join_exact_locations.
        let mut joined: Vec<Queued> = Vec::with_capacity(queue.len());
        for x in queue {
            if let Some(q) = joined.last_mut() {
                if q.name == x.name {
                    let both_exact = q.exact.is_some() && x.exact.is_some();
                    let both_inclusive = q.inclusive.is_some() && x.inclusive.is_some();
                    if both_exact || both_inclusive {
                        let first = if both_exact { q.exact } else { q.inclusive }.unwrap_or(0);
                        let second = x.exact.or(x.inclusive).unwrap_or(0);
                        return Err(Duplicate {
                            name: String::from_utf8_lossy(&x.name).into_owned(),
                            first: first.min(second),
                            second: first.max(second),
                        });
                    }
                    q.inclusive = q.inclusive.or(x.inclusive);
                    continue;
                }
            }
            joined.push(x);
        }
        let listed = make_lists(joined);
        Ok(Tree { root: make_tree(listed, 0, locations) })
    }

    /// `ngx_http_core_find_static_location` for a normalised URI.
    pub fn find(&self, uri: &str) -> Found {
        let mut uri = uri.as_bytes();
        let mut rv = Found::None;
        let mut node = self.root.as_deref();
        while let Some(n) = node {
            let len = uri.len();
            let nlen = n.name.len();
            let k = len.min(nlen);
            match filename_cmp(uri, &n.name, k) {
                Ordering::Less => {
                    node = n.left.as_deref();
                    continue;
                }
                Ordering::Greater => {
                    node = n.right.as_deref();
                    continue;
                }
                Ordering::Equal => {}
            }
            if len > nlen {
                if let Some(inc) = n.inclusive {
                    rv = Found::Prefix(inc);
                    node = n.tree.as_deref();
                    uri = &uri[k..];
                    continue;
                }
                node = n.right.as_deref();
                continue;
            }
            if len == nlen {
                return match (n.exact, n.inclusive) {
                    (Some(e), _) => Found::Exact(e),
                    (None, Some(i)) => Found::Prefix(i),
                    (None, None) => rv,
                };
            }
            if len + 1 == nlen && n.auto_redirect {
                if let Some(l) = n.exact.or(n.inclusive) {
                    rv = Found::Redirect(l);
                }
            }
            node = n.left.as_deref();
        }
        rv
    }
}

/// `ngx_http_create_locations_list`: a prefix location takes the following locations whose names
/// start with its name as its sub-list.
fn make_lists(queue: Vec<Queued>) -> Vec<Queued> {
    let mut out: Vec<Queued> = Vec::with_capacity(queue.len());
    let mut rest = queue.into_iter().peekable();
    while let Some(mut q) = rest.next() {
        if q.inclusive.is_some() {
            let mut sub = Vec::new();
            while let Some(x) = rest.peek() {
                let starts =
                    x.name.len() >= q.name.len() && filename_cmp(&q.name, &x.name, q.name.len()) == Ordering::Equal;
                if !starts {
                    break;
                }
                sub.extend(rest.next());
            }
            q.list = make_lists(sub);
        }
        out.push(q);
    }
    out
}

/// `ngx_http_create_locations_tree`: the middle of the list is the node (`ngx_queue_middle`).
fn make_tree(mut list: Vec<Queued>, prefix: usize, locations: &[Static]) -> Option<Box<Node>> {
    if list.is_empty() {
        return None;
    }
    let mid = list.len() / 2;
    let right: Vec<Queued> = list.split_off(mid + 1);
    let q = list.pop()?;
    let left = list;
    let redirect = |i: Option<usize>| i.and_then(|i| locations.get(i)).is_some_and(|l| l.auto_redirect);
    let name = q.name.get(prefix..).unwrap_or_default().to_vec();
    let len = name.len();
    Some(Box::new(Node {
        auto_redirect: redirect(q.exact) || redirect(q.inclusive),
        exact: q.exact,
        inclusive: q.inclusive,
        left: make_tree(left, prefix, locations),
        right: make_tree(right, prefix, locations),
        tree: make_tree(q.list, prefix + len, locations),
        name,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(spec: &[&str]) -> Tree {
        let locs: Vec<Static> = spec
            .iter()
            .map(|s| {
                let (exact, name) = match s.strip_prefix("= ") {
                    Some(n) => (true, n),
                    None => (false, *s),
                };
                Static { name: name.into(), exact, auto_redirect: name.ends_with('/') }
            })
            .collect();
        Tree::build(&locs).unwrap()
    }

    #[test]
    fn exact_and_longest_prefix() {
        let t = tree(&["/", "/foo/", "= /foo", "/foo/bar/", "= /foo/bar"]);
        assert_eq!(t.find("/foo"), Found::Exact(2));
        assert_eq!(t.find("/foo/"), Found::Prefix(1));
        assert_eq!(t.find("/foo/x"), Found::Prefix(1));
        assert_eq!(t.find("/foo/bar/x"), Found::Prefix(3));
        assert_eq!(t.find("/foobar"), Found::Prefix(0));
        assert_eq!(t.find("/other"), Found::Prefix(0));
    }

    #[test]
    fn trailing_slash_redirect() {
        let t = tree(&["/", "/foo/", "= /foo/"]);
        assert_eq!(t.find("/foo"), Found::Redirect(2));
        assert_eq!(t.find("/foo/"), Found::Exact(2));
        assert_eq!(t.find("/fo"), Found::Prefix(0));
    }

    #[test]
    fn duplicates_are_refused() {
        let locs = |names: &[(&str, bool)]| -> Vec<Static> {
            names.iter().map(|(n, e)| Static { name: n.to_string(), exact: *e, auto_redirect: true }).collect()
        };
        let d = Tree::build(&locs(&[("/", false), ("/foo/", false), ("/foo", true), ("/foo/", false)])).unwrap_err();
        assert_eq!(d.name, "/foo/");
        assert_eq!((d.first, d.second), (1, 3));
        assert!(Tree::build(&locs(&[("/foo/", false), ("/foo/", true)])).is_ok());
    }

    #[test]
    fn slash_sorts_lowest() {
        assert_eq!(filename_cmp(b"/foo/", b"/foo-bar", 6), Ordering::Less);
        assert_eq!(filename_cmp(b"/foo", b"/foo/", 5), Ordering::Less);
        let t = tree(&["/", "/foo-a/", "/foo-b/", "/foo/"]);
        assert_eq!(t.find("/foo/x"), Found::Prefix(3));
        assert_eq!(t.find("/foo-b/x"), Found::Prefix(2));
    }
}
