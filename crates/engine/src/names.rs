//! Stable names for fieldless enums, written once.
//!
//! [`stable_names!`] gives an enum its name accessor, `parse` (the exact inverse) and a `Serialize`
//! that writes the name, all from one table; the accessor is an exhaustive `match`, so a new
//! variant without a name does not compile. With the `readback` feature the names also read back
//! ([`crate::readback`]).

/// `stable_names!(Type, accessor; Variant => "name", …)`.
macro_rules! stable_names {
    ($ty:ident, $accessor:ident; $($variant:ident => $name:literal),+ $(,)?) => {
        impl $ty {
            /// Every stable name, in declaration order (for messages listing the known ones).
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The stable name: JSON, the CLI, the case file.
            pub fn $accessor(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }

            /// Reads a stable name (exact spelling).
            pub fn parse(text: &str) -> Option<$ty> {
                match text {
                    $($name => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.$accessor())
            }
        }

        #[cfg(feature = "readback")]
        impl $crate::readback::ReadBack for $ty {
            fn read<T: $crate::readback::Tree>(tree: &T) -> Result<$ty, $crate::readback::ReadError> {
                tree.string().as_deref().and_then($ty::parse).ok_or($crate::readback::ReadError::expected(stringify!($ty)))
            }
        }
    };
}

pub(crate) use stable_names;
