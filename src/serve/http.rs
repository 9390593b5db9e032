//! The preview's HTTP side: pages from memory under an optional base path, with the live-reload
//! script (server-sent events) and the problems overlay injected into HTML only; `HEAD`,
//! `ETag`/`If-None-Match`, content types with UTF-8; a 404 page; nothing outside the site.

use std::convert::Infallible;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use bytes::Bytes;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use tokio::sync::{broadcast, watch};

use crate::plan::paths::{Up, apply_segments};

use super::overlay;
use super::session::Snapshot;

#[path = "asset.rs"]
mod asset;

/// The endpoint pages listen on for reload events, under the base path.
pub const EVENTS: &str = "/__stratagem/events";

/// One rebuild, as the open pages hear of it: its generation, and the pages it changed (`None`:
/// every page, as when the overlay changed). A page reloads only when it is among them.
#[derive(Clone, Debug)]
pub struct Reload {
    /// The event's data, `{"generation":7,"pages":["goals/a.html"]}`: made once, sent to every
    /// open page.
    data: Arc<str>,
}

impl Reload {
    pub fn new(generation: u64, pages: Option<&[String]>) -> Reload {
        #[derive(serde::Serialize)]
        struct Data<'a> {
            generation: u64,
            pages: Option<&'a [String]>,
        }
        let data = serde_json::to_string(&Data { generation, pages }).unwrap_or_default();
        Reload { data: data.into() }
    }

    /// A rebuild every open page shows.
    pub fn everything(generation: u64) -> Reload {
        Reload::new(generation, None)
    }
}

/// What every request handler shares.
pub struct AppState {
    pub snapshot: RwLock<Snapshot>,
    pub reloads: broadcast::Sender<Reload>,
    /// `""` or `/team/strategy` (no trailing slash).
    pub base_path: String,
    pub shutdown: watch::Receiver<bool>,
    /// Host names requests may name (lowercase, without port): see [`allowed_hosts`].
    pub hosts: Vec<String>,
}

/// The hosts the preview answers for: the address it is bound to, `localhost`, `127.0.0.1`,
/// `[::1]`, and the names given with `--allowed-host`. A page on another site that points its
/// own name at 127.0.0.1 (DNS rebinding) names its own host, and is refused.
pub fn allowed_hosts(bound: std::net::IpAddr, extra: &[String]) -> Vec<String> {
    let bound = match bound {
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        std::net::IpAddr::V4(v4) => v4.to_string(),
    };
    let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(String::from).into();
    hosts.push(bound);
    hosts.extend(
        extra
            .iter()
            .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase()),
    );
    hosts
}

/// `Host: 127.0.0.1:4000` → `127.0.0.1`; `[::1]:4000` → `[::1]`.
fn host_name(value: &str) -> String {
    let value = value.trim();
    let name = if value.starts_with('[') {
        value.find(']').map_or(value, |end| &value[..=end])
    } else {
        value.rsplit_once(':').map_or(value, |(name, _)| name)
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether the request's `Host` (and, for the event stream, its `Origin`) is one of ours.
fn allowed(state: &AppState, headers: &HeaderMap, events: bool) -> bool {
    let ours = |name: &str| state.hosts.iter().any(|h| *h == name);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !host.is_some_and(|h| ours(&host_name(h))) {
        return false;
    }
    match headers.get(header::ORIGIN).map(|v| v.to_str().unwrap_or("null")) {
        Some(origin) if events => origin
            .strip_prefix("http://")
            .is_some_and(|rest| ours(&host_name(rest.split('/').next().unwrap_or_default()))),
        _ => true,
    }
}

impl AppState {
    fn current(&self) -> Snapshot {
        self.snapshot.read().map(|s| s.clone()).unwrap_or_default()
    }
}

/// Answers every request.
pub async fn handle(state: Arc<AppState>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")]).into_response();
    }
    let raw = uri.path();
    let is_events = raw.strip_prefix(&state.base_path) == Some(EVENTS);
    if !allowed(&state, &headers, is_events) {
        return (
            StatusCode::FORBIDDEN,
            "this preview answers only requests for its own address (see `stratagem serve --allowed-host`)",
        )
            .into_response();
    }
    let Some(path) = raw
        .strip_prefix(&state.base_path)
        .filter(|p| p.is_empty() || p.starts_with('/'))
    else {
        return not_found(&state, &method);
    };
    if path == EVENTS {
        return events(state).await.into_response();
    }
    let Some(path) = site_path(path) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let snapshot = state.current();
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(bytes) = snapshot.pages.get(key.as_str()) {
        return page(&state, &snapshot, &key, bytes, &method, &headers, StatusCode::OK);
    }
    if let Some(file) = path
        .strip_prefix("static/")
        .and_then(|rel| snapshot.assets.iter().find(|a| a.rel == rel))
    {
        return asset::serve(&file.abs, &file.rel, &method, &headers).await;
    }
    if snapshot.pages.contains_key(format!("{path}/index.html").as_str()) {
        let location = format!("{}/{path}/", state.base_path);
        return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response();
    }
    not_found(&state, &method)
}

/// The site-relative path of a request path, or `None` for anything that tries to leave the
/// site: `..` (encoded or not), backslashes, NUL, invalid UTF-8.
pub fn site_path(request: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(request).decode_utf8().ok()?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let trailing = decoded.ends_with('/');
    let mut parts = Vec::new();
    apply_segments(&mut parts, &decoded, Up::Refuse)?;
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

pub(super) fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == "text" || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg");
    if text && mime.get_param("charset").is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn page(
    state: &AppState,
    snapshot: &Snapshot,
    path: &str,
    bytes: &Bytes,
    method: &Method,
    headers: &HeaderMap,
    status: StatusCode,
) -> Response {
    // HTML gets the reload script (and the overlay); everything else is served as stored.
    let body: Bytes = if path.ends_with(".html") {
        let html = String::from_utf8_lossy(bytes);
        Bytes::from(overlay::inject(&html, path, &state.base_path, snapshot))
    } else {
        bytes.clone()
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let length = body.len() as u64;
    respond(status, &etag, headers, method, path, length, || Body::from(body))
}

/// A response with the preview's headers: `ETag`, `Cache-Control: no-cache` (the preview
/// changes under the reader's feet), and 304 when the client's copy has that tag. The body is
/// made only when it is sent.
pub(super) fn respond(
    status: StatusCode,
    etag: &str,
    headers: &HeaderMap,
    method: &Method,
    path: &str,
    length: u64,
    body: impl FnOnce() -> Body,
) -> Response {
    let fresh = status == StatusCode::OK
        && headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|v| etag_matches(v, etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = if *method == Method::HEAD { Body::empty() } else { body() };
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        if let Ok(value) = HeaderValue::from_str(&content_type(path)) {
            headers.insert(header::CONTENT_TYPE, value);
        }
        response
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn etag_matches(header: &HeaderValue, etag: &str) -> bool {
    header
        .to_str()
        .is_ok_and(|v| v.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"))
}

fn not_found(state: &AppState, method: &Method) -> Response {
    let snapshot = state.current();
    match snapshot.pages.get("404.html") {
        Some(bytes) => page(
            state,
            &snapshot,
            "404.html",
            bytes,
            method,
            &HeaderMap::new(),
            StatusCode::NOT_FOUND,
        ),
        // No site at all yet (the first render failed): a bare page, so the overlay says why.
        None if snapshot.pages.is_empty() => page(
            state,
            &snapshot,
            "index.html",
            &Bytes::from_static(NO_PAGES.as_bytes()),
            method,
            &HeaderMap::new(),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// What the preview shows before it has any page.
const NO_PAGES: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>stratagem preview</title></head>\n\
<body><main><h1>No pages yet</h1><p>The site could not be rendered; the problems are listed below. \
The page reloads by itself once they are fixed.</p></main></body></html>\n";

/// Server-sent events: the current generation at once (a page that missed a rebuild reloads),
/// then one `reload` event per rebuild (its generation and the pages it changed, as JSON), until
/// the server shuts down. A page too slow to keep up is told to reload.
async fn events(state: Arc<AppState>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = state.current().generation;
    let receiver = state.reloads.subscribe();
    let shutdown = state.shutdown.clone();
    let initial = Event::default()
        .event("hello")
        .data(first.to_string())
        .retry(Duration::from_millis(500));
    let updates = stream::unfold(
        (receiver, shutdown, state),
        |(mut receiver, mut shutdown, state)| async move {
            loop {
                tokio::select! {
                    changed = shutdown.changed() => {
                        if changed.is_err() || *shutdown.borrow() {
                            return None;
                        }
                    }
                    message = receiver.recv() => {
                        let reload = match message {
                            Ok(reload) => reload,
                            // Events this page fell behind on may have named it: it reloads.
                            Err(broadcast::error::RecvError::Lagged(_)) => {
                                Reload::everything(state.current().generation)
                            }
                            Err(broadcast::error::RecvError::Closed) => return None,
                        };
                        let event = Event::default().event("reload").data(&*reload.data);
                        return Some((Ok(event), (receiver, shutdown, state)));
                    }
                }
            }
        },
    );
    let events = stream::once(async move { Ok(initial) });
    Sse::new(futures_util::StreamExt::chain(events, updates))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_site() {
        assert_eq!(site_path("/goals/a.html").as_deref(), Some("goals/a.html"));
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/goals/").as_deref(), Some("goals/"));
        assert_eq!(site_path("/%E1%BB%A5.html").as_deref(), Some("ụ.html"));
        for bad in [
            "/../plan.toml",
            "/%2e%2e/plan.toml",
            "/goals/..%2f..%2fplan.toml",
            "/a%5c..%5cb",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_names_lose_their_port_and_case() {
        assert_eq!(host_name("127.0.0.1:4000"), "127.0.0.1");
        assert_eq!(host_name("[::1]:4000"), "[::1]");
        assert_eq!(host_name("LocalHost."), "localhost");
        assert_eq!(host_name("evil.example:4000"), "evil.example");
        let hosts = allowed_hosts("127.0.0.1".parse().unwrap(), &["Plan.Local".into()]);
        assert!(hosts.contains(&"plan.local".to_owned()));
    }

    #[test]
    fn content_types_say_utf_8_for_text() {
        assert_eq!(content_type("a.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert!(content_type("search-index.js").ends_with("charset=utf-8"));
        assert_eq!(content_type("static/logo.png"), "image/png");
    }
}
