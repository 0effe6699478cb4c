//! The router in-process on a seeded store with a clock the test moves, and the requests the
//! tests send through it.

use super::*;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sportello_server::clock::Clock;
use sportello_server::secrets::Keys;
use sportello_server::{app, AppState};
use tower::ServiceExt;

/// The router in-process on a seeded store (300 tickets), with a clock the test moves and
/// alice (agent) and lena (lead) signed in.
pub struct Desk {
    pub store: TestStore,
    pub router: axum::Router,
    pub clock: Clock,
    pub alice: String,
    pub lena: String,
    /// The last audit entry the seed wrote: what a test does comes after it.
    pub seeded_audit: u64,
}

/// Where a desk's clock starts: where the test run's clock started
/// (`sportello_clock::test_start`; `./dev test` runs the suite near midnight and a month's end
/// too).
pub fn start() -> DateTime<Utc> {
    sportello_server::clock::test_start()
}

impl Desk {
    pub async fn new(engine: Engine) -> Desk {
        let store = TestStore::new(engine);
        store.seed(300, 11);
        let db = sportello_server::store::open(&store.url).await.unwrap();
        let clock = Clock::fixed(start());
        let keys = Keys::load(std::path::Path::new(&store.keys_file())).unwrap();
        let router = app(AppState {
            clock: clock.clone(),
            keys: Some(std::sync::Arc::new(keys)),
            ..AppState::new(db)
        });
        let seeded_audit = store.count("SELECT seq FROM audit_head") as u64;
        let mut desk = Desk {
            store,
            router,
            clock,
            alice: String::new(),
            lena: String::new(),
            seeded_audit,
        };
        desk.alice = desk.login("alice", "alice-demo").await;
        desk.lena = desk.login("lena", "lena-demo").await;
        desk
    }

    /// The server started again over the same store, reading its keys file anew (as after a
    /// key rotation); sessions live in the store, so signed-in tokens stay good.
    pub async fn restart(&mut self) {
        let db = sportello_server::store::open(&self.store.url)
            .await
            .unwrap();
        let keys = Keys::load(std::path::Path::new(&self.store.keys_file())).unwrap();
        self.router = app(AppState {
            clock: self.clock.clone(),
            keys: Some(std::sync::Arc::new(keys)),
            ..AppState::new(db)
        });
    }

    pub async fn call(&self, req: Request<Body>) -> (StatusCode, Value, Option<String>) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let retry_after = res
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(res.into_body(), 64 << 20)
            .await
            .unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, body, retry_after)
    }

    pub async fn login(&self, user: &str, password: &str) -> String {
        let req = Request::post("/api/v1/auth/login")
            .header("content-type", "application/json")
            .body(Body::from(
                json!({"username": user, "password": password}).to_string(),
            ))
            .unwrap();
        let (status, body, _) = self.call(req).await;
        assert_eq!(status, StatusCode::OK);
        body["token"].as_str().unwrap().to_string()
    }

    pub async fn post(
        &self,
        token: &str,
        path: &str,
        body: Value,
        key: Option<&str>,
    ) -> (StatusCode, Value, Option<String>) {
        let mut req = Request::post(format!("/api/v1{path}"))
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"));
        if let Some(key) = key {
            req = req.header("idempotency-key", key);
        }
        self.call(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    /// `columns` of the audit entries of shipment `id` the test wrote, in order.
    pub fn audit(&self, columns: &str, id: &str) -> Vec<String> {
        self.rows(&format!(
            "SELECT {columns} FROM audit_chain WHERE shipment_id = '{id}' AND seq > {}
              ORDER BY seq",
            self.seeded_audit
        ))
    }

    pub fn rows(&self, sql: &str) -> Vec<String> {
        self.store.query(sql).lines().map(str::to_string).collect()
    }
}

impl Desk {
    /// `GET /api/v1{path}` as the holder of `token`.
    pub async fn get(&self, token: &str, path: &str) -> (StatusCode, Value, Option<String>) {
        let req = Request::get(format!("/api/v1{path}"))
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        self.call(req).await
    }
}

/// The delivery-password and tracking requests of the password and event tests.
impl Desk {
    /// `GET /shipments/{id}` as alice.
    pub async fn shipment(&self, id: &str) -> Value {
        let req = Request::get(format!("/api/v1/shipments/{id}"))
            .header("authorization", format!("Bearer {}", self.alice))
            .body(Body::empty())
            .unwrap();
        self.call(req).await.1
    }

    /// The id of shipment `id`'s first recipient: the account's own e-mail.
    pub async fn account_recipient(&self, id: &str) -> String {
        self.shipment(id).await["recipients"][0]["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn resend(
        &self,
        token: &str,
        shipment: &str,
        recipient: &str,
    ) -> (StatusCode, Value) {
        let body = json!({
            "recipient": recipient,
            "reason": "Customer lost the e-mail",
            "identity_check": {"method": "security_questions"},
        });
        let (status, body, _) = self
            .post(
                token,
                &format!("/shipments/{shipment}/password/resend"),
                body,
                None,
            )
            .await;
        (status, body)
    }

    pub async fn regenerate(&self, token: &str, shipment: &str) -> (StatusCode, Value) {
        let body = json!({
            "reason": "Code forwarded to the wrong person",
            "identity_check": {"method": "callback_to_number_on_file"},
        });
        let (status, body, _) = self
            .post(
                token,
                &format!("/shipments/{shipment}/password/regenerate"),
                body,
                None,
            )
            .await;
        (status, body)
    }

    pub fn open_shipment(&self) -> String {
        self.store.open_password_shipment()
    }

    pub async fn verify(&self, token: &str, id: &str, code: &str) -> (StatusCode, Value) {
        let (status, body, _) = self
            .post(
                token,
                &format!("/shipments/{id}/password/verify"),
                json!({"code": code}),
                None,
            )
            .await;
        (status, body)
    }

    pub async fn event(&self, token: &str, id: &str, kind: &str) -> (StatusCode, Value) {
        let (status, body, _) = self
            .post(
                token,
                &format!("/shipments/{id}/events"),
                json!({"kind": kind, "at": self.clock.now(), "location": "Hub"}),
                None,
            )
            .await;
        (status, body)
    }
}
