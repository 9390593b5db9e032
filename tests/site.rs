//! `stratagem build` as a user meets it: the pages it writes, links that resolve from disk, the
//! same bytes on every build, nothing written when the plan has errors, template overrides,
//! languages and readable URLs. Every test runs the real binary. (The site is also checked in
//! headless Chromium by `tests/browser.rs`.)

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use support::example_plan;
use support::site::{attributes, base_plan, build, example_site, files, read};

#[test]
fn example_site_has_every_page() {
    let (_dir, site) = example_site();
    for page in [
        "index.html",
        "map.html",
        "roadmap.html",
        "owners.html",
        "channels.html",
        "health.html",
        "search.html",
        "404.html",
        "search-index.js",
        "assets/style.css",
        "assets/search.js",
    ] {
        assert!(site.join(page).is_file(), "{page}");
    }
    for kind in ["goals", "strategies", "tactics", "evaluations", "pages"] {
        let sources = std::fs::read_dir(example_plan().join(kind)).unwrap().count();
        let pages = std::fs::read_dir(site.join(kind)).unwrap().count();
        assert_eq!(pages, sources + 1, "{kind}: one page per document and a list page");
    }
    for rule in stratagem::lint::registry() {
        assert!(
            site.join(format!("rules/{}.html", rule.id)).is_file(),
            "rule page for {}",
            rule.id
        );
    }
}

#[test]
fn every_link_resolves_from_disk_with_its_anchor() {
    let (_dir, site) = example_site();
    let pages = files(&site);
    let mut problems = BTreeSet::new();
    let mut checked = 0;
    for (path, bytes) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(html.matches("<h1").count(), 1, "{path} has one h1");
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for link in attributes(&html, "href").into_iter().chain(attributes(&html, "src")) {
            if link.starts_with("http://") || link.starts_with("https://") || link.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if file.is_empty() {
                PathBuf::from(path)
            } else if let Some(from_root) = file.strip_prefix('/') {
                // Root-absolute (the 404 page's, as the example is published at `/`).
                normalise(Path::new(from_root.split('?').next().unwrap()))
            } else {
                normalise(&dir.join(file.split('?').next().unwrap()))
            };
            let key = target.to_string_lossy().into_owned();
            match pages.get(&key) {
                None => {
                    problems.insert(format!("{path}: {link} → missing {key}"));
                }
                Some(target_bytes) if !fragment.is_empty() => {
                    let text = String::from_utf8_lossy(target_bytes);
                    if !text.contains(&format!("id=\"{fragment}\"")) {
                        problems.insert(format!("{path}: {link} → no #{fragment} in {key}"));
                    }
                }
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 1000, "only {checked} links checked");
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn no_request_leaves_the_site() {
    let (_dir, site) = example_site();
    for (path, bytes) in files(&site) {
        let text = String::from_utf8_lossy(&bytes);
        // The example links nowhere outside itself, so any absolute URL came from stratagem.
        for attr in ["src", "href"] {
            for value in attributes(&text, attr) {
                let external = value.starts_with("http:") || value.starts_with("https:") || value.starts_with("//");
                assert!(!external, "{path}: {attr}={value}");
            }
        }
        assert!(
            !text.contains("@import") && !text.contains("url(http") && !text.contains("fonts.googleapis"),
            "{path}"
        );
    }
}

#[test]
fn building_twice_gives_identical_bytes() {
    let (_dir, first) = example_site();
    let (_dir2, second) = example_site();
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

#[test]
fn references_are_links_both_ways() {
    let (_dir, site) = example_site();
    let goal = read(&site.join("goals/corporate-leads.html"));
    for link in [
        "../strategies/employee-voices.html",
        "../tactics/advocacy-digest.html",
        "../evaluations/monthly-lead-review.html",
    ] {
        assert!(goal.contains(&format!("href=\"{link}\"")), "goal page links to {link}");
    }
    let tactic = read(&site.join("tactics/advocacy-digest.html"));
    assert!(
        tactic.contains("href=\"../strategies/employee-voices.html\""),
        "tactic links to its strategy"
    );
    assert!(
        tactic.contains("href=\"../goals/corporate-leads.html\""),
        "tactic links to the goal above it"
    );
    let evaluation = read(&site.join("evaluations/care-dashboard.html"));
    assert!(
        evaluation.contains("href=\"../goals/phan-hoi-nhanh.html\"")
            && evaluation.contains("href=\"../goals/complaint-recovery.html\"")
    );
    // Markdown links between plan files become links between pages, anchors kept.
    assert!(goal.contains("href=\"../evaluations/monthly-lead-review.html\""));
    let fixes = read(&site.join("goals/listening-fixes.html"));
    assert!(
        fixes.contains("href=\"../evaluations/listening-review.html#how-we-count\""),
        "{fixes}"
    );
    let about = read(&site.join("pages/about.html"));
    assert!(
        about.contains("href=\"../goals/phan-hoi-nhanh.html\""),
        "@id links resolve"
    );
}

#[test]
fn overview_shows_progress_status_and_health() {
    let (_dir, site) = example_site();
    let index = read(&site.join("index.html"));
    assert!(
        index.contains("<progress max=\"100\" value=\"56\""),
        "corporate leads: (33-18)/(45-18) = 56%"
    );
    assert!(index.contains("class=\"badge on_track\"") && index.contains("class=\"badge at_risk\""));
    assert!(index.contains("Head of Social &amp; Community") && index.contains("2027-01-01 – 2027-12-31"));
    assert!(index.contains("No problems"));
    let goal = read(&site.join("goals/corporate-leads.html"));
    assert!(
        goal.contains("<svg")
            && goal.contains("class=\"target\"")
            && goal.contains("class=\"deadline\"")
            && goal.contains("<circle")
    );
    assert!(
        read(&site.join("map.html")).matches("<a href=").count() >= 26,
        "every node of the map is a link"
    );
    assert!(read(&site.join("roadmap.html")).contains("class=\"bar "));
    let channels = read(&site.join("channels.html"));
    assert!(
        channels.contains("240,000,000 VND") && channels.contains("EUR"),
        "budget totals per currency, grouped as English writes numbers"
    );
}

#[test]
fn search_index_covers_titles_fields_and_bodies() {
    let (_dir, site) = example_site();
    let script = read(&site.join("search-index.js"));
    let (kinds, entries) = script.split_once(";\nwindow.STRATAGEM_SEARCH = ").unwrap();
    let kinds: serde_json::Value =
        serde_json::from_str(kinds.strip_prefix("window.STRATAGEM_KINDS = ").unwrap()).unwrap();
    assert_eq!(kinds["goal"], "Goal");
    let entries: Vec<serde_json::Value> = serde_json::from_str(entries.trim().strip_suffix(';').unwrap()).unwrap();
    assert_eq!(entries.len(), 5 + 5 + 12 + 4 + 2);
    let find = |title: &str| {
        entries
            .iter()
            .find(|e| e["t"].as_str().unwrap().contains(title))
            .unwrap()
    };
    assert_eq!(find("Trả lời tin nhắn")["u"], "goals/phan-hoi-nhanh.html");
    assert!(
        find("Grow corporate")["f"]
            .as_str()
            .unwrap()
            .contains("CRM attribution report")
    );
    assert!(find("每周社交聆听报告")["b"].as_str().unwrap().contains("供应商"));
    // The owner is a field of its own (results show it), not repeated among the others, and
    // absent from a document without one.
    let report = find("每周社交聆听报告");
    assert_eq!(report["o"], "Insights analyst");
    assert!(!report["f"].as_str().unwrap().contains("Insights analyst"), "{report}");
    let about = entries.iter().find(|e| e["k"] == "page").unwrap();
    assert!(about.get("o").is_none(), "{about}");
    // The search page filters by kind; without JavaScript the filter stays hidden.
    let page = read(&site.join("search.html"));
    assert!(page.contains("<fieldset id=\"search-kinds\" class=\"search-kinds\" hidden>"));
    for kind in stratagem::plan::Kind::NAMES {
        assert!(page.contains(&format!("name=\"kind\" value=\"{kind}\"")), "{kind}");
    }
}

#[test]
fn errors_stop_the_build_and_leave_the_old_site_alone() {
    let plan = base_plan();
    let out = plan.path().join("public");
    assert_eq!(build(plan.path(), &out, &[]).status.code(), Some(0));
    std::fs::write(out.join("marker.txt"), "old site").unwrap();
    let leads = plan.path().join("goals/leads.md");
    std::fs::write(&leads, read(&leads).replace("target = 120\n", "")).unwrap();
    let output = build(plan.path(), &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("goal-missing-target") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    assert!(out.join("marker.txt").is_file(), "the old site is untouched");

    let output = build(plan.path(), &out, &["--allow-errors"]);
    assert_eq!(output.status.code(), Some(1), "the exit code still reports the errors");
    assert!(!out.join("marker.txt").exists(), "the site was replaced as a whole");
    let health = read(&out.join("health.html"));
    assert!(
        health.contains("goal-missing-target") && health.contains("href=\"goals/leads.html\""),
        "the diagnostic links to its page"
    );
    let leftovers: Vec<_> = std::fs::read_dir(plan.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary folders left: {leftovers:?}");
}

#[test]
fn refuses_to_build_over_a_plan() {
    let plan = base_plan();
    let output = build(plan.path(), plan.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(plan.path().join("plan.toml").is_file() && plan.path().join("goals/leads.md").is_file());
}

#[test]
fn status_follows_today() {
    let plan = base_plan();
    let out = plan.path().join("public");
    // The base goal runs 2027-01-01..2027-06-30 from 40 to 120, with 52 measured on 2027-02-28.
    assert_eq!(
        build(plan.path(), &out, &["--today", "2027-01-20"]).status.code(),
        Some(0)
    );
    assert!(read(&out.join("goals/leads.html")).contains("class=\"badge on_track\""));
    assert_eq!(
        build(plan.path(), &out, &["--today", "2027-05-15"]).status.code(),
        Some(0)
    );
    assert!(read(&out.join("goals/leads.html")).contains("class=\"badge at_risk\""));
    let output = build(plan.path(), &out, &["--today", "2027-07-15"]);
    assert_eq!(output.status.code(), Some(0), "a passed deadline is a warning");
    assert!(read(&out.join("goals/leads.html")).contains("class=\"badge overdue\""));
}

#[test]
fn goal_page_says_a_measurement_dated_after_today_is_not_counted() {
    let plan = base_plan();
    let out = plan.path().join("public");
    let review = plan.path().join("evaluations/review.md");
    // Today is 2027-03-15; the only measurement is dated 2027-05-01.
    support::edit(&review, "date = 2027-02-28", "date = 2027-05-01");
    let output = build(plan.path(), &out, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("measurement-in-future"), "{stderr}");
    let goal = read(&out.join("goals/leads.html"));
    assert!(goal.contains("No measurement yet"), "not counted toward progress");
    assert!(
        goal.contains("1 measurement dated after today (2027-05-01) is not counted"),
        "never silently ignored"
    );
    assert!(
        read(&out.join("index.html")).contains("1 measurement dated after today (2027-05-01) is not counted"),
        "the overview's goal card says so too"
    );
    assert!(
        goal.contains("<em>(dated after today, not counted)</em>"),
        "the measurements table marks the row"
    );
    assert!(
        goal.contains("class=\"point future\""),
        "the chart draws it hollow, off the line"
    );
    support::edit(&review, "date = 2027-05-01", "date = 2027-02-28");
    build(plan.path(), &out, &[]);
    assert!(!read(&out.join("goals/leads.html")).contains("dated after today"));
}

#[test]
fn the_map_draws_a_document_of_two_goals_in_the_band_of_the_one_it_names_first() {
    let (_dir, site) = example_site();
    let map = read(&site.join("map.html"));
    let band = |id: &str| {
        let start = map
            .find(&format!("<div class=\"map-band\" id=\"goal-{id}\""))
            .expect(id);
        let end = map[start..].find("</svg></div>").unwrap();
        map[start..start + end].to_owned()
    };
    // care-dashboard names phan-hoi-nhanh, then complaint-recovery (the first in path order).
    let named_first = band("phan-hoi-nhanh");
    assert!(named_first.contains("<a href=\"evaluations/care-dashboard.html\" data-also=\"complaint-recovery\">"));
    let other = band("complaint-recovery");
    assert!(!other.contains("evaluations/care-dashboard.html"));
    assert!(
        other.contains("<a href=\"#goal-phan-hoi-nhanh\"><title>Weekly customer-care dashboard · drawn in the band")
    );
    assert_eq!(map.matches("<div class=\"map-band\"").count(), 5, "a band per goal");
    assert!(map.contains("class=\"map-legend\"") && map.contains("<script src=\"assets/map.js\"></script>"));
}
