//! The YAML editor: a plain `<textarea>` (no JS editor: the bundle stays small) with a line-number
//! gutter and an overlay that marks the winning path and the lines with problems. Only the visible
//! lines are drawn, so a 10 MB paste costs no more to draw than a small one.
//!
//! Every paste is handled here rather than by the browser (see [`paste_in_place`]: Chromium's own
//! paste lays the page out once per pasted line). A text above [`READ_ONLY_BYTES`] never reaches
//! the `<textarea>` unless the user asks: Chromium lays out all of a textarea's text in one task
//! (measured on a bare `<textarea wrap=off>` page: 1 MB takes 0.3–0.6 s, 10 MB seconds), so such
//! a paste or load goes to the state, and the editor shows it in a read-only view that draws only
//! the visible lines, with a banner offering to edit it anyway.

use crate::numbers::{group_thousands, megabytes, px};
use crate::shared::{same_text, Shared, Text};
use crate::simulation::LineMarks;
use crate::teach_modules::field_help;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

/// Above this many bytes a text is shown read-only until "Edit anyway": laying out half a megabyte
/// in a `<textarea>` already takes ~150–300 ms of one task on this project's machines, so a
/// `kubectl get ingress -A -o yaml` dump pasted over the example keeps the page responsive.
pub const READ_ONLY_BYTES: usize = 512 * 1024;

/// Pixel height of a line (the CSS must agree: `.editor { --line: 20px }`).
const LINE_HEIGHT: f64 = 20.0;
/// Pixel padding above the first line (the CSS must agree).
const PADDING_TOP: f64 = 8.0;

/// Props of [`YamlEditor`].
#[derive(Properties, PartialEq)]
pub struct YamlEditorProps {
    /// The text (compared fast: it may be a 10 MB paste).
    pub text: Text,
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
    let text = &props.text.0;
    let line_count = *use_memo(props.text.clone(), |text| text.0.bytes().filter(|&b| b == b'\n').count() as u32 + 1);
    let measure = {
        let viewport = viewport.clone();
        move |area: &Element| viewport.set((area.scroll_top() as f64, area.client_height() as f64))
    };
    let onscroll = {
        let measure = measure.clone();
        Callback::from(move |e: Event| measure(&e.target_unchecked_into()))
    };
    // The textarea owns what the user types; the text is written into it only when it comes from
    // elsewhere (an example, a permalink). Writing a huge value back costs the browser seconds.
    let typed = use_mut_ref(|| None::<AttrValue>);
    let edit_anyway = use_state_eq(|| false);
    let holds = |typed: &Option<AttrValue>, text: &str| typed.as_deref().is_some_and(|t| same_text(t, text));
    let read_only = text.len() > READ_ONLY_BYTES && !holds(&typed.borrow(), text) && !*edit_anyway;
    {
        // Measured when the textarea or the read-only view appears.
        let (node_ref, measure) = (props.node_ref.clone(), measure.clone());
        use_effect_with(read_only, move |_| {
            if let Some(area) = node_ref.cast::<Element>() {
                measure(&area);
            }
        });
    }
    let oninput = {
        let (typed, on_input) = (typed.clone(), props.on_input.clone());
        Callback::from(move |e: InputEvent| {
            let text = AttrValue::from(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            *typed.borrow_mut() = Some(text.clone());
            on_input.emit(text);
        })
    };
    let onpaste = {
        let (on_input, edit_anyway) = (props.on_input.clone(), edit_anyway.clone());
        Callback::from(move |e: Event| {
            // The pasted text stays a JS string until it is known to be large (UTF-16 units never
            // outnumber UTF-8 bytes); moving 10 MB into wasm then happens in a task of its own.
            let Some(pasted) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .map(|data| text_of(&data))
                .filter(|text| text.length() > 0)
            else {
                return; // nothing to paste as text: the browser's own business
            };
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if pasted.length() as usize <= READ_ONLY_BYTES {
                paste_in_place(&area, &pasted);
                return;
            }
            let (before, after) = around_selection(&area);
            // The textarea is about to give way to the read-only view. Removed while a selection
            // spans a long text, it froze the page for 7–15 s (a 1 MB paste over 300 KB selected,
            // Chromium 156); with the selection collapsed first it takes ~100 ms.
            let _ = area.set_selection_range(0, 0);
            let (on_input, edit_anyway) = (on_input.clone(), edit_anyway.clone());
            gloo::timers::callback::Timeout::new(0, move || {
                let pasted = String::from(pasted);
                let text = if before.is_empty() && after.is_empty() { pasted } else { before + &pasted + &after };
                let text = AttrValue::from(text);
                // Drawing it (yew renders in a microtask) gets a task of its own too.
                gloo::timers::callback::Timeout::new(0, move || {
                    edit_anyway.set(false);
                    on_input.emit(text);
                })
                .forget();
            })
            .forget();
        })
    };
    {
        let node_ref = props.node_ref.clone();
        let typed = typed.clone();
        use_effect_with((props.text.clone(), read_only), move |(text, _)| {
            if !holds(&typed.borrow(), &text.0) {
                if let Some(area) = textarea(&node_ref) {
                    area.set_value(&text.0);
                    *typed.borrow_mut() = Some(text.0.clone());
                }
            }
        });
    }
    // Where each line starts, for the read-only view.
    let line_starts = use_memo((props.text.clone(), read_only), |(text, read_only)| {
        if !*read_only {
            return Vec::new();
        }
        let mut starts = vec![0usize];
        starts.extend(text.0.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        starts
    });

    let (scroll_top, height) = *viewport;
    let first = ((scroll_top - PADDING_TOP) / LINE_HEIGHT).floor().max(0.0) as u32 + 1;
    let last = (first + (height / LINE_HEIGHT).ceil() as u32 + 1).min(line_count);
    let top_of = |line: u32| PADDING_TOP + f64::from(line - 1) * LINE_HEIGHT - scroll_top;
    let marks = &props.marks;

    let numbers = (first..=last).map(|line| {
        html! {
            <div key={line} class={classes!("line-number", marks.class_for(line))} style={format!("top:{}", px(top_of(line)))}>
                {line}
            </div>
        }
    });
    let winner = marks.winner.filter(|&(start, end)| end >= first && start <= last).map(|(start, end)| {
        let (start, end) = (start.max(first), end.min(last));
        let style = format!("top:{};height:{}", px(top_of(start)), px(f64::from(end - start + 1) * LINE_HEIGHT));
        html! { <div class="mark mark-winner" {style}></div> }
    });
    let problem_lines = |lines: &[u32], class: &'static str| -> Html {
        lines
            .iter()
            .filter(|&&line| line >= first && line <= last)
            .map(
                |&line| html! { <div class={classes!("mark", class)} style={format!("top:{}", px(top_of(line)))}></div> },
            )
            .collect()
    };

    let banner = read_only.then(|| {
        let edit = {
            let edit_anyway = edit_anyway.clone();
            Callback::from(move |_: MouseEvent| edit_anyway.set(true))
        };
        html! {
            <p class="notice large-banner" role="status" data-testid="large-input-banner">
                {format!(
                    "Large input ({} MB, {} lines): shown read-only, so the page stays responsive. ",
                    megabytes(text.len()),
                    group_thousands(line_count)
                )}
                <button type="button" data-testid="edit-anyway" onclick={edit}>{"Edit anyway"}</button>
                <span class="hint">{" (the browser may pause for a few seconds)"}</span>
            </p>
        }
    });
    let view_lines = read_only.then(|| {
        let text: &str = text;
        (first..=last)
            .map(|line| {
                let start = line_starts.get(line as usize - 1).copied().unwrap_or(text.len());
                let end = line_starts.get(line as usize).map_or(text.len(), |&next| next - 1);
                let content = text.get(start..end).unwrap_or("").trim_end_matches('\r');
                let style = format!("top:{}", px(PADDING_TOP + f64::from(line - 1) * LINE_HEIGHT));
                html! { <div key={line} class="large-line" {style}>{crate::long_lines::shown_line(content).into_owned()}</div> }
            })
            .collect::<Html>()
    });
    let content = if read_only {
        let height = PADDING_TOP * 2.0 + f64::from(line_count) * LINE_HEIGHT;
        html! {
            <div
                ref={props.node_ref.clone()}
                class="large-view"
                data-testid="yaml-large-view"
                role="textbox"
                aria-readonly="true"
                aria-multiline="true"
                aria-label="YAML (large input, read-only)"
                tabindex="0"
                {onscroll}
            >
                <div class="large-spacer" style={format!("height:{}", px(height))}>{view_lines}</div>
            </div>
        }
    } else {
        html! {
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
                    {onpaste}
                    {onscroll}
                    onfocus={|e: FocusEvent| field_help(e.as_ref())}
                    onmouseover={|e: MouseEvent| field_help(e.as_ref())}
                />
        }
    };

    html! {
        <>
        {banner}
        <div class="editor">
            <div class="gutter" aria-hidden="true">{for numbers}</div>
            <div class="code">
                <div class="overlay" aria-hidden="true">
                    {winner}
                    {problem_lines(&marks.warnings, "mark-warning")}
                    {problem_lines(&marks.errors, "mark-error")}
                </div>
                {content}
            </div>
        </div>
        </>
    }
}

/// The `<textarea>` behind `node_ref`, if that is what it holds (not the read-only view).
/// (`NodeRef::cast` does not check the element's type.)
fn textarea(node_ref: &NodeRef) -> Option<HtmlTextAreaElement> {
    node_ref.get()?.dyn_into().ok()
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A `DataTransfer` whose `getData` leaves the text a JS string (web-sys copies it into wasm).
    #[wasm_bindgen(js_name = DataTransfer)]
    type Clipboard;
    #[wasm_bindgen(method, js_name = getData)]
    fn get_data(this: &Clipboard, format: &str) -> js_sys::JsString;
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The `<textarea>`'s `setRangeText`, taking the text as a JS string (no copy through wasm).
    #[wasm_bindgen(js_name = HTMLTextAreaElement)]
    type RangeText;
    #[wasm_bindgen(method, js_name = setRangeText)]
    fn set_range_text(this: &RangeText, text: &js_sys::JsString, start: u32, end: u32, mode: &str);
    /// `new InputEvent(type, init)`.
    #[wasm_bindgen(js_name = InputEvent)]
    type PasteInput;
    #[wasm_bindgen(constructor, js_class = InputEvent)]
    fn new(kind: &str, init: &js_sys::Object) -> PasteInput;
}

/// Puts pasted text over the selection the way the browser would, minus its cost.
///
/// Chromium's own paste into a `<textarea>` (its `ReplaceSelectionCommand`) forces a layout per
/// pasted line, and each of those lays out the page around the editor: Ctrl+A, Ctrl+V of a 1 MB
/// `kubectl get ingress -A -o yaml` froze the page for about a minute. `setRangeText` replaces the
/// selection in one step (caret after the text, as a paste leaves it), and the `input` event that
/// follows (`insertFromPaste`, as a native paste sends) reaches the editor's own handler.
///
/// Undo: Chromium records no undo step for `setRangeText` and drops the steps before it (checked
/// in Chromium 156: type, paste this way, Ctrl+Z changes nothing; typing after the paste undoes
/// as usual). Only the browser's own editing commands (`execCommand("insertText")`) keep the
/// history, and they take the same slow path; the earlier text survives in the page's own history
/// (the previous session and *Undo* of a replaced manifest) instead.
fn paste_in_place(area: &HtmlTextAreaElement, text: &js_sys::JsString) {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start).max(start);
    area.unchecked_ref::<RangeText>().set_range_text(text, start, end, "end");
    let init = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&init, &"bubbles".into(), &true.into());
    let _ = js_sys::Reflect::set(&init, &"inputType".into(), &"insertFromPaste".into());
    let _ = area.dispatch_event(PasteInput::new("input", &init).unchecked_ref());
}

/// The plain text of a clipboard, as a JS string.
fn text_of(data: &web_sys::DataTransfer) -> js_sys::JsString {
    data.unchecked_ref::<Clipboard>().get_data("text/plain")
}

/// The textarea's text before and after its selection (selection offsets count UTF-16 code units),
/// what a paste keeps.
fn around_selection(area: &HtmlTextAreaElement) -> (String, String) {
    let text = area.value();
    if text.is_empty() {
        return (String::new(), String::new());
    }
    let byte_of = |units: u32| {
        let mut count = 0u32;
        text.char_indices()
            .find(|(_, c)| {
                let before = count;
                count += c.len_utf16() as u32;
                before >= units
            })
            .map_or(text.len(), |(i, _)| i)
    };
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start).max(start);
    let (start, end) = (byte_of(start), byte_of(end));
    (text[..start].to_string(), text[end..].to_string())
}

/// Moves the caret to the start of a 1-based line, scrolls it into view and focuses the editor
/// (the read-only view of a large input: scrolls it there).
pub fn reveal_line(node_ref: &NodeRef, line: u32) {
    let target = |height: i32| f64::from(line.saturating_sub(1)) * LINE_HEIGHT - f64::from(height) / 3.0;
    let Some(area) = textarea(node_ref) else {
        if let Some(view) = node_ref.cast::<web_sys::HtmlElement>() {
            let _ = view.focus();
            view.set_scroll_top(target(view.client_height()).max(0.0) as i32);
        }
        return;
    };
    let text = area.value();
    // Selection offsets count UTF-16 code units.
    let offset: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(|l| l.encode_utf16().count()).sum();
    let _ = area.focus();
    let _ = area.set_selection_range(offset as u32, offset as u32);
    area.set_scroll_top(target(area.client_height()).max(0.0) as i32);
}
