use super::*;

fn parse(text: &str) -> (Vec<Document>, Vec<YamlError>) {
    parse_documents(text, &Limits::default())
}

#[test]
fn spans_are_one_based_over_the_whole_input() {
    let (docs, errors) = parse("a: 1\n---\nb:\n  c: \"x\"\n");
    assert!(errors.is_empty());
    assert_eq!(docs.len(), 2);
    let Value::Map(entries) = &docs[1].root.as_ref().unwrap().value else { panic!() };
    let (key, value) = &entries[0];
    assert_eq!((key.span.start.line, key.span.start.column), (3, 1));
    let Value::Map(inner) = &value.value else { panic!() };
    assert_eq!((inner[0].1.span.start.line, inner[0].1.span.start.column), (4, 6));
    assert_eq!(inner[0].1.span.doc, 1);
    assert_eq!(inner[0].1.scalar_kind(), Some(ScalarKind::Str));
}

#[test]
fn a_broken_document_does_not_hide_the_others() {
    let (docs, errors) = parse("a: 1\n---\nb: [unclosed\n---\nc: 3\n");
    assert_eq!(docs.len(), 3);
    assert!(docs[0].root.is_some() && docs[1].root.is_none() && docs[2].root.is_some());
    assert_eq!(errors.len(), 1);
    assert!(matches!(&errors[0], YamlError::Syntax { span, .. } if span.start.line >= 3), "{:?}", errors[0]);
}

#[test]
fn scalar_kinds_follow_the_core_schema() {
    let (docs, _) = parse("[80, \"80\", true, yes, null, ~, 1.5, 0x1F, '', abc, !!str 12]");
    let Value::Seq(items) = &docs[0].root.as_ref().unwrap().value else { panic!() };
    let kinds: Vec<_> = items.iter().map(|n| n.scalar_kind().unwrap()).collect();
    use ScalarKind::*;
    assert_eq!(kinds, vec![Int, Str, Bool, Str, Null, Null, Float, Int, Str, Str, Str]);
}

#[test]
fn alias_bombs_are_stopped() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..30 {
        let prev = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let started = std::time::Instant::now();
    let (docs, errors) = parse(&bomb);
    assert!(matches!(errors.as_slice(), [YamlError::TooManyAliasNodes { .. }]), "{errors:?}");
    assert!(docs[0].root.is_none());
    // Stopped after about 100,000 copied nodes, not after millions.
    assert!(started.elapsed().as_millis() < 2_000, "{:?}", started.elapsed());
}

#[test]
fn modest_aliases_still_work() {
    let (docs, errors) = parse("base: &b {x: 1}\nuse: *b\n");
    assert!(errors.is_empty());
    let Value::Map(entries) = &docs[0].root.as_ref().unwrap().value else { panic!() };
    assert_eq!(entries[1].1.value, entries[0].1.value);
    let (_, errors) = parse("use: *nothing\n");
    assert!(matches!(errors.as_slice(), [YamlError::UnknownAnchor { .. }]));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let (_, errors) = parse(&deep);
    assert!(matches!(errors.as_slice(), [YamlError::TooDeep { .. }]), "{errors:?}");
    let deep_maps: String = (0..5_000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let (_, errors) = parse(&deep_maps);
    assert!(matches!(errors.as_slice(), [YamlError::TooDeep { .. }]), "{errors:?}");
}

#[test]
fn garbage_nul_bytes_and_tags_give_errors_with_places() {
    for text in ["a: \u{0}b\n", "\u{1}\u{2}\u{3}binary", "key: [a, b\n  c: d", "a: b: c\n", "\t- tab\n"] {
        let (_, errors) = parse(text);
        assert!(!errors.is_empty(), "{text:?} should not parse");
        assert!(errors[0].span().start.line >= 1 && errors[0].span().start.column >= 1);
        assert!(!errors[0].to_string().is_empty());
    }
    let (docs, errors) = parse("a: !custom-tag value\nb: !!binary aGk=\n");
    assert!(errors.is_empty());
    assert!(docs[0].root.is_some());
}

#[test]
fn ten_megabytes_parse_in_bounded_time() {
    let doc = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {path: /a, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}\n---\n";
    let text = doc.repeat(10 * 1024 * 1024 / doc.len());
    let (docs, errors) = parse(&text);
    assert!(errors.is_empty());
    assert!(docs.len() > 30_000);
}

#[test]
fn leading_comments_do_not_make_an_empty_first_document() {
    let (docs, _) = parse("# a comment\n---\na: 1\n");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].index, 0);
    assert_eq!(docs[0].root.as_ref().unwrap().span.start.line, 3);
}

#[test]
fn block_collections_end_with_their_last_child() {
    let (docs, _) = parse("paths:\n- path: /a\n  pathType: Prefix\n- path: /b\n  pathType: Exact\nnext: {x: 1}\n");
    let Value::Map(entries) = &docs[0].root.as_ref().unwrap().value else { panic!() };
    let Value::Seq(items) = &entries[0].1.value else { panic!() };
    assert_eq!((items[0].span.start.line, items[0].span.last_line()), (2, 3));
    assert_eq!((items[1].span.start.line, items[1].span.last_line()), (4, 5));
    let flow = &entries[1].1.span;
    assert_eq!((flow.start.column, flow.end.column), (7, 13));
}

#[test]
fn decimal_floats_are_exactly_what_the_standard_parser_accepts() {
    // Every string of up to 5 characters over the characters a decimal float uses.
    let alphabet = ['0', '7', '.', 'e', 'E', '+', '-'];
    let mut strings = vec![String::new()];
    let mut checked = 0;
    for _ in 0..5 {
        strings = strings.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
        for s in &strings {
            let starts_well = s.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.');
            assert_eq!(is_decimal_float(s), starts_well && s.parse::<f64>().is_ok(), "{s:?}");
            checked += 1;
        }
    }
    assert!(checked > 19_000);
}

/// The straightforward line-by-line split that `split::documents` must equal.
fn documents_line_by_line(input: &str) -> Vec<(usize, u32, u32)> {
    let is_marker = |line: &str| {
        line.strip_prefix("---").is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
    };
    let (mut starts, mut line, mut offset) = (vec![(0usize, 1u32)], 1u32, 0usize);
    for piece in input.split_inclusive('\n') {
        if offset > 0 && is_marker(piece) {
            starts.push((offset, line));
        }
        offset += piece.len();
        line += 1;
    }
    let blank = |t: &str| t.lines().all(|l| l.trim().is_empty() || l.trim().starts_with(['#', '%']));
    let mut chunks = Vec::new();
    for (i, &(start, first)) in starts.iter().enumerate() {
        let (end, next) = starts.get(i + 1).copied().unwrap_or((input.len(), line));
        if !(i == 0 && starts.len() > 1 && blank(&input[start..end])) {
            chunks.push((start, first, next - first));
        }
    }
    chunks
}

#[test]
fn documents_split_like_a_line_by_line_reading() {
    let alphabet = ["-", "\n", " ", "a", "\r", "#"];
    let mut inputs = vec![String::new()];
    let mut all = Vec::new();
    for _ in 0..7 {
        inputs = inputs.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
        all.extend(inputs.iter().cloned());
    }
    // Longer inputs cross the 8-byte words the split reads at a time.
    all.push("a: 1\n---\nb: 2\n--- # c\nx\n---\n---\t\n  ---\n--- \n---x\n".repeat(5));
    all.push(format!("{}\n---\n{}", "k: v\n".repeat(100), "é: ü\n".repeat(100)));
    for input in &all {
        let got: Vec<_> = super::chunks(input)
            .map(|c| (c.text.as_ptr() as usize - input.as_ptr() as usize, c.first_line, c.line_count))
            .collect();
        assert_eq!(got, documents_line_by_line(input), "{input:?}");
    }
}
