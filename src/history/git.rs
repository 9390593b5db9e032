//! Git through the `git` binary: the repository that holds the plan, commands run in it, and a
//! `git cat-file --batch` reader that streams many objects through one process.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use anyhow::{Context, bail};

/// The git repository the plan folder is in.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The work tree's top folder.
    pub root: PathBuf,
    /// The plan folder relative to [`Repo::root`], `/`-separated, with a trailing `/` (empty when
    /// the plan is the whole repository).
    pub prefix: String,
    /// A shallow clone: its history stops before the first commit.
    pub shallow: bool,
    /// The commit checked out; `None` in a repository with no commit yet.
    pub head: Option<String>,
}

/// Why there is no history to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// No `git` command on PATH.
    NoGit,
    /// The plan folder is not in a git work tree (or git refuses it, e.g. `safe.directory`).
    NotARepository(String),
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unavailable::NoGit => write!(f, "`git` is not installed (or not on PATH)"),
            Unavailable::NotARepository(why) if why.is_empty() => write!(f, "the plan is not in a git repository"),
            Unavailable::NotARepository(why) => write!(f, "the plan is not in a git repository git can read: {why}"),
        }
    }
}

impl Repo {
    /// The repository holding `plan`, or why there is none.
    pub fn discover(plan: &Path) -> Result<Repo, Unavailable> {
        let output = Command::new("git")
            .arg("-C")
            .arg(plan)
            .args([
                "rev-parse",
                "--show-toplevel",
                "--show-prefix",
                "--is-shallow-repository",
                "HEAD",
            ])
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(Stdio::null())
            .output();
        let output = match output {
            Ok(output) => output,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(Unavailable::NoGit),
            Err(error) => return Err(Unavailable::NotARepository(error.to_string())),
        };
        let text = String::from_utf8_lossy(&output.stdout);
        let mut lines = text.lines();
        let (Some(root), Some(prefix), Some(shallow)) = (lines.next(), lines.next(), lines.next()) else {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let why = stderr
                .lines()
                .find(|l| !l.contains("not a git repository"))
                .unwrap_or("");
            return Err(Unavailable::NotARepository(
                why.trim_start_matches("fatal: ").trim().to_owned(),
            ));
        };
        // The commit of HEAD comes last; a repository without one prints `HEAD` back, and fails.
        let head = lines
            .next()
            .filter(|id| id.len() >= 40 && id.bytes().all(|b| b.is_ascii_hexdigit()));
        if !output.status.success() && head.is_some() {
            return Err(Unavailable::NotARepository(String::new()));
        }
        Ok(Repo {
            root: PathBuf::from(root),
            prefix: prefix.to_owned(),
            shallow: shallow == "true",
            head: head.map(str::to_owned),
        })
    }

    /// A `git` command run at the top of the work tree, without optional locks (a build never
    /// competes with the user's own git).
    pub fn command(&self) -> Command {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.root)
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(Stdio::null());
        command
    }

    /// Runs `git ARGS` and returns its standard output; an error carries git's own message.
    pub fn run<I, S>(&self, args: I) -> anyhow::Result<Vec<u8>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let output = self.command().args(&args).output().context("cannot run `git`")?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let shown: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
            bail!(
                "`git {}` failed: {}",
                shown.join(" "),
                stderr.trim().trim_start_matches("fatal: ")
            );
        }
        Ok(output.stdout)
    }

    /// The commit a revision names, or `None` when it names none here.
    pub fn commit(&self, revision: &str) -> Option<String> {
        let spec = format!("{revision}^{{commit}}");
        let out = self
            .run(["rev-parse", "--verify", "--quiet", "--end-of-options", &spec])
            .ok()?;
        let id = String::from_utf8_lossy(&out).trim().to_owned();
        (!id.is_empty()).then_some(id)
    }

    /// The best common ancestor of two commits, if they have one in the history at hand.
    pub fn merge_base(&self, a: &str, b: &str) -> Option<String> {
        let out = self.run(["merge-base", "--end-of-options", a, b]).ok()?;
        let id = String::from_utf8_lossy(&out).trim().to_owned();
        (!id.is_empty()).then_some(id)
    }

    /// The branch changes are compared with when no base is given: the base of the pull request
    /// on GitHub Actions (`GITHUB_BASE_REF`) or GitLab CI, the remote's default branch, else a
    /// local `main` or `master` — never the branch checked out.
    pub fn default_base(&self) -> Option<String> {
        let from_ci = ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        let mut candidates = Vec::new();
        if let Some(branch) = from_ci {
            candidates.push(format!("origin/{branch}"));
            candidates.push(branch);
        }
        if let Ok(out) = self.run(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]) {
            candidates.push(String::from_utf8_lossy(&out).trim().to_owned());
        }
        candidates.extend(["origin/main", "origin/master", "main", "master"].map(str::to_owned));
        // A clone of one branch points `origin/HEAD` at that branch: comparing a branch with
        // itself would find no change at all, so the current branch is never its own base.
        let current = self
            .run(["symbolic-ref", "--quiet", "--short", "HEAD"])
            .map(|out| String::from_utf8_lossy(&out).trim().to_owned())
            .unwrap_or_default();
        let own = |c: &str| !current.is_empty() && (c == current || c == format!("origin/{current}"));
        candidates
            .into_iter()
            .find(|c| !c.is_empty() && !own(c) && self.commit(c).is_some())
    }

    /// A path of the repository as a path of the plan folder, when it is inside it.
    pub fn in_plan<'p>(&self, repo_path: &'p str) -> Option<&'p str> {
        repo_path.strip_prefix(self.prefix.as_str()).filter(|p| !p.is_empty())
    }

    /// The plan folder as a git pathspec (`.` from the top when the plan is the repository).
    pub fn pathspec(&self) -> String {
        if self.prefix.is_empty() {
            ":/".to_owned()
        } else {
            format!(":/{}", self.prefix)
        }
    }
}

/// Many objects read through one `git cat-file --batch` process.
pub struct Objects {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Objects {
    pub fn open(repo: &Repo) -> anyhow::Result<Objects> {
        let mut child = repo
            .command()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot run `git cat-file`")?;
        let input = child.stdin.take().context("git cat-file has no input")?;
        let output = BufReader::new(child.stdout.take().context("git cat-file has no output")?);
        Ok(Objects { child, input, output })
    }

    /// The contents of an object (`COMMIT:path` or an object id); `None` when it is missing.
    pub fn read(&mut self, object: &str) -> anyhow::Result<Option<Vec<u8>>> {
        if object.contains('\n') {
            return Ok(None);
        }
        writeln!(self.input, "{object}")?;
        self.input.flush()?;
        self.answer()
    }

    /// The contents of many objects, in their order: the names are written by a thread of their
    /// own while the answers are read, so that git streams them without waiting for each
    /// question (one round trip per object costs far more than the bytes).
    pub fn read_all(&mut self, objects: &[String]) -> anyhow::Result<Vec<Option<Vec<u8>>>> {
        let asked: Vec<bool> = objects.iter().map(|o| !o.contains('\n')).collect();
        let (input, this) = (&mut self.input, &mut self.output);
        std::thread::scope(|scope| {
            let writer = scope.spawn(|| -> std::io::Result<()> {
                let mut input = std::io::BufWriter::new(&mut *input);
                for object in objects.iter().filter(|o| !o.contains('\n')) {
                    writeln!(input, "{object}")?;
                }
                input.flush()
            });
            let answers = asked
                .iter()
                .map(|&asked| if asked { Self::answer_from(this) } else { Ok(None) })
                .collect::<anyhow::Result<Vec<_>>>();
            writer
                .join()
                .map_err(|_| anyhow::anyhow!("the writer to git cat-file panicked"))??;
            answers
        })
    }

    fn answer(&mut self) -> anyhow::Result<Option<Vec<u8>>> {
        Self::answer_from(&mut self.output)
    }

    /// Reads one answer: a header, then the contents (or `missing`).
    fn answer_from(output: &mut BufReader<ChildStdout>) -> anyhow::Result<Option<Vec<u8>>> {
        let mut header = String::new();
        output.read_line(&mut header)?;
        let header = header.trim_end();
        if header.ends_with(" missing") || header.ends_with(" ambiguous") || header.is_empty() {
            return Ok(None);
        }
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("unexpected `git cat-file` header `{header}`"))?;
        let mut contents = vec![0; size + 1];
        output.read_exact(&mut contents)?;
        contents.pop(); // the newline after the contents
        Ok(Some(contents))
    }
}

impl Drop for Objects {
    fn drop(&mut self) {
        // Closing its input ends the process; wait for it so that no zombie is left.
        let _ = self.input.flush();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
