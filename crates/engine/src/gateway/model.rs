//! The Gateway API objects as written (v1, and the v1beta1/v1alpha2 aliases read as v1): every
//! field optional, every element spanned, like [`crate::model`] for Ingress.
