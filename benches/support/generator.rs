//! Writes a valid plan of N documents — 10% goals, 20% strategies, 50% tactics, 20% evaluations —
//! each with 400–800 words of Markdown (headings, lists, a table, links to other documents), a
//! quarter of them titled and partly written in Vietnamese or Chinese. Deterministic for a given N.
//! It lints clean with `--today 2027-03-15`.

use std::fmt::Write as _;
use std::path::Path;

/// Bump when the output changes, so that cached plans are regenerated.
pub const VERSION: &str = "2";

const EN_TOPICS: &[&str] = &[
    "qualified leads",
    "customer replies",
    "trial sign-ups",
    "repeat purchases",
    "event registrations",
    "support response time",
    "partner referrals",
    "newsletter subscribers",
    "demo requests",
    "store visits",
];
const VI_TITLES: &[&str] = &[
    "Tăng số khách hàng tiềm năng từ Facebook",
    "Rút ngắn thời gian phản hồi tin nhắn",
    "Tăng lượt đăng ký sự kiện tại Hà Nội",
    "Giảm tỷ lệ khiếu nại sau mua hàng",
];
const ZH_TITLES: &[&str] = &[
    "提高客户咨询回复速度",
    "增加线上订单转化率",
    "扩大华南市场的注册人数",
    "减少售后投诉数量",
];
const VI_SENTENCES: &[&str] = &[
    "Nhóm chăm sóc khách hàng báo cáo tiến độ mỗi tuần.",
    "Chúng tôi đo lường kết quả bằng dữ liệu từ hệ thống CRM.",
    "Ngân sách được chia theo từng giai đoạn của chiến dịch.",
];
const ZH_SENTENCES: &[&str] = &[
    "团队每周向负责人汇报进展。",
    "我们用客户关系管理系统的数据衡量结果。",
    "预算按活动的各个阶段分配。",
];
const SUBJECTS: &[&str] = &[
    "The care team",
    "Our community manager",
    "The content lead",
    "Each store team",
    "The analyst",
    "Marketing",
];
const VERBS: &[&str] = &[
    "will test",
    "reviews",
    "is responsible for",
    "plans to automate",
    "must document",
    "keeps track of",
];
const OBJECTS: &[&str] = &[
    "the weekly content calendar",
    "saved replies for common questions",
    "the escalation path",
    "the listening dashboard",
    "the employee-advocacy digest",
    "partner co-marketing",
    "the reporting template",
];
const TAILS: &[&str] = &[
    "before the end of the quarter",
    "with a named owner",
    "so that progress is visible",
    "within the agreed budget",
    "based on last month's review",
    "and reports the result monthly",
];
const OWNERS: &[&str] = &[
    "Alice Nguyen",
    "Bình Trần",
    "Chen Wei",
    "Dana Okafor",
    "Hà Phạm",
    "李娜",
    "Rhys Morgan",
    "Siân Evans",
];
const UNITS: &[(&str, &str, f64, f64)] = &[
    ("qualified leads per month", "leads/month", 20.0, 400.0),
    ("median first-reply time", "hours", 2.0, 24.0),
    ("trial sign-ups per month", "sign-ups/month", 50.0, 900.0),
    ("repeat purchase rate", "%", 10.0, 40.0),
];

/// A small deterministic random generator (SplitMix64); benchmarks need repeatability, not quality.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

struct Counts {
    goals: usize,
    strategies: usize,
    tactics: usize,
    evaluations: usize,
}

fn counts(n: usize) -> Counts {
    let goals = (n / 10).max(1);
    let strategies = (n / 5).max(1);
    let evaluations = (n / 5).max(1);
    Counts {
        goals,
        strategies,
        evaluations,
        tactics: n.saturating_sub(goals + strategies + evaluations).max(1),
    }
}

fn id(prefix: char, i: usize) -> String {
    format!("{prefix}{i:05}")
}

/// Writes the plan into `dir`.
pub fn write_plan(dir: &Path, n: usize) -> std::io::Result<()> {
    let c = counts(n);
    for folder in ["goals", "strategies", "tactics", "evaluations"] {
        std::fs::create_dir_all(dir.join(folder))?;
    }
    std::fs::write(
        dir.join("plan.toml"),
        format!(
            "title = \"Benchmark plan ({n} documents)\"\norganization = \"Bench\"\nowner = \"Head of Social\"\n\
             language = \"en\"\nperiod = {{ start = 2026-01-01, end = 2028-12-31 }}\n"
        ),
    )?;
    let kinds = [
        ('g', "goals", c.goals),
        ('s', "strategies", c.strategies),
        ('t', "tactics", c.tactics),
        ('e', "evaluations", c.evaluations),
    ];
    for (prefix, folder, count) in kinds {
        for i in 1..=count {
            let mut rng = Rng::new((prefix as u64) << 32 | i as u64);
            let text = document(&mut rng, prefix, i, &c);
            std::fs::write(dir.join(folder).join(format!("{}.md", id(prefix, i))), text)?;
        }
    }
    Ok(())
}

fn document(rng: &mut Rng, prefix: char, i: usize, c: &Counts) -> String {
    let (title, language) = match rng.below(20) {
        0..=2 => (format!("{} ({})", rng.pick(VI_TITLES), id(prefix, i)), 'v'),
        3..=4 => (format!("{}（{}）", rng.pick(ZH_TITLES), id(prefix, i)), 'z'),
        _ => (format!("Grow {} {}", rng.pick(EN_TOPICS), id(prefix, i)), 'e'),
    };
    let mut fm = format!("title = \"{title}\"\nowner = \"{}\"\n", rng.pick(OWNERS));
    let mut related = Vec::new();
    match prefix {
        'g' => goal_fields(rng, &mut fm),
        's' => {
            let goal = (i - 1) % c.goals + 1;
            let _ = writeln!(fm, "goals = [\"{}\"]", id('g', goal));
            related.push(format!("../goals/{}.md", id('g', goal)));
        }
        't' => related.push(tactic_fields(rng, i, c, &mut fm)),
        _ => related.push(evaluation_fields(rng, i, c, &mut fm)),
    }
    for _ in 0..rng.range(1, 3) {
        let (p, folder, count) = [
            ('g', "goals", c.goals),
            ('s', "strategies", c.strategies),
            ('t', "tactics", c.tactics),
        ][rng.below(3)];
        related.push(format!("../{folder}/{}.md", id(p, rng.range(1, count))));
    }
    format!("+++\n{fm}+++\n\n{}", body(rng, language, &related))
}

/// A goal's front matter after its title and owner.
fn goal_fields(rng: &mut Rng, fm: &mut String) {
    let (metric, unit, lo, hi) = UNITS[rng.below(UNITS.len())];
    let baseline = (lo + (hi - lo) * rng.below(1000) as f64 / 1000.0).round().max(1.0);
    let target = (baseline * [0.6, 0.8, 1.3, 1.6, 2.0][rng.below(5)])
        .round()
        .min(if unit == "%" { 95.0 } else { f64::MAX });
    let target = if target == baseline { baseline + 1.0 } else { target };
    let _ = write!(
        fm,
        "metric = \"{metric}\"\nunit = \"{unit}\"\nbaseline = {baseline}\ntarget = {target}\nstart = 2026-0{}-01\n\
         deadline = 2027-{:02}-28\ndata_source = \"CRM\"\nbusiness_outcome = \"pipeline for the sales team\"\n",
        rng.range(1, 9),
        rng.range(6, 12)
    );
}

/// A tactic's front matter after its title and owner; returns the link to its strategy.
fn tactic_fields(rng: &mut Rng, i: usize, c: &Counts, fm: &mut String) -> String {
    let strategy = if i <= c.strategies {
        i
    } else {
        rng.range(1, c.strategies)
    };
    let _ = write!(
        fm,
        "strategy = \"{}\"\nstart = 2026-{:02}-01\nend = 2027-{:02}-15\ncadence = \"weekly\"\n",
        id('s', strategy),
        rng.range(2, 12),
        rng.range(1, 12),
    );
    let amount = rng.range(100, 20000);
    let _ = write!(
        fm,
        "budget = {{ amount = {amount}, currency = \"EUR\" }}\nstatus = \"active\"\n"
    );
    format!("../strategies/{}.md", id('s', strategy))
}

/// An evaluation's front matter after its title and owner, with its measurements; returns the
/// link to its goal's summary.
fn evaluation_fields(rng: &mut Rng, i: usize, c: &Counts, fm: &mut String) -> String {
    let goal = (i - 1) % c.goals + 1;
    let _ = write!(
        fm,
        "goals = [\"{}\"]\nmethod = \"dashboard review\"\ndata_source = \"CRM\"\ncadence = \"monthly\"\nnext_review = 2027-0{}-01\n",
        id('g', goal),
        rng.range(4, 9)
    );
    for m in 0..rng.range(1, 3) {
        let _ = write!(
            fm,
            "\n[[measurements]]\ndate = 2027-0{}-10\nvalue = {}\n",
            m + 1,
            rng.range(1, 100)
        );
    }
    format!("../goals/{}.md#summary", id('g', goal))
}

fn sentence(rng: &mut Rng) -> String {
    let s = format!(
        "{} {} {} {}.",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    );
    match rng.below(8) {
        0 => s.replacen("the ", "*the* ", 1),
        1 => format!("{s} See the `owner` field."),
        _ => s,
    }
}

fn paragraph(rng: &mut Rng, links: &[String]) -> String {
    let mut sentences: Vec<String> = (0..rng.range(4, 7)).map(|_| sentence(rng)).collect();
    for link in links {
        let i = rng.below(sentences.len());
        sentences[i].push_str(&format!(" It builds on [this document]({link})."));
    }
    sentences.join(" ")
}

fn body(rng: &mut Rng, language: char, related: &[String]) -> String {
    let mut out = String::from("## Summary\n\n");
    out += &paragraph(rng, &related[..1]);
    out += "\n\n";
    match language {
        'v' => out += &format!("{} {}\n\n", rng.pick(VI_SENTENCES), rng.pick(VI_SENTENCES)),
        'z' => out += &format!("{}{}\n\n", rng.pick(ZH_SENTENCES), rng.pick(ZH_SENTENCES)),
        _ => {}
    }
    out += "## Key points\n\n";
    for _ in 0..rng.range(3, 6) {
        out += &format!("- **{}**: {}\n", rng.pick(EN_TOPICS), sentence(rng));
    }
    out += "\n## Measures\n\n| Measure | Baseline | Target | Owner |\n|---|---:|---:|---|\n";
    for _ in 0..rng.range(3, 5) {
        out += &format!(
            "| {} | {} | {} | {} |\n",
            rng.pick(EN_TOPICS),
            rng.range(1, 500),
            rng.range(1, 900),
            rng.pick(OWNERS)
        );
    }
    out += "\n## Plan\n\n";
    for n in 1..=rng.range(3, 6) {
        out += &format!("{n}. {}\n", sentence(rng));
    }
    out += "\n### Risks\n\n> The main risk is that nobody owns the work; the fallback is a weekly check-in.\n\n## Discussion\n\n";
    for _ in 0..rng.range(3, 6) {
        out += &paragraph(rng, &related[1..]);
        out += "\n\n";
    }
    out
}
