//! The last session, kept in local storage so a reload (or a crash) loses nothing.

use crate::snapshot::{self, SCHEMA_VERSION};
use crate::state::Playground;

fn key() -> String {
    format!("ingress-sim/session/v{SCHEMA_VERSION}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Saves the session. Quota errors (a huge paste) are ignored: the permalink still works.
pub fn save(state: &Playground) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&key(), &snapshot::encode(state));
    }
}

/// The saved session, if there is a readable one.
pub fn load() -> Option<Playground> {
    let text = local_storage()?.get_item(&key()).ok().flatten()?;
    snapshot::decode(&text).ok()
}

/// Forgets the saved session.
pub fn clear() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&key());
    }
}
