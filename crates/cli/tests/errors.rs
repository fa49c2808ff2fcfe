//! Exit code 2: unusable input and bad arguments, each with a clear message on stderr; and the
//! help texts.

mod support;

use support::{ingress_sim, ingress_sim_with_stdin, Sandbox, FANOUT, PASSING_CASES};

/// Runs, expects exit 2, an empty stdout, and a stderr containing every `needle`.
fn expect_refusal(args: &[&str], needles: &[&str]) {
    let run = ingress_sim(args);
    run.expect_code(2);
    assert_eq!(run.stdout, "", "nothing on stdout");
    for needle in needles {
        assert!(run.stderr.contains(needle), "stderr lacks {needle:?}: {}", run.stderr);
    }
}

#[test]
fn missing_file_is_named() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("missing.yaml");
    for command in [&["route", "-f", &missing, "--host", "a", "--path", "/"][..], &["validate", "-f", &missing]] {
        expect_refusal(command, &[&missing, "no such file"]);
    }
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let sandbox = Sandbox::new();
    let binary = sandbox.file("binary.yaml", b"kind: Ingress\n\xff\xfe\n");
    expect_refusal(&["validate", "-f", &binary], &[&binary, "not UTF-8"]);
}

#[test]
fn input_with_nothing_usable_is_refused_with_its_errors() {
    let sandbox = Sandbox::new();
    let not_yaml = sandbox.file("notes.txt", "just some text\n");
    expect_refusal(&["validate", "-f", &not_yaml], &[&not_yaml, &format!("{not_yaml}:1:1: error:")]);
    let broken = sandbox.file("broken.yaml", "spec: [\n");
    expect_refusal(&["route", "-f", &broken, "--url", "http://a/"], &[&broken, "YAML syntax error"]);
}

#[test]
fn an_unusable_file_among_good_ones_is_named() {
    let sandbox = Sandbox::new();
    let good = sandbox.file("fanout.yaml", FANOUT);
    let broken = sandbox.file("broken.yaml", "spec: [\n");
    expect_refusal(
        &["validate", "-f", &good, &broken, &good],
        &[&format!("{broken}: no usable"), &format!("{broken}:2:1")],
    );
}

#[test]
fn bad_arguments_are_refused() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    expect_refusal(
        &["route", "-f", &manifest, "--url", "ftp://foo.bar.com/"],
        &["--url", "scheme \"ftp\" is not supported"],
    );
    expect_refusal(&["route", "-f", &manifest, "--url", "http://a/", "--host", "a"], &["cannot be used with"]);
    expect_refusal(&["route", "-f", &manifest, "--host", "a", "--profile", "nginx"], &["unknown profile", "spec"]);
    expect_refusal(&["route", "-f", &manifest], &["--url", "--host"]);
    expect_refusal(&["route", "--host", "a"], &["--filename"]);
    expect_refusal(&["frobnicate"], &["unrecognized subcommand"]);
}

#[test]
fn stdin_can_be_read_once_only() {
    let run = ingress_sim_with_stdin(&["test", "-f", "-", "--cases", "-"], PASSING_CASES);
    run.expect_code(2);
    assert!(run.stderr.contains("only once"), "{}", run.stderr);
    let run = ingress_sim_with_stdin(&["validate", "-f", "-", "-"], FANOUT);
    run.expect_code(2);
}

#[test]
fn a_directory_is_not_a_manifest() {
    let sandbox = Sandbox::new();
    let directory = sandbox.path("");
    expect_refusal(&["validate", "-f", &directory], &["is a directory"]);
}

#[test]
fn help_documents_options_exit_codes_and_the_case_format() {
    for command in ["route", "validate", "test"] {
        let run = ingress_sim(&[command, "--help"]);
        run.expect_code(0);
        assert!(run.stdout.contains("Exit codes:"), "{command}: {}", run.stdout);
        assert!(run.stdout.contains("--filename <FILE>"), "{command}: {}", run.stdout);
        assert!(run.stdout.contains("--json"), "{command}: {}", run.stdout);
    }
    let route = ingress_sim(&["route", "--help"]).stdout;
    for option in ["--url", "--host", "--path", "--sni", "--class", "--profile"] {
        assert!(route.contains(option), "route --help lacks {option}");
    }
    let test = ingress_sim(&["test", "--help"]).stdout;
    for text in ["--cases", "--only-failures", "--fail-under", "cases:", "expect:", "N passed, M failed"] {
        assert!(test.contains(text), "test --help lacks {text}");
    }
}

#[test]
fn version_is_printed() {
    let run = ingress_sim(&["--version"]);
    assert_eq!(run.expect_code(0).stdout.trim(), format!("ingress-sim {}", env!("CARGO_PKG_VERSION")));
}
