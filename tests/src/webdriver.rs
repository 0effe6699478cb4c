//! A small W3C WebDriver client over reqwest: sessions, elements, clicks, keys, text and
//! screenshots, plus waiting for what a person would wait for.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Keys without a character, as WebDriver names them, for [`Session::press`].
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SHIFT: &str = "\u{E008}";
    pub const CONTROL: &str = "\u{E009}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const ARROW_DOWN: &str = "\u{E015}";
}

/// How long to wait for the window to show what we expect.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Session {
    http: reqwest::Client,
    base: String,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Session {
    /// Starts the app at `application` through the driver at `driver_url`.
    pub async fn start(driver_url: &str, application: &Path) -> Result<Session> {
        let options = json!({"tauri:options": {"application": application}});
        Session::create(driver_url, options).await
    }

    /// Opens MiniBrowser, WebKitGTK's own browser, through WebKitWebDriver at `driver_url`: a
    /// real browser engine, not the console's window.
    pub async fn start_browser(driver_url: &str, binary: &Path) -> Result<Session> {
        let options = json!({
            "webkitgtk:browserOptions": {"binary": binary, "args": ["--automation"]}
        });
        Session::create(driver_url, options).await
    }

    /// A session with the capabilities `always`.
    async fn create(driver_url: &str, always: Value) -> Result<Session> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()?;
        let res: Value = http
            .post(format!("{driver_url}/session"))
            .json(&json!({"capabilities": {"alwaysMatch": always}}))
            .send()
            .await?
            .json()
            .await?;
        let id = res["value"]["sessionId"]
            .as_str()
            .with_context(|| format!("no session: {res}"))?;
        Ok(Session {
            base: format!("{driver_url}/session/{id}"),
            http,
        })
    }

    /// Loads `url`, as typing it into the address bar would.
    pub async fn goto(&self, url: &str) -> Result<()> {
        self.post("/url", json!({"url": url})).await?;
        Ok(())
    }

    /// The address of the page shown.
    pub async fn current_url(&self) -> Result<String> {
        Ok(self
            .get("/url")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// Sizes the window, e.g. as a phone's screen.
    pub async fn resize(&self, width: u32, height: u32) -> Result<()> {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .await?;
        Ok(())
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res: Value = req.send().await?.json().await?;
        if let Some(error) = res["value"]["error"].as_str() {
            bail!("webdriver {path}: {error}: {}", res["value"]["message"]);
        }
        Ok(res["value"].clone())
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    /// How long an async script may run before the driver gives up on it.
    pub async fn set_script_timeout(&self, timeout: Duration) -> Result<()> {
        self.post("/timeouts", json!({"script": timeout.as_millis() as u64}))
            .await?;
        Ok(())
    }

    /// Runs `script` in the page as an async script (it calls its last argument with the
    /// answer) and returns the answer.
    /// The request waits as long as a script may run (see [`Session::set_script_timeout`]).
    pub async fn execute_async(&self, script: &str, args: Value) -> Result<Value> {
        let res: Value = self
            .http
            .post(format!("{}/execute/async", self.base))
            .timeout(Duration::from_secs(900))
            .json(&json!({"script": script, "args": args}))
            .send()
            .await?
            .json()
            .await?;
        if let Some(error) = res["value"]["error"].as_str() {
            bail!(
                "webdriver execute/async: {error}: {}",
                res["value"]["message"]
            );
        }
        Ok(res["value"].clone())
    }

    /// Presses a chord on the keyboard, wherever the focus is: each key down in order, then up
    /// in reverse, e.g. `[keys::CONTROL, "k"]`.
    pub async fn press(&self, chord: &[&str]) -> Result<()> {
        let mut actions: Vec<Value> = chord
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            chord
                .iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.perform_keys(actions).await
    }

    /// Types `text` key by key into whatever has the focus.
    pub async fn type_keys(&self, text: &str) -> Result<()> {
        let actions = text
            .chars()
            .flat_map(|c| {
                let k = c.to_string();
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.perform_keys(actions).await
    }

    async fn perform_keys(&self, actions: Vec<Value>) -> Result<()> {
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .await?;
        self.call(reqwest::Method::DELETE, "/actions", None).await?;
        Ok(())
    }

    /// Runs `script` in the page and returns what it returns.
    pub async fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .await
    }

    /// Whether the keyboard's focus is inside the element `css` matches.
    pub async fn focus_is_in(&self, css: &str) -> Result<bool> {
        let inside = self
            .execute(
                "const e = document.querySelector(arguments[0]); return !!e && e.contains(document.activeElement);",
                json!([css]),
            )
            .await?;
        Ok(inside.as_bool() == Some(true))
    }

    async fn get(&self, path: &str) -> Result<Value> {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub async fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let found = self
            .post("/elements", json!({"using": "css selector", "value": css}))
            .await?;
        Ok(found
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT].as_str().map(|s| Element(s.into())))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Waits until `css` matches an element, and returns the first.
    pub async fn wait(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(e) = self.find_all(css).await?.into_iter().next() {
                return Ok(e);
            }
            if Instant::now() > deadline {
                bail!("nothing matched {css:?} within {PATIENCE:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches `css` (a dialog that closes once its action is answered).
    pub async fn wait_gone(&self, css: &str) -> Result<()> {
        let deadline = Instant::now() + PATIENCE;
        while !self.find_all(css).await?.is_empty() {
            if Instant::now() > deadline {
                bail!("{css:?} was still there after {PATIENCE:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Waits until the first match of `css` has text for which `ok` holds; returns the text.
    pub async fn wait_text(&self, css: &str, ok: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + PATIENCE;
        let mut last = String::new();
        loop {
            if let Some(e) = self.find_all(css).await?.into_iter().next() {
                // The element can be replaced between find and read: retry.
                if let Ok(text) = self.text(&e).await {
                    if ok(&text) {
                        return Ok(text);
                    }
                    last = text;
                }
            }
            if Instant::now() > deadline {
                bail!("{css:?} never showed the expected text; last seen: {last:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text(&self, e: &Element) -> Result<String> {
        Ok(self
            .get(&format!("/element/{}/text", e.0))
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    pub async fn attribute(&self, e: &Element, name: &str) -> Result<Option<String>> {
        Ok(self
            .get(&format!("/element/{}/attribute/{name}", e.0))
            .await?
            .as_str()
            .map(str::to_string))
    }

    pub async fn click(&self, e: &Element) -> Result<()> {
        self.post(&format!("/element/{}/click", e.0), json!({}))
            .await?;
        Ok(())
    }

    /// Replaces an input's value with `text`, as typing would.
    /// Types `text` into the field, replacing what it held, and checks that the field took
    /// it, typing again up to three times. A field that silently kept nothing would make a
    /// `required` form refuse to submit without a word, and the test wait for an answer
    /// that never comes (one unexplained timeout of that shape on a fresh machine).
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let e = self.wait(css).await?;
        let mut held = Value::Null;
        for _ in 0..3 {
            self.post(&format!("/element/{}/clear", e.0), json!({}))
                .await?;
            self.post(&format!("/element/{}/value", e.0), json!({"text": text}))
                .await?;
            held = self
                .get(&format!("/element/{}/property/value", e.0))
                .await?;
            if held.as_str() == Some(text) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        bail!("{css} would not take {text:?}; it holds {held}")
    }

    /// Clicks the first match of `css`. A click that lands on something drawn over the
    /// element for a moment (a dialog fading out, a toast) is tried again, as a person would,
    /// until [`PATIENCE`] runs out.
    pub async fn click_css(&self, css: &str) -> Result<()> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let e = self.wait(css).await?;
            match self.click(&e).await {
                Err(error)
                    if error.to_string().contains("element click intercepted")
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                other => return other,
            }
        }
    }

    /// A PNG of the window, written to `path`.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let b64 = self.get("/screenshot").await?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().ok_or_else(|| anyhow!("no screenshot data"))?)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) -> Result<()> {
        self.http.delete(&self.base).send().await?;
        Ok(())
    }
}
