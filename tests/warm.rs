//! Warm builds: `stratagem build` over its own previous site keeps every page whose fingerprint
//! did not change (hard-linked, not rendered) and renders the rest. Whatever changed — a
//! document, a count shown on every page, a template, a page edited by hand in the output —
//! the site equals a cold build of the same plan, byte for byte.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use support::edits::EDITS;
use support::{copy_tree, example_plan, stratagem};

const TODAY: &str = "2027-05-20";

/// Builds `plan` into `out` with the build cache in `cache`; returns (pages, pages kept).
fn build(plan: &Path, out: &Path, cache: &Path) -> (usize, usize) {
    let output = stratagem()
        .args(["build", &plan.display().to_string(), "-o", &out.display().to_string()])
        .args(["--today", TODAY])
        .env("STRATAGEM_CACHE_DIR", cache)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let number = |after: &str| -> usize {
        let at = stdout.find(after).map_or(0, |i| i + after.len());
        stdout[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    };
    let kept = stdout.find(" of them unchanged").map_or(0, |end| {
        let start = stdout[..end].rfind(", ").unwrap() + 2;
        stdout[start..end].parse().unwrap()
    });
    (number("Built "), kept)
}

/// Every file of a site, by path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The paths where two sites differ.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths.into_iter().filter(|p| a.get(*p) != b.get(*p)).cloned().collect()
}

#[test]
fn a_warm_build_equals_a_cold_build_after_each_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, site, cache) = (
        dir.path().join("plan"),
        dir.path().join("site"),
        dir.path().join("cache"),
    );
    copy_tree(&example_plan(), &plan);
    let (pages, kept) = build(&plan, &site, &cache);
    assert_eq!(kept, 0, "a first build renders every page");
    let (again, kept) = build(&plan, &site, &cache);
    assert_eq!((again, kept), (pages, pages), "an unchanged plan keeps every page");
    let mut some_kept = false;
    for (n, (file, from, to)) in EDITS.iter().enumerate() {
        support::edit(&plan.join(file), from, to);
        let (pages, kept) = build(&plan, &site, &cache);
        let cold = dir.path().join(format!("cold-{n}"));
        build(&plan, &cold, &dir.path().join(format!("no-cache-{n}")));
        let stale = differences(&files(&site), &files(&cold));
        assert!(
            stale.is_empty(),
            "after editing {file} ({from} → {to}), these differ: {stale:?}"
        );
        assert!(kept < pages, "editing {file} rendered no page again");
        some_kept |= kept > 0;
    }
    assert!(some_kept, "some edits kept pages");
}

#[test]
fn a_page_changed_by_hand_a_changed_template_or_a_lost_cache_renders_again() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, site, cache) = (
        dir.path().join("plan"),
        dir.path().join("site"),
        dir.path().join("cache"),
    );
    copy_tree(&example_plan(), &plan);
    let (pages, _) = build(&plan, &site, &cache);
    let built = files(&site);
    let cached: Vec<_> = std::fs::read_dir(cache.join("sites")).unwrap().collect();
    assert_eq!(cached.len(), 1, "the cache is kept outside the site");
    let page = site.join("tactics/saved-replies.html");
    // Rewritten in place, with the same size: only its modification time tells.
    let text = std::fs::read_to_string(&page).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&page, text.replacen("<main", "<MAIN", 1)).unwrap();
    let (_, kept) = build(&plan, &site, &cache);
    assert_eq!(
        kept,
        pages - 1,
        "the page changed by hand is rendered again, and only it"
    );
    assert_eq!(differences(&files(&site), &built), Vec::<String>::new());

    std::fs::create_dir_all(plan.join("templates/partials")).unwrap();
    let facts =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/partials/facts.html")).unwrap();
    std::fs::write(
        plan.join("templates/partials/facts.html"),
        format!("<!-- ours -->{facts}"),
    )
    .unwrap();
    let (_, kept) = build(&plan, &site, &cache);
    assert_eq!(kept, 0, "a changed template renders every page again");
    let cold = dir.path().join("cold");
    build(&plan, &cold, &dir.path().join("other-cache"));
    assert_eq!(differences(&files(&site), &files(&cold)), Vec::<String>::new());
    assert!(std::fs::read_to_string(&page).unwrap().contains("<!-- ours -->"));

    std::fs::remove_dir_all(&cache).unwrap();
    let (_, kept) = build(&plan, &site, &cache);
    assert_eq!(kept, 0, "without its cache, a build renders every page");
    assert_eq!(differences(&files(&site), &files(&cold)), Vec::<String>::new());
}
