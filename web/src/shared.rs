//! [`Shared`]: an `Rc` that props compare by identity, for large derived values.

use std::ops::Deref;
use std::rc::Rc;

/// A shared value compared by pointer: cheap props for what the engine produced.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

/// `a == b`, fast for the texts the page compares on every render (a 10 MB paste is compared
/// many times): the same allocation is equal at once, and contents are compared 16 bytes at a
/// time (wasm's `memcmp` goes byte by byte).
pub fn same_text(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.as_ptr() == b.as_ptr() {
        return true;
    }
    let (mut x, mut y) = (a.as_bytes().chunks_exact(16), b.as_bytes().chunks_exact(16));
    let word = |c: &[u8]| u128::from_ne_bytes(c.try_into().unwrap_or_default());
    (&mut x).zip(&mut y).all(|(p, q)| word(p) == word(q)) && x.remainder() == y.remainder()
}

/// Text that compares with [`same_text`] (for hook dependencies and memo keys).
#[derive(Clone, Debug)]
pub struct Text(pub yew::AttrValue);

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        same_text(&self.0, &other.0)
    }
}
