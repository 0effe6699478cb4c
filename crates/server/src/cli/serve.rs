//! Serving: the API on its listener (HTTP, or HTTPS with a certificate), with the mail
//! worker and the sweeper beside it, until a signal asks it to stop.

use std::io::Write;
use std::net::SocketAddr;

use anyhow::Context;

use crate::api::{app, AppState};
use crate::clock::Clock;
use crate::secrets::Keys;
use crate::store::Store;

/// A server about to serve: the API, the mail worker, the sweeper.
pub(super) struct Serving {
    pub(super) store: std::sync::Arc<dyn Store>,
    pub(super) keys: Option<Keys>,
    pub(super) mail: Option<(crate::mail::Transport, crate::mail::Settings)>,
    pub(super) secure_threshold_cents: i64,
    pub(super) listen: SocketAddr,
    /// Printed after the first line.
    pub(super) banner: Option<String>,
    pub(super) clock: Clock,
    /// HTTPS, when given a certificate and key.
    pub(super) tls: Option<std::sync::Arc<rustls::ServerConfig>>,
    /// Where customers reach this server (sign-in links point there); by default the address
    /// it listens on.
    pub(super) public_url: Option<String>,
}

impl Serving {
    pub(super) async fn run(self) -> anyhow::Result<()> {
        let listener = tokio::net::TcpListener::bind(self.listen)
            .await
            .with_context(|| format!("cannot listen on {}", self.listen))?;
        let addr = listener.local_addr()?;
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        // Every replica hears the others (feed changes, who is typing) before it serves.
        self.store.hear_others().await;
        // Codes whose delivery day ended while no server ran expire before the first request
        // (rule 3.2), so the first answers already show them expired; the sweeper goes on.
        if let Err(e) = crate::sweeper::expire_due(&*self.store, &self.clock).await {
            tracing::warn!(error = %e, "expiring codes failed; the sweeper tries again");
        }
        {
            let mut out = std::io::stdout().lock();
            writeln!(out, "listening on {scheme}://{addr}")?;
            if let Some(banner) = &self.banner {
                writeln!(out, "{banner}")?;
            }
            out.flush()?;
        }
        tracing::info!(%addr, scheme, "serving");
        let public_url = self
            .public_url
            .map(|u| u.trim_end_matches('/').to_string())
            .unwrap_or_else(|| format!("{scheme}://{addr}"));
        let keys = self.keys.map(std::sync::Arc::new);
        if let Some((transport, mut settings)) = self.mail {
            settings.base_url = public_url.clone();
            if keys.is_none() {
                tracing::warn!(
                    "there are no delivery-password keys: password mails wait in the outbox"
                );
            }
            tokio::spawn(crate::mail::run(
                self.store.clone(),
                keys.clone(),
                transport,
                settings,
                self.clock.clone(),
            ));
        }
        tokio::spawn(crate::sweeper::run(
            self.store.clone(),
            self.clock.clone(),
            keys.clone(),
        ));
        let state = AppState {
            keys,
            secure_threshold_cents: self.secure_threshold_cents,
            clock: self.clock,
            public_url,
            ..AppState::new(self.store)
        };
        // On a signal, open streams end first, so the graceful shutdown does not wait on them.
        let stopping = state.clone();
        let shutdown = async move {
            shutdown_signal().await;
            stopping.stop();
        };
        match self.tls {
            Some(config) => crate::tls::serve(listener, app(state), config, shutdown).await?,
            None => {
                axum::serve(
                    listener,
                    app(state).into_make_service_with_connect_info::<SocketAddr>(),
                )
                .with_graceful_shutdown(shutdown)
                .await?
            }
        }
        tracing::info!("stopped");
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
