//! `stratagem maturity`: a fixture plan at each stage, every criterion passing and failing, the
//! example plan at evolving with what mastering still needs, and the Maturity page of the site.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{copy_tree, example_plan, fixtures, run};

const CRITERIA: [&str; 13] = [
    "plan-owner",
    "business-goals",
    "response-times",
    "training",
    "benchmarks",
    "central-platform",
    "listening",
    "cross-functional-goals",
    "influencers",
    "user-generated-content",
    "roi-attribution",
    "employee-advocacy",
    "automation",
];

/// The base fixture plan with `overlay` laid over it.
fn plan(overlay: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    if !overlay.is_empty() {
        copy_tree(&fixtures().join("maturity").join(overlay), dir.path());
    }
    dir
}

fn maturity(plan: &Path) -> Value {
    let output = run(
        &[
            "maturity",
            plan.to_str().unwrap(),
            "--format",
            "json",
            "--today",
            "2027-03-15",
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn passed(report: &Value) -> Vec<(String, bool)> {
    report["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c["passed"].as_bool().unwrap()))
        .collect()
}

#[test]
fn each_stage_has_a_plan_and_each_criterion_passes_and_fails() {
    let cases = [("emerging", 0), ("evolving", 6), ("mastering", 13)];
    for (stage, passing) in cases {
        let dir = plan(stage);
        let report = maturity(dir.path());
        assert_eq!(report["stage"], stage);
        let results = passed(&report);
        assert_eq!(results.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), CRITERIA);
        let expected: Vec<bool> = (0..13).map(|i| i < passing).collect();
        assert_eq!(
            results.iter().map(|(_, p)| *p).collect::<Vec<_>>(),
            expected,
            "{stage}: {results:?}"
        );
    }
}

#[test]
fn json_has_the_documented_shape() {
    let dir = plan("evolving");
    let report = maturity(dir.path());
    let criterion = &report["criteria"][0];
    for key in ["id", "stage", "factor", "passed", "evidence"] {
        assert!(criterion.get(key).is_some(), "criteria have `{key}`");
    }
    assert_eq!(criterion["stage"], "evolving");
    assert_eq!(criterion["factor"], "investment");
    assert_eq!(criterion["evidence"][0], "plan.toml owner = \"Head of Social\"");
    assert_eq!(
        report["by_stage"]["evolving"],
        serde_json::json!({ "passed": 6, "total": 6 })
    );
    assert_eq!(
        report["next_steps"],
        serde_json::json!(["listening", "cross-functional-goals", "influencers"])
    );
}

#[test]
fn evidence_names_what_falls_short() {
    let dir = plan("evolving");
    // A second customer-facing tactic without a response time.
    let stories = dir.path().join("tactics/stories.md");
    let text = std::fs::read_to_string(&stories)
        .unwrap()
        .replace("+++\n", "")
        .trim()
        .to_owned();
    std::fs::write(&stories, format!("+++\n{text}\npractices = [\"customer-care\"]\n+++\n")).unwrap();
    // A goal with a lint error no longer counts as a clean business goal.
    let leads = dir.path().join("goals/leads.md");
    std::fs::write(
        &leads,
        std::fs::read_to_string(&leads)
            .unwrap()
            .replace("deadline = 2027-06-30\n", ""),
    )
    .unwrap();
    let report = maturity(dir.path());
    let find = |id: &str| {
        report["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(find("response-times")["passed"], false);
    assert_eq!(
        find("response-times")["evidence"],
        serde_json::json!(["tactics/stories.md"])
    );
    assert_eq!(
        find("business-goals")["evidence"],
        serde_json::json!(["goals/leads.md"])
    );
    assert_eq!(report["stage"], "emerging");
}

#[test]
fn owners_and_metrics_are_read_in_four_languages() {
    for owner in [
        "Trưởng nhóm chăm sóc khách hàng",
        "客服主管",
        "Pennaeth gwasanaeth cwsmeriaid",
        "PR manager",
    ] {
        let dir = plan("evolving");
        let leads = dir.path().join("goals/leads.md");
        std::fs::write(
            &leads,
            std::fs::read_to_string(&leads)
                .unwrap()
                .replace("owner = \"Content lead\"", &format!("owner = \"{owner}\"")),
        )
        .unwrap();
        let report = maturity(dir.path());
        assert!(
            passed(&report).contains(&("cross-functional-goals".into(), true)),
            "{owner}"
        );
    }
    for metric in [
        "doanh thu từ mạng xã hội",
        "来自社交媒体的销售额",
        "refeniw o'r cyfryngau cymdeithasol",
        "qualified leads",
    ] {
        let dir = plan("evolving");
        let review = dir.path().join("evaluations/review.md");
        std::fs::write(
            &review,
            std::fs::read_to_string(&review)
                .unwrap()
                .replace("metric = \"post reach\"", &format!("metric = \"{metric}\"")),
        )
        .unwrap();
        let report = maturity(dir.path());
        assert!(passed(&report).contains(&("roi-attribution".into(), true)), "{metric}");
    }
}

#[test]
fn example_plan_is_evolving_and_shows_what_mastering_needs() {
    let report = maturity(&example_plan());
    assert_eq!(report["stage"], "evolving");
    assert_eq!(
        report["next_steps"],
        serde_json::json!(["influencers", "user-generated-content", "automation"])
    );
    let human = run(&["maturity", example_plan().to_str().unwrap()], None);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains(": Evolving") && text.contains("Next steps towards Mastering:") && text.contains("✗ influencers"),
        "{text}"
    );
}

#[test]
fn the_site_has_a_maturity_page_and_the_overview_shows_the_stage() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    assert!(
        run(
            &["build", example_plan().to_str().unwrap(), "-o", out.to_str().unwrap()],
            None
        )
        .status
        .success()
    );
    let page = std::fs::read_to_string(out.join("maturity.html")).unwrap();
    assert!(page.contains("aria-current=\"step\"") && page.contains("<h1>Maturity: Evolving</h1>"));
    assert!(
        page.contains("href=\"tactics/advocacy-training.html\""),
        "criteria link to their evidence"
    );
    assert!(
        page.contains("<code>practices = [\"influencers\"]</code>")
            || page.contains("<code>practices = [&quot;influencers&quot;]</code>"),
        "{page}"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"maturity.html\" class=\"badge stage-evolving\">Evolving</a>"));

    // In Vietnamese.
    let plan = tempfile::tempdir().unwrap();
    copy_tree(&example_plan(), plan.path());
    let toml = plan.path().join("plan.toml");
    std::fs::write(
        &toml,
        std::fs::read_to_string(&toml)
            .unwrap()
            .replace("language = \"en\"", "language = \"vi\""),
    )
    .unwrap();
    let out = plan.path().join("public");
    assert!(run(&["build", plan.path().to_str().unwrap()], None).status.success());
    let page = std::fs::read_to_string(out.join("maturity.html")).unwrap();
    assert!(
        page.contains("Phát triển") && page.contains("Lập một chiến thuật"),
        "criteria in the plan's language"
    );
}

#[test]
fn unknown_practices_are_reported_with_a_suggestion() {
    let dir = plan("evolving");
    let digest = dir.path().join("tactics/digest.md");
    std::fs::write(
        &digest,
        std::fs::read_to_string(&digest)
            .unwrap()
            .replace("\"training\"", "\"trainning\""),
    )
    .unwrap();
    let (json, _) = support::lint_json(dir.path(), &["--today", "2027-03-15"]);
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-practice")
        .expect("reported");
    assert!(d["help"].as_str().unwrap().contains("did you mean `training`?"));
    assert!(
        passed(&maturity(dir.path())).contains(&("training".into(), false)),
        "a misspelt practice counts for nothing"
    );
}
