//! The playground's state: everything the user typed or chose, and the actions that change it.
//!
//! Plain data with no DOM access, so it can be tested, saved (local storage) and shared
//! (permalink) as is. What the engine makes of it lives in [`crate::simulation`].

use ingress_engine::cases::Expect;
use ingress_engine::Profile;
use std::rc::Rc;
use yew::{AttrValue, Reducible};

/// The request fields as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestFields {
    /// `https://foo.bar.com:8443/a/b?x=1`.
    pub url: String,
    /// The TLS SNI name; empty: the URL's host for https.
    pub sni: String,
    /// A Host header that replaces the URL's host for routing; empty: none.
    pub host_header: String,
    /// The method; empty: GET.
    pub method: String,
    /// Header lines, one `Name: value` per line (a `Cookie:` line gives the cookies); empty: none.
    pub headers: String,
}

/// Which request field an edit is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestField {
    /// [`RequestFields::url`].
    Url,
    /// [`RequestFields::sni`].
    Sni,
    /// [`RequestFields::host_header`].
    HostHeader,
    /// [`RequestFields::method`].
    Method,
    /// [`RequestFields::headers`].
    Headers,
}

/// One row of the batch test table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseRow {
    /// Stable identity for keyed rendering (assigned by the state).
    pub id: u32,
    /// Optional name.
    pub name: String,
    /// The request URL.
    pub url: String,
    /// Optional SNI name.
    pub sni: String,
    /// The method and header lines of an imported case (not edited in the table; kept for
    /// Explain and export), as the request bar writes them.
    pub method: String,
    /// See [`CaseRow::method`].
    pub headers: String,
    /// The expectation as typed: `service:port`, `resource:Kind/name`, `no-match`, `default-backend`.
    pub expect: String,
    /// Expectations the table does not edit (ingress, path, pathType, tls), kept for export.
    pub extra: Expect,
}

impl CaseRow {
    /// The request bar's fields for this row's request (Explain).
    pub fn request_fields(&self) -> RequestFields {
        RequestFields {
            url: self.url.clone(),
            sni: self.sni.clone(),
            method: self.method.clone(),
            headers: self.headers.clone(),
            ..RequestFields::default()
        }
    }
}

/// Which cell of a row an edit is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowField {
    /// [`CaseRow::name`].
    Name,
    /// [`CaseRow::url`].
    Url,
    /// [`CaseRow::sni`].
    Sni,
    /// [`CaseRow::expect`].
    Expect,
}

/// Everything the user works on.
#[derive(Clone, Debug)]
pub struct Playground {
    /// The manifest text.
    pub yaml: AttrValue,
    /// The request.
    pub request: RequestFields,
    /// The IngressClass to simulate; `None`: the input's default class (or every class).
    pub class: Option<String>,
    /// The routing profile.
    pub profile: Profile,
    /// The batch test table.
    pub rows: Vec<CaseRow>,
    /// Show only failing rows.
    pub failures_only: bool,
    /// The rows an example brought, as it brought them: they go when its manifest is replaced
    /// wholesale (they test that manifest, not the new one). Not part of the user's work, so
    /// neither compared nor saved.
    pub example_rows: Vec<CaseRow>,
    next_row_id: u32,
}

impl PartialEq for Playground {
    fn eq(&self, other: &Self) -> bool {
        // The text may be a 10 MB paste, compared on every render: see `same_text`.
        crate::shared::same_text(&self.yaml, &other.yaml)
            && self.request == other.request
            && self.class == other.class
            && self.profile == other.profile
            && self.rows == other.rows
            && self.failures_only == other.failures_only
            && self.next_row_id == other.next_row_id
    }
}

impl Default for Playground {
    fn default() -> Self {
        Playground {
            yaml: AttrValue::default(),
            request: RequestFields::default(),
            class: None,
            profile: Profile::default(),
            rows: Vec::new(),
            failures_only: false,
            example_rows: Vec::new(),
            next_row_id: 1,
        }
    }
}

impl Playground {
    /// A state with the given parts; row ids are assigned here.
    pub fn new(yaml: impl Into<AttrValue>, request: RequestFields, rows: Vec<CaseRow>) -> Playground {
        let mut state = Playground { yaml: yaml.into(), request, ..Playground::default() };
        state.replace_rows(rows);
        state
    }

    /// Marks the rows as the ones an example brought (see [`Playground::example_rows`]).
    pub fn mark_rows_as_example(&mut self) {
        self.example_rows = self.rows.clone();
    }

    /// How many rows an edit of the manifest to `text` drops: the example's rows still as it
    /// brought them, when `text` replaces the manifest wholesale.
    pub fn rows_dropped_by(&self, text: &str) -> usize {
        if self.example_rows.is_empty() || !replaces_wholesale(&self.yaml, text) {
            return 0;
        }
        self.rows.iter().filter(|row| self.example_rows.contains(row)).count()
    }

    fn edit_yaml(&mut self, text: AttrValue) {
        if !self.example_rows.is_empty() && replaces_wholesale(&self.yaml, &text) {
            let example_rows = std::mem::take(&mut self.example_rows);
            self.rows.retain(|row| !example_rows.contains(row));
        }
        self.yaml = text;
    }

    fn replace_rows(&mut self, rows: Vec<CaseRow>) {
        self.rows.clear();
        for row in rows {
            self.push_row(row);
        }
    }

    fn push_row(&mut self, mut row: CaseRow) {
        row.id = self.next_row_id;
        self.next_row_id += 1;
        self.rows.push(row);
    }
}

/// True when `new` replaces `old` wholesale (a paste over all of it, or clearing it) rather than
/// editing it: less than a quarter of `old` survives at its start and end.
pub fn replaces_wholesale(old: &str, new: &str) -> bool {
    let (old, new) = (old.as_bytes(), new.as_bytes());
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old.iter().rev().zip(new.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    !old.is_empty() && (prefix + suffix) * 4 < old.len()
}

/// What can happen to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The manifest text changed.
    EditYaml(AttrValue),
    /// A request field changed.
    EditRequest(RequestField, String),
    /// Another class was chosen.
    ChooseClass(Option<String>),
    /// Another profile was chosen.
    ChooseProfile(Profile),
    /// A row is added at the end.
    AddRow(Box<CaseRow>),
    /// A cell of a row changed.
    EditRow(u32, RowField, String),
    /// A row is removed.
    RemoveRow(u32),
    /// The table is replaced (import).
    ReplaceRows(Vec<CaseRow>),
    /// The failures-only filter is switched.
    ShowFailuresOnly(bool),
    /// A row's request is copied into the request form.
    TryRow(u32),
    /// Everything is replaced (example, permalink, saved session).
    Load(Box<Playground>),
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::EditYaml(text) => next.edit_yaml(text),
            Action::EditRequest(RequestField::Url, v) => next.request.url = v,
            Action::EditRequest(RequestField::Sni, v) => next.request.sni = v,
            Action::EditRequest(RequestField::HostHeader, v) => next.request.host_header = v,
            Action::EditRequest(RequestField::Method, v) => next.request.method = v,
            Action::EditRequest(RequestField::Headers, v) => next.request.headers = v,
            Action::ChooseClass(class) => next.class = class,
            Action::ChooseProfile(profile) => next.profile = profile,
            Action::AddRow(row) => next.push_row(*row),
            Action::EditRow(id, field, value) => {
                if let Some(row) = next.rows.iter_mut().find(|r| r.id == id) {
                    match field {
                        RowField::Name => row.name = value,
                        RowField::Url => row.url = value,
                        RowField::Sni => row.sni = value,
                        RowField::Expect => row.expect = value,
                    }
                }
            }
            Action::RemoveRow(id) => next.rows.retain(|r| r.id != id),
            Action::ReplaceRows(rows) => next.replace_rows(rows),
            Action::ShowFailuresOnly(on) => next.failures_only = on,
            Action::TryRow(id) => {
                if let Some(row) = next.rows.iter().find(|r| r.id == id) {
                    next.request = row.request_fields();
                }
            }
            Action::Load(state) => {
                let rows = state.rows.clone();
                let from_example: Vec<bool> = rows.iter().map(|row| state.example_rows.contains(row)).collect();
                next = *state;
                next.next_row_id = 1;
                next.replace_rows(rows);
                let renumbered = next.rows.iter().zip(from_example);
                next.example_rows = renumbered.filter(|(_, from)| *from).map(|(row, _)| row.clone()).collect();
            }
        }
        Rc::new(next)
    }
}
