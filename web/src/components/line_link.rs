use yew::prelude::*;

/// Props of [`LineLink`].
#[derive(Properties, PartialEq)]
pub struct LineLinkProps {
    /// 1-based line.
    pub line: u32,
    /// Moves the editor's caret to a line.
    pub on_reveal: Callback<u32>,
}

/// A "line N" button that shows that line in the editor.
#[component]
pub fn LineLink(props: &LineLinkProps) -> Html {
    let line = props.line;
    let onclick = props.on_reveal.reform(move |_: MouseEvent| line);
    html! {
        <button type="button" class="line-link" {onclick} title="Show this line in the editor">
            {format!("line {line}")}
        </button>
    }
}
