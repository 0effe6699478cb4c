//! Child processes that end when their guard is dropped: the server, Xvfb, tauri-driver.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// A child process, killed (by its own id) on drop.
pub struct Guard {
    pub name: &'static str,
    child: Child,
}

impl Guard {
    pub fn spawn(name: &'static str, command: &mut Command) -> Result<Guard> {
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {name} ({command:?})"))?;
        Ok(Guard { name, child })
    }

    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Ends the process and waits for it.
    pub fn stop(mut self) {
        self.kill();
    }

    /// Asks politely (SIGTERM, so tauri-driver ends its WebKitWebDriver and the server shuts
    /// down cleanly), then forcefully after two seconds.
    fn kill(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Waits until something accepts connections on `port`.
pub fn wait_for_port(port: u16, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!("nothing listens on port {port} after {timeout:?}")
}

/// A `sportello-server` command reading the test run's clock (`sportello_clock::test_clock`),
/// as every process of an end-to-end run does.
pub fn server_command() -> Command {
    let mut command = Command::new(crate::built("sportello-server"));
    let (name, offset) = sportello_clock::test_clock_env();
    command.env(name, offset);
    command
}

/// `sportello-server seed` into a new SQLite file in `dir`; returns the store URL.
pub fn seed(dir: &Path, tickets: u32) -> Result<String> {
    let url = format!("sqlite://{}", dir.join("store.sqlite").display());
    let status = server_command()
        .args([
            "seed",
            "--store",
            &url,
            "--tickets",
            &tickets.to_string(),
            "--seed",
            "5",
        ])
        .stdout(Stdio::null())
        .output()?;
    if !status.status.success() {
        bail!(
            "seed failed ({}): {}",
            status.status,
            String::from_utf8_lossy(&status.stderr)
        );
    }
    Ok(url)
}

/// `sportello-server serve` on a free port; returns the guard and the base URL.
pub fn serve(store_url: &str) -> Result<(Guard, String)> {
    serve_on(store_url, "127.0.0.1:0")
}

pub fn serve_on(store_url: &str, listen: &str) -> Result<(Guard, String)> {
    serve_with(store_url, listen, &[])
}

/// `serve` with extra arguments (e.g. `--smtp URL`).
pub fn serve_with(store_url: &str, listen: &str, extra: &[&str]) -> Result<(Guard, String)> {
    let mut guard = Guard::spawn(
        "sportello-server",
        server_command()
            .args(["serve", "--demo", "--store", store_url, "--listen", listen])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
    )?;
    let mut first = String::new();
    BufReader::new(guard.child().stdout.take().expect("piped stdout")).read_line(&mut first)?;
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .with_context(|| format!("unexpected first line from the server: {first:?}"))?
        .to_string();
    Ok((guard, url))
}

/// A real SMTP server (Python's aiosmtpd, from `SPORTELLO_TEST_PYTHON` or `python3`) on a
/// free loopback port, storing what it receives in a Maildir.
pub struct SmtpSink {
    pub port: u16,
    pub maildir: std::path::PathBuf,
    _guard: Guard,
}

impl SmtpSink {
    pub fn start(maildir: &Path) -> Result<SmtpSink> {
        let port = free_port();
        let python = std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let guard = Guard::spawn(
            "aiosmtpd",
            Command::new(python)
                .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
                .args(["-c", "aiosmtpd.handlers.Mailbox"])
                .arg(maildir)
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        wait_for_port(port, Duration::from_secs(15))?;
        Ok(SmtpSink {
            port,
            maildir: maildir.to_path_buf(),
            _guard: guard,
        })
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<String> {
        ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(self.maildir.join(sub)).ok())
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }

    /// Waits until a message for which `ok` holds arrived (parsed: subject, parts); returns
    /// every message.
    pub async fn wait_for_mail(
        &self,
        ok: impl Fn(&mail_parser::Message) -> bool,
    ) -> Result<Vec<String>> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.messages();
            let found = got.iter().any(|raw| {
                mail_parser::MessageParser::default()
                    .parse(raw.as_bytes())
                    .is_some_and(|m| ok(&m))
            });
            if found {
                return Ok(got);
            }
            if Instant::now() > deadline {
                bail!(
                    "the mail waited for is not among the {} received",
                    got.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `n` messages arrived.
    pub async fn wait_for(&self, n: usize) -> Result<Vec<String>> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.messages();
            if got.len() >= n {
                return Ok(got);
            }
            if Instant::now() > deadline {
                bail!("{} of {n} mails arrived", got.len());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A private D-Bus session bus with a desktop notification service on it (a small Python
/// program, `tests/fixtures/notifications.py`) that records every notification it is asked
/// to show. Give the console `DBUS_SESSION_BUS_ADDRESS = address`.
pub struct Notifications {
    pub address: String,
    log: std::path::PathBuf,
    _service: Guard,
    _bus: Guard,
}

impl Notifications {
    pub fn start(dir: &Path) -> Result<Notifications> {
        std::fs::create_dir_all(dir)?;
        let address = format!("unix:path={}", dir.join("bus").display());
        let mut bus = Guard::spawn(
            "dbus-daemon",
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .arg(format!("--address={address}"))
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )?;
        let mut line = String::new();
        BufReader::new(bus.child().stdout.take().context("dbus-daemon's stdout")?)
            .read_line(&mut line)?;
        anyhow::ensure!(
            line.starts_with("unix:"),
            "dbus-daemon did not start: {line:?}"
        );
        let log = dir.join("notifications.jsonl");
        let python = std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let mut service = Guard::spawn(
            "notification service",
            Command::new(python)
                .arg(crate::workspace_root().join("tests/fixtures/notifications.py"))
                .arg(&log)
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit()),
        )?;
        let mut ready = String::new();
        BufReader::new(
            service
                .child()
                .stdout
                .take()
                .context("the service's stdout")?,
        )
        .read_line(&mut ready)?;
        anyhow::ensure!(
            ready.trim() == "ready",
            "the notification service did not start (needs dbus-next; ./dev test installs it)"
        );
        Ok(Notifications {
            address,
            log,
            _service: service,
            _bus: bus,
        })
    }

    /// Every notification shown so far: `{app, summary, body}`.
    pub fn shown(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// Waits until a notification whose body contains `text` was shown; returns all such.
    pub async fn wait_for(&self, text: &str) -> Result<Vec<serde_json::Value>> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found: Vec<_> = self
                .shown()
                .into_iter()
                .filter(|n| n["body"].as_str().is_some_and(|b| b.contains(text)))
                .collect();
            if !found.is_empty() {
                return Ok(found);
            }
            if Instant::now() > deadline {
                bail!("no notification about {text:?}; shown: {:?}", self.shown());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Runs `sql` on a SQLite store with the `sqlite3` shell and returns what it printed,
/// trimmed. The running server writes too (its sweeper): the shell waits for its lock
/// rather than fail.
pub fn sqlite(db: &str, sql: &str) -> Result<String> {
    let out = Command::new("sqlite3")
        .args(["-cmd", ".timeout 10000"])
        .arg(db)
        .arg(sql)
        .output()
        .context("sqlite3 is needed: apt-get install sqlite3 (./dev test does)")?;
    if !out.status.success() {
        bail!("sqlite3: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}

/// A virtual X display; `display` is like `:42`.
pub struct Xvfb {
    pub display: String,
    _guard: Guard,
}

impl Xvfb {
    pub fn start() -> Result<Xvfb> {
        let mut guard = Guard::spawn(
            "Xvfb",
            Command::new("Xvfb")
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )
        .context(
            "Xvfb is needed for the end-to-end tests: apt-get install xvfb (./dev test does)",
        )?;
        let mut out = guard.child().stdout.take().expect("piped stdout");
        let mut number = String::new();
        let mut byte = [0u8; 1];
        while out.read(&mut byte)? == 1 && byte[0] != b'\n' {
            number.push(byte[0] as char);
        }
        if number.trim().is_empty() {
            bail!("Xvfb did not report a display number");
        }
        Ok(Xvfb {
            display: format!(":{}", number.trim()),
            _guard: guard,
        })
    }
}

/// tauri-driver on a free port, launching apps with `envs` in their environment.
pub struct TauriDriver {
    pub url: String,
    _guard: Guard,
}

impl TauriDriver {
    pub fn start(display: &str, envs: &[(&str, &std::ffi::OsStr)]) -> Result<TauriDriver> {
        let (port, native_port) = (free_port(), free_port());
        let driver = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let mut command = Command::new(&driver);
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", display)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in envs {
            command.env(k, v);
        }
        let guard = Guard::spawn("tauri-driver", &mut command).context(
            "tauri-driver is needed: cargo install tauri-driver --locked (./dev test does)",
        )?;
        wait_for_port(port, Duration::from_secs(20))?;
        // tauri-driver forwards every request to the WebKitWebDriver it starts on the native
        // port, and drops the connection when that one is not listening yet: under load the
        // first session request came too early ("connection closed before message completed").
        wait_for_port(native_port, Duration::from_secs(20))?;
        Ok(TauriDriver {
            url: format!("http://127.0.0.1:{port}"),
            _guard: guard,
        })
    }
}

/// How WebKit draws the window under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Painting {
    /// As the console chooses on this machine (`src-tauri/src/rendering.rs`): without a GPU,
    /// no compositing. The window bench measures this.
    AsShipped,
    /// Compositing on, whatever the machine. WebKitWebDriver's screenshot never answers
    /// after a WebDriver click when WebKit paints without compositing (WebKitGTK 2.50; the
    /// window itself goes on painting, as `xwd` of the display shows), and the tests take the
    /// README's screenshots.
    Composited,
}

/// What the console's window runs in: a virtual display, a session bus whose notification
/// service records what the app shows, and tauri-driver starting the app with its data in
/// `data_dir`.
pub struct Window {
    pub notifications: Notifications,
    pub driver: TauriDriver,
    /// What the app's environment holds, for [`Window::launch_again`].
    envs: Vec<(String, std::ffi::OsString)>,
    _xvfb: Xvfb,
}

impl Window {
    pub fn start(work: &Path, data_dir: &Path, painting: Painting) -> Result<Window> {
        Window::start_with(work, data_dir, painting, &[])
    }

    /// [`Window::start`] with more variables in the app's environment.
    pub fn start_with(
        work: &Path,
        data_dir: &Path,
        painting: Painting,
        extra: &[(&str, &std::ffi::OsStr)],
    ) -> Result<Window> {
        let xvfb = Xvfb::start()?;
        let notifications = Notifications::start(&work.join("dbus"))?;
        // The console reads the test run's clock, as the server does.
        let (clock, offset) = sportello_clock::test_clock_env();
        // The window's remembered size and position stay with this test's data.
        let config = data_dir.join("xdg-config");
        let mut envs = vec![
            ("SPORTELLO_DATA_DIR", data_dir.as_os_str()),
            ("XDG_CONFIG_HOME", config.as_os_str()),
            (
                "DBUS_SESSION_BUS_ADDRESS",
                std::ffi::OsStr::new(&notifications.address),
            ),
            (clock, std::ffi::OsStr::new(&offset)),
        ];
        if painting == Painting::Composited {
            // WebKit reads "0" as "do not disable", and the console leaves a set variable be.
            envs.push(("WEBKIT_DISABLE_COMPOSITING_MODE", std::ffi::OsStr::new("0")));
        }
        envs.extend_from_slice(extra);
        let driver = TauriDriver::start(&xvfb.display, &envs)?;
        let mut kept: Vec<(String, std::ffi::OsString)> = envs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_os_string()))
            .collect();
        kept.push(("DISPLAY".into(), xvfb.display.clone().into()));
        Ok(Window {
            notifications,
            driver,
            envs: kept,
            _xvfb: xvfb,
        })
    }

    /// Launches the console a second time in the same session, as an agent clicking its icon
    /// again would, and waits for that process to end: its exit status, or an error when it
    /// is still running after `patience` (it is then stopped).
    pub fn launch_again(&self, patience: Duration) -> Result<std::process::ExitStatus> {
        let mut command = Command::new(crate::built("sportello-console"));
        command.stdout(Stdio::null()).stderr(Stdio::null());
        for (k, v) in &self.envs {
            command.env(k, v);
        }
        let mut child = command.spawn()?;
        let deadline = Instant::now() + patience;
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                bail!("a second console kept running for {patience:?}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// WebKitWebDriver (from `webkit2gtk-driver`) on a free port and a virtual display of its
/// own, driving MiniBrowser: the customer page in a real browser engine.
pub struct BrowserDriver {
    pub url: String,
    /// MiniBrowser, as the WebKitGTK library installs it.
    pub binary: std::path::PathBuf,
    _display: Xvfb,
    _guard: Guard,
}

impl BrowserDriver {
    pub fn start() -> Result<BrowserDriver> {
        let binary = [
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib",
        ]
        .iter()
        .map(|dir| Path::new(dir).join("webkit2gtk-4.1/MiniBrowser"))
        .find(|p| p.exists())
        .context("MiniBrowser is needed: apt-get install libwebkit2gtk-4.1-0 (./dev test does)")?;
        let display = Xvfb::start()?;
        let port = free_port();
        let guard = Guard::spawn(
            "WebKitWebDriver",
            Command::new("WebKitWebDriver")
                .arg(format!("--port={port}"))
                .env("DISPLAY", &display.display)
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )
        .context(
            "WebKitWebDriver is needed: apt-get install webkit2gtk-driver (./dev test does)",
        )?;
        wait_for_port(port, Duration::from_secs(20))?;
        Ok(BrowserDriver {
            url: format!("http://127.0.0.1:{port}"),
            binary,
            _display: display,
            _guard: guard,
        })
    }
}
