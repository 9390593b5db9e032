//! Starts `stratagem lsp` (found on the PATH of the worktree's shell) for Markdown and TOML files.

use zed_extension_api as zed;

struct Stratagem;

impl zed::Extension for Stratagem {
    fn new() -> Self {
        Stratagem
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let command = worktree
            .which("stratagem")
            .ok_or("`stratagem` is not on PATH: install it with `cargo install --locked --path .`")?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".to_owned()],
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Stratagem);
