//! What several test files need alike.
#![allow(dead_code)] // each test binary uses its own part of this module

pub mod corpus;
#[cfg(feature = "gateway")]
pub mod migrate;
pub mod upstream;

use ingress_engine::{DocumentCache, Options, Simulator, Sources};

/// `second` read incrementally after `first` (through the slices a large input is read in, when
/// `sliced`), beside a fresh reading of `second`: the two must answer alike.
pub fn incremental_and_fresh<'a>(
    first: impl Into<Sources<'a>>,
    second: impl Into<Sources<'a>> + Copy,
    sliced: bool,
) -> (Simulator, Simulator) {
    let options = Options::default();
    let mut cache = DocumentCache::default();
    let _ = Simulator::new_incremental(first, &options, &mut cache);
    let incremental = if sliced {
        while cache.read_slice(second, || false).is_some() {}
        let (manifest, validation) = cache.read_all(second);
        Simulator::from_read(manifest, validation, &options, &mut cache)
    } else {
        Simulator::new_incremental(second, &options, &mut cache)
    };
    (incremental, Simulator::new(second, &options))
}
