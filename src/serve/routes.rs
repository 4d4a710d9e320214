//! The preview's routes, all read-only: the page, the story's summary, the event stream,
//! the bundled fonts, the files the watch wrote, and on-demand views. Anything else, any
//! other method, a body, an over-long address or (on loopback) a foreign `Host` is refused.

use super::hub::Hub;
use super::view::{self, Refused};
use crate::text::BUNDLED;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use futures_util::stream::{self, Stream};
use serde_json::json;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

/// The longest request target accepted (a view's query is well under it).
const MAX_TARGET: usize = 1024;

/// The page itself.
const PAGE: &str = include_str!("page.html");

/// The router for a server listening on `local`.
pub fn router(hub: Arc<Hub>, local: SocketAddr) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/state", get(state))
        .route("/events", get(events))
        .route("/view", get(view))
        .route("/fonts/{name}", get(font))
        .route("/out/{name}", get(file))
        .fallback(|| async { refuse(StatusCode::NOT_FOUND, "not found") })
        .layer(middleware::from_fn(move |req, next| guard(req, next, local)))
        .with_state(hub)
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{why}\n")).into_response()
}

/// Refuses what no route here needs: methods other than GET and HEAD, bodies, long targets,
/// and on loopback a `Host` other than the server's own (a page elsewhere cannot read it
/// through a rebound name).
async fn guard(req: Request, next: Next, local: SocketAddr) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return refuse(StatusCode::METHOD_NOT_ALLOWED, "the preview only reads");
    }
    if req.uri().to_string().len() > MAX_TARGET {
        return refuse(StatusCode::URI_TOO_LONG, "request target too long");
    }
    let has_body = req.headers().get(header::CONTENT_LENGTH).is_some_and(|v| v != "0")
        || req.headers().contains_key(header::TRANSFER_ENCODING);
    if has_body {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, "the preview takes no request body");
    }
    if local.ip().is_loopback() {
        let port = local.port();
        let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let own = [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
        if !own.iter().any(|o| o == host) {
            return refuse(StatusCode::FORBIDDEN, "unknown host");
        }
    }
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

async fn page() -> Response {
    let csp = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' blob:";
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CONTENT_SECURITY_POLICY, csp)], PAGE).into_response()
}

async fn state(State(hub): State<Arc<Hub>>) -> Response {
    Json(hub.summary()).into_response()
}

/// Every event of the hub, as Server-Sent Events; a page that fell behind is told to
/// load everything again.
async fn events(State(hub): State<Arc<Hub>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = stream::unfold(hub.subscribe(), |mut rx| async move {
        let text = match rx.recv().await {
            Ok(text) => text,
            Err(RecvError::Lagged(_)) => json!({ "kind": "loaded" }).to_string(),
            Err(RecvError::Closed) => return None,
        };
        Some((Ok(Event::default().data(text)), rx))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn font(Path(name): Path<String>) -> Response {
    match BUNDLED.iter().find(|(n, _)| *n == name) {
        Some((_, bytes)) => ([(header::CONTENT_TYPE, "font/ttf")], *bytes).into_response(),
        None => refuse(StatusCode::NOT_FOUND, "no such font"),
    }
}

/// A file the watch wrote, by its plain name; never a path.
async fn file(State(hub): State<Arc<Hub>>, Path(name): Path<String>) -> Response {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && !std::path::Path::new(&name).is_absolute();
    if !plain {
        return refuse(StatusCode::FORBIDDEN, "only the maps this preview wrote are served");
    }
    let Some(path) = hub.file(&name) else { return refuse(StatusCode::NOT_FOUND, "not a map this preview wrote") };
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
        Err(_) => refuse(StatusCode::NOT_FOUND, "the map is not there any more"),
    }
}

/// A view drawn on demand, one at a time; a request overtaken by a newer one while it
/// waited is dropped (409).
async fn view(State(hub): State<Arc<Hub>>, Query(q): Query<view::Query>) -> Response {
    let ticket = hub.latest.fetch_add(1, Ordering::SeqCst) + 1;
    let Ok(_one_at_a_time) = hub.renders.acquire().await else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "stopping");
    };
    if hub.latest.load(Ordering::SeqCst) != ticket {
        return (StatusCode::CONFLICT, Json(json!({ "superseded": true }))).into_response();
    }
    let drawing = hub.clone();
    match tokio::task::spawn_blocking(move || view::view(&drawing, &q)).await {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(Refused::Bad(m))) => (StatusCode::BAD_REQUEST, Json(json!({ "error": m }))).into_response(),
        Ok(Err(Refused::Broken(m))) => (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "error": m }))).into_response(),
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "the view failed"),
    }
}
