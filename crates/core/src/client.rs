//! The server as the console sees it: a reqwest client for `/api/v1`, with every failure a
//! [`ClientError`] that says what happened and what to do (the console words it for the agent).

use std::time::Duration;

use reqwest::StatusCode;
use sportello_protocol::problem::types;
use sportello_protocol::{
    CloseTicket, LoginRequest, LoginResponse, NewAttempt, NewCallback, NewMessage, Problem,
    RawSyncPage, RegenerateRequest, ResendRequest, RevealedPhone, SessionInfo, Shipment, Ticket,
    VerifyRequest, VerifyResponse,
};

/// What a request to the server failed with. Each says, in English, what happened and what to
/// do next; the console turns them into the agent's words (`console/errors.rs`).
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("\"{address}\" is not a server address. Use the form https://host:port.")]
    InvalidAddress { address: String },
    #[error("\"{address}\" would send your password and the customers' data unencrypted over the network. Use the server's https:// address; plain http:// is only for a server on this computer.")]
    PlainHttp { address: String },
    #[error(
        "Cannot reach the server at {server}. Check the address and your network, then try again."
    )]
    Unreachable { server: String },
    #[error("The server at {server} presented a certificate this computer does not trust ({detail}). Check the address; if it is right, ask your IT team to install your company's certificate authority on this computer.")]
    UntrustedCertificate { server: String, detail: String },
    #[error("Wrong username or password. Check both and try again.")]
    InvalidCredentials,
    #[error("Your session has expired. Sign in again; your cached cases stay available.")]
    SessionExpired,
    #[error("The server sent an answer the console does not understand ({detail}). Check that console and server versions match.")]
    Unexpected { detail: String },
    /// The server refused the request: `refusal` says how, `detail` is the server's words.
    #[error("{}", refusal.sentence(detail))]
    Refused {
        refusal: Refusal,
        detail: String,
        /// For a limit or a callback tried too soon: when it may be tried again.
        resets_at: Option<chrono::DateTime<chrono::Utc>>,
        /// For a limit: which one.
        limit: Option<sportello_protocol::PasswordLimit>,
    },
}

/// How the server refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A delivery-password limit (rule 3.7).
    Limit,
    /// Only a lead may do this (rule 3.6).
    LeadRequired,
    /// The case's state forbids it: a finished shipment or callback, a closed ticket.
    NotPossible,
    /// A callback attempt too soon after the last (rule 4.2).
    TooSoon,
    /// Too many requests (429).
    Throttled,
    /// Not on the server (404).
    NotFound,
    /// The request makes no sense to the server (422).
    Invalid,
    /// Anything else the server answered with an error.
    Other,
}

impl Refusal {
    fn sentence(self, detail: &str) -> String {
        match self {
            Refusal::Limit => format!("Limit reached: {detail}."),
            Refusal::LeadRequired => format!("Not allowed: {detail}."),
            Refusal::NotPossible => format!("Not possible: {detail}."),
            Refusal::TooSoon => format!("Too soon: {detail}."),
            Refusal::Throttled => format!("The server refused: {detail}."),
            Refusal::NotFound | Refusal::Invalid | Refusal::Other => format!(
                "The server refused the request: {detail}. Try again; if it persists, tell your team lead."
            ),
        }
    }
}

impl ClientError {
    /// The server did not answer: nothing was done, and trying later may work.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            ClientError::Unreachable { .. } | ClientError::UntrustedCertificate { .. }
        )
    }

    /// The server no longer takes the session's token.
    pub fn ends_session(&self) -> bool {
        matches!(self, ClientError::SessionExpired)
    }

    /// Worth asking again after a pause: the network, or a server that failed the request
    /// rather than refusing it for what it asked.
    pub fn is_transient(&self) -> bool {
        self.is_unreachable()
            || matches!(
                self,
                ClientError::Unexpected { .. }
                    | ClientError::Refused {
                        refusal: Refusal::Throttled | Refusal::Other,
                        ..
                    }
            )
    }
}

type Result<T, E = ClientError> = std::result::Result<T, E>;

/// A client for one server.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

/// Checks and normalises a server URL typed by an agent. The console speaks HTTPS; plain HTTP
/// only to this computer (rule 1.2), where nothing crosses a network.
pub fn normalise_url(url: &str) -> Result<String> {
    let trimmed = url.trim().trim_end_matches('/');
    let not_an_address = || ClientError::InvalidAddress {
        address: trimmed.to_string(),
    };
    let parsed = reqwest::Url::parse(trimmed).map_err(|_| not_an_address())?;
    let Some(host) = parsed.host() else {
        return Err(not_an_address());
    };
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => {
            return Err(ClientError::PlainHttp {
                address: trimmed.to_string(),
            })
        }
        _ => return Err(not_an_address()),
    }
    Ok(trimmed.to_string())
}

/// `localhost`, `127.0.0.0/8` or `::1`.
fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

impl Client {
    pub fn new(base: &str) -> Result<Client> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| ClientError::Unexpected {
                detail: format!("cannot start HTTP: {e}"),
            })?;
        Ok(Client {
            http,
            base: normalise_url(base)?,
            token: None,
        })
    }

    pub fn with_token(mut self, token: String) -> Client {
        self.token = Some(token);
        self
    }

    fn api(&self, path: &str) -> String {
        format!("{}{}{path}", self.base, sportello_protocol::API_PREFIX)
    }

    fn unreachable(&self, e: &reqwest::Error) -> ClientError {
        tracing::debug!(error = %e, "server unreachable");
        // A certificate this computer does not trust (or for another name) is not a network
        // failure to wait out: say what to ask for.
        let mut source: Option<&dyn std::error::Error> = Some(e);
        while let Some(cause) = source {
            let text = cause.to_string();
            if text.contains("certificate") || text.contains("UnknownIssuer") {
                return ClientError::UntrustedCertificate {
                    server: self.base.clone(),
                    detail: text,
                };
            }
            source = cause.source();
        }
        ClientError::Unreachable {
            server: self.base.clone(),
        }
    }

    /// Whether the server answers at all (a short timeout: used at start-up).
    pub async fn reachable(&self) -> bool {
        self.http
            .get(format!("{}/healthz", self.base))
            .timeout(Duration::from_secs(2))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
    }

    pub async fn login(&self, username: &str, password: &str) -> Result<LoginResponse> {
        let res = self
            .http
            .post(self.api("/auth/login"))
            .json(&LoginRequest {
                username: username.into(),
                password: password.into(),
            })
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        if res.status() == StatusCode::UNAUTHORIZED {
            return Err(ClientError::InvalidCredentials);
        }
        self.decode(res).await
    }

    pub async fn sync_page(&self, since: i64, limit: u32) -> Result<RawSyncPage> {
        let res = self
            .http
            .get(self.api(&format!("/sync?since={since}&limit={limit}")))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        self.decode(res).await
    }

    /// `GET {path}` under the API with the session's token, held open up to `timeout`; a
    /// refusal is decoded as any other answer. For the pushed feed (the `stream` module).
    pub(crate) async fn open(&self, path: &str, timeout: Duration) -> Result<reqwest::Response> {
        let res = self
            .http
            .get(self.api(path))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        if res.status().is_success() {
            return Ok(res);
        }
        Err(self
            .decode::<serde_json::Value>(res)
            .await
            .err()
            .unwrap_or(ClientError::Unexpected {
                detail: "a refusal without a problem".into(),
            }))
    }

    /// The server's address, as the agent gave it.
    pub(crate) fn server(&self) -> &str {
        &self.base
    }

    /// Sends the current delivery password again to a contact on file.
    pub async fn resend_password(
        &self,
        shipment_id: &str,
        request: &ResendRequest,
        idempotency_key: &str,
    ) -> Result<Shipment> {
        self.action(
            &format!("/shipments/{shipment_id}/password/resend"),
            request,
            idempotency_key,
        )
        .await
    }

    /// Retires the delivery password and mails a new one to the account e-mail.
    pub async fn regenerate_password(
        &self,
        shipment_id: &str,
        request: &RegenerateRequest,
        idempotency_key: &str,
    ) -> Result<Shipment> {
        self.action(
            &format!("/shipments/{shipment_id}/password/regenerate"),
            request,
            idempotency_key,
        )
        .await
    }

    /// Checks the code a recipient tells the courier (courier role; rule 3.9). The shipment
    /// id is typed or scanned, so it goes into the path as one encoded segment.
    pub async fn verify_password(&self, shipment_id: &str, code: &str) -> Result<VerifyResponse> {
        let mut url = reqwest::Url::parse(&self.api("/shipments")).map_err(|e| {
            ClientError::InvalidAddress {
                address: format!("{} ({e})", self.base),
            }
        })?;
        url.path_segments_mut()
            .map_err(|()| ClientError::InvalidAddress {
                address: self.base.clone(),
            })?
            .extend([shipment_id, "password", "verify"]);
        let res = self
            .http
            .post(url)
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .json(&VerifyRequest { code: code.into() })
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        self.decode(res).await
    }

    /// Who the token belongs to, and the contact-token key (rule 5.2).
    pub async fn session(&self) -> Result<SessionInfo> {
        let res = self
            .http
            .get(self.api("/auth/session"))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        self.decode(res).await
    }

    /// The audit chain's head, signed (leads and admins).
    pub async fn audit_checkpoint(&self) -> Result<sportello_protocol::Checkpoint> {
        self.get("/audit/checkpoint").await
    }

    /// The public keys checkpoints are signed with (leads and admins).
    pub async fn audit_keys(&self) -> Result<Vec<sportello_protocol::AuditKey>> {
        self.get("/audit/keys").await
    }

    /// A signed `GET` of `path` under the API.
    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T> {
        let res = self
            .http
            .get(self.api(path))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        self.decode(res).await
    }

    /// The full number of a callback's phone, to dial it (rule 5.3); never cached.
    pub async fn reveal_phone(&self, callback_id: &str) -> Result<RevealedPhone> {
        let res = self
            .http
            .post(self.api(&format!("/callbacks/{callback_id}/reveal")))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        self.decode(res).await
    }

    /// Says the agent is typing a reply on a ticket (the customer's page of a live chat
    /// shows it); a short timeout, as it is only worth its moment.
    pub async fn typing(&self, ticket_id: &str) -> Result<()> {
        let res = self
            .http
            .post(self.api(&format!("/tickets/{ticket_id}/typing")))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .timeout(Duration::from_secs(3))
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        if res.status().is_success() {
            return Ok(());
        }
        // Not a success: `decode` says why.
        self.decode::<serde::de::IgnoredAny>(res).await.map(|_| ())
    }

    /// Ends the session on the server, if it answers (best effort: the console forgets the
    /// token either way).
    pub async fn logout(&self) {
        let _ = self
            .http
            .post(self.api("/auth/logout"))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .timeout(Duration::from_secs(3))
            .send()
            .await;
    }

    /// A ticket as the server has it now.
    pub async fn ticket(&self, ticket_id: &str) -> Result<Ticket> {
        let res = self
            .http
            .get(self.api(&format!("/tickets/{ticket_id}")))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        self.decode(res).await
    }

    /// Adds a reply or an internal note to a ticket.
    pub async fn add_message(
        &self,
        ticket_id: &str,
        message: &NewMessage,
        idempotency_key: &str,
    ) -> Result<Ticket> {
        self.action(
            &format!("/tickets/{ticket_id}/messages"),
            message,
            idempotency_key,
        )
        .await
    }

    /// Logs a callback on a ticket.
    pub async fn log_callback(
        &self,
        ticket_id: &str,
        callback: &NewCallback,
        idempotency_key: &str,
    ) -> Result<Ticket> {
        self.action(
            &format!("/tickets/{ticket_id}/callbacks"),
            callback,
            idempotency_key,
        )
        .await
    }

    /// Logs an attempt on a callback; answers the callback's ticket.
    pub async fn log_attempt(
        &self,
        callback_id: &str,
        attempt: &NewAttempt,
        idempotency_key: &str,
    ) -> Result<Ticket> {
        self.action(
            &format!("/callbacks/{callback_id}/attempts"),
            attempt,
            idempotency_key,
        )
        .await
    }

    /// Closes a ticket; the server mails the customer the summary.
    pub async fn close_ticket(
        &self,
        ticket_id: &str,
        request: &CloseTicket,
        idempotency_key: &str,
    ) -> Result<Ticket> {
        self.action(
            &format!("/tickets/{ticket_id}/close"),
            request,
            idempotency_key,
        )
        .await
    }

    /// A state-changing request, safe to repeat with the same key.
    async fn action<B: serde::Serialize, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: &str,
    ) -> Result<T> {
        let res = self
            .http
            .post(self.api(path))
            .bearer_auth(self.token.as_deref().unwrap_or_default())
            .header("Idempotency-Key", idempotency_key)
            .json(body)
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        self.decode(res).await
    }

    async fn decode<T: serde::de::DeserializeOwned>(&self, res: reqwest::Response) -> Result<T> {
        let status = res.status();
        if status.is_success() {
            return res.json().await.map_err(|e| ClientError::Unexpected {
                detail: e.to_string(),
            });
        }
        if status == StatusCode::UNAUTHORIZED {
            return Err(ClientError::SessionExpired);
        }
        let problem = res.json::<Problem>().await.ok();
        let detail = problem
            .as_ref()
            .and_then(|p| p.detail.clone().or(Some(p.title.clone())))
            .unwrap_or_else(|| status.to_string());
        let kind = problem
            .as_ref()
            .map(|p| p.kind.as_str())
            .unwrap_or_default();
        let refusal = match kind {
            types::PASSWORD_LIMIT => Refusal::Limit,
            types::LEAD_REQUIRED => Refusal::LeadRequired,
            types::SHIPMENT_FINISHED
            | types::PASSWORD_NOT_ACTIVE
            | types::NO_PASSWORD
            | types::TICKET_CLOSED
            | types::CALLBACK_FINISHED
            | types::WRONG_NUMBER => Refusal::NotPossible,
            types::CALLBACK_TOO_SOON => Refusal::TooSoon,
            _ if status == StatusCode::TOO_MANY_REQUESTS => Refusal::Throttled,
            _ if status == StatusCode::NOT_FOUND => Refusal::NotFound,
            _ if status == StatusCode::UNPROCESSABLE_ENTITY => Refusal::Invalid,
            _ => Refusal::Other,
        };
        let resets_at = match refusal {
            Refusal::Limit | Refusal::TooSoon => problem.as_ref().and_then(|p| p.resets_at),
            _ => None,
        };
        let limit = match refusal {
            Refusal::Limit => problem.and_then(|p| p.limit),
            _ => None,
        };
        Err(ClientError::Refused {
            refusal,
            detail,
            resets_at,
            limit,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn server_urls_are_checked_and_normalised() {
        assert_eq!(
            super::normalise_url(" http://127.0.0.1:8088/ ").unwrap(),
            "http://127.0.0.1:8088"
        );
        assert!(super::normalise_url("127.0.0.1:8088").is_err());
        // Plain HTTP only to this computer; HTTPS anywhere.
        for local in [
            "http://localhost:8088",
            "http://127.0.0.2:1",
            "http://[::1]:8088",
        ] {
            assert!(super::normalise_url(local).is_ok(), "{local}");
        }
        assert_eq!(
            super::normalise_url("https://support.example.com/").unwrap(),
            "https://support.example.com"
        );
        for remote in [
            "http://10.0.0.5:8088",
            "http://support.example.com",
            "http://[2001:db8::1]",
        ] {
            let refused = super::normalise_url(remote).unwrap_err().to_string();
            assert!(refused.contains("https://"), "{remote}: {refused}");
        }
        assert!(super::normalise_url("ftp://x").is_err());
        assert!(super::normalise_url("").is_err());
    }
}
