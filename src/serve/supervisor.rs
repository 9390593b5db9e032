//! The server's side of the renderer process: starts it, forwards each batch of changes, turns
//! its messages into what is served, and starts a new one after it stopped (a template over its
//! limits). It also watches the plan folder itself: removed or replaced, the preview says in the
//! overlay and on stderr that it stopped following it, and starts again when it is back.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use jiff::civil::Date;

use super::http::{AppState, Reload};
use super::session::{Pages, Problem, Snapshot};
use super::watch::{self, Watcher, classify_all};
use super::worker::{self, Message, Received};
use crate::plan;

/// How the renderer is started.
#[derive(Clone, Debug)]
pub struct Options {
    /// The plan folder as the user named it (it may be a symbolic link).
    pub plan: PathBuf,
    pub today: Option<Date>,
    pub base_url: Option<String>,
    /// The path the site is served under (`/preview`, or empty at the root).
    pub base_path: String,
}

/// A running renderer.
struct Running {
    child: Child,
    stdin: ChildStdin,
    /// Which start this is: messages of a renderer that was replaced are ignored.
    epoch: u64,
}

/// A renderer's end: its epoch, and the reason it gave, if it gave one.
type Ended = (u64, Option<String>);

pub struct Supervisor {
    options: Options,
    /// The plan folder with links resolved: what is watched, and what events are relative to.
    root: PathBuf,
    state: Arc<AppState>,
    worker: Arc<Mutex<Option<Running>>>,
    epoch: AtomicU64,
    ended: (Sender<Ended>, Receiver<Ended>),
    watcher: Option<(Watcher, Receiver<Vec<PathBuf>>)>,
    /// The plan folder's identity (device, inode) when it was watched.
    identity: Option<(u64, u64)>,
    /// Why the preview stopped following the plan folder, while it waits for it.
    stopped: Option<String>,
    pub shutting_down: Arc<AtomicBool>,
}

impl Supervisor {
    /// Watches the plan, starts the renderer and waits for its first pages (or its end).
    pub fn start(options: Options, state: Arc<AppState>) -> anyhow::Result<Supervisor> {
        let root = options.plan.canonicalize().unwrap_or_else(|_| options.plan.clone());
        let mut supervisor = Supervisor {
            identity: identity(&root),
            root,
            options,
            state,
            worker: Arc::new(Mutex::new(None)),
            epoch: AtomicU64::new(0),
            ended: mpsc::channel(),
            watcher: None,
            stopped: None,
            shutting_down: Arc::new(AtomicBool::new(false)),
        };
        // Watch first: an edit made while the first build runs is not missed.
        supervisor.watcher = Some(supervisor.watch()?);
        let (ready, first) = mpsc::channel();
        supervisor.spawn(Some(ready))?;
        let _ = first.recv();
        Ok(supervisor)
    }

    /// Ends the renderer (the process this server started).
    fn stop_worker(worker: &Mutex<Option<Running>>) {
        if let Some(mut running) = worker.lock().ok().and_then(|mut w| w.take()) {
            let _ = running.child.kill();
            let _ = running.child.wait();
        }
    }

    /// A handle to end the renderer when the server stops.
    pub fn stopper(&self) -> impl FnOnce() + use<> {
        let worker = self.worker.clone();
        let flag = self.shutting_down.clone();
        move || {
            flag.store(true, Ordering::SeqCst);
            Supervisor::stop_worker(&worker);
        }
    }

    /// Forwards changes until the server stops.
    pub fn run(mut self) {
        loop {
            let batch = match &self.watcher {
                Some((_, batches)) => match batches.recv_timeout(Duration::from_millis(250)) {
                    Ok(batch) => Some(batch),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => break,
                },
                None => {
                    std::thread::sleep(Duration::from_millis(250));
                    None
                }
            };
            if let Some(mut paths) = batch {
                // Take whatever else arrived meanwhile: one rebuild for a burst of saves.
                if let Some((_, batches)) = &self.watcher {
                    while let Ok(more) = batches.try_recv() {
                        paths.extend(more);
                    }
                }
                self.forward(&paths);
            }
            while let Ok((epoch, reason)) = self.ended.1.try_recv() {
                self.on_ended(epoch, reason);
            }
            if self.shutting_down.load(Ordering::SeqCst) {
                break;
            }
            self.check_root();
        }
    }

    fn watch(&self) -> anyhow::Result<(Watcher, Receiver<Vec<PathBuf>>)> {
        let (changes, batches) = mpsc::channel();
        let watcher = watch::watch(&self.root, changes).context("cannot watch the plan folder")?;
        Ok((watcher, batches))
    }

    fn forward(&mut self, paths: &[PathBuf]) {
        let changes = classify_all(&self.root, paths.iter().cloned());
        if changes.is_empty() || self.stopped.is_some() {
            return;
        }
        let line = serde_json::to_string(&changes).unwrap_or_default();
        let sent = self.worker.lock().ok().is_some_and(|mut w| {
            w.as_mut().is_some_and(|running| {
                writeln!(running.stdin, "{line}")
                    .and_then(|()| running.stdin.flush())
                    .is_ok()
            })
        });
        if !sent {
            // No renderer (it stopped): a new one renders everything, this change included.
            Supervisor::stop_worker(&self.worker);
            if let Err(error) = self.spawn(None) {
                self.show(Problem::new("preview", &format!("{error:#}")));
            }
        }
    }

    /// Starts a renderer and the thread that reads what it sends.
    fn spawn(&self, ready: Option<Sender<()>>) -> anyhow::Result<()> {
        let options = &self.options;
        let mut child = worker::command(
            &self.root,
            options.today,
            options.base_url.as_deref(),
            &options.base_path,
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot start the preview's renderer")?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            anyhow::bail!("cannot talk to the preview's renderer");
        };
        let epoch = self.epoch.fetch_add(1, Ordering::SeqCst) + 1;
        let state = self.state.clone();
        let ended = self.ended.0.clone();
        std::thread::spawn(move || {
            let reason = read(stdout, &state, ready);
            let _ = ended.send((epoch, reason));
        });
        if let Ok(mut worker) = self.worker.lock() {
            *worker = Some(Running { child, stdin, epoch });
        }
        Ok(())
    }

    fn on_ended(&mut self, epoch: u64, reason: Option<String>) {
        let current = self.worker.lock().ok().and_then(|w| w.as_ref().map(|r| r.epoch));
        if current != Some(epoch) || self.shutting_down.load(Ordering::SeqCst) {
            return;
        }
        let status = self
            .worker
            .lock()
            .ok()
            .and_then(|mut w| w.take())
            .map(|mut r| r.child.wait());
        let message = reason.unwrap_or_else(|| match status {
            Some(Ok(status)) => format!("the preview's renderer stopped unexpectedly ({status})"),
            _ => "the preview's renderer stopped unexpectedly".to_owned(),
        });
        eprintln!("error: {message}");
        eprintln!("The preview keeps the last good pages; save a file to render again.");
        let location = if message.starts_with("template error") {
            "templates"
        } else {
            "preview"
        };
        self.show(Problem::new(location, &message));
    }

    /// Puts a problem at the top of the overlay and reloads open pages to show it.
    fn show(&self, problem: Problem) {
        let generation = {
            let Ok(mut snapshot) = self.state.snapshot.write() else {
                return;
            };
            let mut problems = vec![problem];
            problems.extend(snapshot.problems.iter().filter(|p| p.rule != "preview").cloned());
            snapshot.problems = Arc::new(problems);
            snapshot.generation += 1;
            snapshot.generation
        };
        let _ = self.state.reloads.send(Reload::everything(generation));
    }

    /// Notices the plan folder removed or replaced, and comes back when it returns.
    fn check_root(&mut self) {
        if self.stopped.is_none() {
            if identity(&self.root).is_some() && identity(&self.root) == self.identity {
                return;
            }
            self.watcher = None;
            let message = format!(
                "the plan folder `{}` was removed or replaced: the preview stopped following it and shows \
                 the last pages it had; it starts again when the folder is back",
                self.options.plan.display()
            );
            eprintln!("warning: {message}");
            self.show(Problem::new("preview", &message));
            self.stopped = Some(message);
            return;
        }
        if plan::check_root(&self.options.plan).is_err() {
            return;
        }
        self.root = self
            .options
            .plan
            .canonicalize()
            .unwrap_or_else(|_| self.options.plan.clone());
        self.identity = identity(&self.root);
        match self.watch() {
            Ok(watcher) => self.watcher = Some(watcher),
            Err(_) => return,
        }
        self.stopped = None;
        eprintln!("The plan folder is back: rendering it again.");
        Supervisor::stop_worker(&self.worker);
        if let Err(error) = self.spawn(None) {
            self.show(Problem::new("preview", &format!("{error:#}")));
        }
    }
}

impl Problem {
    fn new(location: &str, message: &str) -> Problem {
        Problem {
            location: location.to_owned(),
            rule: "preview".to_owned(),
            message: message.to_owned(),
        }
    }
}

/// Reads a renderer's messages until it ends; returns the reason it gave for stopping.
fn read(stdout: std::process::ChildStdout, state: &AppState, mut ready: Option<Sender<()>>) -> Option<String> {
    let mut input = std::io::BufReader::new(stdout);
    let mut reason = None;
    while let Ok(Some(Received { message, bodies })) = worker::receive(&mut input) {
        match message {
            Message::Publish {
                full,
                files,
                problems,
                warnings,
                assets,
            } => {
                let reload = publish(
                    state,
                    full,
                    files.into_iter().map(|(p, _)| p).zip(bodies),
                    problems,
                    warnings,
                    assets,
                );
                let _ = state.reloads.send(reload);
                if let Some(ready) = ready.take() {
                    let _ = ready.send(());
                }
            }
            Message::Log { stderr: true, text } => eprintln!("{text}"),
            Message::Log { stderr: false, text } => println!("{text}"),
            Message::Fatal { message } => reason = Some(message),
        }
    }
    if let Some(ready) = ready {
        let _ = ready.send(());
    }
    reason
}

/// Makes the renderer's pages what the server shows; returns the reload it makes: the pages it
/// replaced, or every page when it replaced all of them or the overlay changed.
fn publish(
    state: &AppState,
    full: bool,
    files: impl Iterator<Item = (String, bytes::Bytes)>,
    problems: Vec<Problem>,
    warnings: usize,
    assets: Option<Vec<plan::discover::PlanFile>>,
) -> Reload {
    let Ok(mut snapshot) = state.snapshot.write() else {
        return Reload::everything(0);
    };
    let mut pages: Pages = if full { Pages::new() } else { (*snapshot.pages).clone() };
    let mut changed = Vec::new();
    for (path, bytes) in files {
        pages.insert(Arc::from(path.as_str()), bytes);
        changed.push(path);
    }
    let overlay_changed = *snapshot.problems != problems || snapshot.warnings != warnings;
    *snapshot = Snapshot {
        pages: Arc::new(pages),
        problems: Arc::new(problems),
        warnings,
        generation: snapshot.generation + 1,
        assets: assets.map_or_else(|| snapshot.assets.clone(), Arc::new),
    };
    let pages = (!full && !overlay_changed).then_some(&changed[..]);
    Reload::new(snapshot.generation, pages)
}

/// A folder's device and inode, to notice it replaced by another of the same name.
fn identity(path: &Path) -> Option<(u64, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        metadata.is_dir().then_some((0, 0))
    }
}
