//! The playground's components.

pub mod diagnostics;
pub mod editor;
pub mod examples_menu;
pub mod explanation;
pub mod line_link;
pub mod request_form;
pub mod result_panel;
pub mod share_link;
pub mod teach_panel;
pub mod tests_table;
pub mod undo_notice;
