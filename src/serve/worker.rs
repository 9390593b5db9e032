//! The preview's renderer: a process of its own (`stratagem serve-worker`, started by `serve`),
//! so that a template that loops or eats memory ends this process, never the server. It holds
//! the [`Session`], reads change batches (one JSON line each) on stdin, and answers each with a
//! message on stdout: the pages it rendered, the problems to overlay, and its log lines.
//!
//! A message is one JSON line; a `publish` line is followed by the bytes of its pages, one after
//! the other, in the order and sizes it lists.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::session::{Files, Problem, Rebuilt, Session};
use super::watch::Change;
use crate::ExitStatus;
use crate::cli::WorkerArgs;
use crate::plan::discover::PlanFile;
use crate::site::limits;

/// One message from the renderer to the server.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Message {
    /// Pages rendered: every page (`full`), or those that changed. Their bytes follow.
    Publish {
        full: bool,
        files: Vec<(String, usize)>,
        problems: Vec<Problem>,
        warnings: usize,
        /// The `static/` files, on a full rebuild.
        assets: Option<Vec<PlanFile>>,
    },
    /// A line for the server to print.
    Log { stderr: bool, text: String },
    /// The renderer stops, and why (a template over its limits, a plan that cannot load).
    Fatal { message: String },
}

/// A message with the page bytes that go with it.
pub struct Received {
    pub message: Message,
    pub bodies: Vec<Bytes>,
}

/// Writes a message (and, for `publish`, the page bytes) and flushes.
pub fn send(out: &mut impl Write, message: &Message, bodies: &[Bytes]) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(message)?;
    line.push(b'\n');
    out.write_all(&line)?;
    for body in bodies {
        out.write_all(body)?;
    }
    out.flush()
}

/// Reads the next message; `None` at the end of the stream.
pub fn receive(input: &mut impl BufRead) -> std::io::Result<Option<Received>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let message: Message = serde_json::from_str(&line)?;
    let mut bodies = Vec::new();
    if let Message::Publish { files, .. } = &message {
        for (_, size) in files {
            let mut body = vec![0; *size];
            input.read_exact(&mut body)?;
            bodies.push(Bytes::from(body));
        }
    }
    Ok(Some(Received { message, bodies }))
}

/// The renderer's stdout, shared with the watchdog that may have to say why it stops.
static OUT: Mutex<()> = Mutex::new(());

fn emit(message: &Message, bodies: &[Bytes]) -> std::io::Result<()> {
    let _lock = OUT.lock().unwrap_or_else(PoisonError::into_inner);
    send(&mut std::io::stdout().lock(), message, bodies)
}

/// Called by the watchdog: tells the server why, and ends the renderer.
fn stop(message: &str) -> ! {
    let _ = emit(
        &Message::Fatal {
            message: message.to_owned(),
        },
        &[],
    );
    std::process::exit(3)
}

/// Runs the renderer until stdin closes.
pub fn run(args: &WorkerArgs) -> anyhow::Result<ExitStatus> {
    ignore_interrupts()?;
    limits::watch(stop);
    let mut session = match Session::serving(args.plan.clone(), args.today, args.base_url.clone(), &args.base_path) {
        Ok(session) => session,
        Err(error) => stop(&format!("{error:#}")),
    };
    publish(&mut session, None)?;
    for line in std::io::stdin().lock().lines() {
        let changes: Vec<Change> = serde_json::from_str(&line?)?;
        // The edited documents' pages are sent as soon as they are ready: the page being
        // written reloads before the pages across the plan have rendered.
        let first = |session: &mut Session| Ok(send_pages(session)?);
        match session.apply_in_steps(&changes, first) {
            Ok(rebuilt) => publish(&mut session, Some(&rebuilt))?,
            Err(error) => emit(
                &Message::Log {
                    stderr: true,
                    text: format!("error: rebuild failed: {error:#}"),
                },
                &[],
            )?,
        }
    }
    Ok(ExitStatus::Success)
}

/// Sends what the last rebuild rendered, then its log lines.
fn publish(session: &mut Session, rebuilt: Option<&Rebuilt>) -> std::io::Result<()> {
    send_pages(session)?;
    for (stderr, text) in super::report(session, rebuilt) {
        emit(&Message::Log { stderr, text }, &[])?;
    }
    Ok(())
}

/// Sends the pages rendered since the last call, and the problems to overlay.
fn send_pages(session: &mut Session) -> std::io::Result<()> {
    let delta = session.take_delta();
    let snapshot = session.snapshot();
    let (files, bodies) = split(delta.files);
    let assets = delta.full.then(|| {
        // A name that is not UTF-8 has no URL: it cannot be served anyway.
        snapshot
            .assets
            .iter()
            .filter(|a| a.abs.to_str().is_some())
            .cloned()
            .collect()
    });
    let message = Message::Publish {
        full: delta.full,
        files,
        problems: snapshot.problems.as_ref().clone(),
        warnings: snapshot.warnings,
        assets,
    };
    emit(&message, &bodies)
}

fn split(files: Files) -> (Vec<(String, usize)>, Vec<Bytes>) {
    files
        .into_iter()
        .map(|(path, bytes)| ((path.to_string(), bytes.len()), bytes))
        .unzip()
}

/// Ctrl-C in a terminal reaches the whole process group: the server, not the renderer, decides
/// when the renderer ends (it closes its stdin).
fn ignore_interrupts() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGINT, flag)?;
    }
    Ok(())
}

/// How the server starts a renderer for `plan`.
pub fn command(
    plan: &std::path::Path,
    today: Option<jiff::civil::Date>,
    base_url: Option<&str>,
    base_path: &str,
) -> std::process::Command {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("stratagem"));
    let mut command = std::process::Command::new(exe);
    command.arg("serve-worker").arg(plan);
    if let Some(today) = today {
        command.arg("--today").arg(today.to_string());
    }
    if let Some(base_url) = base_url {
        command.arg("--base-url").arg(base_url);
    }
    command.arg("--base-path").arg(base_path);
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_pages_survive_the_pipe() {
        let mut pipe = Vec::new();
        let bodies = [Bytes::from_static(b"<p>one</p>"), Bytes::from_static(b"")];
        let message = Message::Publish {
            full: true,
            files: vec![("index.html".into(), 10), ("empty.html".into(), 0)],
            problems: Vec::new(),
            warnings: 2,
            assets: None,
        };
        send(&mut pipe, &message, &bodies).unwrap();
        send(&mut pipe, &Message::Fatal { message: "stop".into() }, &[]).unwrap();
        let mut input = std::io::BufReader::new(&pipe[..]);
        let first = receive(&mut input).unwrap().unwrap();
        assert!(matches!(first.message, Message::Publish { warnings: 2, .. }));
        assert_eq!(first.bodies, bodies);
        let second = receive(&mut input).unwrap().unwrap();
        assert!(matches!(second.message, Message::Fatal { .. }));
        assert!(receive(&mut input).unwrap().is_none());
    }
}
