//! Tests of the views: what each is affected by, and every view of the example plan rendered
//! with strict variables.
//!
//! Tera 2 stops at an undefined variable or field only where it is printed (`{{ a.b }}`); in a
//! condition (`{% if a.b %}`) or under `default` a missing field is quietly undefined, that is
//! false. So that a misspelt or lost key cannot hide there, the strict render rewrites every
//! variable path `a.b` of the built-in templates into `(a.b | strict)`, a filter that fails on
//! an undefined value (a `null` value, an `Option` that is `None`, passes).

use std::path::Path;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::{Shared, View};
use crate::plan::graph::Graph;
use crate::plan::{Kind, load};
use crate::site::edit::{Edit, Field, Fields};
use crate::site::model::Model;
use crate::site::{Input, templates};

/// Names a template may leave undefined on purpose: `card_level` is set by the list page only.
const OPTIONAL: &[&str] = &["card_level"];

const KEYWORDS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "in",
    "endfor",
    "set",
    "set_global",
    "include",
    "extends",
    "block",
    "endblock",
    "not",
    "and",
    "or",
    "is",
    "true",
    "false",
    "none",
    "raw",
    "endraw",
];

fn strict(value: Value, _: Kwargs, _: &State) -> TeraResult<Value> {
    if value.is_undefined() {
        return Err(tera::Error::message("strict: a variable or field is not defined"));
    }
    Ok(value)
}

/// `source` with each variable path inside `{{ }}` and `{% %}` wrapped in the `strict` filter.
fn strictify(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut rest = source;
    while let Some(start) = rest.find(['{']) {
        let (before, tail) = rest.split_at(start);
        out.push_str(before);
        let close = match tail.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                out.push('{');
                rest = &tail[1..];
                continue;
            }
        };
        let end = tail.find(close).expect("a closed tag") + 2;
        out.push_str(&tail[..2]);
        out.push_str(&strict_tag(&tail[2..end - 2], close == "%}"));
        out.push_str(close);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The inside of one tag, its paths wrapped.
fn strict_tag(tag: &str, statement: bool) -> String {
    let chars: Vec<char> = tag.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut previous = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '\'' {
            let end = (i + 1..chars.len()).find(|&j| chars[j] == c).unwrap_or(chars.len() - 1);
            out.extend(&chars[i..=end]);
            i = end + 1;
            continue;
        }
        if !(c.is_ascii_alphabetic() || c == '_') {
            out.push(c);
            if !c.is_whitespace() {
                previous = c.to_string();
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
            i += 1;
        }
        let path: String = chars[start..i].iter().collect();
        let next = chars[i..].iter().find(|c| !c.is_whitespace()).copied();
        let next_two: String = chars[i..].iter().filter(|c| !c.is_whitespace()).take(2).collect();
        // `{%- for` trims whitespace: the `-` is not part of the statement.
        let head = out.trim_start().trim_start_matches('-').trim_start();
        let in_for_head = statement && head.starts_with("for") && !out.contains(" in ");
        let is_name_only = KEYWORDS.contains(&path.as_str())
            || ["|", "is", "set", "set_global", "block"].contains(&previous.as_str())
            || in_for_head
            || (next == Some('=') && next_two != "==")
            || matches!(next, Some('(' | '['))
            || OPTIONAL.contains(&path.as_str());
        if is_name_only {
            out.push_str(&path);
        } else {
            out.push_str(&format!("({path} | strict)"));
        }
        previous = path;
    }
    out
}

/// A Tera with the built-in templates made strict.
pub(super) fn strict_tera() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on([".html"]);
    tera.register_filter("strict", strict);
    templates::register_filters(&mut tera);
    let sources: Vec<(&str, String)> = templates::BUILT_IN.iter().map(|(n, s)| (*n, strictify(s))).collect();
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (*n, s.as_str()))) {
        panic!("{}", templates::describe(&e, &[]));
    }
    tera
}

#[test]
fn every_view_of_the_example_plan_renders_with_strict_variables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-plan");
    let loaded = load(&root, crate::plan::Purpose::Site).unwrap();
    let prepared = crate::site::prepare(&loaded.plan);
    let today = jiff::civil::date(2027, 3, 15);
    let plan = &loaded.plan;
    let graph = Graph::new(plan);
    let lint = crate::lint::lint(plan, &graph, loaded.diagnostics, today, None);
    let maturity = crate::maturity::assess(plan, &lint.diagnostics);
    let input = Input {
        plan,
        graph: &graph,
        prepared: &prepared,
        lint: &lint,
        today,
        maturity: &maturity,
        history: None,
        history_note: None,
    };
    let model = Model::new(&input);
    let published = crate::site::urls::Published::from_base_url(Some("https://example.org/plan"));
    let shared = Shared::new(&model, &published);
    let mut plain = templates::load(&[]).unwrap().tera;
    let mut strict = strict_tera();
    *plain.global_context() = super::global(&model, &published).0;
    *strict.global_context() = super::global(&model, &published).0;
    let views = View::all(&model, shared.rules.len());
    assert!(views.contains(&View::List(Kind::Page)) && views.contains(&View::NotFound));
    for view in views {
        let job = view.build(&model, &shared);
        let context = job
            .context
            .as_ref()
            .expect("a render without fingerprints renders every page");
        let expected = plain.render(job.template, context).unwrap();
        let checked = strict
            .render(job.template, context)
            .unwrap_or_else(|e| panic!("{view:?}: {}", templates::describe(&e, &[])));
        assert_eq!(checked, expected, "{view:?}: the strict templates render the same");
    }
}

#[test]
fn strict_variables_catch_what_plain_tera_lets_pass() {
    let template = "{% for g in goals %}{% if g.misspelt %}x{% endif %}{{ g.gone | default(value=\"-\") }}{{ g.here }}{% endfor %}";
    let mut context = tera::Context::new();
    context.insert("goals", &[serde_json::json!({ "here": 1, "misspelt_not": null })]);
    assert_eq!(Tera::one_off(template, &context, false).unwrap(), "-1");
    let mut tera = Tera::default();
    tera.register_filter("strict", strict);
    tera.add_raw_template("t", &strictify(template)).unwrap();
    assert!(tera.render("t", &context).is_err());
    let fine = "{% if g.here %}{{ g.here }}{% endif %}{{ g.none | default(value=\"-\") }}";
    tera.add_raw_template("u", &strictify(fine)).unwrap();
    let mut context = tera::Context::new();
    context.insert("g", &serde_json::json!({ "here": 1, "none": null }));
    assert_eq!(tera.render("u", &context).unwrap(), "1", "null is defined");
}

#[test]
fn strictify_wraps_paths_and_leaves_names() {
    assert_eq!(
        strictify("{% for x in rel.goals %}{{ t[x.kind] }}{% endfor %}"),
        "{% for x in (rel.goals | strict) %}{{ t[(x.kind | strict)] }}{% endfor %}"
    );
    assert_eq!(
        strictify("{% set level = card_level | default(value=3) %}{% if not loop.last %}a{% endif %}"),
        "{% set level = card_level | default(value=3) %}{% if not (loop.last | strict) %}a{% endif %}"
    );
    assert_eq!(
        strictify("{% block title %}{{ page.title }}{% endblock %}"),
        "{% block title %}{{ (page.title | strict) }}{% endblock %}"
    );
}

fn edit(kind: Kind, fields: &[Field]) -> Edit {
    let mut edit = Edit::default();
    edit.record(kind, Fields::of(fields));
    edit
}

/// The views across the plan that `edit` affects.
fn affected(edit: &Edit) -> Vec<View> {
    View::across(true, 2)
        .into_iter()
        .filter(|v| v.affected_by(edit))
        .collect()
}

#[test]
fn an_owner_renders_the_owners_page_the_lists_and_the_roadmap_again() {
    use View::*;
    assert_eq!(
        affected(&edit(Kind::Tactic, &[Field::Owner])),
        [Roadmap, Owners, List(Kind::Tactic)],
        "the roadmap filters by a tactic's owner"
    );
    assert_eq!(
        affected(&edit(Kind::Goal, &[Field::Owner])),
        [Overview, Owners, List(Kind::Goal)]
    );
}

#[test]
fn tactic_dates_render_the_roadmap_the_owners_load_and_the_content_calendar_again() {
    assert_eq!(
        affected(&edit(Kind::Tactic, &[Field::Dates])),
        [View::Overview, View::Roadmap, View::Owners, View::Content]
    );
}

#[test]
fn a_tactic_cadence_renders_the_owners_load_and_the_content_calendar_again() {
    assert_eq!(
        affected(&edit(Kind::Tactic, &[Field::Workload])),
        [View::Owners, View::Content]
    );
}

#[test]
fn a_measurement_renders_the_goal_cards_and_the_map_again() {
    use View::*;
    assert_eq!(
        affected(&edit(Kind::Evaluation, &[Field::Measurements])),
        [Overview, Map, List(Kind::Goal)]
    );
}

#[test]
fn a_tactic_status_renders_what_shows_it_again() {
    use View::*;
    assert_eq!(
        affected(&edit(Kind::Tactic, &[Field::Status])),
        [Overview, Map, Roadmap, Owners, Channels, List(Kind::Tactic), Content]
    );
    assert_eq!(affected(&edit(Kind::Tactic, &[Field::Budget])), [Channels]);
}

#[test]
fn a_title_renders_every_page_that_links_to_the_document_again() {
    use View::*;
    assert_eq!(
        affected(&edit(Kind::Page, &[Field::Title])),
        [Owners, List(Kind::Page), Maturity, Changes, Health]
    );
    assert_eq!(
        affected(&edit(Kind::Strategy, &[Field::Title])),
        [
            Map,
            Roadmap,
            Owners,
            List(Kind::Strategy),
            List(Kind::Tactic),
            Maturity,
            Changes,
            Health
        ]
    );
}

#[test]
fn lint_counts_and_maturity_render_their_pages_again() {
    use View::*;
    let body_only = edit(Kind::Goal, &[]);
    assert!(affected(&body_only).is_empty(), "{:?}", affected(&body_only));
    let lint = Edit {
        lint: true,
        counts: true,
        ..Edit::default()
    };
    assert_eq!(affected(&lint), [Overview, Health, Rule(0), Rule(1)]);
    let stage = Edit {
        stage: true,
        maturity: true,
        ..Edit::default()
    };
    assert_eq!(affected(&stage), [Overview, Maturity]);
}

#[test]
fn a_document_page_renders_again_when_within_reach() {
    let edit = Edit {
        pages: vec![2, 5, 9],
        ..Edit::default()
    };
    assert!(View::Document(5).affected_by(&edit));
    assert!(!View::Document(4).affected_by(&edit));
    assert!(!View::Search.affected_by(&edit) && !View::NotFound.affected_by(&edit));
}

/// Every document's body as its page shows it, from the plan in `root` loaded for `purpose`.
fn bodies(root: &Path, purpose: crate::plan::Purpose) -> Vec<String> {
    let loaded = load(root, purpose).unwrap();
    let plan = &loaded.plan;
    let prepared = crate::site::prepare(plan);
    let today = jiff::civil::date(2027, 3, 15);
    let graph = Graph::new(plan);
    let lint = crate::lint::lint(plan, &graph, loaded.diagnostics.clone(), today, None);
    let maturity = crate::maturity::assess(plan, &lint.diagnostics);
    let input = Input {
        plan,
        graph: &graph,
        prepared: &prepared,
        lint: &lint,
        today,
        maturity: &maturity,
        history: None,
        history_note: None,
    };
    let model = Model::new(&input);
    (0..plan.documents.len()).map(|i| model.body_html(i)).collect()
}

#[test]
fn bodies_rendered_as_they_load_fill_in_as_bodies_rendered_for_the_page() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-plan");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.toml"), "title = \"P\"\n").unwrap();
    std::fs::create_dir(dir.path().join("goals")).unwrap();
    // A body whose text is exactly the mark's escape is rendered again for its page.
    std::fs::write(
        dir.path().join("goals/a.md"),
        "+++\ntitle = \"A\"\n+++\nUp **%01**, see [b](b.md) and ![l](../static/l.png).\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("goals/b.md"),
        "+++\ntitle = \"B\"\n+++\n# B\n[a](a.md#x)\n",
    )
    .unwrap();
    for root in [example.as_path(), dir.path()] {
        let site = bodies(root, crate::plan::Purpose::Site);
        assert_eq!(site, bodies(root, crate::plan::Purpose::Lint), "{}", root.display());
        assert!(site.iter().any(|b| b.contains("href=\"")), "the bodies have links");
    }
    let loaded = load(dir.path(), crate::plan::Purpose::Site).unwrap();
    let page = |id: &str| loaded.plan.documents[loaded.plan.index_of(id).unwrap()].page.is_some();
    assert!(
        !page("a") && page("b"),
        "only the body with the mark's escape waits for its page"
    );
    let a = &bodies(dir.path(), crate::plan::Purpose::Site)[loaded.plan.index_of("a").unwrap()];
    assert!(
        a.contains("href=\"../goals/b.html\"") && a.contains("<strong>%01</strong>"),
        "{a}"
    );
}

#[test]
fn an_evaluation_title_renders_the_map_again() {
    // The map draws each goal's evaluations in its band.
    assert!(affected(&edit(Kind::Evaluation, &[Field::Title])).contains(&View::Map));
    assert!(affected(&edit(Kind::Evaluation, &[Field::References])).contains(&View::Map));
}
