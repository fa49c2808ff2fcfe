//! Starting and stopping the real nginx: `nginx -t` on a configuration, and a non-daemon,
//! single-process nginx on an ephemeral 127.0.0.1 port that is killed (and waited for) when the
//! handle is dropped, so a failing test never leaks it. Everything it writes lives in a temporary
//! directory removed on drop.

use super::http;
use super::layout::{Layout, Runtime, PROBE_HOST};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The nginx binary: `$NGINX_BIN`, else `/usr/sbin/nginx` (Debian's nginx-light).
pub fn nginx_binary() -> Option<PathBuf> {
    let path = std::env::var_os("NGINX_BIN").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/sbin/nginx"));
    path.is_file().then_some(path)
}

/// A temporary directory, removed on drop.
#[derive(Debug)]
pub struct TempDir {
    pub path: PathBuf,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl TempDir {
    pub fn new() -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("nginx-diff-{}-{n}-{nanos:x}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir { path })
    }

    pub fn str(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn runtime(dir: &TempDir, port: u16) -> Runtime {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    Runtime {
        dir: dir.str(),
        listen: format!("127.0.0.1:{port}"),
        socket: format!("{}/backend.sock", dir.str()),
        nonce: format!("nginx-diff-{}-{n}", std::process::id()),
    }
}

/// A port the kernel just handed out (free a moment ago; nginx may still lose a race for it).
fn ephemeral_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// `nginx -t` on the layout. `Err` carries nginx's complaint. (`nginx -t` binds the listening
/// sockets too, so it gets an ephemeral port — a privileged one fails for non-root users — and a
/// port taken meanwhile is retried.)
pub fn test_config(nginx: &Path, layout: &Layout) -> Result<(), String> {
    let mut last = Ok(());
    for _ in 0..8 {
        last = test_config_once(nginx, layout);
        match &last {
            Err(e) if e.contains("Address already in use") => continue,
            _ => break,
        }
    }
    last
}

fn test_config_once(nginx: &Path, layout: &Layout) -> Result<(), String> {
    let dir = TempDir::new().map_err(|e| format!("temp dir: {e}"))?;
    let port = ephemeral_port().map_err(|e| format!("no ephemeral port: {e}"))?;
    let rt = runtime(&dir, port);
    let conf = dir.path.join("nginx.conf");
    std::fs::write(&conf, layout.render(&rt)).map_err(|e| format!("write nginx.conf: {e}"))?;
    let out = Command::new(nginx)
        .arg("-t")
        .arg("-q")
        .arg("-p")
        .arg(&dir.path)
        .arg("-c")
        .arg(&conf)
        .arg("-e")
        .arg(dir.path.join("error.log"))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", nginx.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        let mut text = String::from_utf8_lossy(&out.stderr).into_owned();
        text.push_str(&String::from_utf8_lossy(&out.stdout));
        Err(text.trim().replace(&dir.str(), "<dir>").replace(&rt.listen, "127.0.0.1:<port>"))
    }
}

/// A running nginx.
#[derive(Debug)]
pub struct Nginx {
    child: Option<Child>,
    pub port: u16,
    pub runtime: Runtime,
    dir: TempDir,
}

impl Nginx {
    /// Starts nginx with the layout (the configuration must pass `nginx -t`). Retries with
    /// another port when the one picked is taken meanwhile.
    pub fn start(nginx: &Path, layout: &Layout) -> Result<Nginx, String> {
        let mut last = String::new();
        for _ in 0..8 {
            match Nginx::start_once(nginx, layout) {
                Ok(n) => return Ok(n),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn start_once(nginx: &Path, layout: &Layout) -> Result<Nginx, String> {
        let dir = TempDir::new().map_err(|e| format!("temp dir: {e}"))?;
        let port = ephemeral_port().map_err(|e| format!("no ephemeral port: {e}"))?;
        let rt = runtime(&dir, port);
        let conf = dir.path.join("nginx.conf");
        std::fs::write(&conf, layout.render(&rt)).map_err(|e| format!("write nginx.conf: {e}"))?;
        let child = Command::new(nginx)
            .arg("-p")
            .arg(&dir.path)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(dir.path.join("error.log"))
            .arg("-g")
            .arg("daemon off; master_process off;")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", nginx.display()))?;
        let mut server = Nginx { child: Some(child), port, runtime: rt, dir };
        server.wait_ready()?;
        Ok(server)
    }

    /// Waits until our nginx (the probe answers our nonce) accepts requests, up to 10 s.
    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    let log = std::fs::read_to_string(self.dir.path.join("error.log")).unwrap_or_default();
                    return Err(format!("nginx exited at start ({status}): {}", log.trim()));
                }
            }
            if let Ok(answer) = http::get(self.port, PROBE_HOST, "/__probe", Duration::from_millis(500)) {
                if answer.status == 200 && answer.body == self.runtime.nonce {
                    return Ok(());
                }
                // another process owns the port: give up on it
                return Err(format!("port {} answers, but not with our nginx", self.port));
            }
            if Instant::now() > deadline {
                return Err("nginx did not become ready within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Stops nginx and waits for it.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The error log so far.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.stop();
    }
}
