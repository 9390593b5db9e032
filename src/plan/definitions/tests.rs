//! The definitions table against the loader: a document that sets every defined key to a value of
//! its type loads clean, and a key outside the table is `unknown-field`. (The loader's reads are
//! checked against the table in every test that loads: see `Fields::check_defined`.)

use super::*;
use crate::diagnostic::Diagnostic;
use crate::plan::discover::Candidate;
use crate::plan::load::{Bodies, parse_file};
use crate::plan::settings;

/// A TOML value of the field's type, as a plan would write it.
fn sample(kind: Option<Kind>, def: &FieldDef) -> String {
    match &def.ty {
        FieldType::String => "\"text\"".to_owned(),
        FieldType::LanguageTag => "\"vi\"".to_owned(),
        FieldType::Date => "2027-03-31".to_owned(),
        FieldType::Number => "12.5".to_owned(),
        FieldType::Integer => "-3".to_owned(),
        FieldType::PositiveInteger => "5".to_owned(),
        FieldType::Bool => "true".to_owned(),
        FieldType::Strings => "[\"one\", \"two\"]".to_owned(),
        FieldType::OneOf(Vocab::Kind) => format!("\"{}\"", kind.map_or("goal", Kind::name)),
        FieldType::OneOf(vocab) => format!("\"{}\"", vocab.names()[0]),
        FieldType::ListOf(vocab) => format!("[\"{}\"]", vocab.names()[0]),
        FieldType::Scalar => "100".to_owned(),
        FieldType::Table(fields) => format!("{{ {} }}", assignments(kind, fields).join(", ")),
        FieldType::Tables(fields) => format!("[{{ {} }}]", assignments(kind, fields).join(", ")),
        FieldType::StringMap => "{ home = \"Start\" }".to_owned(),
        FieldType::Free => "{ anything = [1, \"two\"] }".to_owned(),
        FieldType::RuleLevels => {
            "{ vanity-metric = \"deny\", goal-implausible-target = { level = \"warn\", max-growth = 5.0 } }".to_owned()
        }
        FieldType::RuleAllowances => {
            "{ goal-vague = \"a reason\", vanity-metric = { reason = \"why\", until = 2027-06-30 } }".to_owned()
        }
    }
}

fn assignments(kind: Option<Kind>, fields: &'static [FieldDef]) -> Vec<String> {
    fields
        .iter()
        .map(|f| format!("{} = {}", f.name, sample(kind, f)))
        .collect()
}

/// Every defined key of `kind` (None: plan.toml), one a line, plus `extra_lines`.
fn document(kind: Option<Kind>, extra_lines: &str) -> String {
    let lines: Vec<String> = top_level(kind)
        .map(|f| format!("{} = {}", f.name, sample(kind, f)))
        .collect();
    format!("{}\n{extra_lines}", lines.join("\n"))
}

fn load(kind: Kind, toml: &str) -> Vec<Diagnostic> {
    let candidate = Candidate {
        abs: std::path::PathBuf::from("/nowhere"),
        rel: format!("{}/sample.md", kind.folder()),
        folder_kind: Some(kind),
    };
    let result = parse_file(&candidate, format!("+++\n{toml}\n+++\nBody.\n"), Bodies::Scan);
    assert!(
        result.document.is_some(),
        "{kind:?} did not load: {:?}",
        result.diagnostics
    );
    result.diagnostics
}

fn rules(diagnostics: &[Diagnostic]) -> Vec<(&str, &str)> {
    diagnostics.iter().map(|d| (d.rule.id, d.message.as_str())).collect()
}

#[test]
fn a_document_with_every_defined_key_loads_clean() {
    for kind in Kind::ALL {
        let diagnostics = load(kind, &document(Some(kind), ""));
        assert!(diagnostics.is_empty(), "{kind:?}: {:#?}", rules(&diagnostics));
    }
}

#[test]
fn a_plan_toml_with_every_defined_key_loads_clean() {
    let (settings, diagnostics) = settings::parse(document(None, ""));
    assert!(diagnostics.is_empty(), "{:#?}", rules(&diagnostics));
    assert_eq!(settings.channels.len(), 1);
    assert!(settings.markdown.raw_html);
}

#[test]
fn a_key_outside_the_table_is_an_unknown_field() {
    for kind in Kind::ALL {
        let diagnostics = load(kind, &document(Some(kind), "zzz_undefined = 1\n"));
        let found = rules(&diagnostics);
        assert_eq!(found.len(), 1, "{kind:?}: {found:#?}");
        assert_eq!(found[0].0, "unknown-field");
        assert!(found[0].1.contains("zzz_undefined"), "{found:?}");
    }
    let nested = load(Kind::Tactic, "title = \"t\"\nbudget = { amount = 1, zzz = 2 }\n");
    assert_eq!(
        rules(&nested),
        [("unknown-field", "unknown field `budget.zzz` in `budget`")]
    );
    let (_, diagnostics) = settings::parse(document(None, "zzz_undefined = 1\n"));
    assert_eq!(rules(&diagnostics).len(), 1);
    assert_eq!(diagnostics[0].rule.id, "unknown-field");
}

#[test]
fn every_definition_has_a_one_sentence_doc_and_unique_name() {
    fn check(path: &str, fields: &'static [FieldDef]) {
        let mut seen = Vec::new();
        for f in fields {
            assert!(!seen.contains(&f.name), "{path}{} is defined twice", f.name);
            seen.push(f.name);
            assert!(
                f.doc.ends_with('.') && f.doc.chars().next().is_some_and(|c| !c.is_lowercase()),
                "{}",
                f.doc
            );
            check(&format!("{path}{}.", f.name), f.sub_fields());
        }
    }
    check("plan.toml ", plan());
    for kind in Kind::ALL {
        let all: Vec<_> = top_level(Some(kind)).collect();
        let names: Vec<_> = all.iter().map(|f| f.name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(!names[..i].contains(name), "{kind:?} defines `{name}` twice");
        }
        check(&format!("{kind:?} "), of_kind(kind));
    }
    check("common ", common());
}

#[test]
fn field_finds_top_level_and_dotted_keys() {
    assert!(matches!(
        field(Some(Kind::Goal), "deadline").unwrap().ty,
        FieldType::Date
    ));
    assert!(field(Some(Kind::Goal), "title").unwrap().required_in(Some(Kind::Goal)));
    assert!(!field(Some(Kind::Page), "owner").unwrap().required_in(Some(Kind::Page)));
    assert!(field(Some(Kind::Strategy), "deadline").is_none());
    assert!(matches!(
        field(Some(Kind::Tactic), "budget.amount").unwrap().ty,
        FieldType::Number
    ));
    assert!(field(Some(Kind::Evaluation), "measurements.value").is_some());
    assert!(field(Some(Kind::Goal), "lint.allow").is_some());
    assert!(field(None, "period.start").is_some());
    assert!(field(None, "metric").is_none());
    assert!(field(None, "period.start.x").is_none());
    assert_eq!(Kind::Strategy.fields().collect::<Vec<_>>(), ["goals", "channels"]);
}
