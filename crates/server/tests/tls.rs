//! TLS end to end, from the server's side (docs/product.md §1, §9): `serve --tls-cert
//! --tls-key` serves HTTPS itself; mail asked to go over TLS (`?tls=required`) verifies the
//! SMTP server's certificate against the OS store and waits rather than send to one it does
//! not trust; a PostgreSQL store asked for TLS (`sslmode=require`) verifies the database's
//! certificate and name instead of taking any.
//!
//! The OS store is located as OpenSSL locates it, so `SSL_CERT_FILE` on the server process
//! names the bundle it trusts.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Engine, TestStore};

/// A certificate authority and a certificate for `localhost`/`127.0.0.1` it signed:
/// (authority PEM, server chain PEM, server key PEM).
fn authority_and_server() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "Sportello Test CA");
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    (
        ca.pem(),
        format!("{}{}", cert.pem(), ca.pem()),
        key.serialize_pem(),
    )
}

/// Writes `text` to a new file readable by its owner only.
fn private(dir: &std::path::Path, name: &str, text: &str) -> String {
    use std::io::Write;
    let path = dir.join(name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    path.display().to_string()
}

#[tokio::test]
async fn serve_speaks_https_with_the_given_certificate() {
    let store = TestStore::new(Engine::Sqlite);
    store.seed(5, 1);
    let (ca, chain, key) = authority_and_server();
    let cert_file = private(store.dir.path(), "server.pem", &chain);
    let key_file = private(store.dir.path(), "server.key", &key);
    let mut child = common::server_command()
        .args([
            "serve",
            "--demo",
            "--store",
            &store.url,
            "--listen",
            "127.0.0.1:0",
        ])
        .args(["--keys-file", &store.keys_file()])
        .args(["--tls-cert", &cert_file, "--tls-key", &key_file])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on https://")
        .unwrap_or_else(|| panic!("first line {first:?}"))
        .to_string();
    let port = url.rsplit(':').next().unwrap().to_string();
    // A client that trusts the authority signs in over HTTPS.
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ca.as_bytes()).unwrap())
        .build()
        .unwrap();
    let res = client
        .post(format!("https://localhost:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "alice", "password": "alice-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Plain HTTP on the same port gets no answer.
    assert!(reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
        .await
        .is_err());
    let _ = child.kill();
    let _ = child.wait();

    // A private key that other users can read is refused at start-up.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = common::server_command()
            .args([
                "serve",
                "--demo",
                "--store",
                &store.url,
                "--listen",
                "127.0.0.1:0",
            ])
            .args(["--keys-file", &store.keys_file()])
            .args(["--tls-cert", &cert_file, "--tls-key", &key_file])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("chmod 600"));
    }
}

/// aiosmtpd requiring STARTTLS with the given certificate.
struct TlsSmtp {
    child: std::process::Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl TlsSmtp {
    fn start(cert: &str, key: &str) -> TlsSmtp {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = tempfile::tempdir().unwrap();
        let python = std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let child = std::process::Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["--tlscert", cert, "--tlskey", key])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (./dev test installs it)");
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        TlsSmtp {
            child,
            port,
            maildir,
        }
    }

    fn received(&self) -> usize {
        ["new", "cur"]
            .iter()
            .filter_map(|d| std::fs::read_dir(self.maildir.path().join("box").join(d)).ok())
            .map(|entries| entries.count())
            .sum()
    }
}

impl Drop for TlsSmtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn mail_asked_to_go_over_tls_goes_only_to_a_server_the_store_trusts() {
    let store = TestStore::new(Engine::Sqlite);
    store.seed(30, 3);
    let (ca, chain, key) = authority_and_server();
    let dir = store.dir.path();
    let ca_file = private(dir, "ca.pem", &ca);
    let stranger = private(dir, "other-ca.pem", &authority_and_server().0);
    let smtp = TlsSmtp::start(
        &private(dir, "smtp.pem", &chain),
        &private(dir, "smtp.key", &key),
    );
    // Something to send: a closing summary.
    let ticket = store
        .query("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id LIMIT 1")
        .trim()
        .to_string();
    let smtp_url = format!("smtp://localhost:{}?tls=required", smtp.port);
    let serve = |trusted: &str| {
        let mut command = common::server_command();
        command
            .args([
                "serve",
                "--demo",
                "--store",
                &store.url,
                "--listen",
                "127.0.0.1:0",
            ])
            .args(["--keys-file", &store.keys_file(), "--smtp", &smtp_url])
            .env("SSL_CERT_FILE", trusted);
        common::Server::spawn(command)
    };
    let server = serve(&stranger);
    let token = server.login("alice", "alice-demo").await;
    let res = reqwest::Client::new()
        .post(server.api(&format!("/tickets/{ticket}/close")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"resolution": "Sorted out on the phone."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The worker tries, is refused the server's certificate, and keeps the mail for later.
    let deadline = Instant::now() + Duration::from_secs(20);
    let error = loop {
        let error = store.query(&format!(
            "SELECT coalesce(last_error, '') FROM mail_outbox WHERE ticket_id = '{ticket}'"
        ));
        if !error.trim().is_empty() {
            break error;
        }
        assert!(Instant::now() < deadline, "the worker tried to send");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        error.to_lowercase().contains("certificate") || error.contains("UnknownIssuer"),
        "{error}"
    );
    assert_eq!(
        smtp.received(),
        0,
        "nothing went to a server it does not trust"
    );
    drop(server);

    // Trusting the authority, the same mail goes out.
    let _server = serve(&ca_file);
    let deadline = Instant::now() + Duration::from_secs(30);
    while smtp.received() == 0 {
        assert!(Instant::now() < deadline, "the mail went out over TLS");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn a_postgresql_store_asked_for_tls_verifies_the_database_certificate() {
    // The machine's PostgreSQL serves TLS with a self-signed certificate nobody trusts (as
    // Debian sets it up). Asked for TLS, the store refuses it rather than take any certificate.
    let admin = common::postgres_admin_url();
    let ssl = std::process::Command::new("psql")
        .args([&admin, "-Atc", "SHOW ssl"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&ssl.stdout).trim(),
        "on",
        "this test needs PostgreSQL with TLS on (Debian's default)"
    );
    let store = TestStore::new(Engine::Postgres);
    let url = format!("{}?sslmode=require", store.url);
    let out = common::server_command()
        .args(["migrate", "--store", &url])
        .output()
        .unwrap();
    assert!(!out.status.success(), "an untrusted certificate was taken");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.to_lowercase().contains("certificate") || stderr.contains("UnknownIssuer"),
        "{stderr}"
    );
    // Without TLS asked for, the same store works.
    let out = common::server_command()
        .args(["migrate", "--store", &store.url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
