//! `stratagem serve`: the live preview. Renders the plan into memory, serves it on loopback,
//! watches the plan folder, rebuilds what an edit touches, and tells open pages to reload once
//! the new pages are in place. Nothing is written into the plan folder.

mod findings;
mod http;
mod overlay;
pub mod session;
mod snapshot;
mod supervisor;
pub mod watch;
pub mod worker;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, RwLock};

use anyhow::{Context, bail};
use tokio::sync::{broadcast, watch as tokio_watch};

use crate::ExitStatus;
use crate::cli::ServeArgs;
use crate::plan;
use http::AppState;
use session::{Session, Snapshot};
use supervisor::Supervisor;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitStatus> {
    let base_path = normalise_base_path(&args.base_path)?;
    plan::check_root(&args.plan)?;
    // The port first: a taken port is said before any lint output.
    let listener = TcpListener::bind(SocketAddr::new(args.bind, args.port)).with_context(|| {
        format!(
            "cannot listen on {}:{} (is another server using it? `--port 0` picks a free port)",
            args.bind, args.port
        )
    })?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let url = format!("http://{}:{}{base_path}/", display_host(address.ip()), address.port());

    let (reloads, _) = broadcast::channel(16);
    let (stop, stopped) = tokio_watch::channel(false);
    let state = Arc::new(AppState {
        snapshot: RwLock::new(Snapshot::default()),
        reloads,
        base_path: base_path.clone(),
        shutdown: stopped,
        hosts: http::allowed_hosts(address.ip(), &args.allowed_hosts),
    });
    let options = supervisor::Options {
        plan: args.plan.clone(),
        today: args.today,
        base_url: args.base_url.clone(),
        base_path,
    };
    let supervisor = Supervisor::start(options, state.clone())?;
    let stop_worker = supervisor.stopper();
    std::thread::spawn(move || supervisor.run());
    println!("Serving `{}` at {url} — press Ctrl-C to stop", args.plan.display());

    if args.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let served = runtime.block_on(async move {
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
    });
    stop_worker();
    served?;
    println!("Stopped.");
    Ok(ExitStatus::Success)
}

/// Opens the preview in the default browser, or says why it cannot. `xdg-open` does not fail
/// when it finds no browser: it exits non-zero, which is watched for here.
fn open_browser(url: &str) {
    let url = url.to_owned();
    let cannot = move |why: String, url: &str| eprintln!("warning: cannot open a browser ({why}); open {url} yourself");
    #[cfg(all(unix, not(target_os = "macos")))]
    std::thread::spawn(move || {
        let status = std::process::Command::new("xdg-open")
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        match status {
            Ok(status) if status.success() => {}
            Ok(status) => cannot(format!("xdg-open found none: {status}"), &url),
            Err(_) => {
                if let Err(error) = opener::open(&url) {
                    cannot(error.to_string(), &url);
                }
            }
        }
    });
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    if let Err(error) = opener::open(&url) {
        cannot(error.to_string(), &url);
    }
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

/// The lines a build reports (`true` for stderr): pages, time, and the plan's problems.
fn report(session: &Session, rebuilt: Option<&session::Rebuilt>) -> Vec<(bool, String)> {
    let mut lines = Vec::new();
    let outcome = session.outcome();
    let summary = crate::diagnostic::Summary::new(outcome.files, &outcome.diagnostics);
    // The history is read once, as the preview starts: its note is said once, then.
    if let (None, Some(note)) = (rebuilt, session.history_note()) {
        lines.push((true, format!("note: {note}")));
    }
    if let Some(r) = rebuilt {
        let all = if r.full() { " (everything)" } else { "" };
        let first = match r.first_millis {
            Some(ms) => format!(" (the edited page in {ms} ms)"),
            None => String::new(),
        };
        lines.push((
            false,
            format!("Rebuilt {} pages{all} in {} ms{first}", r.pages, r.millis),
        ));
    }
    if summary.errors + summary.warnings > 0 {
        lines.push((
            true,
            format!(
                "The plan has {} error(s) and {} warning(s); pages show them until they are fixed.",
                summary.errors, summary.warnings
            ),
        ));
    }
    if let Some(error) = session.template_error() {
        lines.push((true, format!("error: {error}")));
    }
    lines
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
