//! Reads one candidate file into a [`Document`]: size and UTF-8 checks, front-matter split, TOML
//! parse with spans mapped into the file, typed fields, body links. Never panics on any bytes.

use std::fs;
use std::ops::Range;

use toml::de::DeTable;

use super::definitions;
use super::discover::Candidate;
use super::fields::Fields;
use super::front_matter::{self, Split};
use super::model::{Document, Kind, read_kind_data};
use super::rules::{FRONT_MATTER_MISSING, FRONT_MATTER_SYNTAX, UNREADABLE_FILE};
use super::syntax_help;
use super::unparsed::{self, Unparsed};
use crate::diagnostic::{Diagnostic, SourceRef};
use crate::markdown::{self, Link, page::PageBody};

/// Plan documents are prose and a little TOML; anything larger is a mistake (an export, a video).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What reading one file gave.
pub struct FileResult {
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// A plan document that failed to load, with what could still be read of it.
    pub unparsed: Option<Unparsed>,
}

impl FileResult {
    fn problem(diagnostic: Diagnostic) -> FileResult {
        FileResult {
            document: None,
            diagnostics: vec![diagnostic],
            unparsed: None,
        }
    }

    fn nothing() -> FileResult {
        FileResult {
            document: None,
            diagnostics: Vec::new(),
            unparsed: None,
        }
    }

    /// A document that failed to load: reported (saying what is held back), and remembered so
    /// that other documents' findings that depend on it are held back.
    fn broken(mut diagnostic: Diagnostic, candidate: &Candidate, kind: Option<Kind>, toml: Option<&str>) -> FileResult {
        diagnostic.help = Some(match diagnostic.help.take() {
            Some(help) => format!("{help}; {HELD_BACK}"),
            None => HELD_BACK.to_owned(),
        });
        let scan = toml.map(unparsed::scan);
        let id = scan.as_ref().and_then(|s| s.id.clone());
        let kind = scan.as_ref().and_then(|s| s.kind).or(kind);
        FileResult {
            document: None,
            diagnostics: vec![diagnostic],
            unparsed: Some(Unparsed {
                path: candidate.rel.clone(),
                id: id.unwrap_or_else(|| file_stem(&candidate.rel)),
                kind,
                refs: scan.map(|s| s.refs),
            }),
        }
    }
}

/// Reads a file as UTF-8 text within the size limit, or says why not.
pub fn read_text(path: &std::path::Path, rel: &str) -> Result<String, Box<Diagnostic>> {
    let unreadable =
        |message: String, help: &str| Box::new(Diagnostic::for_file(&UNREADABLE_FILE, rel, message).with_help(help));
    let cannot_read =
        |e: std::io::Error| unreadable(format!("cannot read `{rel}`: {e}"), "check the file's permissions");
    // The size and type are checked before opening, so a 50 MB export costs nothing and a FIFO
    // is never opened (which would wait for a writer).
    let metadata = fs::metadata(path).map_err(cannot_read)?;
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(unreadable(
            format!(
                "`{rel}` is {} MiB, too large for a plan document (the limit is {} MiB)",
                size / 1024 / 1024,
                MAX_FILE_BYTES / 1024 / 1024
            ),
            "keep large assets under `static/` and link to them",
        ));
    }
    if !metadata.is_file() {
        return Err(unreadable(
            format!("`{rel}` is not a regular file"),
            "a plan holds only regular files",
        ));
    }
    let bytes = fs::read(path).map_err(cannot_read)?;
    // Control characters mean binary data (or terminal escapes): the file is never echoed.
    if let Some(at) = first_control(&bytes) {
        return Err(unreadable(
            format!("`{rel}` looks binary (a control character at byte {at})"),
            "plan documents are UTF-8 Markdown; move binary files under `static/`",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        unreadable(
            format!(
                "`{rel}` is not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            "save the file as UTF-8",
        )
    })
}

/// Where the first control byte is. Text files have none: blocks are checked without a branch
/// per byte (which the compiler vectorises), and only a block with one is searched.
fn first_control(bytes: &[u8]) -> Option<usize> {
    bytes.chunks(64).enumerate().find_map(|(n, block)| {
        let any = block.iter().fold(false, |any, &b| any | is_control(b));
        any.then(|| n * 64 + block.iter().position(|&b| is_control(b)).unwrap_or(0))
    })
}

/// A byte no text file holds: C0 controls other than tab, line feed, form feed and carriage
/// return, and DEL.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')) || b == 0x7f
}

/// What loading makes of each document's Markdown body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bodies {
    /// Its links into the plan and its heading anchors: what lint checks.
    Scan,
    /// Those, and in the same pass its page's HTML (raw HTML kept if `raw_html`), for a site.
    Render { raw_html: bool },
}

impl Bodies {
    /// Reads the `body` range of `text`: its links, its anchors and, to render, its page body.
    fn read(self, text: &str, body: Range<usize>) -> (Vec<Link>, Vec<String>, Option<PageBody>) {
        match self {
            Bodies::Scan => {
                let (links, anchors) = markdown::scan(&text[body.clone()], body.start);
                (links, anchors, None)
            }
            Bodies::Render { raw_html } => {
                let read = markdown::page::read(&text[body.clone()], body.start, raw_html);
                (read.links, read.anchors, read.page)
            }
        }
    }
}

/// Reads a candidate. Files outside kind folders without a `kind` key are not plan documents.
pub fn load_file(candidate: &Candidate, bodies: Bodies) -> FileResult {
    match read_text(&candidate.abs, &candidate.rel) {
        Ok(text) => parse_file(candidate, text, bodies),
        Err(diagnostic) if candidate.folder_kind.is_some() => {
            FileResult::broken(*diagnostic, candidate, candidate.folder_kind, None)
        }
        Err(_) => FileResult::nothing(),
    }
}

/// Reads a candidate's text, as [`load_file`] does once the file is read (history reads files
/// as they were at older commits through this).
pub fn parse_file(candidate: &Candidate, text: String, bodies: Bodies) -> FileResult {
    // Offsets are counted without the BOM: editors do not show it, so columns match theirs.
    let text = match front_matter::strip_bom(&text) {
        stripped if stripped.len() == text.len() => text,
        stripped => stripped.to_owned(),
    };
    let source = SourceRef {
        path: &candidate.rel,
        text: &text,
    };
    let (toml, body) = match front_matter::split(&text) {
        Split::Found { toml, body } => (toml, body),
        _ if candidate.folder_kind.is_none() => return FileResult::nothing(),
        Split::Missing { yaml } => return missing_front_matter(candidate, source, yaml),
        Split::Unclosed { open } => return unclosed_front_matter(candidate, source, open),
    };
    let table = match DeTable::parse(&text[toml.clone()]) {
        Ok(table) => table,
        Err(error) => return syntax_error(candidate, source, toml, &error),
    };
    let mut fields = Fields::new(source, toml.start, table.get_ref());
    let declared_kind = fields.one_of::<Kind>("kind").map(|k| k.value);
    let Some(kind) = declared_kind.or(candidate.folder_kind) else {
        return FileResult::nothing();
    };
    let id = fields.string("id");
    let keys = table
        .get_ref()
        .iter()
        .map(|(k, _)| (k.get_ref().to_string(), fields.file_span(k.span())))
        .collect();
    let title = fields.string("title");
    let owner = fields.string("owner");
    let description = fields.string("description");
    let tags = fields.string_list("tags");
    let weight = fields.integer("weight").map(|w| w.value);
    let language = super::language::read(&mut fields, "language");
    fields.skip("extra");
    let allow = super::allow::read(&mut fields);
    let data = read_kind_data(kind, &mut fields);
    let what = format!("{} front matter", kind.name());
    let result = fields.finish(&what, &known_fields(kind), kinds_using);
    let (links, anchors, page) = bodies.read(&text, body.clone());
    let id = id.map_or_else(|| file_stem(&candidate.rel), |s| s.value);
    let document = Document {
        path: candidate.rel.clone(),
        id,
        kind,
        text,
        toml,
        body,
        title,
        owner,
        description,
        tags,
        weight,
        language,
        keys,
        invalid: result.invalid,
        links,
        anchors,
        page,
        data,
        allow,
    };
    FileResult {
        document: Some(document),
        diagnostics: result.diagnostics,
        unparsed: None,
    }
}

/// A file in a kind folder with no `+++` front matter.
fn missing_front_matter(candidate: &Candidate, source: SourceRef<'_>, yaml: bool) -> FileResult {
    let line_end = source.text.find('\n').unwrap_or(source.text.len());
    let help = if yaml {
        "stratagem reads TOML front matter between `+++` lines; convert the YAML `---` block to TOML"
    } else {
        "start the file with a `+++` line, the TOML fields (at least `title`), and a closing `+++` line"
    };
    let kind = candidate.folder_kind.map_or("plan", Kind::name);
    let message = format!(
        "`{}` has no `+++` front matter, so it is not read as a {kind}",
        candidate.rel
    );
    FileResult::problem(Diagnostic::new(&FRONT_MATTER_MISSING, source, 0..line_end, message).with_help(help))
}

/// A front matter opened with `+++` at `open` and never closed.
fn unclosed_front_matter(candidate: &Candidate, source: SourceRef<'_>, open: Range<usize>) -> FileResult {
    let message = "the front matter opened with `+++` is never closed".to_owned();
    let help = "add a line `+++` after the last TOML line";
    let diagnostic = Diagnostic::new(&FRONT_MATTER_SYNTAX, source, open.clone(), message).with_help(help);
    FileResult::broken(
        diagnostic,
        candidate,
        candidate.folder_kind,
        Some(&source.text[open.end..]),
    )
}

/// Said of every document that fails to parse.
const HELD_BACK: &str = "findings about other documents that depend on this one are held back until it parses";

/// A front matter that is not TOML. Outside kind folders the file is a plan document only if
/// its `kind = "…"` line says so; otherwise it is not ours to report.
fn syntax_error(
    candidate: &Candidate,
    source: SourceRef<'_>,
    toml: std::ops::Range<usize>,
    error: &toml::de::Error,
) -> FileResult {
    let front_matter = &source.text[toml.clone()];
    let kind = candidate.folder_kind.or_else(|| unparsed::scan(front_matter).kind);
    if kind.is_none() {
        return FileResult::nothing();
    }
    let explained = syntax_help::explain(front_matter, "front matter", error);
    let span = explained.span.start + toml.start..explained.span.end + toml.start;
    let fix = explained.fix.map(|fix| super::repair::shifted(fix, toml.start));
    let diagnostic = Diagnostic::new(&FRONT_MATTER_SYNTAX, source, span, explained.message)
        .with_help(explained.help)
        .with_fix_opt(source, fix);
    FileResult::broken(diagnostic, candidate, kind, Some(front_matter))
}

/// The keys a document of `kind` may hold: the definitions table's, common ones first.
fn known_fields(kind: Kind) -> Vec<&'static str> {
    definitions::top_level(Some(kind)).map(|f| f.name).collect()
}

/// For a key this kind does not know: the other kinds that use it, as `a tactic or an evaluation`.
fn kinds_using(key: &str) -> Option<String> {
    let kinds: Vec<_> = Kind::ALL
        .iter()
        .filter(|k| k.fields().any(|f| f == key))
        .map(|k| k.with_article())
        .collect();
    (!kinds.is_empty()).then(|| kinds.join(" or "))
}

/// `goals/2027/leads.md` → `leads`.
pub fn file_stem(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.len().checked_sub(3).and_then(|n| name.get(..n)).unwrap_or(name);
    stem.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_control_byte_in_any_block() {
        let mut text = "Plain text,\ttabs,\r\nand form\x0cfeeds. ".repeat(10).into_bytes();
        assert_eq!(first_control(&text), None);
        for at in [0, 63, 64, 200, text.len() - 1] {
            let mut bytes = text.clone();
            bytes[at] = 0x1b;
            bytes[text.len() - 1] = 0x7f;
            assert_eq!(first_control(&bytes), Some(at), "a control byte at {at}");
        }
        text[130] = 0;
        assert_eq!(first_control(&text), Some(130));
    }

    #[test]
    fn ids_come_from_the_file_stem() {
        assert_eq!(file_stem("goals/2027/leads.md"), "leads");
        assert_eq!(file_stem("a.md"), "a");
    }

    #[test]
    fn kinds_using_names_the_other_kinds() {
        assert_eq!(kinds_using("cadence").as_deref(), Some("a tactic or an evaluation"));
        assert_eq!(kinds_using("nonsense"), None);
    }
}
