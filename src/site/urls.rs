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

/// Where the site is published: its absolute URL (for canonical links) and the path it is
/// served under (for the 404 page, which a host serves at any depth, so its links start at `/`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Published {
    /// `https://example.org/plan/`, always with a trailing `/`.
    pub url: Option<String>,
    /// `/plan/`, always with a leading and a trailing `/`.
    pub path: Option<String>,
}

impl Published {
    /// From a `base_url` setting: an absolute URL gives both, a root-absolute path (`/`,
    /// `/team/plan`) only the path; anything else neither (pages link relatively).
    pub fn from_base_url(raw: Option<&str>) -> Published {
        let Some(raw) = raw.map(str::trim) else {
            return Published::default();
        };
        if raw.starts_with('/') && !raw.starts_with("//") {
            return Published::default().served_at(raw);
        }
        match url::Url::parse(raw) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Published {
                url: Some(format!("{}/", raw.trim_end_matches('/'))),
                ..Published::default()
            }
            .served_at(url.path()),
            _ => Published::default(),
        }
    }

    /// The same site served under `path` (as the preview's `--base-path` serves it).
    pub fn served_at(self, path: &str) -> Published {
        let inner = path.trim_matches('/');
        let path = if inner.is_empty() {
            "/".to_owned()
        } else {
            format!("/{inner}/")
        };
        Published {
            path: Some(path),
            ..self
        }
    }
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

    #[test]
    fn a_base_url_gives_the_path_the_site_is_served_under() {
        let published = Published::from_base_url(Some("https://example.org/team/plan"));
        assert_eq!(published.url.as_deref(), Some("https://example.org/team/plan/"));
        assert_eq!(published.path.as_deref(), Some("/team/plan/"));
        let root = Published::from_base_url(Some("https://example.org"));
        assert_eq!(root.path.as_deref(), Some("/"));
        let path_only = Published::from_base_url(Some("/team/plan/"));
        assert_eq!((path_only.url, path_only.path.as_deref()), (None, Some("/team/plan/")));
        for unknown in [
            None,
            Some(""),
            Some("plan"),
            Some("//cdn.example.org/"),
            Some("ftp://x/"),
        ] {
            assert_eq!(Published::from_base_url(unknown), Published::default(), "{unknown:?}");
        }
        let preview = Published::from_base_url(Some("https://example.org/plan")).served_at("/preview");
        assert_eq!(preview.path.as_deref(), Some("/preview/"));
    }
}
