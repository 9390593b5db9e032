//! Where each page of the site lives. Every URL is relative to the site root with no leading
//! `/` (`goals/corporate-leads.html`); pages prefix them with the way back to the root (`../`),
//! so the output works from `file://`, at a domain root and under any sub-path.

use std::collections::HashSet;

use crate::plan::{Kind, Plan};

/// The page path of every document, by document index.
#[derive(Debug)]
pub struct Urls {
    docs: Vec<String>,
}

impl Urls {
    /// Gives each document `<kind folder>/<slug of its id>.html`: transliterated, never empty and
    /// never colliding (a clash gets `-2`, `-3` …; `index` is reserved for list pages).
    pub fn new(plan: &Plan) -> Urls {
        let mut taken: HashSet<String> = Kind::ALL.iter().map(|k| format!("{}/index.html", k.folder())).collect();
        let docs = plan
            .documents
            .iter()
            .map(|doc| {
                let base = match slug::slugify(&doc.id) {
                    s if s.is_empty() => doc.kind.name().to_owned(),
                    s if windows_reserved(&s) => format!("{s}-page"),
                    s => s,
                };
                let mut candidate = format!("{}/{base}.html", doc.kind.folder());
                let mut n = 1;
                while !taken.insert(candidate.clone()) {
                    n += 1;
                    candidate = format!("{}/{base}-{n}.html", doc.kind.folder());
                }
                candidate
            })
            .collect();
        Urls { docs }
    }

    pub fn doc(&self, index: usize) -> &str {
        &self.docs[index]
    }
}

/// Names Windows cannot check out, whatever their case or extension: `con`, `nul`, `aux`,
/// `prn`, `com1`–`com9`, `lpt1`–`lpt9`.
pub fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_lowercase();
    match stem.as_str() {
        "con" | "nul" | "aux" | "prn" => true,
        _ => {
            let (head, digit) = stem.split_at(stem.len().min(3));
            matches!(head, "com" | "lpt") && digit.len() == 1 && digit.chars().all(|c| ('1'..='9').contains(&c))
        }
    }
}

pub fn list(kind: Kind) -> String {
    format!("{}/index.html", kind.folder())
}

pub fn rule(id: &str) -> String {
    format!("rules/{id}.html")
}

/// `../` once per folder in `page` (a root-relative page path).
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// `target` (root-relative) as seen from `page` (root-relative).
pub fn relative(page: &str, target: &str) -> String {
    format!("{}{target}", root_of(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_climb_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("goals/a.html"), "../");
        assert_eq!(relative("rules/x.html", "goals/a.html"), "../goals/a.html");
    }

    #[test]
    fn recognises_names_windows_reserves() {
        for name in [
            "con",
            "CON",
            "nul.html",
            "Aux.tar.gz",
            "prn",
            "com1",
            "COM9.txt",
            "lpt3",
        ] {
            assert!(windows_reserved(name), "{name}");
        }
        for name in [
            "console",
            "com",
            "com0",
            "com10",
            "lpt",
            "nullable",
            "auxiliary",
            "leads",
        ] {
            assert!(!windows_reserved(name), "{name}");
        }
    }
}
