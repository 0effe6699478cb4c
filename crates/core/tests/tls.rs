//! The console over HTTPS (rule 1.2): the server serves TLS itself (`serve --tls-cert
//! --tls-key`), the console trusts the operating system's certificate store, so a company's own
//! certificate authority works once the computer trusts it; a certificate it does not trust is
//! refused with what to ask for; plain `http://` is refused unless the server is on this
//! computer.
//!
//! The OS store is located the way OpenSSL locates it, so `SSL_CERT_FILE` names the bundle
//! this process trusts: the test's own authority, or another one. The variable belongs to the
//! whole process, hence one test in a binary of its own.

use std::sync::Arc;

use sportello_core::types::{Connection, ErrorKind};
use sportello_core::Console;
use sportello_server::secrets::Keys;
use sportello_server::seed::{seed, SeedOptions};
use sportello_server::{app, AppState};

/// A certificate authority, and a certificate for `localhost` and `127.0.0.1` it signed:
/// (the authority's PEM, the server's chain PEM, the server's key PEM).
fn authority_and_server() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "Sportello Test Company CA");
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&server_key, &ca)
        .unwrap();
    (
        ca.pem(),
        format!("{}{}", server.pem(), ca.pem()),
        server_key.serialize_pem(),
    )
}

fn write_private(path: &std::path::Path, text: &str) {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_signs_in_over_https_with_the_company_authority_and_refuses_plain_http() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, chain, key) = authority_and_server();
    let (ca_file, cert_file, key_file) = (
        dir.path().join("company-ca.pem"),
        dir.path().join("server.pem"),
        dir.path().join("server.key"),
    );
    write_private(&ca_file, &ca);
    write_private(&cert_file, &chain);
    write_private(&key_file, &key);
    // Another authority: what a computer that was never told about the company's trusts.
    let stranger = dir.path().join("other-ca.pem");
    write_private(&stranger, &authority_and_server().0);

    // A seeded server serving HTTPS with that certificate.
    let store = sportello_server::store::open(&format!(
        "sqlite://{}",
        dir.path().join("server.sqlite").display()
    ))
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let keys = Keys::load_or_create(&dir.path().join("keys.json")).unwrap();
    let clock = sportello_clock::test_clock();
    let options = SeedOptions {
        tickets: 40,
        seed: 2,
        today: clock.now().date_naive(),
        now: clock.now(),
    };
    seed(&*store, &keys, &options, |_, _| {}).await.unwrap();
    let router = app(AppState {
        clock: clock.clone(),
        keys: Some(Arc::new(keys)),
        ..AppState::new(store)
    });
    let config = sportello_server::tls::config(&cert_file, &key_file).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(sportello_server::tls::serve(
        listener,
        router.clone(),
        config,
        async {
            let _ = stopped.await;
        },
    ));
    let https = format!("https://localhost:{port}");

    // A computer that does not trust the company's authority refuses the server, and says why.
    std::env::set_var("SSL_CERT_FILE", &stranger);
    let data = tempfile::tempdir().unwrap();
    let console = Console::new(data.path(), clock.clone());
    console.startup().await;
    let refused = console
        .sign_in(&https, "alice", "alice-demo")
        .await
        .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Unreachable);
    assert!(
        refused.message.contains("certificate") && refused.message.contains("does not trust"),
        "{}",
        refused.message
    );

    // Once the computer's store holds it, the console signs in and syncs over HTTPS.
    std::env::set_var("SSL_CERT_FILE", &ca_file);
    let status = console
        .sign_in(&https, "alice", "alice-demo")
        .await
        .unwrap();
    assert_eq!(status.connection, Connection::Online);
    console.sync(|_| {}).await.unwrap();
    assert_eq!(console.status().await.cached_tickets, 40);
    console.shutdown().await;
    let _ = stop.send(());
    served.await.unwrap().unwrap();

    // The same server over plain HTTP, on an address other computers reach: refused before a
    // byte is sent, with what to do instead. On this computer, plain HTTP is allowed.
    let plain = tokio::net::TcpListener::bind("0.0.0.0:0").await.unwrap();
    let port = plain.local_addr().unwrap().port();
    let served = tokio::spawn(async move { axum::serve(plain, router).await });
    let other = tempfile::tempdir().unwrap();
    let console = Console::new(other.path(), clock);
    console.startup().await;
    let address = non_loopback_address();
    let refused = console
        .sign_in(&format!("http://{address}:{port}"), "alice", "alice-demo")
        .await
        .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::InvalidInput);
    assert!(
        refused.message.contains("unencrypted") && refused.message.contains("https://"),
        "{}",
        refused.message
    );
    console
        .sign_in(&format!("http://127.0.0.1:{port}"), "alice", "alice-demo")
        .await
        .unwrap();
    console.shutdown().await;
    served.abort();
}

/// An address of this computer that is not loopback (the route to a documentation address
/// picks it without sending anything), or a documentation address when there is none: the
/// console refuses either before connecting.
fn non_loopback_address() -> std::net::IpAddr {
    std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| {
            s.connect("192.0.2.1:9")?;
            s.local_addr()
        })
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified())
        .unwrap_or_else(|| "192.0.2.1".parse().unwrap())
}
