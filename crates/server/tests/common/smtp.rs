//! A real SMTP server (Python's `aiosmtpd`) that keeps what it receives, for the mail tests.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// aiosmtpd on a loopback port, writing what it receives to a Maildir.
pub struct SmtpSink {
    child: Option<std::process::Child>,
    pub port: u16,
    maildir: tempfile::TempDir,
}

fn python() -> String {
    std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut sink = SmtpSink {
            child: None,
            port,
            maildir: tempfile::tempdir().unwrap(),
        };
        sink.resume();
        sink
    }

    /// (Re)starts the server on the same port and Maildir.
    pub fn resume(&mut self) {
        let child = Command::new(python())
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{}", self.port),
            ])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (./dev test installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let dir: std::path::PathBuf = self.maildir.path().join("box").join(sub);
            if let Ok(entries) = std::fs::read_dir(dir) {
                for e in entries {
                    out.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
                }
            }
        }
        out
    }

    /// Waits until `n` messages arrived, then returns them.
    pub async fn wait_for(&self, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}
