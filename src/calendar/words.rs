//! The words of the calendar's event titles and descriptions, in the four languages of sites.

use super::Occasion;

/// `Review: {title}` and the rest, in `language` (English for any other).
pub fn summary(language: &str, occasion: Occasion, title: &str) -> String {
    let word = match (primary(language), occasion) {
        ("vi", Occasion::Review) => "Đánh giá",
        ("vi", Occasion::Deadline) => "Hạn chót",
        ("vi", Occasion::Start) => "Bắt đầu",
        ("vi", Occasion::End) => "Kết thúc",
        ("zh", Occasion::Review) => "评估",
        ("zh", Occasion::Deadline) => "截止",
        ("zh", Occasion::Start) => "开始",
        ("zh", Occasion::End) => "结束",
        ("cy", Occasion::Review) => "Adolygiad",
        ("cy", Occasion::Deadline) => "Dyddiad cau",
        ("cy", Occasion::Start) => "Dechrau",
        ("cy", Occasion::End) => "Diwedd",
        (_, Occasion::Review) => "Review",
        (_, Occasion::Deadline) => "Deadline",
        (_, Occasion::Start) => "Starts",
        (_, Occasion::End) => "Ends",
    };
    if primary(language) == "zh" {
        format!("{word}：{title}")
    } else {
        format!("{word}: {title}")
    }
}

/// The label of the owner line of a description.
pub fn owner(language: &str) -> &'static str {
    match primary(language) {
        "vi" => "Người phụ trách",
        "zh" => "负责人",
        "cy" => "Perchennog",
        _ => "Owner",
    }
}

fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}
