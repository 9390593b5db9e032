//! `stratagem serve` as a user meets it: the real binary on a free port against a copy of the
//! example plan. Edits reload open pages, broken files show in an overlay and keep their last
//! good page, paths never leave the site, and the server answers through rebuilds.

mod support;

use std::time::Duration;

use support::http::{get, request};
use support::{Events, Server, copy_tree, edit, eventually, example_plan};

fn plan_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example_plan(), dir.path());
    dir
}

#[test]
fn editing_a_goal_reloads_open_pages_with_the_change() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &[]);
    let page = get(server.port, "/goals/corporate-leads.html");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("<h1>Grow corporate team-trip leads from LinkedIn</h1>")
    );
    assert!(
        page.body.contains("/__stratagem/events"),
        "the reload script is injected"
    );

    let mut events = Events::connect(server.port, "/__stratagem/events");
    let first: u64 = events.next("hello").expect("a hello event").parse().unwrap();
    edit(
        &plan.path().join("goals/corporate-leads.md"),
        "title = \"Grow corporate team-trip leads from LinkedIn\"",
        "title = \"Win corporate trips\"",
    );
    // The edited goal's own page is sent first, in a reload that names it and no page
    // across the plan; each reload is sent only once the pages it names are in place.
    let (next, pages) = events.reload();
    assert_eq!(pages, Some(vec!["goals/corporate-leads.html".to_owned()]));
    assert!(next > first);
    let page = get(server.port, "/goals/corporate-leads.html");
    assert!(page.body.contains("<h1>Win corporate trips</h1>"), "{}", page.body);
    assert!(
        page.body
            .contains(&format!("var g={next},p=\"goals/corporate-leads.html\";"))
    );
    let later = events.reload_of("index.html");
    assert!(later > next);
    assert!(get(server.port, "/index.html").body.contains("Win corporate trips"));
    assert!(
        get(server.port, "/strategies/employee-voices.html")
            .body
            .contains("Win corporate trips"),
        "pages that show the goal changed too"
    );
    // A page that does not show the goal is not told to reload.
    edit(
        &plan.path().join("goals/corporate-leads.md"),
        "title = \"Win corporate trips\"",
        "title = \"Win more corporate trips\"",
    );
    let mut named = Vec::new();
    while !named.iter().any(|p| p == "index.html") {
        let (_, pages) = events.reload();
        named.extend(pages.expect("an edit names the pages it changed"));
    }
    assert!(
        !named
            .iter()
            .any(|p| p == "channels.html" || p == "tactics/saved-replies.html"),
        "{named:?}"
    );
    assert!(
        !plan.path().join("public").exists(),
        "nothing is written into the plan folder"
    );
}

#[test]
fn a_broken_file_shows_in_the_overlay_keeps_its_page_and_clears_when_fixed() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &[]);
    let file = plan.path().join("strategies/listen-first.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        good.replace("title = \"Listen before we post\"", "title = \"Listen before we post"),
    )
    .unwrap();
    eventually("the overlay names the broken file", || {
        get(server.port, "/index.html")
            .body
            .contains("strategies/listen-first.md:2:")
    });
    let page = get(server.port, "/strategies/listen-first.html");
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("<h1>Listen before we post</h1>") && page.body.contains("front-matter-syntax"));

    std::fs::write(&file, &good).unwrap();
    eventually("the overlay is gone", || {
        !get(server.port, "/index.html").body.contains("stratagem-overlay")
    });
}

#[test]
fn template_errors_show_in_the_overlay_instead_of_stopping_the_server() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &[]);
    std::fs::create_dir_all(plan.path().join("templates")).unwrap();
    std::fs::write(
        plan.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}{{ oops {% endblock %}",
    )
    .unwrap();
    eventually("the template error shows", || {
        get(server.port, "/pages/about.html").body.contains("template-error")
    });
    assert!(
        get(server.port, "/goals/corporate-leads.html").body.contains("<h1>"),
        "the last good site is served"
    );
    std::fs::remove_file(plan.path().join("templates/page.html")).unwrap();
    eventually("the error clears", || {
        !get(server.port, "/pages/about.html").body.contains("stratagem-overlay")
    });
}

#[test]
fn paths_outside_the_site_are_refused() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &[]);
    for path in [
        "/../plan.toml",
        "/%2e%2e/plan.toml",
        "/goals/..%2F..%2Fplan.toml",
        "/..%5Cplan.toml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/goals/../../plan.toml",
    ] {
        let response = request(server.port, "GET", path, &[]).unwrap();
        assert!(
            matches!(response.status, 400 | 404),
            "{path} answered {}",
            response.status
        );
        assert!(!response.body.contains("organization ="), "{path} leaked plan.toml");
    }
    let missing = get(server.port, "/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "the site's 404 page");
    assert_eq!(request(server.port, "POST", "/index.html", &[]).unwrap().status, 405);
}

#[test]
fn head_conditional_requests_and_content_types_behave() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &[]);
    let page = get(server.port, "/goals/phan-hoi-nhanh.html");
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(page.body.contains("Trả lời tin nhắn khách hàng"), "UTF-8 comes through");
    let etag = page.header("etag").expect("an ETag").to_owned();
    let head = request(server.port, "HEAD", "/goals/phan-hoi-nhanh.html", &[]).unwrap();
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), page.header("content-length"));
    let again = request(
        server.port,
        "GET",
        "/goals/phan-hoi-nhanh.html",
        &[("If-None-Match", &etag)],
    )
    .unwrap();
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(
        get(server.port, "/assets/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(get(server.port, "/goals/").status, 200, "a folder serves its index");
    assert_eq!(get(server.port, "/goals").status, 301);
}

#[test]
fn serves_under_a_base_path() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &["--base-path", "/team/strategy/"]);
    assert_eq!(get(server.port, "/team/strategy/").status, 200);
    let page = get(server.port, "/team/strategy/goals/corporate-leads.html");
    assert!(
        page.body.contains("href=\"../assets/style.css\"")
            && page.body.contains("EventSource(\"/team/strategy/__stratagem/events\")")
    );
    assert_eq!(get(server.port, "/index.html").status, 404);
    // A missing page deep in the site: the 404 page links from the site's path, not from there.
    let missing = get(server.port, "/team/strategy/goals/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("href=\"/team/strategy/assets/style.css\"")
            && missing.body.contains("href=\"/team/strategy/goals/index.html\"")
            && !missing.body.contains("href=\"goals/"),
        "{}",
        missing.body
    );
    let mut events = Events::connect(server.port, "/team/strategy/__stratagem/events");
    assert!(events.next("hello").is_some());
}

#[test]
fn answers_every_request_while_rebuilding() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &[]);
    let port = server.port;
    let file = plan.path().join("tactics/advocacy-digest.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let (stop, file, original) = (stop.clone(), file.clone(), original.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                std::fs::write(
                    &file,
                    original.replace("Weekly employee-advocacy digest", &format!("Digest {n}")),
                )
                .unwrap();
                std::thread::sleep(Duration::from_millis(15));
            }
        })
    };
    let pages = [
        "/index.html",
        "/tactics/advocacy-digest.html",
        "/map.html",
        "/roadmap.html",
        "/search-index.js",
        "/assets/style.css",
    ];
    let workers: Vec<_> = (0..8)
        .map(|w| {
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| request(port, "GET", pages[(w + i) % pages.len()], &[]).map(|r| r.status))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<_> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    editor.join().unwrap();
    assert_eq!(results.len(), 200);
    let failures: Vec<_> = results.iter().filter(|r| !matches!(r, Ok(200))).collect();
    assert!(failures.is_empty(), "{failures:?}");
    std::fs::write(&file, &original).unwrap();
    eventually("the last save is shown", || {
        get(port, "/tactics/advocacy-digest.html")
            .body
            .contains("<h1>Weekly employee-advocacy digest</h1>")
    });
}

#[test]
fn survives_deletes_renames_folder_moves_and_settings_changes() {
    let plan = plan_copy();
    let server = Server::start(plan.path(), &[]);
    let port = server.port;
    // A new file, then a rename: the old page goes, the new one comes.
    std::fs::write(plan.path().join("pages/notes.md"), "+++\ntitle = \"Notes\"\n+++\n").unwrap();
    eventually("the new page is served", || {
        get(port, "/pages/notes.html").status == 200
    });
    std::fs::rename(plan.path().join("pages/notes.md"), plan.path().join("pages/words.md")).unwrap();
    eventually("the renamed page is served", || {
        get(port, "/pages/words.html").status == 200
    });
    assert_eq!(get(port, "/pages/notes.html").status, 404);
    // A delete.
    std::fs::remove_file(plan.path().join("pages/words.md")).unwrap();
    eventually("the deleted page is gone", || {
        get(port, "/pages/words.html").status == 404
    });
    // A folder moved away and back.
    let away = plan
        .path()
        .parent()
        .unwrap()
        .join(format!("away-{}", std::process::id()));
    std::fs::rename(plan.path().join("tactics"), &away).unwrap();
    eventually("tactics are gone", || {
        get(port, "/tactics/advocacy-digest.html").status == 404
    });
    assert_eq!(get(port, "/index.html").status, 200);
    std::fs::rename(&away, plan.path().join("tactics")).unwrap();
    eventually("tactics are back", || {
        get(port, "/tactics/advocacy-digest.html").status == 200
    });
    // Editors' swap files are ignored; plan.toml changes rebuild everything.
    std::fs::write(plan.path().join("goals/.corporate-leads.md.swp"), [0u8, 1, 2]).unwrap();
    edit(&plan.path().join("plan.toml"), "language = \"en\"", "language = \"cy\"");
    eventually("the site speaks Welsh", || {
        get(port, "/index.html").body.contains("<html lang=\"cy\">")
    });
    assert!(
        !get(port, "/index.html").body.contains("stratagem-overlay"),
        "the swap file did not break anything"
    );
}

#[test]
fn ctrl_c_stops_the_server_cleanly_even_with_pages_open() {
    let plan = plan_copy();
    let mut server = Server::start(plan.path(), &[]);
    let mut events = Events::connect(server.port, "/__stratagem/events");
    assert!(events.next("hello").is_some());
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(server.output.lock().unwrap().contains("Stopped."));
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let output = support::run(&["serve", example_plan().to_str().unwrap(), "--port", &port], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--port 0"));
}
