//! The YAML editor: a plain `<textarea>` (no JS editor: the bundle stays small) with a line-number
//! gutter and an overlay that marks the winning path and the lines with problems. Only the visible
//! lines are drawn, so a 10 MB paste costs no more to draw than a small one.

use crate::shared::Shared;
use crate::simulation::LineMarks;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Pixel height of a line (the CSS must agree: `.editor { --line: 20px }`).
const LINE_HEIGHT: f64 = 20.0;
/// Pixel padding above the first line (the CSS must agree).
const PADDING_TOP: f64 = 8.0;

/// Props of [`YamlEditor`].
#[derive(Properties, PartialEq)]
pub struct YamlEditorProps {
    /// The text.
    pub text: AttrValue,
    /// What to mark.
    pub marks: Shared<LineMarks>,
    /// The text changed.
    pub on_input: Callback<AttrValue>,
    /// The `<textarea>`, for [`reveal_line`].
    pub node_ref: NodeRef,
}

/// The editor.
#[component]
pub fn YamlEditor(props: &YamlEditorProps) -> Html {
    // (scrollTop, clientHeight) of the textarea.
    let viewport = use_state_eq(|| (0.0f64, 600.0f64));
    let line_count = *use_memo(props.text.clone(), |text| text.bytes().filter(|&b| b == b'\n').count() as u32 + 1);
    let measure = {
        let viewport = viewport.clone();
        move |area: &HtmlTextAreaElement| viewport.set((area.scroll_top() as f64, area.client_height() as f64))
    };
    {
        let (node_ref, measure) = (props.node_ref.clone(), measure.clone());
        use_effect_with((), move |_| {
            if let Some(area) = node_ref.cast::<HtmlTextAreaElement>() {
                measure(&area);
            }
        });
    }
    let onscroll = Callback::from(move |e: Event| measure(&e.target_unchecked_into()));
    // The textarea owns what the user types; the text is written into it only when it comes from
    // elsewhere (an example, a permalink). Writing a huge value back costs the browser seconds.
    let typed = use_mut_ref(|| None::<AttrValue>);
    let oninput = {
        let (typed, on_input) = (typed.clone(), props.on_input.clone());
        Callback::from(move |e: InputEvent| {
            let text = AttrValue::from(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            *typed.borrow_mut() = Some(text.clone());
            on_input.emit(text);
        })
    };
    {
        let node_ref = props.node_ref.clone();
        use_effect_with(props.text.clone(), move |text| {
            if typed.borrow().as_ref() != Some(text) {
                if let Some(area) = node_ref.cast::<HtmlTextAreaElement>() {
                    area.set_value(text);
                }
                *typed.borrow_mut() = Some(text.clone());
            }
        });
    }

    let (scroll_top, height) = *viewport;
    let first = ((scroll_top - PADDING_TOP) / LINE_HEIGHT).floor().max(0.0) as u32 + 1;
    let last = (first + (height / LINE_HEIGHT).ceil() as u32 + 1).min(line_count);
    let top_of = |line: u32| PADDING_TOP + f64::from(line - 1) * LINE_HEIGHT - scroll_top;
    let marks = &props.marks;

    let numbers = (first..=last).map(|line| {
        html! {
            <div key={line} class={classes!("line-number", marks.class_for(line))} style={format!("top:{}px", top_of(line))}>
                {line}
            </div>
        }
    });
    let winner = marks.winner.filter(|&(start, end)| end >= first && start <= last).map(|(start, end)| {
        let (start, end) = (start.max(first), end.min(last));
        let style = format!("top:{}px;height:{}px", top_of(start), f64::from(end - start + 1) * LINE_HEIGHT);
        html! { <div class="mark mark-winner" {style}></div> }
    });
    let problem_lines = |lines: &[u32], class: &'static str| -> Html {
        lines
            .iter()
            .filter(|&&line| line >= first && line <= last)
            .map(
                |&line| html! { <div class={classes!("mark", class)} style={format!("top:{}px", top_of(line))}></div> },
            )
            .collect()
    };

    html! {
        <div class="editor">
            <div class="gutter" aria-hidden="true">{for numbers}</div>
            <div class="code">
                <div class="overlay" aria-hidden="true">
                    {winner}
                    {problem_lines(&marks.warnings, "mark-warning")}
                    {problem_lines(&marks.errors, "mark-error")}
                </div>
                <textarea
                    ref={props.node_ref.clone()}
                    id="yaml-editor"
                    data-testid="yaml-editor"
                    aria-describedby="yaml-help"
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    wrap="off"
                    {oninput}
                    {onscroll}
                />
            </div>
        </div>
    }
}

/// Moves the caret to the start of a 1-based line, scrolls it into view and focuses the editor.
pub fn reveal_line(node_ref: &NodeRef, line: u32) {
    let Some(area) = node_ref.cast::<HtmlTextAreaElement>() else { return };
    let text = area.value();
    // Selection offsets count UTF-16 code units.
    let offset: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(|l| l.encode_utf16().count()).sum();
    let _ = area.focus();
    let _ = area.set_selection_range(offset as u32, offset as u32);
    let target = f64::from(line.saturating_sub(1)) * LINE_HEIGHT - f64::from(area.client_height()) / 3.0;
    area.set_scroll_top(target.max(0.0) as i32);
}
