//! The preview never lies and never leaks: it follows the files whatever path they are served
//! through, says when it stopped following them, answers only its own host names, serves
//! nothing from outside the plan, and survives a runaway template.

mod support;

use std::time::Duration;

use support::http::{get, request};
use support::{RUNAWAY_PAGE, Server, copy_tree, edit, eventually, example_plan, plan_in, set_limits};

const GOAL: &str = "goals/corporate-leads.md";
const TITLE: &str = "title = \"Grow corporate team-trip leads from LinkedIn\"";

#[test]
fn deleting_a_broken_file_takes_its_error_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let server = Server::start(&plan, &[]);
    let broken = plan.join("goals/broken.md");
    std::fs::write(&broken, "+++\ntitle = \"Broken\n+++\n").unwrap();
    eventually("the overlay names the broken file", || {
        get(server.port, "/index.html").body.contains("goals/broken.md")
    });
    std::fs::remove_file(&broken).unwrap();
    eventually("the error is gone with the file", || {
        !get(server.port, "/index.html").body.contains("stratagem-overlay")
    });
}

#[test]
fn a_plan_served_through_a_symlinked_path_follows_edits_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let link = dir.path().join("linked-plan");
    std::os::unix::fs::symlink(&plan, &link).unwrap();
    let server = Server::start(&link, &[]);
    edit(&link.join(GOAL), TITLE, "title = \"Win corporate trips\"");
    eventually("the edit made through the link is shown", || {
        get(server.port, "/goals/corporate-leads.html")
            .body
            .contains("Win corporate trips")
    });
    std::fs::remove_file(link.join("pages/about.md")).unwrap();
    eventually("the page deleted through the link is gone", || {
        get(server.port, "/pages/about.html").status == 404
    });
}

#[test]
fn a_folder_linked_inside_the_plan_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    std::fs::create_dir(plan.join("library")).unwrap();
    std::fs::rename(plan.join(GOAL), plan.join("library/corporate-leads.md")).unwrap();
    std::os::unix::fs::symlink("../library", plan.join("goals/linked")).unwrap();
    let server = Server::start(&plan, &[]);
    assert_eq!(get(server.port, "/goals/corporate-leads.html").status, 200);
    edit(
        &plan.join("library/corporate-leads.md"),
        TITLE,
        "title = \"Win corporate trips\"",
    );
    eventually("an edit to the linked folder's file is shown", || {
        get(server.port, "/goals/corporate-leads.html")
            .body
            .contains("Win corporate trips")
    });
}

#[test]
fn a_removed_plan_folder_is_said_and_followed_again_when_back() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let server = Server::start(&plan, &[]);
    std::fs::remove_dir_all(&plan).unwrap();
    eventually("the overlay says the folder is gone", || {
        get(server.port, "/index.html").body.contains("was removed or replaced")
    });
    assert!(server.output.lock().unwrap().contains("stopped following it"));
    copy_tree(&example_plan(), &plan);
    edit(&plan.join(GOAL), TITLE, "title = \"Win corporate trips\"");
    eventually("the new folder is followed", || {
        let page = get(server.port, "/goals/corporate-leads.html").body;
        page.contains("Win corporate trips") && !page.contains("was removed or replaced")
    });
    edit(
        &plan.join(GOAL),
        "title = \"Win corporate trips\"",
        "title = \"Win more trips\"",
    );
    eventually("edits in the new folder are followed", || {
        get(server.port, "/goals/corporate-leads.html")
            .body
            .contains("Win more trips")
    });
}

#[test]
fn only_requests_for_its_own_host_are_answered() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let server = Server::start(&plan, &["--allowed-host", "plan.test"]);
    let port = server.port;
    assert_eq!(
        request(port, "GET", "/index.html", &[]).unwrap().status,
        200,
        "Host: 127.0.0.1"
    );
    assert_eq!(
        raw_status(port, "GET /index.html HTTP/1.1\r\nHost: evil.example:4000\r\n"),
        403
    );
    assert_eq!(
        raw_status(port, "GET /index.html HTTP/1.1\r\nHost: localhost:4000\r\n"),
        200
    );
    assert_eq!(
        raw_status(port, "GET /index.html HTTP/1.1\r\nHost: [::1]:4000\r\n"),
        200
    );
    assert_eq!(raw_status(port, "GET /index.html HTTP/1.1\r\nHost: PLAN.test\r\n"), 200);
    assert_eq!(raw_status(port, "GET /index.html HTTP/1.0\r\n"), 403, "no Host at all");
    let events = "/__stratagem/events";
    let from = |origin: &str| {
        raw_status(
            port,
            &format!("GET {events} HTTP/1.0\r\nHost: 127.0.0.1\r\nOrigin: {origin}\r\n"),
        )
    };
    assert_eq!(from("http://evil.example"), 403);
    assert_eq!(from("null"), 403);
    assert_eq!(from(&format!("http://127.0.0.1:{port}")), 200);
}

/// Sends a request head as written and returns the status.
fn raw_status(port: u16, head: &str) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "{head}Connection: close\r\n\r\n").unwrap();
    let mut first = [0u8; 12];
    stream.read_exact(&mut first).unwrap();
    String::from_utf8_lossy(&first[9..12]).parse().unwrap()
}

#[test]
fn static_files_come_from_inside_the_plan_only_and_as_they_are_now() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let outside = dir.path().join("secret.txt");
    std::fs::write(&outside, "TOP SECRET").unwrap();
    std::fs::create_dir_all(plan.join("static")).unwrap();
    std::fs::write(plan.join("static/notes.txt"), "first").unwrap();
    std::os::unix::fs::symlink(&outside, plan.join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path(), plan.join("static/up")).unwrap();
    let server = Server::start(&plan, &[]);
    assert_eq!(get(server.port, "/static/notes.txt").body, "first");
    assert_eq!(get(server.port, "/static/leak.txt").status, 404);
    assert_eq!(get(server.port, "/static/up/secret.txt").status, 404);
    std::fs::write(plan.join("static/notes.txt"), "second").unwrap();
    eventually("the file is served as it is now", || {
        get(server.port, "/static/notes.txt").body == "second"
    });
    let overlay = get(server.port, "/index.html").body;
    assert!(overlay.contains("symlink-outside-plan"), "the overlay names the links");
}

#[test]
fn a_runaway_template_stops_the_renderer_and_the_server_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    set_limits(&plan, "render_seconds = 1");
    let server = Server::start(&plan, &[]);
    assert_eq!(get(server.port, "/pages/about.html").status, 200);
    std::fs::create_dir_all(plan.join("templates")).unwrap();
    std::fs::write(plan.join("templates/page.html"), RUNAWAY_PAGE).unwrap();
    eventually("the overlay names the runaway template", || {
        get(server.port, "/index.html")
            .body
            .contains("template `page.html` (rendering `pages/about.html`) ran for more than 1 s")
    });
    assert_eq!(
        get(server.port, "/pages/about.html").status,
        200,
        "the last good page stays"
    );
    std::fs::remove_file(plan.join("templates/page.html")).unwrap();
    eventually("a new renderer renders the fixed plan", || {
        !get(server.port, "/index.html").body.contains("stratagem-overlay")
    });
}

#[test]
fn folder_and_port_errors_come_first_and_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let output = support::run(&["serve", missing.to_str().unwrap(), "--port", "0"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no plan folder at"), "{stderr}");
    // A plan with errors on a busy port: the port is the only thing said.
    let plan = plan_in(dir.path());
    std::fs::write(plan.join("goals/broken.md"), "+++\ntitle = \"x\n+++\n").unwrap();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let output = support::run(&["serve", plan.to_str().unwrap(), "--port", &port], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: cannot listen on"), "{stderr}");
    assert!(
        !stderr.contains("front-matter-syntax") && !stderr.contains("The plan has"),
        "{stderr}"
    );
}

#[test]
fn open_without_a_browser_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    // xdg-open exits 3 when it finds no browser ("no method available").
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let fake = bin.join("xdg-open");
    std::fs::write(&fake, "#!/bin/sh\nexit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let server = Server::start_with_env(&plan, &["--open"], &[("PATH", &path)]);
    eventually("the server says it cannot open a browser", || {
        server.output.lock().unwrap().contains("cannot open a browser")
    });
}
