//! The reader on the patterns the wording rules must get right, in each language.

use super::*;

fn metric(text: &str) -> Reading {
    read(text, Field::Metric, true)
}

fn title(text: &str) -> Reading {
    read(text, Field::Title, false)
}

fn head(reading: &Reading) -> Vec<(Thing, String)> {
    reading.head.iter().map(|c| (c.thing, c.word.to_lowercase())).collect()
}

#[test]
fn the_head_of_an_english_metric_is_what_it_counts() {
    assert_eq!(
        head(&metric("visits to product pages from our posts")),
        [(Thing::Outcome, "visits".into())]
    );
    assert_eq!(
        head(&metric("qualified leads per month")),
        [(Thing::Outcome, "leads".into())]
    );
    assert_eq!(
        head(&metric("the number of followers on Instagram")),
        [(Thing::Attention, "followers".into())]
    );
    assert_eq!(
        head(&metric("Instagram follower count")),
        [(Thing::Attention, "follower".into())]
    );
    assert_eq!(
        head(&metric("share of customers who renew")),
        [(Thing::Outcome, "customers".into())]
    );
    assert_eq!(
        head(&metric("median time to first reply")),
        [(Thing::Outcome, "time".into())]
    );
    assert_eq!(head(&metric("audience and reach")).len(), 2);
}

#[test]
fn a_countable_word_that_is_not_the_head_counts_nothing() {
    let r = metric("partner data quality");
    assert!(!r.counts_something(), "{r:?}");
    assert_eq!(r.vague, ["quality"]);
}

#[test]
fn inflections_are_matched_by_their_stem() {
    for text in ["posts liked", "likes", "people liking our posts"] {
        assert!(title(&format!("Increase {text}")).counts_something(), "{text}");
    }
    assert_eq!(
        metric("page likes").attention_only().map(|c| c.thing),
        Some(Thing::Attention)
    );
}

#[test]
fn a_year_or_a_version_is_not_a_measure() {
    let r = title("Launch mobile app 2.0 by 2027");
    assert!(!r.counts_something(), "{r:?}");
    assert_eq!(r.dates, ["2.0", "2027"]);
    assert!(title("Tăng nhận diện thương hiệu lên 1.700").dates.is_empty());
    assert!(
        title("Gain 500 new Instagram followers in 30 days")
            .attention_only()
            .is_some()
    );
}

#[test]
fn a_soft_aim_needs_a_number() {
    assert!(!title("Improve customer satisfaction").counts_something());
    assert!(title("Raise customer satisfaction to 92%").counts_something());
    assert!(metric("customer satisfaction").counts_something());
    assert!(title("Increase brand awareness by 15%").counts_something());
    assert!(!title("Increase brand awareness").counts_something());
}

#[test]
fn chinese_words_are_matched_whole() {
    assert_eq!(metric("赞助商数量").attention_only(), None);
    assert!(metric("点赞数").attention_only().is_some());
    assert!(metric("全平台粉丝量").attention_only().is_some());
    assert_eq!(metric("粉丝转化率").attention_only(), None);
    assert!(!title("提升品牌影响力").counts_something());
}

#[test]
fn vietnamese_classifiers_introduce_the_count() {
    assert!(metric("lượt chia sẻ").attention_only().is_some());
    assert!(metric("số lượng người theo dõi fanpage").attention_only().is_some());
    assert_eq!(
        head(&metric("số lượng người truy cập vào blog")),
        [(Thing::Outcome, "người truy cập".into())]
    );
    assert!(title("Tăng lượt chia sẻ bài viết").counts_something());
    assert!(!title("Tăng nhận diện thương hiệu").counts_something());
    assert!(!title("Thúc đẩy chuyển đổi số").counts_something());
}

#[test]
fn welsh_mutations_are_read_as_the_word() {
    assert!(metric("nifer o ddilynwyr").attention_only().is_some());
    assert_eq!(
        head(&metric("nifer y bobl sy’n dilyn")),
        [(Thing::Outcome, "bobl".into())]
    );
    assert!(title("cynyddu nifer y gwirfoddolwyr").counts_something());
    assert!(!title("Gwella ymwybyddiaeth brand").counts_something());
}
