//! The YAML writer (placeholder).
