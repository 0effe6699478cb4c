//! `GET /stream?since=CURSOR&wait=SECONDS`: the change feed pushed as it moves, as server-sent
//! events. Each event `changes` carries a page of the feed (the shape `/sync` answers), with
//! the cursor it reaches as its `id`; an event `typing` (a `Typing`, no id) says a customer is
//! typing in a live chat; a comment every 15 seconds keeps idle connections open.
//! The stream ends after `wait` seconds (or when the session ends): the client opens the next
//! from its cursor, as after any disconnect, so nothing is missed or applied twice.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use serde::Deserialize;
use sportello_protocol::Problem;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::extract::ApiQuery;
use crate::service::feed;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct StreamQuery {
    /// Push changes after this cursor (0: from the start).
    #[serde(default)]
    #[param(minimum = 0)]
    since: i64,
    /// How long the stream stays open, 1 to 3600 seconds (default 300).
    #[param(minimum = 1, maximum = 3600)]
    wait: Option<u64>,
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(stream))
}

/// The feed pushed as it moves: events `changes`, each a page of the feed after the last.
#[utoipa::path(get, path = "/stream", tag = "sync", params(StreamQuery), security(("bearer" = [])), responses(
    (status = 200, description = "server-sent events `changes`, each a page of the feed (as `/sync` answers) with its `next` cursor as the event's id, and `typing` (a `Typing`: a customer typing in a live chat)", content_type = "text/event-stream", body = String),
    (status = 400, description = "a bad cursor or wait", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role reads no feed (couriers)", body = Problem, content_type = "application/problem+json"),
))]
async fn stream(
    State(s): State<AppState>,
    Signed(actor, token): Signed,
    ApiQuery(q): ApiQuery<StreamQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let follow = feed::follow(&s, &actor, token.0, q.since, q.wait.unwrap_or(300))?;
    let events = futures::stream::unfold(follow, |mut follow| async move {
        let event = match follow.next().await? {
            Ok(feed::Pushed::Page(page)) => match serde_json::to_string(&page) {
                Ok(json) => Event::default()
                    .event("changes")
                    .id(page.next.to_string())
                    .data(json),
                Err(e) => {
                    tracing::error!(error = %e, "a feed page did not serialise");
                    return None;
                }
            },
            // No id: typing moves no cursor.
            Ok(feed::Pushed::Typing(typing)) => {
                match Event::default().event("typing").json_data(&typing) {
                    Ok(event) => event,
                    Err(e) => {
                        tracing::error!(error = %e, "a typing event did not serialise");
                        return None;
                    }
                }
            }
            Err(e) => {
                // The client opens a new stream from its cursor; the cause is in the log.
                tracing::warn!(error = %e, "the stream stops");
                return None;
            }
        };
        Some((Ok(event), follow))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
