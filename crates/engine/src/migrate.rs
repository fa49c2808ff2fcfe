//! Migration from Ingress to Gateway API, and the behaviour diff between two ways of routing the
//! same input.
//!
//! - [`convert`] turns the input's Ingresses into Gateway API objects as
//!   kubernetes-sigs/ingress2gateway v1.1.0 does (`pkg/i2gw/providers/common/converter.go` for
//!   every provider, `pkg/i2gw/providers/ingressnginx/` for ingress-nginx's annotations), with its
//!   notifications, and writes them as YAML ready for `kubectl apply`.
//! - [`migrate`] converts, reads the emitted YAML back beside the input (so what is routed is
//!   exactly what was written), generates the requests that can tell the two apart from the input
//!   itself ([`probes`]), routes each under the source profile and through the converted Gateways
//!   under a Gateway API implementation, and lists every request whose answer changes, plus the
//!   quiet changes as notices.
//! - [`crate::Simulator::diff`] asks the same generated requests of two Ingress profiles (a move
//!   between controllers, or an upgrade of one).
//!
//! The conversion rules, each cited to ingress2gateway's source, are stated in [`convert`]'s
//! module docs; what the diff generates and how it compares, in [`probes`] and [`migrate`].

mod choose;
mod convert;
mod diff;
mod notice;
mod probe;
mod quiet;
mod run;
mod trim;

pub use convert::{convert, Conversion, ConvertOptions, Provider};
pub use diff::{migrate, Answer, AnswerKind, Change, MigrateOptions, Migration, ProfileDiff, MAX_EXPLAINED};
pub use notice::{Notice, NoticeLevel};
pub use probe::{probe_set, probes, Probe, ProbeSet, MAX_PROBES, OTHER_HOST};
pub use run::{MigrationRun, Progress, DOCUMENT_COST, EMITTED_SOURCE, EXPLAINED_COST, UNNAMED_INPUT};
