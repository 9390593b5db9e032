//! `stratagem serve`: the live preview. Renders the plan into memory, serves it on loopback,
//! watches the plan folder, rebuilds what an edit touches, and tells open pages to reload once
//! the new pages are in place. Nothing is written into the plan folder.

mod http;
mod overlay;
pub mod session;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, RwLock, mpsc};

use anyhow::{Context, bail};
use tokio::sync::{broadcast, watch as tokio_watch};

use crate::ExitStatus;
use crate::cli::ServeArgs;
use http::AppState;
use session::Session;
use watch::classify_all;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitStatus> {
    let base_path = normalise_base_path(&args.base_path)?;
    // Watch first: an edit made while the first build runs is not missed.
    let (changes, batches) = mpsc::channel();
    let _watcher = watch::watch(&args.plan, changes).context("cannot watch the plan folder")?;
    let mut session = Session::new(args.plan.clone(), args.today, args.base_url.clone())?;
    report(&session, None);

    let listener = TcpListener::bind(SocketAddr::new(args.bind, args.port)).with_context(|| {
        format!(
            "cannot listen on {}:{} (is another server using it? `--port 0` picks a free port)",
            args.bind, args.port
        )
    })?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let url = format!("http://{}:{}{base_path}/", display_host(address.ip()), address.port());
    println!("Serving `{}` at {url} — press Ctrl-C to stop", args.plan.display());

    let (reloads, _) = broadcast::channel(16);
    let (stop, stopped) = tokio_watch::channel(false);
    let state = Arc::new(AppState {
        snapshot: RwLock::new(session.snapshot()),
        reloads,
        base_path,
        shutdown: stopped,
    });

    // Rebuilds run on their own thread, so requests are answered all the while.
    let root = args.plan.canonicalize().unwrap_or_else(|_| args.plan.clone());
    let rebuild_state = state.clone();
    std::thread::spawn(move || {
        while let Ok(mut paths) = batches.recv() {
            // Take whatever else arrived meanwhile: one rebuild for a burst of saves.
            while let Ok(more) = batches.try_recv() {
                paths.extend(more);
            }
            let changes = classify_all(
                &root,
                paths.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())),
            );
            if changes.is_empty() {
                continue;
            }
            match session.apply(&changes) {
                Ok(rebuilt) => {
                    let snapshot = session.snapshot();
                    let generation = snapshot.generation;
                    if let Ok(mut current) = rebuild_state.snapshot.write() {
                        *current = snapshot;
                    }
                    // Only now that the new pages are in place may the pages reload.
                    let _ = rebuild_state.reloads.send(generation);
                    report(&session, Some(&rebuilt));
                }
                Err(error) => eprintln!("error: rebuild failed: {error:#}"),
            }
        }
    });

    if args.open
        && let Err(error) = opener::open(&url)
    {
        eprintln!("warning: cannot open a browser: {error}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = axum::Router::new().fallback({
            let state = state.clone();
            move |method, uri, headers| http::handle(state.clone(), method, uri, headers)
        });
        let shutdown = async move {
            let _ = tokio::signal::ctrl_c().await;
            // Ends the event streams, so that open pages do not hold the server up.
            let _ = stop.send(true);
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the server stopped")
    })?;
    println!("Stopped.");
    Ok(ExitStatus::Success)
}

/// `team/strategy/` → `/team/strategy`; `/` or empty → ``.
fn normalise_base_path(raw: &str) -> anyhow::Result<String> {
    let trimmed = raw.trim_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    if trimmed.split('/').any(|p| p.is_empty() || p == "." || p == "..") || trimmed.contains(['?', '#', '\\']) {
        bail!("`--base-path {raw}` is not a plain path like `/team/strategy`");
    }
    Ok(format!("/{trimmed}"))
}

fn display_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// A line per build: pages, time, and the plan's problems.
fn report(session: &Session, rebuilt: Option<&session::Rebuilt>) {
    let outcome = session.outcome();
    let summary = crate::diagnostic::Summary::new(outcome.files, &outcome.diagnostics);
    if let Some(r) = rebuilt {
        println!(
            "Rebuilt {} pages{} in {} ms",
            r.pages,
            if r.full { " (everything)" } else { "" },
            r.millis
        );
    }
    if summary.errors + summary.warnings > 0 {
        eprintln!(
            "The plan has {} error(s) and {} warning(s); pages show them until they are fixed.",
            summary.errors, summary.warnings
        );
    }
    if let Some(error) = session.template_error() {
        eprintln!("error: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised_and_checked() {
        assert_eq!(normalise_base_path("/").unwrap(), "");
        assert_eq!(normalise_base_path("team/strategy/").unwrap(), "/team/strategy");
        assert!(normalise_base_path("/a/../b").is_err());
    }
}
