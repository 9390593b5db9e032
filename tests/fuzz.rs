//! A bounded mutation fuzzer: the example plan with random bytes flipped, lines deleted,
//! duplicated or cut, and tokens that break parsers inserted, through the real binary. Lint
//! never panics, always exits 0 or 1, and its JSON is valid with every field of the contract;
//! every tenth plan is also built, and SARIF output parsed.
//!
//! `STRATAGEM_FUZZ_RUNS` sets how many plans (default 300); `STRATAGEM_FUZZ_SEED` the seed.

mod support;

use std::path::Path;

use support::{copy_tree, example_plan, run};

/// xorshift64*: a small deterministic generator, so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "+++",
    "\"",
    "'''",
    "[",
    "]]",
    "[[measurements]]",
    "=",
    "\0",
    "\u{feff}",
    "\r",
    "\t",
    "1e308",
    "-9223372036854775808",
    "nan",
    "inf",
    "2027-13-45",
    "@",
    "#",
    "../../",
    "{",
    "}",
    "\u{202e}",
    "🙂",
    "ư",
    "目标",
    "\\u0000",
    "<script>",
    "javascript:",
    "[x](@nope)",
    "[y](#nope)",
    "\n+++\n",
];

/// Mutates one file's bytes in place.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let at = rng.below(bytes.len() + 1);
    match rng.below(6) {
        0 if !bytes.is_empty() => {
            let last = bytes.len() - 1;
            bytes[at.min(last)] = rng.next() as u8;
        }
        1 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            bytes.splice(at..at, token.iter().copied());
        }
        2 => bytes.truncate(at),
        kind => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut lines: Vec<&str> = text.split('\n').collect();
            let line = rng.below(lines.len());
            match kind {
                3 => {
                    lines.remove(line);
                }
                4 => lines.insert(line, lines[line]),
                _ => {
                    let other = rng.below(lines.len());
                    lines.swap(line, other);
                }
            }
            *bytes = lines.join("\n").into_bytes();
        }
    }
}

fn plan_files(root: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn check_json(json: &serde_json::Value, context: &str) {
    let diagnostics = json["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("{context}: no diagnostics array"));
    for d in diagnostics {
        for key in ["rule", "severity", "file", "message", "help"] {
            assert!(d[key].is_string(), "{context}: `{key}` missing in {d}");
        }
        assert!(d["line"].as_u64().is_some_and(|l| l >= 1), "{context}: {d}");
        assert!(d["column"].as_u64().is_some_and(|c| c >= 1), "{context}: {d}");
    }
    assert!(json["summary"]["files"].is_u64(), "{context}");
}

#[test]
fn mutated_plans_never_panic_and_json_stays_valid() {
    let runs: usize = std::env::var("STRATAGEM_FUZZ_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("STRATAGEM_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    let mut rng = Rng(seed | 1);
    let (mut diagnostics, mut built) = (0, 0);
    for run_index in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        copy_tree(&example_plan(), &plan);
        let files = plan_files(&plan);
        for _ in 0..=rng.below(3) {
            let file = &files[rng.below(files.len())];
            let mut bytes = std::fs::read(file).unwrap();
            for _ in 0..=rng.below(4) {
                mutate(&mut rng, &mut bytes);
            }
            std::fs::write(file, bytes).unwrap();
        }
        let context = format!("run {run_index} (seed {seed})");
        let output = run(
            &[
                "lint",
                plan.to_str().unwrap(),
                "--format",
                "json",
                "--today",
                "2027-05-20",
            ],
            None,
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{context}: {stderr}");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{context}: {:?} {stderr}",
            output.status
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{context}: not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
        check_json(&json, &context);
        diagnostics += json["diagnostics"].as_array().map_or(0, Vec::len);
        if run_index % 10 == 0 {
            let site = dir.path().join("site");
            let args = [
                "build",
                plan.to_str().unwrap(),
                "-o",
                site.to_str().unwrap(),
                "--allow-errors",
            ];
            let output = run(&args, None);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.contains("panicked"), "{context}: build: {stderr}");
            assert!(
                matches!(output.status.code(), Some(0..=2)),
                "{context}: build {:?}",
                output.status
            );
            built += usize::from(site.join("index.html").is_file());
            let sarif = run(&["lint", plan.to_str().unwrap(), "--format", "sarif"], None);
            let sarif: serde_json::Value =
                serde_json::from_slice(&sarif.stdout).unwrap_or_else(|e| panic!("{context}: SARIF ({e})"));
            assert_eq!(sarif["version"], "2.1.0", "{context}");
        }
    }
    println!("{runs} mutated plans: no panic, valid JSON every time, {diagnostics} diagnostics; {built} sites built");
}
