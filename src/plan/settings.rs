//! `plan.toml`: the plan's title, owner, language, period, channels, and the raw `[lint]` table
//! (its rule ids are checked by the linter, which knows the rules).

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use super::Spanned;
use super::definitions::{self, sub_names};
use super::fields::Fields;
use super::rules::{FRONT_MATTER_SYNTAX, WRONG_TYPE};
use crate::diagnostic::{Diagnostic, Level, SourceRef, did_you_mean};

pub const SETTINGS_FILE: &str = "plan.toml";

/// The settings of a plan. Every field is optional so that a half-written plan.toml still loads.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// plan.toml's text, for diagnostics that point into it.
    pub text: String,
    pub title: Option<Spanned<String>>,
    pub organization: Option<Spanned<String>>,
    pub owner: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    pub base_url: Option<Spanned<String>>,
    pub period: Option<Spanned<Period>>,
    pub tools: Vec<Spanned<String>>,
    pub today: Option<Spanned<Date>>,
    pub channels: Vec<Spanned<Channel>>,
    /// `[owners."…"]`: what each owner can take on.
    pub owners: Vec<Owner>,
    pub lint: Vec<LintEntry>,
    /// `[strings]`: overrides of the site's UI text.
    pub strings: Vec<(String, String)>,
    /// `[markdown]`: how bodies are rendered.
    pub markdown: MarkdownSettings,
    /// `[limits]`: bounds on rendering the site with the plan's templates.
    pub limits: LimitSettings,
    /// plan.toml did not parse; the settings are defaults (rules about it stay quiet).
    pub broken: bool,
}

/// `[markdown]` in plan.toml.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarkdownSettings {
    /// Keep raw HTML of bodies in the pages (off by default, as in Hugo: it is omitted).
    pub raw_html: bool,
}

/// `[limits]` in plan.toml: how long one page may render and how much memory a render may add.
#[derive(Clone, Copy, Debug, Default)]
pub struct LimitSettings {
    pub render_seconds: Option<u64>,
    pub render_memory_mb: Option<u64>,
}

/// What one owner can take on (`[owners."Social lead"] capacity = "20h/week"`).
#[derive(Clone, Debug)]
pub struct Owner {
    /// As documents write it in `owner`.
    pub name: Spanned<String>,
    pub capacity: Option<Spanned<super::workload::Rate>>,
}

#[derive(Clone, Debug, Default)]
pub struct Period {
    pub start: Option<Spanned<Date>>,
    pub end: Option<Spanned<Date>>,
}

#[derive(Clone, Debug)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub owner: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
}

/// One entry of `[lint]`: `rule = "level"` or `rule = { level = "…", option = 1.0 }`.
#[derive(Clone, Debug)]
pub struct LintEntry {
    pub rule: Spanned<String>,
    pub level: Option<Spanned<Level>>,
    pub options: Vec<(Spanned<String>, Spanned<f64>)>,
}

impl Settings {
    /// `period.start`: where a goal without its own `start` begins.
    pub fn period_start(&self) -> Option<Date> {
        self.period.as_ref()?.value.start.as_ref().map(|s| s.value)
    }

    pub fn source(&self) -> SourceRef<'_> {
        SourceRef {
            path: SETTINGS_FILE,
            text: &self.text,
        }
    }

    pub fn language(&self) -> &str {
        self.language.as_ref().map_or("en", |l| l.value.as_str())
    }

    pub fn channel(&self, id: &str) -> Option<&Spanned<Channel>> {
        self.channels.iter().find(|c| c.value.id == id)
    }
}

/// Parses plan.toml. Syntax and type errors become diagnostics; the settings still load.
pub fn parse(text: String) -> (Settings, Vec<Diagnostic>) {
    let source = SourceRef {
        path: SETTINGS_FILE,
        text: &text,
    };
    let table = match DeTable::parse(&text) {
        Ok(table) => table,
        Err(error) => return unparsed(source, &error),
    };
    let mut f = Fields::new(source, 0, table.get_ref());
    let mut settings = Settings {
        text: String::new(),
        title: f.string("title"),
        organization: f.string("organization"),
        owner: f.string("owner"),
        description: f.string("description"),
        language: f.string("language"),
        base_url: f.string("base_url"),
        period: f.table(
            "period",
            &sub_names(None, "period"),
            "{ start = 2027-01-01, end = 2027-12-31 }",
            |p| Period {
                start: p.date("start"),
                end: p.date("end"),
            },
        ),
        tools: f.string_list("tools"),
        today: f.date("today"),
        channels: Vec::new(),
        owners: Vec::new(),
        lint: Vec::new(),
        strings: Vec::new(),
        markdown: f
            .table("markdown", &sub_names(None, "markdown"), "{ raw_html = true }", |m| {
                MarkdownSettings {
                    raw_html: m.boolean("raw_html").is_some_and(|b| b.value),
                }
            })
            .map(|m| m.value)
            .unwrap_or_default(),
        limits: f
            .table("limits", &sub_names(None, "limits"), "{ render_seconds = 60 }", |l| {
                LimitSettings {
                    render_seconds: l.positive_integer("render_seconds").map(|n| n.value),
                    render_memory_mb: l.positive_integer("render_memory_mb").map(|n| n.value),
                }
            })
            .map(|l| l.value)
            .unwrap_or_default(),
        broken: false,
    };
    let mut extra = Vec::new();
    settings.channels = read_channels(&mut f, source, &mut extra);
    settings.owners = read_owners(&mut f);
    if let Some(entries) = f.entries("lint") {
        settings.lint = entries
            .into_iter()
            .filter_map(|(rule, value)| read_lint_entry(source, rule, value, &mut extra))
            .collect();
    }
    settings.strings = read_strings(&mut f, source, &mut extra);
    f.skip("extra");
    let mut diagnostics = f
        .finish("plan.toml", &definitions::names(definitions::plan()), |_| None)
        .diagnostics;
    diagnostics.extend(extra);
    settings.text = text;
    (settings, diagnostics)
}

/// `[owners."…"]`: each owner's capacity.
fn read_owners(f: &mut Fields<'_, '_>) -> Vec<Owner> {
    let help = "write hours or items a week: `capacity = \"20h/week\"`, `capacity = \"12/week\"`";
    f.named_tables("owners", &sub_names(None, "owners"), |o| {
        super::workload::read(o, "capacity", super::workload::parse_capacity, help)
    })
    .into_iter()
    .map(|(name, capacity)| Owner { name, capacity })
    .collect()
}

/// A plan.toml that is not TOML: default settings, marked broken, and the syntax error.
fn unparsed(source: SourceRef<'_>, error: &toml::de::Error) -> (Settings, Vec<Diagnostic>) {
    let explained = super::syntax_help::explain(source.text, SETTINGS_FILE, error);
    let help = format!(
        "{}; until plan.toml parses, the plan is checked with default `[lint]` levels and findings that depend on its channels are held back",
        explained.help
    );
    let diagnostic = Diagnostic::new(&FRONT_MATTER_SYNTAX, source, explained.span, explained.message)
        .with_help(help)
        .with_fix_opt(source, explained.fix);
    let settings = Settings {
        text: source.text.to_owned(),
        broken: true,
        ..Settings::default()
    };
    (settings, vec![diagnostic])
}

/// `[[channels]]`; an entry with neither `id` nor `name` is reported into `extra`.
fn read_channels(f: &mut Fields<'_, '_>, source: SourceRef<'_>, extra: &mut Vec<Diagnostic>) -> Vec<Spanned<Channel>> {
    let mut channels = Vec::new();
    for channel in f.tables("channels", &sub_names(None, "channels"), read_channel) {
        match channel.value {
            Some(value) => channels.push(Spanned::new(value, channel.span)),
            None => extra.push(
                Diagnostic::new(
                    &WRONG_TYPE,
                    source,
                    channel.span,
                    "a `[[channels]]` entry has neither `id` nor `name`",
                )
                .with_help(
                    "add `id = \"<channel id>\"` (what documents write in `channel`) and `name = \"<channel name>\"`",
                ),
            ),
        }
    }
    channels
}

/// `[strings]`: overrides of the site's interface strings; a value that is not a string is
/// reported into `extra`.
fn read_strings(f: &mut Fields<'_, '_>, source: SourceRef<'_>, extra: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut strings = Vec::new();
    for (key, value) in f.entries("strings").unwrap_or_default() {
        match value.get_ref() {
            DeValue::String(s) => strings.push((key.value, s.to_string())),
            _ => extra.push(
                Diagnostic::new(
                    &WRONG_TYPE,
                    source,
                    f.file_span(value.span()),
                    format!("`strings.{}` should be a string", key.value),
                )
                .with_help(format!("write `{} = \"…\"`", key.value)),
            ),
        }
    }
    strings
}

fn read_channel(c: &mut Fields<'_, '_>) -> Option<Channel> {
    let id = c.string("id").map(|s| s.value);
    let name = c.string("name").map(|s| s.value);
    let owner = c.string("owner");
    let url = c.string("url");
    c.skip("description");
    let id = id.or_else(|| name.as_deref().map(slug::slugify))?;
    Some(Channel {
        name: name.unwrap_or_else(|| id.clone()),
        id,
        owner,
        url,
    })
}

fn read_lint_entry(
    source: SourceRef<'_>,
    rule: Spanned<String>,
    value: &toml::Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LintEntry> {
    let mut entry = LintEntry {
        rule,
        level: None,
        options: Vec::new(),
    };
    match value.get_ref() {
        DeValue::String(s) => entry.level = read_level(source, &entry.rule.value, s, value.span(), diagnostics),
        DeValue::Table(table) => {
            for (key, v) in table.iter() {
                let name = key.get_ref().as_ref();
                let number = match v.get_ref() {
                    DeValue::String(s) if name == "level" => {
                        entry.level = read_level(source, &entry.rule.value, s, v.span(), diagnostics);
                        continue;
                    }
                    DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
                    DeValue::Float(x) => x.as_str().parse::<f64>().ok(),
                    _ => None,
                };
                match number {
                    Some(n) => entry
                        .options
                        .push((Spanned::new(name.to_owned(), key.span()), Spanned::new(n, v.span()))),
                    None => diagnostics.push(
                        Diagnostic::new(
                            &WRONG_TYPE,
                            source,
                            v.span(),
                            format!("`lint.{}.{name}` has the wrong type", entry.rule.value),
                        )
                        .with_help("write `level = \"warn\"` and numeric options, e.g. `max-growth = 5.0`"),
                    ),
                }
            }
        }
        _ => {
            let id = &entry.rule.value;
            diagnostics.push(
                Diagnostic::new(
                    &WRONG_TYPE,
                    source,
                    value.span(),
                    format!("`lint.{id}` should be a level or a table"),
                )
                .with_help(format!("write `{id} = \"warn\"` or `{id} = {{ level = \"warn\" }}`")),
            );
            return None;
        }
    }
    Some(entry)
}

fn read_level(
    source: SourceRef<'_>,
    rule: &str,
    s: &str,
    span: std::ops::Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<Level>> {
    if let Some(level) = Level::parse(s.trim()) {
        return Some(Spanned::new(level, span));
    }
    let near = did_you_mean(s, Level::NAMES);
    let help = match near {
        Some(near) => format!("did you mean `\"{near}\"`? levels are `allow`, `warn` and `deny`"),
        None => "levels are `allow`, `warn` and `deny`".to_owned(),
    };
    let fix = near.map(|near| super::repair::near_word_fix(near, span.clone()));
    diagnostics.push(
        Diagnostic::new(
            &WRONG_TYPE,
            source,
            span,
            format!("`lint.{rule}` has an unknown level `{s}`"),
        )
        .with_help(help)
        .with_fix_opt(source, fix),
    );
    None
}
