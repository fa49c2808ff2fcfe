//! Shared helpers of the integration tests: files in a temporary directory, and the built
//! `ingress-sim` binary run on them.
#![allow(dead_code)] // each test binary uses its own part of this module

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// The Kubernetes docs' simple fanout with a default backend (the contract checker's manifest).
/// Line 16 holds `- path: /foo`, line 23 `- path: /bar`, line 8 the defaultBackend's `service:`.
pub const FANOUT: &str = "\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: simple-fanout-example
  namespace: default
spec:
  defaultBackend:
    service:
      name: fallback
      port:
        name: http
  rules:
  - host: foo.bar.com
    http:
      paths:
      - path: /foo
        pathType: Prefix
        backend:
          service:
            name: service1
            port:
              number: 4200
      - path: /bar
        pathType: Exact
        backend:
          service:
            name: service2
            port:
              number: 8080
";

/// A Service (three lines), to put before another file and shift its lines in the joined stream.
pub const SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata: {name: service1, namespace: default}
";

/// Three cases that pass against [`FANOUT`].
pub const PASSING_CASES: &str = "\
cases:
- name: foo prefix
  host: foo.bar.com
  path: /foo/x
  expect:
    backend: \"service1:4200\"
- host: foo.bar.com
  path: /bar
  expect:
    backend: \"service2:8080\"
- url: http://foo.bar.com/bar/x
  expect:
    outcome: default-backend
";

/// A temporary directory that holds the test's files.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().expect("a temporary directory") }
    }

    /// Writes a file and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("writing a test file");
        path
    }

    /// The path a file of this name has (or would have).
    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON (the test fails if it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }

    /// The last line of standard output.
    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "exit code; stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// Runs `ingress-sim` with arguments and nothing on standard input.
pub fn ingress_sim(args: &[&str]) -> Run {
    ingress_sim_with_stdin(args, "")
}

/// The binary under test: the one Cargo built for these tests, or `$INGRESS_SIM_BIN` (to run the
/// suite against a release build: `INGRESS_SIM_BIN=$PWD/target/release/ingress-sim cargo test`).
fn binary() -> std::ffi::OsString {
    std::env::var_os("INGRESS_SIM_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_ingress-sim").into())
}

/// Runs `ingress-sim` with arguments and text on standard input.
pub fn ingress_sim_with_stdin(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(binary())
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ingress-sim binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || {
        // The binary may exit before reading: a broken pipe here is fine.
        let _ = input.write_all(stdin.as_bytes());
    });
    let output = child.wait_with_output().expect("ingress-sim finishes");
    writer.join().expect("the stdin writer finishes");
    Run {
        code: output.status.code().expect("ingress-sim exits with a code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}
