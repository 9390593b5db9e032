//! The plan's `static/` files in the preview: read from disk as they are requested, in chunks
//! (a video is never held in memory), after checking again that the file still lies inside the
//! plan folder and is a regular file.

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use tokio::io::AsyncReadExt;

use super::respond;

/// Answers a request for the static file `rel` (inside `static/`) at `abs`.
pub async fn serve(abs: &std::path::Path, rel: &str, method: &Method, headers: &HeaderMap) -> Response {
    let path = format!("static/{rel}");
    // `abs` is `<plan>/static/<rel>`: the plan folder is that many levels up.
    let root = abs.ancestors().nth(rel.split('/').count() + 1);
    let inside = root.is_some_and(|root| crate::plan::discover::resolves_inside(root, abs));
    if !inside {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let opened = async {
        let file = tokio::fs::File::open(abs).await.ok()?;
        let metadata = file.metadata().await.ok()?;
        metadata.is_file().then_some((file, metadata))
    };
    let Some((file, metadata)) = opened.await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let etag = format!("\"{:x}-{:x}\"", metadata.len(), modified);
    respond(StatusCode::OK, &etag, headers, method, &path, metadata.len(), || {
        Body::from_stream(chunks(file))
    })
}

/// The file's bytes, 64 KiB at a time.
fn chunks(file: tokio::fs::File) -> impl futures_util::Stream<Item = std::io::Result<bytes::Bytes>> {
    stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buffer = vec![0; 64 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(bytes::Bytes::from(buffer)), Some(file)))
            }
            Err(error) => Some((Err(error), None)),
        }
    })
}
