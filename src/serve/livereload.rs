//! Live reload over server-sent events: a page opens one stream, reloads when a rebuild is
//! in place, and reloads after a server restart too (the build id it was served with is
//! then unknown). The error overlay is part of the HTML itself, so it shows even before
//! the script connects.

use super::state::{site_key, ServerState};
use axum::extract::State;
use axum::http::Uri;
use axum::response::sse::{Event, KeepAlive, Sse};
use percent_encoding::percent_decode_str;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

pub const EVENTS_PATH: &str = "/__careerpress/livereload";

/// `hello` with the current build id first, then `reload` after every rebuild. The page
/// the stream was opened from (`?page=`, its path) counts as open in a browser while the
/// stream lasts: after a change to what every page shows, open pages are rendered first.
pub async fn events(
    State(state): State<Arc<ServerState>>,
    uri: Uri,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let viewer = page_key(&uri).map(|key| state.view(key));
    let receiver = state.reload.subscribe();
    let hello = Event::default().event("hello").data(state.current().build_id.to_string());
    let reloads = BroadcastStream::new(receiver).filter_map(|r| r.ok()).map(move |id| {
        // Held by the stream, so the page stops counting as open when the stream closes.
        let _ = &viewer;
        Ok(Event::default().event("reload").data(id.to_string()))
    });
    let stream = tokio_stream::once(Ok(hello)).chain(reloads);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The site key of the page a stream was opened from, if it says.
fn page_key(uri: &Uri) -> Option<String> {
    let value = uri.query()?.split('&').find_map(|pair| pair.strip_prefix("page="))?;
    // The page's path as the browser has it (percent-encoded), encoded once more as a
    // query value.
    let path = percent_decode_str(value).decode_utf8().ok()?;
    site_key(&path)
}

fn script(build_id: u64) -> String {
    format!(
        "<script>(function(){{var id=\"{build_id}\";\
var es=new EventSource(\"{EVENTS_PATH}?page=\"+encodeURIComponent(location.pathname));\
es.addEventListener(\"hello\",function(e){{if(e.data!==id)location.reload();}});\
es.addEventListener(\"reload\",function(e){{if(e.data!==id)location.reload();}});}})();</script>"
    )
}

fn overlay(error: &str) -> String {
    format!(
        "<div id=\"careerpress-error\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;z-index:2147483647;\
margin:0;padding:1rem 1.25rem;max-height:70vh;overflow:auto;background:#fff1f0;color:#5c0011;\
border-bottom:4px solid #a8071a;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap\">\
<strong>careerpress: the site does not build. Below is the last version that did, if any.</strong>\n{}</div>",
        crate::escape::html(error)
    )
}

/// Adds the overlay after `<body>` (when there is an error) and the script before `</body>`.
pub fn inject(html: &str, build_id: u64, error: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let body_open = html.find("<body").and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    let (head, rest) = match body_open {
        Some(i) => html.split_at(i),
        None => ("", html),
    };
    out.push_str(head);
    if let Some(e) = error {
        out.push_str(&overlay(e));
    }
    let script = script(build_id);
    match rest.rfind("</body>") {
        Some(i) => {
            out.push_str(&rest[..i]);
            out.push_str(&script);
            out.push_str(&rest[i..]);
        }
        None => {
            out.push_str(rest);
            out.push_str(&script);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end_and_overlay_after_body_start() {
        let html = "<html><body class=\"x\"><p>hi</p></body></html>";
        let out = inject(html, 7, Some("content/a.md:3:1: <bad>"));
        let overlay_at = out.find("careerpress-error").unwrap();
        assert!(out.find("<body class=\"x\">").unwrap() < overlay_at);
        assert!(overlay_at < out.find("<p>hi</p>").unwrap());
        assert!(out.contains("content/a.md:3:1: &lt;bad&gt;"), "error text is escaped");
        assert!(out.find("EventSource").unwrap() < out.find("</body>").unwrap());
        assert!(out.contains("var id=\"7\""));
        let clean = inject(html, 8, None);
        assert!(!clean.contains("careerpress-error"));
    }

    #[test]
    fn a_stream_names_its_page_by_site_key() {
        let key = |q: &str| page_key(&format!("{EVENTS_PATH}{q}").parse::<Uri>().unwrap());
        assert_eq!(key("?page=%2Fposts%2Ffirst%2F").as_deref(), Some("posts/first/index.html"));
        assert_eq!(key("?page=%2F").as_deref(), Some("index.html"));
        // `encodeURIComponent` of a pathname the browser already percent-encoded.
        assert_eq!(key("?x=1&page=%2Fcaf%25C3%25A9%2F").as_deref(), Some("café/index.html"));
        assert_eq!(key(""), None);
        assert_eq!(key("?page=%2F..%2F..%2Fetc%2F"), None, "never a key outside the site");
    }

    #[test]
    fn pages_without_body_still_get_the_script() {
        assert!(inject("<p>x</p>", 1, None).ends_with("</script>"));
    }
}
