//! Language tags of documents (`language = "vi"`): their shape, and the tag of a language
//! written by its name.

use super::fields::Fields;
use super::model::Spanned;

/// Reads `key` as a language tag (BCP 47: `vi`, `zh-Hans`, `en-GB`). A language's name instead
/// of its tag is `wrong-type`, with the tag when the name is one of the four the site speaks.
pub fn read(fields: &mut Fields<'_, '_>, key: &str) -> Option<Spanned<String>> {
    let value = fields.string(key)?;
    if is_tag(&value.value) {
        return Some(value);
    }
    let full = fields.full_key(key);
    let help = match named(&value.value) {
        Some(tag) => format!("write the language's tag: `{key} = \"{tag}\"`"),
        None => format!("write a language tag such as `{key} = \"vi\"`, `\"zh\"`, `\"cy\"` or `\"en-GB\"`"),
    };
    let message = format!("`{full}` should be a language tag, found `{}`", value.value);
    fields.reject(full, value.span, message, help);
    None
}

/// The shape of a BCP 47 tag: a 2–3 letter language, then subtags of 1–8 letters or digits.
pub fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The tag of a language named in English or in itself, for the four the site speaks.
pub fn named(name: &str) -> Option<&'static str> {
    match name.trim().to_lowercase().as_str() {
        "english" => Some("en"),
        "vietnamese" | "tiếng việt" | "tieng viet" => Some("vi"),
        "chinese" | "中文" | "汉语" | "简体中文" => Some("zh"),
        "welsh" | "cymraeg" => Some("cy"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_have_the_shape_of_bcp_47() {
        for tag in ["vi", "zh", "zh-Hans", "en-GB", "cy", "yue-HK", "es-419"] {
            assert!(is_tag(tag), "{tag}");
        }
        for tag in ["Vietnamese", "v", "zh_Hans", "en-", "", "中文"] {
            assert!(!is_tag(tag), "{tag}");
        }
    }

    #[test]
    fn a_language_named_gives_its_tag() {
        assert_eq!(named("Welsh"), Some("cy"));
        assert_eq!(named("Tiếng Việt"), Some("vi"));
        assert_eq!(named("中文"), Some("zh"));
        assert_eq!(named("Klingon"), None);
    }
}
