//! The carrier's tracking events: the shipment's status follows them; `shipped` issues the
//! delivery password where rule 3.1 applies, `delivered` and `returned` retire it (rule 3.11).
//! The feed's HTTP handler and the `event` command both come here, so both refuse alike.

use sportello_protocol::{AgentInfo, NewTrackingEvent, Role, Shipment, TrackingEvent};

use super::{require, Result, Services};
use crate::secrets::Code;

/// Longest location text kept.
pub const MAX_LOCATION_CHARS: usize = 200;

/// Checks and applies a tracking event, with a fresh code ready in case it issues one.
pub async fn append(
    s: &Services,
    actor: &AgentInfo,
    shipment_id: &str,
    req: NewTrackingEvent,
) -> Result<Shipment> {
    require(actor, &[Role::Integration])?;
    let keys = s.keys()?;
    if let Some(location) = &req.location {
        crate::text::check("the location", location, false, MAX_LOCATION_CHARS)?;
    }
    let code = Code::generate();
    let seal = |generation: u32| keys.seal(shipment_id, generation, &code);
    let event = TrackingEvent {
        at: req.at,
        kind: req.kind,
        location: req.location,
    };
    let shipment = s
        .store
        .append_event(
            shipment_id,
            &event,
            actor,
            &seal,
            s.secure_threshold_cents,
            s.clock.now(),
        )
        .await?;
    tracing::info!(shipment = %shipment_id, kind = event.kind.as_str(), "tracking event");
    Ok(shipment)
}
