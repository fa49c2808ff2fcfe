//! `ingress-sim route --steps`: the numbered walk after the decision, and `steps` in `--json`
//! (only with `--steps`: the output without it is unchanged).

mod support;

use support::{ingress_sim, Sandbox, FANOUT, SERVICE};

#[test]
fn steps_print_the_numbered_walk_after_the_decision() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let args = ["route", "-f", &manifest, "--url", "http://FOO.bar.com/foo/x?q=1"];
    let plain = ingress_sim(&args);
    let run = ingress_sim(&[&args[..], &["--steps"]].concat());
    run.expect_code(0);
    assert!(run.stdout.starts_with(&plain.expect_code(0).stdout), "the decision's text comes first, unchanged");
    let walk = &run.stdout[plain.stdout.len()..];
    assert!(walk.contains("Steps (profile spec)"), "{walk}");
    for line in [
        "1. · The request  [request · R2]",
        "2. · IngressClass  [class · R1]",
        "3. ✓ Host tier: precise  [host · R3]",
        "6. ✗ Path /bar (Exact)  [path · R4]",
        "7. ✗ Default backend of default/simple-fanout-example: not used  [winner · R6]",
        "8. ✓ Winner: service1:4200  [winner · R5]",
    ] {
        assert!(walk.contains(line), "missing {line:?} in\n{walk}");
    }
    assert!(walk.contains(&format!("at {manifest}:16:")), "the winner's place: {walk}");
}

#[test]
fn json_steps_are_added_only_with_the_flag_and_positions_name_their_file() {
    let sandbox = Sandbox::new();
    let service = sandbox.file("service.yaml", SERVICE);
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let args = ["route", "-f", &service, &manifest, "--host", "foo.bar.com", "--path", "/bar", "--json"];
    let plain = ingress_sim(&args).expect_code(0).json();
    assert!(plain.get("steps").is_none());
    let mut walked = ingress_sim(&[&args[..], &["--steps"]].concat()).expect_code(0).json();
    let steps = walked.as_object_mut().unwrap().remove("steps").expect("steps");
    assert_eq!(walked, plain, "the decision itself is unchanged");
    let steps = steps.as_array().unwrap();
    let stages: Vec<&str> = steps.iter().map(|s| s["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["request", "class", "host", "host", "host", "path", "winner", "winner"]);
    let winner = steps.last().unwrap();
    assert_eq!(winner["rule"], "R5");
    assert_eq!(winner["verdict"], "won");
    assert_eq!(winner["spans"][0]["file"], manifest.as_str());
    assert_eq!(winner["spans"][0]["start"]["line"], 23);
    let explained = walked["explanation"].as_array().unwrap().len();
    let mut entries: Vec<u64> =
        steps.iter().flat_map(|s| s["entries"].as_array().unwrap()).map(|e| e.as_u64().unwrap()).collect();
    entries.sort();
    assert_eq!(entries, (0..explained as u64).collect::<Vec<_>>());
}

#[test]
fn controller_steps_name_the_controllers_rule() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let run = ingress_sim(&[
        "route",
        "-f",
        &manifest,
        "--url",
        "http://foo.bar.com/foo",
        "--profile",
        "ingress-nginx",
        "--steps",
        "--json",
    ]);
    let decision = run.expect_code(0).json();
    let steps = decision["steps"].as_array().unwrap();
    assert_eq!(steps[1]["rule"], "ingress-nginx class admission");
    assert!(steps.iter().filter(|s| s["stage"] == "path").all(|s| s["rule"] == "nginx location order"), "{steps:?}");
}
