//! The message loop: buffers are kept up to date at once, parsing and linting wait until the
//! edits pause ([`DEBOUNCE`]), and requests are answered on the buffers as they are (a request
//! that comes while buffers wait parses them first). A handler that panics answers with an
//! error instead of stopping the server.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{PublishDiagnosticsParams, TextDocumentContentChangeEvent, Url};
use serde::de::DeserializeOwned;

use super::position::{Encoding, LineIndex};
use super::workspace::{self, Today, Workspace};
use super::{actions, complete, diagnostics, hover, navigate};

/// How long edits must pause before the plan is linted again: rapid keystrokes coalesce.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// A file of a loaded plan: which plan, and the path inside it.
pub struct At<'a> {
    pub workspace: &'a Workspace,
    pub rel: String,
    pub encoding: Encoding,
}

impl At<'_> {
    /// The file's text as the editor has it, with a line index to convert positions.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        self.workspace.text_of(&self.rel).unwrap_or_default()
    }

    pub fn uri(&self, rel: &str) -> Option<Url> {
        Url::from_file_path(self.workspace.root.join(rel)).ok()
    }

    pub fn index<'t>(&self, text: &'t str) -> LineIndex<'t> {
        LineIndex::new(text, self.encoding)
    }
}

pub struct Server {
    sender: Sender<Message>,
    encoding: Encoding,
    today: Today,
    plans: Vec<Workspace>,
    /// The client's workspace folders: a file's plan is looked for no higher than its folder.
    folders: Vec<PathBuf>,
    /// Folders found to hold a plan that failed to load (not tried again on every file).
    failed: Vec<PathBuf>,
    /// What was last published, per file, to send only what changed and clear what was fixed.
    published: HashMap<Url, Vec<lsp_types::Diagnostic>>,
    /// When the waiting edits are parsed and linted.
    deadline: Option<Instant>,
    shutting_down: bool,
}

impl Server {
    pub fn new(sender: Sender<Message>, encoding: Encoding, today: Today) -> Server {
        Server {
            sender,
            encoding,
            today,
            plans: Vec::new(),
            folders: Vec::new(),
            failed: Vec::new(),
            published: HashMap::new(),
            deadline: None,
            shutting_down: false,
        }
    }

    /// Loads the plan of a workspace folder, if it is one.
    pub fn add_root(&mut self, folder: &Path) {
        self.folders.push(folder.to_path_buf());
        if folder.join(crate::plan::SETTINGS_FILE).is_file() {
            self.load(folder);
            self.publish_all(&[]);
        }
    }

    fn load(&mut self, root: &Path) -> Option<usize> {
        if let Some(i) = self.plans.iter().position(|w| w.root == root) {
            return Some(i);
        }
        if self.failed.iter().any(|f| f == root) {
            return None;
        }
        match Workspace::load(root, self.today.clone()) {
            Ok(workspace) => {
                self.plans.push(workspace);
                Some(self.plans.len() - 1)
            }
            Err(error) => {
                self.log(&format!("cannot load the plan in `{}`: {error:#}", root.display()));
                self.failed.push(root.to_path_buf());
                None
            }
        }
    }

    /// The plan a file belongs to (loading it the first time) and its path there.
    fn locate(&mut self, uri: &Url, load: bool) -> Option<(usize, String)> {
        let path = uri.to_file_path().ok()?;
        let root = workspace::find_root(&path, &self.folders)?;
        let i = match self.plans.iter().position(|w| w.root == root) {
            Some(i) => i,
            None if load => self.load(&root)?,
            None => return None,
        };
        let rel = self.plans[i].relative(&path)?;
        Some((i, rel))
    }

    pub fn run(&mut self, receiver: &Receiver<Message>) -> anyhow::Result<()> {
        loop {
            let message = match self.deadline {
                Some(deadline) => match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(message) => Some(message),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => match receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                None => {
                    self.deadline = None;
                    self.refresh();
                }
                Some(Message::Request(request)) => self.request(request),
                Some(Message::Notification(notification)) if notification.method == note::Exit::METHOD => {
                    return Ok(());
                }
                Some(Message::Notification(notification)) => self.notification(notification),
                Some(Message::Response(_)) => {}
            }
        }
    }

    /// Parses and lints every plan with waiting edits, and publishes what changed.
    fn refresh(&mut self) {
        for i in 0..self.plans.len() {
            if !self.plans[i].needs_lint() {
                continue;
            }
            let parsed = self.plans[i].parse();
            self.plans[i].lint();
            self.publish(i, &parsed);
        }
    }

    /// Publishes the plan's findings: every file whose list changed (an emptied list clears
    /// the file), and always the files in `edited`.
    fn publish(&mut self, i: usize, edited: &[String]) {
        let workspace = &self.plans[i];
        let mut lists = diagnostics::by_file(workspace, self.encoding);
        let uri = |rel: &str| Url::from_file_path(workspace.root.join(rel)).ok();
        for rel in edited {
            lists.entry(rel.clone()).or_default();
        }
        let mut sends = Vec::new();
        for (uri, old) in &self.published {
            let Ok(path) = uri.to_file_path() else { continue };
            if !path.starts_with(&workspace.root) {
                continue;
            }
            if let Some(rel) = workspace.relative(&path)
                && !lists.contains_key(&rel)
                && !old.is_empty()
            {
                sends.push((uri.clone(), Vec::new(), workspace.buffers.get(&rel).map(|b| b.version)));
            }
        }
        for (rel, list) in lists {
            let Some(uri) = uri(&rel) else { continue };
            let same = self.published.get(&uri) == Some(&list);
            if !same || edited.contains(&rel) {
                sends.push((uri, list, workspace.buffers.get(&rel).map(|b| b.version)));
            }
        }
        for (uri, list, version) in sends {
            self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: list.clone(),
                version,
            });
            if list.is_empty() {
                self.published.remove(&uri);
            } else {
                self.published.insert(uri, list);
            }
        }
    }

    fn publish_all(&mut self, edited: &[String]) {
        for i in 0..self.plans.len() {
            self.publish(i, edited);
        }
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Some(params) = parse::<lsp_types::DidOpenTextDocumentParams>(notification.params) else {
                    return;
                };
                let doc = params.text_document;
                let Some((i, rel)) = self.locate(&doc.uri, true) else {
                    return;
                };
                self.plans[i].open(&rel, doc.text, doc.version);
                if self.plans[i].needs_parse() {
                    self.schedule(Duration::ZERO);
                } else {
                    self.publish(i, &[rel]);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                let Some(params) = parse::<lsp_types::DidChangeTextDocumentParams>(notification.params) else {
                    return;
                };
                let Some((i, rel)) = self.locate(&params.text_document.uri, false) else {
                    return;
                };
                let encoding = self.encoding;
                let Some(buffer) = self.plans[i].buffer_mut(&rel) else {
                    return;
                };
                for change in params.content_changes {
                    apply_change(&mut buffer.text, change, encoding);
                }
                buffer.version = params.text_document.version;
                self.plans[i].changed(&rel);
                self.schedule(DEBOUNCE);
            }
            note::DidCloseTextDocument::METHOD => {
                let Some(params) = parse::<lsp_types::DidCloseTextDocumentParams>(notification.params) else {
                    return;
                };
                if let Some((i, rel)) = self.locate(&params.text_document.uri, false) {
                    self.plans[i].close(&rel);
                    self.schedule(DEBOUNCE);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Some(params) = parse::<lsp_types::DidChangeWatchedFilesParams>(notification.params) else {
                    return;
                };
                for change in params.changes {
                    if let Some((i, rel)) = self.locate(&change.uri, false) {
                        self.plans[i].disk_changed(&rel);
                    }
                }
                self.schedule(DEBOUNCE);
            }
            note::DidChangeWorkspaceFolders::METHOD => {
                let Some(params) = parse::<lsp_types::DidChangeWorkspaceFoldersParams>(notification.params) else {
                    return;
                };
                for folder in params.event.added {
                    if let Ok(path) = folder.uri.to_file_path() {
                        self.add_root(&path);
                    }
                }
            }
            _ => {}
        }
    }

    fn schedule(&mut self, after: Duration) {
        self.deadline = Some(Instant::now() + after);
    }

    fn request(&mut self, request: Request) {
        if request.method == req::Shutdown::METHOD {
            self.shutting_down = true;
            self.respond(Response::new_ok(request.id, ()));
            return;
        }
        if self.shutting_down {
            let message = "the server is shutting down".to_owned();
            self.respond(Response::new_err(request.id, ErrorCode::InvalidRequest as i32, message));
            return;
        }
        // Positions refer to the buffers as they are now: parse what waits first.
        for workspace in &mut self.plans {
            if workspace.needs_parse() {
                workspace.parse();
            }
        }
        let id = request.id.clone();
        let encoding = self.encoding;
        let (plans, folders) = (&self.plans, &self.folders);
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            answer(plans, folders, encoding, request)
        }));
        let response = match answer {
            Ok(Ok(result)) => Response::new_ok(id, result),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "stratagem failed on this request".into(),
            ),
        };
        self.respond(response);
        if self.deadline.is_none() && self.plans.iter().any(Workspace::needs_lint) {
            self.schedule(DEBOUNCE);
        }
    }

    fn respond(&self, response: Response) {
        let _ = self.sender.send(Message::Response(response));
    }

    fn notify<N: note::Notification>(&self, params: N::Params) {
        let _ = self
            .sender
            .send(Message::Notification(Notification::new(N::METHOD.to_owned(), params)));
    }

    fn log(&self, message: &str) {
        self.notify::<note::LogMessage>(lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::WARNING,
            message: message.to_owned(),
        });
    }
}

/// A request's error: its code and message.
pub type Failure = (ErrorCode, String);

/// Answers a request from the plan its file belongs to; a file outside every plan gets `null`.
fn answer(
    plans: &[Workspace],
    folders: &[PathBuf],
    encoding: Encoding,
    request: Request,
) -> Result<serde_json::Value, Failure> {
    let locate = |uri: &Url| -> Option<At<'_>> {
        let path = uri.to_file_path().ok()?;
        let root = workspace::find_root(&path, folders)?;
        let workspace = plans.iter().find(|w| w.root == root)?;
        Some(At {
            workspace,
            rel: workspace.relative(&path)?,
            encoding,
        })
    };
    fn run<R, P>(request: Request, go: impl FnOnce(P) -> Result<R, Failure>) -> Result<serde_json::Value, Failure>
    where
        P: DeserializeOwned,
        R: serde::Serialize,
    {
        let params = serde_json::from_value(request.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        let result = go(params)?;
        serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }
    let method = request.method.clone();
    match method.as_str() {
        req::HoverRequest::METHOD => run(request, |p: lsp_types::HoverParams| {
            let doc = p.text_document_position_params;
            Ok(locate(&doc.text_document.uri).and_then(|at| hover::hover(&at, doc.position)))
        }),
        req::GotoDefinition::METHOD => run(request, |p: lsp_types::GotoDefinitionParams| {
            let doc = p.text_document_position_params;
            Ok(locate(&doc.text_document.uri).and_then(|at| navigate::definition(&at, doc.position)))
        }),
        req::References::METHOD => run(request, |p: lsp_types::ReferenceParams| {
            let doc = p.text_document_position;
            let declaration = p.context.include_declaration;
            Ok(locate(&doc.text_document.uri).and_then(|at| navigate::references(&at, doc.position, declaration)))
        }),
        req::PrepareRenameRequest::METHOD => run(request, |p: lsp_types::TextDocumentPositionParams| {
            Ok(locate(&p.text_document.uri).and_then(|at| navigate::prepare_rename(&at, p.position)))
        }),
        req::Rename::METHOD => run(request, |p: lsp_types::RenameParams| {
            let doc = p.text_document_position;
            match locate(&doc.text_document.uri) {
                Some(at) => navigate::rename(&at, doc.position, &p.new_name).map(Some),
                None => Ok(None),
            }
        }),
        req::Completion::METHOD => run(request, |p: lsp_types::CompletionParams| {
            let doc = p.text_document_position;
            Ok(locate(&doc.text_document.uri).and_then(|at| complete::complete(&at, doc.position)))
        }),
        req::CodeActionRequest::METHOD => run(request, |p: lsp_types::CodeActionParams| {
            Ok(locate(&p.text_document.uri).map(|at| actions::actions(&at, p.range)))
        }),
        _ => Err((
            ErrorCode::MethodNotFound,
            format!("stratagem does not answer `{method}`"),
        )),
    }
}

/// Applies one change of `didChange` to a buffer (a range edit, or the whole text).
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        Some(range) => {
            let index = LineIndex::new(text, encoding);
            let start = index.offset(range.start);
            let end = index.offset(range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
}

fn parse<P: DeserializeOwned>(params: serde_json::Value) -> Option<P> {
    serde_json::from_value(params).ok()
}
