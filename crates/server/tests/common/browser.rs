//! A browser without JavaScript for the customer page's tests: a client that follows no
//! redirect by itself and keeps the cookies it is given, posting forms with this site's
//! `Origin`; and what the tests read from mails and pages.

use std::collections::HashMap;

use super::*;

/// A browser without JavaScript: follows nothing by itself, keeps the cookies it is given.
pub struct Browser {
    base: String,
    client: reqwest::Client,
    pub cookies: HashMap<String, String>,
}

/// What a page answered.
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

impl Browser {
    pub fn new(server: &Server) -> Browser {
        Browser {
            base: server.url.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> Page {
        let req = if self.cookies.is_empty() {
            req
        } else {
            req.header("cookie", self.cookie_header())
        };
        let res = req.send().await.unwrap();
        for value in res.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.into(), value.into());
            }
        }
        Page {
            status: res.status().as_u16(),
            location: res
                .headers()
                .get("location")
                .map(|v| v.to_str().unwrap().to_string()),
            body: res.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let req = self.client.get(format!("{}{path}", self.base));
        self.send(req).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .form(form);
        self.send(req).await
    }

    /// Asks for help about `order` by the contact form (`contact`: `email` or `chat`), and
    /// answers the new request's ticket id.
    pub async fn ask_for_help(
        &mut self,
        topic: &str,
        order: &str,
        note: &str,
        contact: &str,
    ) -> String {
        let sent = self
            .post(
                "/customer/help",
                &[
                    ("topic", topic),
                    ("order", order),
                    ("note", note),
                    ("contact", contact),
                ],
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        sent.location
            .expect("the request's page")
            .trim_start_matches("/customer/requests/")
            .split('?')
            .next()
            .unwrap()
            .to_string()
    }

    /// Asks for a link for `email`, reads it from the mail and signs in with it.
    pub async fn sign_in(&mut self, sink: &SmtpSink, email: &str) -> String {
        let before = sink.messages().len();
        let sent = self.post("/customer/signin", &[("email", email)]).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let mails = sink.wait_for(before + 1).await;
        let mail = mails
            .iter()
            .find(|m| {
                decoded(m).contains("/customer/signin/")
                    && m.to_lowercase()
                        .contains(&format!("<{}>", email.to_lowercase()))
            })
            .unwrap_or_else(|| panic!("no sign-in link for {email} in {mails:?}"));
        let path = link_path(mail);
        let confirm = self.get(&path).await;
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        let used = self.post(&path, &[]).await;
        assert_eq!(used.status, 303, "{}", used.body);
        assert_eq!(used.location.as_deref(), Some("/customer"));
        assert!(self.cookies.contains_key("sportello_customer"));
        path
    }
}

/// A mail's text with quoted-printable soft breaks and escapes undone.
pub fn decoded(mail: &str) -> String {
    let joined = mail.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path of the sign-in link a mail carries.
pub fn link_path(mail: &str) -> String {
    let text = decoded(mail);
    let start = text.find("/customer/signin/").expect("a sign-in link");
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .next()
        .unwrap()
        .to_string()
}

/// The first customer with an active code on a shipment still on its way, and one of their
/// orders holding it: `(customer id, e-mail, order, shipment)`.
pub fn customer_with_code(store: &TestStore, skip: &str) -> (String, String, String, String) {
    let row = store.query(&format!(
        "SELECT c.id, c.email, o.id, s.id FROM delivery_passwords p
           JOIN shipments s ON s.id = p.shipment_id
           JOIN orders o ON o.id = s.order_id
           JOIN customers c ON c.id = o.customer_id
          WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
            AND s.delivery_date > '{}' AND c.id <> '{skip}'
          ORDER BY c.id, s.id LIMIT 1",
        today()
    ));
    let cols: Vec<&str> = row.trim().split('|').collect();
    assert_eq!(cols.len(), 4, "a customer with an open code: {row:?}");
    (
        cols[0].into(),
        cols[1].into(),
        cols[2].into(),
        cols[3].into(),
    )
}

/// The six digits shown in the page's code box.
pub fn code_on(page: &str) -> String {
    let start = page.find("class=\"code\"").expect("a code box");
    let after = &page[start..];
    let open = after.find('>').unwrap() + 1;
    let close = after.find("</p>").unwrap();
    after[open..close].trim().to_string()
}
