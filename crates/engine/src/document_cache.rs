//! [`DocumentCache`]: the per-document reads an edit can reuse, so that typing re-reads only the
//! document typed in.

use crate::model::Manifest;
use crate::source::{SourceId, Sources};
use crate::validate::{self, Validation};
use crate::yaml::{Chunk, Limits};

/// The per-document results [`crate::Simulator::new_incremental`] reuses: for each `---` chunk of
/// each source of the last input, keyed by the source's place in the list and the chunk's index
/// in it, and checked against its source and exact text, the decoded objects, their diagnostics
/// and their validation. Positions count within each source: a chunk found on other lines (lines
/// were added or removed above it in its source) has its places moved
/// ([`crate::source::MoveLines`]) rather than being read again, and an edit in one source re-reads
/// nothing of the others.
#[derive(Debug, Default)]
pub struct DocumentCache {
    chunks: crate::router::hash::FxMap<ChunkKey, CachedChunk>,
    /// The routing index of the last build, per host.
    pub(crate) index: crate::router::IndexCache,
    /// What the profiles compiled for the last simulators built from this cache leave for the
    /// next ones.
    pub(crate) compiled: std::sync::Arc<crate::simulator::CompileReuse>,
    /// A read in slices under way ([`DocumentCache::read_slice`]).
    slicing: Option<SlicedRead>,
}

/// A chunk's place: its source's index in the input's list, and its document index in that source.
type ChunkKey = (u32, u32);

#[derive(Debug)]
struct CachedChunk {
    /// The source it was read from (a source renamed at the same place is read again).
    source: SourceId,
    /// The chunk's exact text (the map is keyed by place; the text must match too).
    text: Box<str>,
    /// Its first line in the source it was last seen in.
    first_line: u32,
    part: Manifest,
    validation: Validation,
    nodes: usize,
    /// Cut short by the input-wide node budget, so it depends on the chunks before it: not reused.
    budget_bound: bool,
}

/// One chunk of the input and its key.
struct Placed<'a> {
    key: ChunkKey,
    chunk: Chunk<'a>,
}

/// Every chunk of every source, in input order.
fn placed_chunks(input: Sources<'_>) -> impl Iterator<Item = Placed<'_>> {
    input.iter().enumerate().flat_map(|(place, (source, text))| {
        let place = u32::try_from(place).unwrap_or(u32::MAX);
        crate::yaml::chunks(text).enumerate().map(move |(index, chunk)| Placed {
            key: (place, u32::try_from(index).unwrap_or(u32::MAX)),
            chunk: Chunk { source, ..chunk },
        })
    })
}

impl DocumentCache {
    /// Parses, decodes and validates `input`, chunk by chunk, reusing what it can; forgets the
    /// chunks the input no longer has.
    pub(crate) fn read(&mut self, input: Sources<'_>) -> (Manifest, Validation) {
        let limits = Limits::default();
        let mut budget = limits.max_nodes;
        let mut manifest = Manifest { sources: input.ids(), ..Manifest::default() };
        let mut validation = Validation::default();
        // Chunks per source: the cache forgets the places the input no longer has.
        let mut chunk_counts = vec![0u32; input.iter().count()];
        // The chunks stay in place in the map (a chunk holds a whole document's model: moving
        // a thousand of them into a new map on every keystroke cost more than reading one).
        for Placed { key, chunk } in placed_chunks(input) {
            if let Some(count) = chunk_counts.get_mut(key.0 as usize) {
                *count = key.1.saturating_add(1);
            }
            let cached = match self.chunks.get_mut(&key) {
                Some(cached) if cached.fits(&chunk, budget) => {
                    cached.move_to(chunk.first_line);
                    cached
                }
                _ => {
                    let read = CachedChunk::read(&chunk, key.1, &limits, budget);
                    match self.chunks.entry(key) {
                        std::collections::hash_map::Entry::Occupied(mut kept) => {
                            kept.insert(read);
                            kept.into_mut()
                        }
                        std::collections::hash_map::Entry::Vacant(place) => place.insert(read),
                    }
                }
            };
            budget -= cached.nodes.min(budget);
            append(&mut manifest, &mut validation, cached);
            // A chunk cut short by the shared node budget depends on the chunks before it.
            if cached.budget_bound {
                self.chunks.remove(&key);
            }
        }
        self.chunks.retain(|&(place, index), _| chunk_counts.get(place as usize).is_some_and(|&count| index < count));
        (manifest, validation)
    }

    /// The first half of [`crate::Simulator::new_incremental`]: every document of `input` parsed,
    /// decoded and validated (reusing what the cache holds), as one manifest and its validation.
    pub fn read_all<'a>(&mut self, input: impl Into<Sources<'a>>) -> (Manifest, Validation) {
        self.read(input.into())
    }

    /// Reads the next documents of a large `input` into the cache, one at a time while `more()`
    /// answers true (it is asked after each document), so that a caller on a UI thread can yield
    /// between slices; the [`crate::Simulator::new_incremental`] that follows finds every document
    /// read. Returns `Some((bytes read, bytes in the input))` while documents remain, `None` once
    /// all are read. A call with another input starts over.
    pub fn read_slice<'a>(
        &mut self,
        input: impl Into<Sources<'a>>,
        mut more: impl FnMut() -> bool,
    ) -> Option<(usize, usize)> {
        self.read_slice_of(input.into(), &mut more)
    }

    /// [`DocumentCache::read_slice`], compiled once (the generic wrapper only converts its arguments).
    fn read_slice_of(&mut self, input: Sources<'_>, more: &mut dyn FnMut() -> bool) -> Option<(usize, usize)> {
        let identity = identity_of(input);
        let mut read = match self.slicing.take() {
            Some(read) if read.input == identity => read,
            _ => SlicedRead::start(input, identity),
        };
        let limits = Limits::default();
        let texts: Vec<&str> = input.iter().map(|(_, text)| text).collect();
        while let Some(&SlicedChunk { key, source, start, len, first_line, line_count, read_after }) =
            read.chunks.get(read.next)
        {
            let text = texts.get(key.0 as usize)?.get(start..start + len)?;
            let chunk = Chunk { source, text, first_line, line_count };
            let nodes = match self.chunks.get_mut(&key) {
                Some(cached) if cached.fits(&chunk, read.budget) => {
                    cached.move_to(first_line);
                    cached.nodes
                }
                _ => {
                    let cached = CachedChunk::read(&chunk, key.1, &limits, read.budget);
                    let nodes = cached.nodes;
                    if !cached.budget_bound {
                        self.chunks.insert(key, cached);
                    }
                    nodes
                }
            };
            read.budget -= nodes.min(read.budget);
            read.next += 1;
            read.done_bytes = read_after;
            if !more() {
                break;
            }
        }
        if read.next >= read.chunks.len() {
            return None;
        }
        let progress = (read.done_bytes, read.total_bytes);
        self.slicing = Some(read);
        Some(progress)
    }
}

/// Each source's address and length: a read in slices goes on only with the very same texts.
fn identity_of(input: Sources<'_>) -> Vec<(SourceId, usize, usize)> {
    input.iter().map(|(source, text)| (source, text.as_ptr() as usize, text.len())).collect()
}

/// A read of one input in slices (see [`DocumentCache::read_slice`]).
#[derive(Debug)]
struct SlicedRead {
    input: Vec<(SourceId, usize, usize)>,
    chunks: Vec<SlicedChunk>,
    next: usize,
    done_bytes: usize,
    total_bytes: usize,
    /// The input-wide node budget left before chunk `next`.
    budget: usize,
}

/// Where one chunk lies: its key, source, byte range in its source and lines.
#[derive(Clone, Copy, Debug)]
struct SlicedChunk {
    key: ChunkKey,
    source: SourceId,
    start: usize,
    len: usize,
    first_line: u32,
    line_count: u32,
    /// Bytes of the whole input up to the chunk's end (the progress once it is read).
    read_after: usize,
}

impl SlicedRead {
    fn start(input: Sources<'_>, identity: Vec<(SourceId, usize, usize)>) -> SlicedRead {
        let base = |place: u32| identity.get(place as usize).map_or(0, |(_, address, _)| *address);
        // Bytes of the sources before each one.
        let before: Vec<usize> =
            identity.iter().scan(0, |sum, (_, _, len)| Some(std::mem::replace(sum, *sum + len))).collect();
        let chunks = placed_chunks(input)
            .map(|Placed { key, chunk }| {
                let start = chunk.text.as_ptr() as usize - base(key.0);
                let len = chunk.text.len();
                let read_after = before.get(key.0 as usize).copied().unwrap_or_default() + start + len;
                SlicedChunk {
                    key,
                    source: chunk.source,
                    start,
                    len,
                    first_line: chunk.first_line,
                    line_count: chunk.line_count,
                    read_after,
                }
            })
            .collect();
        let total_bytes = identity.iter().map(|(_, _, len)| len).sum();
        SlicedRead { input: identity, chunks, next: 0, done_bytes: 0, total_bytes, budget: Limits::default().max_nodes }
    }
}

impl CachedChunk {
    /// Parses, decodes and validates one chunk (document `index` of its source) with `budget`
    /// nodes left.
    fn read(chunk: &Chunk<'_>, index: u32, limits: &Limits, budget: usize) -> CachedChunk {
        let parsed = crate::yaml::parse_chunk(chunk, index, limits, &mut budget.clone());
        let budget_bound = matches!(parsed.error, Some(crate::yaml::YamlError::TooManyNodes { .. }));
        let mut part = crate::decode::decode_documents(&parsed.documents, parsed.error.into_iter().collect());
        // As `decode::parse` does: a template's error first.
        part.diagnostics.splice(0..0, crate::decode::template_error(chunk, index));
        let validation = validate::validate(&part);
        CachedChunk {
            source: chunk.source,
            text: chunk.text.into(),
            first_line: chunk.first_line,
            part,
            validation,
            nodes: parsed.nodes,
            budget_bound,
        }
    }

    /// True when this is a read of `chunk`'s source and text (wherever it sits) within the node
    /// budget left.
    fn fits(&self, chunk: &Chunk<'_>, budget: usize) -> bool {
        self.source == chunk.source && same_text(&self.text, chunk.text) && self.nodes <= budget
    }

    /// Moves every place to a chunk starting on `first_line`.
    fn move_to(&mut self, first_line: u32) {
        use crate::source::MoveLines;
        let by = i64::from(first_line) - i64::from(self.first_line);
        if by != 0 {
            self.part.move_lines(by);
            self.validation.move_lines(by);
            self.first_line = first_line;
        }
    }
}

/// `a == b`, 16 bytes at a time: on wasm, `memcmp` compares byte by byte, and the cache compares
/// the whole input on every edit.
fn same_text(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.as_bytes().chunks_exact(16), b.as_bytes().chunks_exact(16));
    let word = |c: &[u8]| u128::from_ne_bytes(c.try_into().unwrap_or_default());
    (&mut x).zip(&mut y).all(|(p, q)| word(p) == word(q)) && x.remainder() == y.remainder()
}

fn append(manifest: &mut Manifest, validation: &mut Validation, chunk: &CachedChunk) {
    manifest.ingresses.extend(chunk.part.ingresses.iter().cloned());
    manifest.classes.extend(chunk.part.classes.iter().cloned());
    manifest.services.extend(chunk.part.services.iter().cloned());
    #[cfg(feature = "gateway")]
    manifest.gateway.extend_from(&chunk.part.gateway);
    manifest.diagnostics.extend(chunk.part.diagnostics.iter().cloned());
    manifest.documents += chunk.part.documents;
    validation.diagnostics.extend(chunk.validation.diagnostics.iter().cloned());
    validation.rejected.extend(chunk.validation.rejected.iter().copied());
    #[cfg(feature = "gateway")]
    validation.gateway_rejected.extend_from(&chunk.validation.gateway_rejected);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn ingress(name: &str, host: &str) -> String {
        format!(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}}}\nspec:\n  rules:\n  - host: {host}\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: {name}, port: {{number: 80}}}}}}}}\n"
        )
    }

    fn two_files(b_text: String) -> Vec<Source> {
        vec![Source::new("cache-a.yaml", ingress("a", "a.com")), Source::new("cache-b.yaml", b_text)]
    }

    #[test]
    fn an_edit_in_one_source_rereads_nothing_of_the_others() {
        let mut cache = DocumentCache::default();
        let (before, _) = cache.read_all(&two_files(ingress("b", "b.com")));
        let edited = format!("# a comment\n{}", ingress("b", "b2.com"));
        let (after, _) = cache.read_all(&two_files(edited.clone()));
        assert!(std::sync::Arc::ptr_eq(&before.ingresses[0], &after.ingresses[0]), "a.yaml was read again");
        assert_eq!(after.ingresses[1].spec.rules[0].host.as_ref().unwrap().value, "b2.com");
        let fresh = crate::decode::parse(&two_files(edited));
        assert_eq!(format!("{:?}", after.ingresses), format!("{:?}", fresh.ingresses), "incremental equals fresh");
        assert_eq!(after.sources, fresh.sources);
    }

    #[test]
    fn a_renamed_source_is_read_again_under_its_new_name() {
        let mut cache = DocumentCache::default();
        cache.read_all(&two_files(ingress("b", "b.com")));
        let renamed = vec![
            Source::new("cache-a.yaml", ingress("a", "a.com")),
            Source::new("cache-c.yaml", ingress("b", "b.com")),
        ];
        let (after, _) = cache.read_all(&renamed);
        assert_eq!(after.ingresses[1].span.file(), Some("cache-c.yaml"));
    }

    #[test]
    fn a_read_in_slices_covers_every_source() {
        let sources = two_files(format!("{}---\n{}", ingress("b", "b.com"), ingress("c", "c.com")));
        let mut cache = DocumentCache::default();
        let mut progress = Vec::new();
        while let Some(step) = cache.read_slice(&sources, || false) {
            progress.push(step);
        }
        let total: usize = sources.iter().map(|s| s.text.len()).sum();
        assert_eq!(progress.len(), 2, "three documents, one per slice: {progress:?}");
        assert!(progress.iter().all(|(read, all)| *read < *all && *all == total), "{progress:?}");
        let (manifest, _) = cache.read_all(&sources);
        let files: Vec<_> = manifest.ingresses.iter().map(|i| (i.span.file(), i.span.doc, i.span.start.line)).collect();
        assert_eq!(files, [(Some("cache-a.yaml"), 0, 1), (Some("cache-b.yaml"), 0, 1), (Some("cache-b.yaml"), 1, 11)]);
    }
}
