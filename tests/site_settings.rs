//! `stratagem build` under a plan's own settings: template overrides and template errors, the
//! UI language and `[strings]`, readable URLs, and `base_url`. Every test runs the real binary.

mod support;

use support::example_plan;
use support::site::{base_plan, build, example_site, read};

#[test]
fn plan_templates_override_built_ins_and_template_errors_name_the_line() {
    let plan = base_plan();
    let out = plan.path().join("public");
    std::fs::create_dir_all(plan.path().join("templates")).unwrap();
    std::fs::write(
        plan.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"mine\">{{ doc.link.title }}</h1>{% endblock %}",
    )
    .unwrap();
    assert_eq!(build(plan.path(), &out, &[]).status.code(), Some(0));
    assert!(read(&out.join("pages/about.html")).contains("<h1 class=\"mine\">About</h1>"));
    assert!(
        read(&out.join("index.html")).contains("goal-card"),
        "other templates stay built in"
    );

    std::fs::write(out.join("marker.txt"), "old").unwrap();
    std::fs::write(
        plan.path().join("templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ doc.link.title \n{% endblock %}",
    )
    .unwrap();
    let output = build(plan.path(), &out, &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("page.html:4:1"),
        "names the template and line: {stderr}"
    );
    assert!(out.join("marker.txt").is_file(), "a template error writes nothing");
}

#[test]
fn ui_language_and_strings_come_from_plan_toml() {
    let plan = base_plan();
    let plan_toml = plan.path().join("plan.toml");
    let text = read(&plan_toml).replace("title = \"Fixture plan\"", "title = \"Kế hoạch\"\nlanguage = \"vi\"");
    std::fs::write(&plan_toml, format!("{text}\n[strings]\nroadmap = \"Lịch trình\"\n")).unwrap();
    let out = plan.path().join("public");
    assert_eq!(build(plan.path(), &out, &[]).status.code(), Some(0));
    let index = read(&out.join("index.html"));
    assert!(index.contains("<html lang=\"vi\">"));
    assert!(
        index.contains(">Tổng quan<") && index.contains(">Lịch trình<"),
        "built-in Vietnamese and an override"
    );
    for (language, word) in [("zh", "概览"), ("cy", "Trosolwg")] {
        std::fs::write(
            &plan_toml,
            read(&plan_toml)
                .replace("language = \"vi\"", &format!("language = \"{language}\""))
                .replace(
                    &format!("language = \"{}\"", "zh"),
                    &format!("language = \"{language}\""),
                ),
        )
        .unwrap();
        assert_eq!(build(plan.path(), &out, &[]).status.code(), Some(0));
        let index = read(&out.join("index.html"));
        assert!(
            index.contains(&format!("<html lang=\"{language}\">")) && index.contains(word),
            "{language}"
        );
    }
}

#[test]
fn urls_are_readable_unique_and_never_empty() {
    let plan = base_plan();
    let pages = plan.path().join("pages");
    for (file, id) in [
        ("a.md", "Tăng trưởng"),
        ("b.md", "目标"),
        ("c.md", "!!!"),
        ("d.md", "tang-truong"),
        ("index.md", "index"),
    ] {
        std::fs::write(pages.join(file), format!("+++\nid = \"{id}\"\ntitle = \"{id}\"\n+++\n")).unwrap();
    }
    let out = plan.path().join("public");
    let output = build(plan.path(), &out, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for page in [
        "pages/tang-truong.html",
        "pages/mu-biao.html",
        "pages/page.html",
        "pages/tang-truong-2.html",
        "pages/index-2.html",
        "pages/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
}

#[test]
fn base_url_fills_canonical_links_only() {
    let (dir, _) = example_site();
    let out = dir.path().join("sub");
    assert_eq!(
        build(
            &example_plan(),
            &out,
            &["--base-url", "https://intranet.example/strategy/"]
        )
        .status
        .code(),
        Some(0)
    );
    let goal = read(&out.join("goals/corporate-leads.html"));
    assert!(
        goal.contains("<link rel=\"canonical\" href=\"https://intranet.example/strategy/goals/corporate-leads.html\">")
    );
    assert!(goal.contains("href=\"../assets/style.css\""), "links stay relative");
}
