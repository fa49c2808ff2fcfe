//! Batch tests: a table of requests with expected backends, pass/fail per row, coverage, and
//! import/export in the CLI's `--cases` format.

use super::line_link::LineLink;
use super::teach_panel::ImportSlots;
use crate::shared::Shared;
use crate::simulation::{RowStatus, Simulation};
use crate::state::{CaseRow, RowField};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`TestsTable`].
#[derive(Properties, PartialEq)]
pub struct TestsTableProps {
    /// The rows as typed.
    pub rows: Vec<CaseRow>,
    /// Show only rows that fail or cannot run.
    pub failures_only: bool,
    /// The engine's answer (its test run may lag the rows by a debounce).
    pub simulation: Shared<Simulation>,
    /// A cell changed.
    pub on_edit: Callback<(u32, RowField, String)>,
    /// A row is removed.
    pub on_remove: Callback<u32>,
    /// A row's request goes into the request form, to see its decision explained.
    #[prop_or_default]
    pub on_try: Callback<u32>,
    /// Add the current request as a row.
    pub on_add: Callback<()>,
    /// The import's and the export's controls (`case-file.js`; the rows it reads come through the
    /// page's bridge).
    pub import: ImportSlots,
    /// The failures-only filter.
    pub on_failures_only: Callback<bool>,
    /// Shows a line in the editor.
    pub on_reveal: Callback<u32>,
}

/// Uncovered paths drawn at most; the rest are counted (a large input has tens of thousands, and
/// drawing them all froze the page for seconds). The engine lists no more than these
/// (`run_cases_listing`, `listUncovered`), so a run costs its rows, not every path.
pub const UNCOVERED_SHOWN: usize = 200;

/// Where a row stands.
fn status_name(status: Option<&RowStatus>) -> &'static str {
    match status {
        None => "pending",
        Some(RowStatus::Invalid(_)) => "invalid",
        Some(RowStatus::Ran { passed: true, .. }) => "pass",
        Some(RowStatus::Ran { .. }) => "fail",
    }
}

fn cell(
    row: &CaseRow,
    field: RowField,
    value: &str,
    label: &str,
    placeholder: &'static str,
    on_edit: &Callback<(u32, RowField, String)>,
) -> Html {
    let id = row.id;
    let oninput =
        on_edit.reform(move |e: InputEvent| (id, field, e.target_unchecked_into::<HtmlInputElement>().value()));
    html! {
        <td>
            <input type="text" spellcheck="false" autocapitalize="off" autocomplete="off"
                aria-label={label.to_string()} value={value.to_string()} {placeholder} {oninput} />
        </td>
    }
}

fn result_cell(status: Option<&RowStatus>) -> Html {
    match status {
        None => html! { <td class="result-cell">{"…"}</td> },
        Some(RowStatus::Invalid(problem)) => html! { <td class="result-cell">{problem.clone()}</td> },
        Some(RowStatus::Ran { passed, actual }) => html! {
            <td class="result-cell">
                <span class="status-mark" aria-hidden="true">{if *passed { "✓ " } else { "✗ " }}</span>
                <span class="visually-hidden">{if *passed { "passed: " } else { "failed: " }}</span>
                {actual.clone()}
            </td>
        },
    }
}

/// The table.
#[component]
pub fn TestsTable(props: &TestsTableProps) -> Html {
    let tests = &props.simulation.tests;
    let report = &tests.summary;
    let on_failures_only =
        props.on_failures_only.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let on_add = props.on_add.reform(|_: MouseEvent| ());

    let rows = props.rows.iter().enumerate().filter_map(|(index, row)| {
        let status = tests.status(row.id);
        let name = status_name(status);
        if props.failures_only && matches!(name, "pass" | "pending") {
            return None;
        }
        let n = index + 1;
        let id = row.id;
        let on_remove = props.on_remove.reform(move |_: MouseEvent| id);
        let on_try = props.on_try.reform(move |_: MouseEvent| id);
        Some(html! {
            <tr key={row.id} class={classes!("case", name)} data-status={name}>
                {cell(row, RowField::Name, &row.name, &format!("Row {n} name"), "optional", &props.on_edit)}
                {cell(row, RowField::Url, &row.url, &format!("Row {n} URL"), "http://host/path", &props.on_edit)}
                {cell(row, RowField::Sni, &row.sni, &format!("Row {n} SNI"), "default", &props.on_edit)}
                {cell(row, RowField::Expect, &row.expect, &format!("Row {n} expected backend"), "svc:80 or no-match", &props.on_edit)}
                {result_cell(status)}
                <td class="row-actions">
                    <button type="button" data-testid="row-try" aria-label={format!("Explain row {n}: put its request in the form")} title="Put this request in the form above and explain its decision" onclick={on_try}>{"Explain"}</button>
                    <button type="button" class="icon-button" aria-label={format!("Remove row {n}")} title="Remove row" onclick={on_remove}>{"×"}</button>
                </td>
            </tr>
        })
    });
    let uncovered = report.uncovered.len() + report.unlisted;
    let covered = report.coverable - uncovered;
    let invalid = tests.rows.iter().filter(|(_, s)| matches!(s, RowStatus::Invalid(_))).count();

    html! {
        <section class="tests" aria-labelledby="tests-heading">
            <div class="section-head">
                <h2 id="tests-heading">{"Batch tests"}</h2>
                <p class="summary" aria-live="polite">
                    <span class="passed">{format!("{} passed", report.passed)}</span>{", "}
                    <span class="failed">{format!("{} failed", report.failed)}</span>
                    if invalid > 0 { {format!(", {invalid} cannot run")} }
                    {format!(" · coverage {covered}/{} paths and default backends", report.coverable)}
                </p>
            </div>
            <div class="tools">
                <button type="button" onclick={on_add}>{"+ Add the current request"}</button>
                <label class="check"><input type="checkbox" checked={props.failures_only} onchange={on_failures_only} />{"Failures only"}</label>
                {props.import.export.clone()}
                {props.import.file.clone()}
            </div>
            {props.import.note.clone()}
            <div class="table-scroll">
                <table data-testid="tests-table">
                    <thead><tr>
                        <th scope="col">{"Name"}</th><th scope="col">{"Request URL"}</th><th scope="col">{"SNI"}</th>
                        <th scope="col">{"Expected"}</th><th scope="col">{"Actual"}</th><th scope="col"><span class="visually-hidden">{"Explain or remove"}</span></th>
                    </tr></thead>
                    <tbody>{for rows}</tbody>
                </table>
            </div>
            if props.rows.is_empty() {
                <p class="muted">{"No tests yet: type a URL above and add it, or import a case file."}</p>
            }
            if !report.uncovered.is_empty() {
                <details class="coverage" open=true>
                    <summary>{format!("Not reached by any test ({uncovered} of {})", report.coverable)}</summary>
                    <ul>
                        {for report.uncovered.iter().take(UNCOVERED_SHOWN).map(|(what, line)| html! {
                            <li>
                                <span>{what.clone()}</span>
                                <LineLink line={*line} on_reveal={props.on_reveal.clone()} />
                            </li>
                        })}
                        if uncovered > UNCOVERED_SHOWN {
                            <li class="more">{format!("… and {} more", uncovered - UNCOVERED_SHOWN)}</li>
                        }
                    </ul>
                </details>
            }
            {props.import.paste.clone()}
            {props.import.shown.clone()}
        </section>
    }
}
