//! The dev server's HTTP side: serves the in-memory site (never the file system at a
//! request's whim), injects the live-reload script and the error overlay into HTML, and
//! streams reload events; connections are bounded in number, in header size and in the
//! time they may sit without sending a request, and requests naming another host are
//! refused before they reach any route.

use super::host::{self, Hosts, Verdict};
use super::livereload::{self, EVENTS_PATH};
use super::state::{site_key, ServerState};
use crate::output::Data;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Every route, the fallback and a wrong method's 405 included, sits behind the `Host`
/// check: `Router::layer` wraps each of them, so no request reaches the site without it.
pub fn router(state: Arc<ServerState>, hosts: Hosts) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(livereload::events))
        .fallback(serve)
        .layer(middleware::from_fn_with_state(hosts, only_named_hosts))
        .with_state(state)
}

/// Refuses a request that names a host this server does not answer for (`host::check`),
/// with a short plain-text reason and nothing of the site. 421 Misdirected Request rather
/// than 403: RFC 9110 gives 421 to a request whose target the server does not answer for,
/// which is the case, while 403 says the resource is there but forbidden.
async fn only_named_hosts(State(hosts): State<Hosts>, request: Request, next: Next) -> Response {
    let (status, text) = match host::check(&hosts, request.version(), request.uri(), request.headers()) {
        Verdict::Serve => return next.run(request).await,
        Verdict::BadRequest => (StatusCode::BAD_REQUEST, "An HTTP/1.1 request must carry exactly one Host header.\n"),
        Verdict::Misdirected => (StatusCode::MISDIRECTED_REQUEST, host::ANSWERED),
    };
    let headers = [
        (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (status, headers, text).into_response()
}

/// How long a connection may take to send a request's headers, counted from when the
/// server starts waiting for them (hyper's header-read timer). So it is also the idle
/// keep-alive timeout: a new connection that sends nothing and a kept-alive one idle since
/// its last response are both closed after this long. Open live-reload streams are not
/// waiting for headers and stay open.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections served at once. Each browser tab holds about seven (six for requests, one
/// live-reload stream), so this is dozens of tabs; past it the next connection waits in
/// the kernel's queue until one closes, which `HEADER_TIMEOUT` bounds for idle ones.
pub const MAX_CONNECTIONS: usize = 512;

/// The most bytes a request's head may take; a larger one gets 431. Cookies that other
/// local development servers set on `localhost` are sent here too, so not much smaller.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Serves `router` on `listener` until the future is dropped.
pub async fn serve_connections(listener: TcpListener, router: Router) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // Acquired before accepting, so a full server leaves new clients queued, not refused.
        let Ok(slot) = slots.clone().acquire_owned().await else { return };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a client gone before it was accepted: retry
            // shortly rather than spin or stop serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            // The slot frees when this connection ends, however it ends.
            let _slot = slot;
            // A timeout or a client that went away ends this connection, nothing more.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// What a `Location` header may carry unescaped: unreserved characters and `/`.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// Percent-encodes a site key for a `Location` header, keeping `/` between segments.
fn encode_path(key: &str) -> String {
    utf8_percent_encode(key, PATH_KEEP).to_string()
}

/// The `Content-Type` for a site file, by its extension. Text, JavaScript included, is
/// always UTF-8 here: the site is written that way.
pub fn content_type(key: &str) -> Cow<'static, str> {
    match mime_guess::from_path(key).first_raw() {
        Some(t) if t.starts_with("text/") || t.ends_with("/javascript") => Cow::Owned(format!("{t}; charset=utf-8")),
        Some(t) => Cow::Borrowed(t),
        None => Cow::Borrowed("application/octet-stream"),
    }
}

async fn serve(State(state): State<Arc<ServerState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")]).into_response();
    }
    let key = site_key(uri.path());
    // A path that names no site file finds nothing, and gets the 404 page below.
    let mut shown = Shown::of(&state, key.as_deref().unwrap_or("")).await;
    let found = match &shown.data {
        Some(data) => read(data, &state.root).await,
        None => None,
    };
    let (status, key, bytes) = match (found, &key) {
        (Some(bytes), Some(k)) => (StatusCode::OK, k.clone(), bytes),
        (None, Some(k)) if shown.folder => {
            // `/posts/foo` is the folder `/posts/foo/`: send the browser there so relative
            // links work. Built from the cleaned key, never the raw path, so `//host` can't
            // turn it into a redirect to another site.
            let mut location = format!("/{}/", encode_path(k));
            if let Some(q) = uri.query() {
                location.push('?');
                location.push_str(q);
            }
            return (
                StatusCode::PERMANENT_REDIRECT,
                [(header::LOCATION, location), (header::CACHE_CONTROL, "no-store".into())],
            )
                .into_response();
        }
        _ => {
            // Itself perhaps still being drawn after a template edit.
            shown = Shown::of(&state, "404.html").await;
            let page = match &shown.data {
                Some(data) => read(data, &state.root).await,
                None => None,
            };
            let page = page
                .unwrap_or_else(|| b"<!DOCTYPE html><title>Not found</title><body><h1>Not found</h1></body>".to_vec());
            (StatusCode::NOT_FOUND, "404.html".to_string(), page)
        }
    };
    let ctype = content_type(&key);
    let body = if ctype.starts_with("text/html") {
        livereload::inject(&String::from_utf8_lossy(&bytes), shown.build_id, shown.error.as_deref()).into_bytes()
    } else {
        bytes
    };
    let len = body.len();
    let mut response =
        if method == Method::HEAD { Response::new(Body::empty()) } else { Response::new(Body::from(body)) };
    *response.status_mut() = status;
    let headers = response.headers_mut();
    let ctype = HeaderValue::from_str(&ctype).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, ctype);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

/// What a request takes of the snapshot that serves it, so that the snapshot is not held
/// while a file is read: the watch loop changes a snapshot no request holds in place.
struct Shown {
    data: Option<Arc<Data>>,
    /// The key names a folder with an index page (`/posts/foo` for `/posts/foo/`).
    folder: bool,
    build_id: u64,
    error: Option<String>,
}

impl Shown {
    async fn of(state: &ServerState, key: &str) -> Shown {
        let snapshot = state.serving(key).await;
        let folder = !key.ends_with(".html") && snapshot.files.contains_key(&format!("{key}/index.html"));
        Shown {
            data: snapshot.files.get(key).cloned(),
            folder,
            build_id: snapshot.build_id,
            error: snapshot.error.clone(),
        }
    }
}

/// Bytes of one site file. Copied files are read from their source, which must still
/// resolve inside the site root: a symlink pointing elsewhere is not served.
async fn read(data: &Data, root: &Path) -> Option<Vec<u8>> {
    match data {
        Data::Bytes(b) => Some(b.clone()),
        Data::Copy(src) | Data::Published { path: src, .. } => {
            let real = tokio::fs::canonicalize(src).await.ok()?;
            if !real.starts_with(root) {
                return None;
            }
            tokio::fs::read(real).await.ok()
        }
        // serve renders into memory and never stages; a staging folder is not the site.
        Data::Staged { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_for_ordinary_paths() {
        assert_eq!(site_key("/").as_deref(), Some("index.html"));
        assert_eq!(site_key("/posts/a/").as_deref(), Some("posts/a/index.html"));
        assert_eq!(site_key("/style.css").as_deref(), Some("style.css"));
        assert_eq!(site_key("/caf%C3%A9/").as_deref(), Some("café/index.html"));
        assert_eq!(site_key("//etc/passwd").as_deref(), Some("etc/passwd"), "stays a site key");
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../site.toml",
            "/posts/../../x",
            "/%2e%2e/site.toml",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/a%2f..%2f..%2fetc/passwd",
            "/a%5c..%5cx",
            "/..\\x",
            "/c:/windows",
            "/%00",
            "/%zz",
            "relative",
        ] {
            assert_eq!(site_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn redirect_targets_are_encoded_site_paths() {
        assert_eq!(encode_path("posts/café"), "posts/caf%C3%A9");
        assert_eq!(encode_path("a b/c"), "a%20b/c");
        assert_eq!(encode_path("x-y_z.~/%?#"), "x-y_z.~/%25%3F%23", "only unreserved characters and / stay");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("f.svg"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(content_type("files/checklist.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("data.json"), "application/json");
        assert_eq!(content_type("photo.JPG"), "image/jpeg");
        assert_eq!(content_type("font.woff2"), "font/woff2");
    }
}
