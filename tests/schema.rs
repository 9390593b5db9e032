//! `stratagem schema`: the schemas are valid draft-07, the example plan validates against them,
//! known-bad documents do not, each lists exactly the keys the loader knows, and `-o` never
//! replaces a file stratagem did not write.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::{Value, json};
use support::{example_plan, run};

const KINDS: [&str; 6] = ["plan", "goal", "strategy", "tactic", "evaluation", "page"];

fn schemas() -> Vec<(&'static str, Value)> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schemas");
    let output = run(&["schema", "-o", out.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    KINDS
        .iter()
        .map(|kind| {
            let text = fs::read_to_string(out.join(format!("{kind}.schema.json"))).unwrap();
            (*kind, serde_json::from_str(&text).unwrap())
        })
        .collect()
}

fn schema(kind: &str) -> Value {
    let output = run(&["schema", "--kind", kind], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// TOML as editors give it to a JSON Schema: dates become strings.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
    }
}

fn toml_json(text: &str) -> Value {
    to_json(toml::Value::Table(text.parse::<toml::Table>().unwrap()))
}

fn front_matter(text: &str) -> &str {
    let rest = text.strip_prefix("+++\n").expect("front matter");
    &rest[..rest.find("\n+++").expect("closed front matter")]
}

/// What the schema finds wrong in `instance`, formats checked.
fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn every_schema_is_valid_draft_07_and_says_it_is() {
    for (kind, schema) in schemas() {
        jsonschema::draft7::meta::validate(&schema).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(schema["title"].as_str().unwrap().contains(kind), "{kind}");
        assert_eq!(schema["additionalProperties"], false);
    }
}

#[test]
fn printing_one_schema_gives_the_file_that_o_writes() {
    for (kind, written) in schemas() {
        assert_eq!(schema(kind), written, "{kind}");
    }
    assert_eq!(schema("plan"), {
        let output = run(&["schema"], None);
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    });
}

#[test]
fn the_example_plan_validates() {
    let plan = schema("plan");
    let settings = toml_json(&fs::read_to_string(example_plan().join("plan.toml")).unwrap());
    assert_eq!(errors(&plan, &settings), Vec::<String>::new(), "plan.toml");
    let mut checked = 0;
    for (kind, folder) in [
        ("goal", "goals"),
        ("strategy", "strategies"),
        ("tactic", "tactics"),
        ("evaluation", "evaluations"),
        ("page", "pages"),
    ] {
        let schema = schema(kind);
        for entry in fs::read_dir(example_plan().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            let found = errors(&schema, &toml_json(front_matter(&text)));
            assert!(found.is_empty(), "{}: {found:#?}", path.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 28, "every document of the example plan");
}

/// `good` with the top-level keys of `bad` put in (replacing its own).
fn merged(good: &str, bad: &str) -> Value {
    let mut document = toml_json(good);
    for (key, value) in toml_json(bad).as_object().unwrap() {
        document[key] = value.clone();
    }
    document
}

#[test]
fn known_bad_documents_fail() {
    let goal = schema("goal");
    let good = "title = \"g\"\nowner = \"o\"\nmetric = \"m\"\ntarget = 10\ndeadline = 2027-06-30\n";
    assert_eq!(errors(&goal, &toml_json(good)), Vec::<String>::new());
    for (bad, what) in [
        ("target = \"ten\"", "a number as a string"),
        ("status = \"finished\"", "a status outside the vocabulary"),
        ("direction = 1", "a direction that is not a string"),
        ("start = \"soon\"", "a date that is not a date"),
        ("language = \"Vietnamese\"", "a language name, not a tag"),
        ("kind = \"tactic\"", "another kind"),
        ("targett = 10", "an unknown key"),
        ("budget = { amount = 1 }", "a tactic's key"),
        (
            "benchmark = { value = \"high\" }",
            "a sub-table's value of the wrong type",
        ),
        ("[lint.allow]\ngoal-vague = \"\"", "a suppression without a reason"),
        ("[lint.allow]\nno-such-rule = \"why\"", "a rule id outside the registry"),
        (
            "[[revisions]]\ndate = 2027-01-01\nfield = \"target\"\nto = 5",
            "a revision without a reason",
        ),
    ] {
        let document = merged(good, bad);
        assert!(!errors(&goal, &document).is_empty(), "{what} should fail");
    }
    assert!(
        !errors(
            &goal,
            &toml_json("owner = \"o\"\nmetric = \"m\"\ntarget = 1\ndeadline = 2027-06-30")
        )
        .is_empty(),
        "no title"
    );
    let plan = schema("plan");
    for (bad, what) in [
        ("[lint]\nvanity-metric = \"error\"", "a level outside allow/warn/deny"),
        ("[lint]\nno-such-rule = \"warn\"", "an unknown rule"),
        (
            "[lint]\ngoal-implausible-target = { level = \"warn\", max-grow = 5.0 }",
            "an unknown rule option",
        ),
        ("[limits]\nrender_seconds = 0", "a limit below 1"),
        ("period = { start = \"2027\" }", "a period that is not a date"),
        ("[[channels]]\nid = 7", "a channel id that is not a string"),
    ] {
        let document = merged("title = \"p\"", bad);
        assert!(!errors(&plan, &document).is_empty(), "{what} should fail");
    }
    let ok = "title = \"p\"\n[lint]\ngoal-implausible-target = { level = \"warn\", max-growth = 5.0 }\n";
    assert_eq!(errors(&plan, &toml_json(ok)), Vec::<String>::new());
}

/// The keys lint names as known, from the help of an `unknown-field` finding on `key`.
fn loader_keys(dir: &Path, file: &str, front_matter: &str, key: &str) -> BTreeSet<String> {
    fs::write(dir.join(file), front_matter).unwrap();
    let (json, _) = support::lint_json(dir, &[]);
    let finding = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-field" && d["file"] == file && d["message"].as_str().unwrap().contains(key))
        .unwrap_or_else(|| panic!("no unknown-field for `{key}` in {file}: {json:#}"));
    let help = finding["help"].as_str().unwrap();
    let list = help.strip_prefix("known fields: ").unwrap().split(';').next().unwrap();
    list.split(", ").map(|k| k.trim_matches('`').to_owned()).collect()
}

fn schema_keys(schema: &Value) -> BTreeSet<String> {
    schema["properties"].as_object().unwrap().keys().cloned().collect()
}

#[test]
fn each_schema_lists_exactly_the_loaders_keys() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    for (kind, folder) in [
        ("goal", "goals"),
        ("strategy", "strategies"),
        ("tactic", "tactics"),
        ("evaluation", "evaluations"),
        ("page", "pages"),
    ] {
        let file = format!("{folder}/zz-probe.md");
        let known = loader_keys(&plan, &file, "+++\ntitle = \"Probe\"\nzzzzzz = 1\n+++\n", "zzzzzz");
        assert_eq!(schema_keys(&schema(kind)), known, "{kind}");
        fs::remove_file(plan.join(&file)).unwrap();
    }
    let budget = loader_keys(
        &plan,
        "tactics/zz-probe.md",
        "+++\ntitle = \"Probe\"\nbudget = { zzzzzz = 1 }\n+++\n",
        "zzzzzz",
    );
    assert_eq!(schema_keys(&schema("tactic")["properties"]["budget"]), budget);
    fs::remove_file(plan.join("tactics/zz-probe.md")).unwrap();
    let settings = fs::read_to_string(plan.join("plan.toml")).unwrap();
    let known = loader_keys(&plan, "plan.toml", &format!("zzzzzz = 1\n{settings}"), "zzzzzz");
    assert_eq!(schema_keys(&schema("plan")), known);
}

#[test]
fn o_replaces_its_own_schemas_and_never_a_users_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schemas");
    let out_arg = out.to_str().unwrap();
    assert!(run(&["schema", "-o", out_arg], None).status.success());
    fs::write(
        out.join("goal.schema.json"),
        "{\"$comment\": \"Written by `stratagem schema` long ago\"}",
    )
    .unwrap();
    assert!(
        run(&["schema", "-o", out_arg], None).status.success(),
        "its own schemas are replaced"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&fs::read_to_string(out.join("goal.schema.json")).unwrap()).unwrap(),
        schema("goal")
    );

    let mine = dir.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("tactic.schema.json"), "{\"my\": \"schema\"}").unwrap();
    let output = run(&["schema", "-o", mine.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a schema stratagem wrote"));
    assert_eq!(
        fs::read_to_string(mine.join("tactic.schema.json")).unwrap(),
        "{\"my\": \"schema\"}"
    );
    let names: Vec<_> = fs::read_dir(&mine).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["tactic.schema.json"], "a refusal writes nothing");

    let one = dir.path().join("one");
    assert!(
        run(&["schema", "--kind", "page", "-o", one.to_str().unwrap()], None)
            .status
            .success()
    );
    let names: Vec<_> = fs::read_dir(&one).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["page.schema.json"]);
}
