//! The shape of the code, checked like a test (as rust-analyzer's `tidy`): every source file
//! says what it owns in a `//!` comment, stays under 500 lines, keeps its functions under 80, and
//! imports only the modules below it (`diagnostic` ← `plan` ← `lint` ← `maturity` ← `site` ←
//! `serve` ← `cmd`). The sources are parsed with `syn`, so a brace in a string fools nothing.

use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 80;

/// Each top-level module and the modules of the crate it may name with `crate::`.
const LAYERS: &[(&str, &[&str])] = &[
    ("diagnostic", &[]),
    ("markdown", &[]),
    ("plan", &["markdown", "diagnostic"]),
    ("history", &["plan", "markdown", "diagnostic"]),
    ("lint", &["history", "plan", "markdown", "diagnostic"]),
    ("diff", &["lint", "history", "plan", "markdown", "diagnostic"]),
    ("maturity", &["lint", "plan", "diagnostic"]),
    ("lsp", &["lint", "history", "plan", "markdown", "diagnostic"]),
    ("calendar", &["plan", "diagnostic"]),
    (
        "site",
        &[
            "calendar",
            "maturity",
            "lint",
            "history",
            "plan",
            "markdown",
            "diagnostic",
        ],
    ),
    (
        "serve",
        &[
            "site",
            "calendar",
            "maturity",
            "lint",
            "history",
            "plan",
            "markdown",
            "diagnostic",
            "today",
            "cli",
        ],
    ),
    ("today", &["plan", "diagnostic"]),
    ("cli", &["diff", "diagnostic"]),
];

fn sources(folder: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Collects the functions of one file whose body runs over the limit.
struct LongFunctions<'a> {
    file: &'a str,
    found: Vec<String>,
}

impl LongFunctions<'_> {
    fn check(&mut self, name: &syn::Ident, start: proc_macro2::Span, block: &syn::Block) {
        let (first, last) = (start.start().line, block.span().end().line);
        let lines = last + 1 - first;
        if lines > MAX_FN_LINES {
            self.found
                .push(format!("{}:{first} `{name}` is {lines} lines", self.file));
        }
    }
}

impl<'ast> Visit<'ast> for LongFunctions<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.check(&f.sig.ident, f.sig.fn_token.span, &f.block);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.check(&f.sig.ident, f.sig.fn_token.span, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.check(&f.sig.ident, f.sig.fn_token.span, block);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

fn all_sources() -> Vec<PathBuf> {
    ["src", "tests", "benches"].into_iter().flat_map(sources).collect()
}

#[test]
fn functions_stay_under_80_lines() {
    let mut found = Vec::new();
    for path in all_sources() {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = relative(&path);
        let mut visitor = LongFunctions {
            file: &name,
            found: Vec::new(),
        };
        visitor.visit_file(&file);
        found.extend(visitor.found);
    }
    assert!(
        found.is_empty(),
        "functions over {MAX_FN_LINES} lines: split them into named steps\n{}",
        found.join("\n")
    );
}

#[test]
fn files_stay_under_500_lines_and_say_what_they_own() {
    let mut found = Vec::new();
    for path in all_sources() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = relative(&path);
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            found.push(format!("{name} is {lines} lines (split it by what each part owns)"));
        }
        if name.starts_with("src/") && !text.trim_start().starts_with("//!") {
            found.push(format!("{name} does not start with a `//!` line saying what it owns"));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The top-level modules `path` names as `crate::module`, with the line of each.
fn crate_imports(path: &Path) -> Vec<(String, usize)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.push((name, n + 1));
        }
    }
    found
}

#[test]
fn modules_import_only_what_lies_below_them() {
    let mut found = Vec::new();
    for path in sources("src") {
        let name = relative(&path);
        let top = name
            .trim_start_matches("src/")
            .split(['/', '.'])
            .next()
            .unwrap_or_default()
            .to_owned();
        let Some((_, allowed)) = LAYERS.iter().find(|(layer, _)| *layer == top) else {
            continue;
        };
        for (import, line) in crate_imports(&path) {
            // Items of the crate root (`ExitStatus`, `declare_rule!`) belong to no layer.
            let root_item = import.starts_with(char::is_uppercase) || import == "declare_rule";
            let ok = import == top || allowed.contains(&import.as_str()) || root_item;
            if !ok {
                found.push(format!("{name}:{line}: `{top}` may not import `crate::{import}`"));
            }
        }
    }
    assert!(found.is_empty(), "imports against the layering:\n{}", found.join("\n"));
}
