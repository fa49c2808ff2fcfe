//! A safe iterator over libyaml parse events with their marks.
//!
//! This is the only module of the engine with `unsafe` code. It follows the calling pattern of
//! serde_yaml's own `libyaml/parser.rs`: the parser struct lives in a stable heap allocation,
//! reads from a borrowed string that outlives it, and every event is deleted after conversion.

use std::marker::PhantomData;
use std::mem::MaybeUninit;

/// Where an event starts and ends: 0-based line and character column within the parsed text.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Mark {
    pub line: u64,
    pub column: u64,
}

/// The events the tree builder needs.
pub(super) enum Event {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias { anchor: String },
    Scalar { anchor: Option<String>, tag: Option<String>, value: String, plain: bool },
    SequenceStart { anchor: Option<String>, tag: Option<String> },
    SequenceEnd,
    MappingStart { anchor: Option<String>, tag: Option<String> },
    MappingEnd,
}

/// libyaml's error: its problem text and where it happened.
pub(super) struct ParseError {
    pub problem: String,
    pub context: Option<String>,
    pub mark: Mark,
}

pub(super) struct EventParser<'input> {
    parser: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    failed: bool,
    _input: PhantomData<&'input str>,
}

impl<'input> EventParser<'input> {
    pub fn new(input: &'input str) -> Option<EventParser<'input>> {
        let mut parser = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        // SAFETY: `parser` is a stable heap allocation that libyaml initialises; the input string
        // is borrowed for 'input, which outlives `self`, so the pointer libyaml keeps stays valid.
        unsafe {
            let raw = parser.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_initialize(raw).fail {
                return None;
            }
            unsafe_libyaml::yaml_parser_set_encoding(raw, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(raw, input.as_ptr(), input.len() as u64);
        }
        Some(EventParser { parser, failed: false, _input: PhantomData })
    }

    /// The next event and its start and end marks.
    pub fn next_event(&mut self) -> Result<(Event, Mark, Mark), ParseError> {
        let raw = self.parser.as_mut_ptr();
        let mut event = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; after a failure we never call parse again.
        unsafe {
            if self.failed || unsafe_libyaml::yaml_parser_parse(raw, event.as_mut_ptr()).fail {
                self.failed = true;
                return Err(read_error(raw));
            }
            let event_ptr = event.as_mut_ptr();
            let converted = convert(&*event_ptr);
            let start = mark((*event_ptr).start_mark);
            let end = mark((*event_ptr).end_mark);
            unsafe_libyaml::yaml_event_delete(event_ptr);
            Ok((converted, start, end))
        }
    }
}

impl Drop for EventParser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new` (construction fails otherwise), deleted exactly once.
        unsafe { unsafe_libyaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
    }
}

fn mark(m: unsafe_libyaml::yaml_mark_t) -> Mark {
    Mark { line: m.line, column: m.column }
}

/// # Safety
/// `ptr` must be null or point to a NUL-terminated string owned by libyaml.
unsafe fn c_string(ptr: *const u8) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    let cstr = unsafe { std::ffi::CStr::from_ptr(ptr.cast()) };
    Some(String::from_utf8_lossy(cstr.to_bytes()).into_owned())
}

/// # Safety
/// `parser` must be an initialised parser whose last call failed.
unsafe fn read_error(parser: *const unsafe_libyaml::yaml_parser_t) -> ParseError {
    unsafe {
        let parser = &*parser;
        let problem = c_string(parser.problem.cast()).unwrap_or_else(|| "libyaml failed without a message".into());
        let context = c_string(parser.context.cast());
        let problem_mark = parser.problem_mark;
        let context_mark = parser.context_mark;
        // Reader errors (bad bytes) carry only an offset; fall back to the context mark.
        let m = if problem_mark.line == 0 && problem_mark.column == 0 && context.is_some() {
            context_mark
        } else {
            problem_mark
        };
        ParseError { problem, context, mark: mark(m) }
    }
}

/// # Safety
/// `event` must be a fully initialised event returned by `yaml_parser_parse`.
unsafe fn convert(event: &unsafe_libyaml::yaml_event_t) -> Event {
    unsafe {
        match event.type_ {
            unsafe_libyaml::YAML_STREAM_START_EVENT => Event::StreamStart,
            unsafe_libyaml::YAML_STREAM_END_EVENT => Event::StreamEnd,
            unsafe_libyaml::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
            unsafe_libyaml::YAML_DOCUMENT_END_EVENT => Event::DocumentEnd,
            unsafe_libyaml::YAML_ALIAS_EVENT => {
                Event::Alias { anchor: c_string(event.data.alias.anchor).unwrap_or_default() }
            }
            unsafe_libyaml::YAML_SCALAR_EVENT => {
                let data = &event.data.scalar;
                let bytes = if data.value.is_null() {
                    &[][..]
                } else {
                    std::slice::from_raw_parts(data.value, data.length as usize)
                };
                Event::Scalar {
                    anchor: c_string(data.anchor),
                    tag: c_string(data.tag),
                    value: String::from_utf8_lossy(bytes).into_owned(),
                    plain: data.style == unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE,
                }
            }
            unsafe_libyaml::YAML_SEQUENCE_START_EVENT => Event::SequenceStart {
                anchor: c_string(event.data.sequence_start.anchor),
                tag: c_string(event.data.sequence_start.tag),
            },
            unsafe_libyaml::YAML_SEQUENCE_END_EVENT => Event::SequenceEnd,
            unsafe_libyaml::YAML_MAPPING_START_EVENT => Event::MappingStart {
                anchor: c_string(event.data.mapping_start.anchor),
                tag: c_string(event.data.mapping_start.tag),
            },
            unsafe_libyaml::YAML_MAPPING_END_EVENT => Event::MappingEnd,
            // YAML_NO_EVENT is never returned by a successful parse.
            _ => Event::StreamEnd,
        }
    }
}
