//! The common converter (placeholder until the aggregation lands).

/// Which route kind an Ingress's rules become (upstream `common.Protocol`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// `http`: HTTPRoute.
    Http,
    /// `grpc`: GRPCRoute.
    Grpc,
}
