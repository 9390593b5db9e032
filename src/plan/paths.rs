//! Plan paths written with `/`: a link's path resolved against the linking file, and the one
//! normaliser of `.`, `..` and empty segments (for links between documents and for requests to
//! the preview).

/// Resolves a link path against the linking file's folder into a plan-relative path; `None` if
/// it leaves the plan folder.
pub fn resolve_path(from: &str, link: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(link).decode_utf8().ok()?;
    let mut parts: Vec<&str> = Vec::with_capacity(8);
    // The linking file's folder, unless the link starts at the plan root.
    if let (false, Some((folder, _))) = (decoded.starts_with('/'), from.rsplit_once('/')) {
        parts.extend(folder.split('/'));
    }
    apply_segments(&mut parts, &decoded, Up::Climb)?;
    Some(parts.join("/"))
}

/// What a `..` segment may do in [`apply_segments`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Up {
    /// Go up one folder (not above the start: that is `None`).
    Climb,
    /// Nothing may go up: any `..` is `None` (a request to the preview server).
    Refuse,
}

/// Applies the `/`-separated `path` to `parts`: empty and `.` segments vanish, `..` does what
/// `up` says. The one owner of `/`-path normalisation, for links between documents and for
/// requests to the preview. `None` when the path would leave where it started.
pub fn apply_segments<'a>(parts: &mut Vec<&'a str>, path: &'a str, up: Up) -> Option<()> {
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if up == Up::Climb => {
                parts.pop()?;
            }
            ".." => return None,
            part => parts.push(part),
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_root_paths() {
        assert_eq!(
            resolve_path("tactics/a.md", "../goals/leads.md").as_deref(),
            Some("goals/leads.md")
        );
        assert_eq!(resolve_path("tactics/a.md", "b.md").as_deref(), Some("tactics/b.md"));
        assert_eq!(
            resolve_path("tactics/a.md", "/goals/x%20y.md").as_deref(),
            Some("goals/x y.md")
        );
        assert_eq!(resolve_path("a.md", "../x.md"), None);
    }
}
