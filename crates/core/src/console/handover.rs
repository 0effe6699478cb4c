//! The courier's hand-over screen (rule 3.9): a courier who signs in to the console checks the
//! code a recipient tells, and does nothing else. The session lives in memory only (no cache,
//! no profile, no keyring entry), so a hand-over device keeps nothing of anyone's, and the
//! last agent's cache on the computer stays as it was, locked.

use sportello_protocol::{AgentInfo, VerifyResponse};

use super::Console;
use crate::client::{Client, ClientError, Refusal};
use crate::types::{Connection, ConsoleError, ConsoleStatus, ErrorCode, ErrorKind};

/// A courier's session on this console.
#[derive(Clone)]
pub(super) struct Courier {
    pub client: Client,
    pub server_url: String,
    pub agent: AgentInfo,
}

impl Courier {
    /// What the console shows while a courier is signed in: online, nothing cached.
    pub fn status(&self) -> ConsoleStatus {
        ConsoleStatus {
            connection: Connection::Online,
            server_url: Some(self.server_url.clone()),
            username: Some(self.agent.username.clone()),
            agent: Some(self.agent.clone()),
            last_sync_at: None,
            cached_tickets: 0,
            cache_available: false,
            locked: false,
            pending_actions: 0,
            failed_actions: 0,
        }
    }
}

/// The digits of what the recipient told, without the spaces a courier may type between
/// groups; `None` unless that is six digits (such a typo is not sent, so it costs no attempt).
fn six_digits(told: &str) -> Option<String> {
    let digits: String = told.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

impl Console {
    /// Checks the code a recipient tells for a shipment (courier accounts only): whether it
    /// releases the parcel, and how many wrong codes the password still takes.
    pub async fn hand_over(
        &self,
        shipment_id: &str,
        told: &str,
    ) -> Result<VerifyResponse, ConsoleError> {
        let shipment_id = shipment_id.trim();
        if shipment_id.is_empty() {
            return Err(ConsoleError::new(
                ErrorKind::InvalidInput,
                ErrorCode::ShipmentIdMissing,
                "Type or scan the shipment id from the parcel's label.",
            ));
        }
        let Some(code) = six_digits(told) else {
            return Err(ConsoleError::new(
                ErrorKind::InvalidInput,
                ErrorCode::CodeNotSixDigits,
                "A delivery password has six digits. Ask the recipient to read it again; nothing was checked.",
            ));
        };
        let Some(courier) = self.state.lock().await.courier.clone() else {
            return Err(ConsoleError::new(
                ErrorKind::NotAllowed,
                ErrorCode::CourierOnly,
                "Only a courier's account checks delivery passwords. Sign in with the courier's account.",
            ));
        };
        match courier.client.verify_password(shipment_id, &code).await {
            Ok(answer) => Ok(answer),
            Err(ClientError::Refused {
                refusal: Refusal::NotFound,
                ..
            }) => Err(ConsoleError::new(
                ErrorKind::NotFound,
                ErrorCode::UnknownShipment,
                format!("There is no shipment {shipment_id}. Check the id on the parcel's label; nothing was checked."),
            )
            .with("id", shipment_id)),
            Err(e) => {
                // The server ended the session (a courier locked out after too many wrong
                // codes, rule 3.9): the screen goes back to signing in.
                if e.ends_session() {
                    self.state.lock().await.courier = None;
                }
                Err(e.into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_six_digits_are_sent_spaces_aside() {
        assert_eq!(super::six_digits(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(super::six_digits("012345").as_deref(), Some("012345"));
        for wrong in ["", "12345", "1234567", "12a456", "１２３４５６", "123-456"] {
            assert_eq!(super::six_digits(wrong), None, "{wrong:?}");
        }
    }
}
