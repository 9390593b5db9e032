//! `stratagem lsp`: a language server over stdio for plan files. Diagnostics of the whole plan as
//! the user types (open buffers laid over the files on disk), hover, go to definition, find
//! references, rename, completion and code actions (fixes and suppressions).
//!
//! Imports: `lint`, `history`, `plan`, `markdown` and `diagnostic` only; `cmd` starts it.

mod actions;
mod complete;
mod context;
mod diagnostics;
mod fields;
mod hover;
mod navigate;
pub mod position;
mod server;
mod workspace;

use lsp_server::Connection;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions, HoverProviderCapability,
    InitializeParams, InitializeResult, OneOf, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, WorkDoneProgressOptions,
};

pub use workspace::Today;

/// Serves one client on stdin and stdout until it says `exit` (or closes the pipe).
pub fn run(today: Today) -> anyhow::Result<()> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    let encoding = position::Encoding::negotiate(offered);
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "stratagem".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    if can_watch(&params) {
        connection.sender.send(watch_files()?.into())?;
    }
    let mut server = server::Server::new(connection.sender.clone(), encoding, today);
    for folder in roots(&params) {
        server.add_root(&folder);
    }
    server.run(&connection.receiver)?;
    drop(server);
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// The folders the client opened: its workspace folders, else its root.
#[allow(deprecated, reason = "`rootUri` and `rootPath` are what older clients send")]
fn roots(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    let folders: Vec<_> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().ok())
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    let root = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok());
    root.or_else(|| params.root_path.as_ref().map(std::path::PathBuf::from))
        .into_iter()
        .collect()
}

/// Whether the client lets the server ask to hear of files changed on disk (a checkout, a save
/// from another program), so that closed files are read again.
fn can_watch(params: &InitializeParams) -> bool {
    let workspace = params.capabilities.workspace.as_ref();
    let watched = workspace.and_then(|w| w.did_change_watched_files.as_ref());
    watched.and_then(|w| w.dynamic_registration).unwrap_or(false)
}

/// `client/registerCapability` for the plan's Markdown files and plan.toml.
fn watch_files() -> anyhow::Result<lsp_server::Request> {
    use lsp_types::{DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration};
    let watchers = ["**/*.md", "**/plan.toml"]
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_owned()),
            kind: None,
        })
        .to_vec();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = lsp_types::RegistrationParams {
        registrations: vec![Registration {
            id: "stratagem-watch".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: Some(serde_json::to_value(options)?),
        }],
    };
    Ok(lsp_server::Request::new(
        lsp_server::RequestId::from("stratagem-watch".to_owned()),
        "client/registerCapability".to_owned(),
        params,
    ))
}

fn capabilities(encoding: position::Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["\"", "@", "[", " "].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
