//! Labels that wrap: the estimated width of text, character by character (Chinese, Japanese and
//! Korean at a full em, narrow Latin letters at a third of one), and the greedy breaking of a
//! title into at most a few lines that fit a box, the last one ellipsized when the title is
//! longer. SVG does not wrap text by itself, so the pictures lay their lines out from this.

/// The estimated width of `text` at `size` px. The figures follow DejaVu Sans, the widest of
/// the sans-serif faces browsers commonly fall back to, so that a label measured here fits in
/// the faces of other systems too.
pub fn text_width(text: &str, size: f64) -> f64 {
    f64::from(text.chars().map(em).sum::<u32>()) / 100.0 * size
}

/// The width of one character, in hundredths of an em (whole numbers, so that a line's width
/// is the same however it is summed).
fn em(c: char) -> u32 {
    match c {
        _ if is_wide(c) => 100,
        // Combining marks (Vietnamese tones written as separate characters) take no room.
        '\u{300}'..='\u{36f}' => 0,
        ' ' => 32,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'I' | '’' | '‘' => 30,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | '"' | '“' | '”' => 46,
        'm' | 'w' => 92,
        'M' | 'W' | '@' | '%' | '…' => 100,
        '0'..='9' => 64,
        c if c.is_uppercase() => 76,
        c if c.is_alphabetic() => 63,
        _ => 86,
    }
}

/// Whether a character is drawn a full em wide: CJK ideographs (also beyond the BMP), kana,
/// Hangul, CJK punctuation, full-width forms, emoji.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// CJK punctuation that must not begin a line: it stays with the character before it.
fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '：' | '；' | '！' | '？' | '）' | '」' | '』' | '】' | '》' | '〉'
    )
}

/// CJK punctuation that must not end a line: it goes with the character after it.
fn opens(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '【' | '《' | '〈')
}

/// The pieces a line may break between: words (runs of characters that are not spaces and not
/// wide), single wide characters with the punctuation that clings to them, and spaces.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    Space,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let after_wide = prev.is_some_and(|p| is_wide(p) && !opens(p));
        // A new piece starts at a space's end, at a wide character, and after one.
        let breaks = c.is_whitespace() || (is_wide(c) && !closes(c)) || (after_wide && !closes(c));
        if breaks && let Some(s) = start.take() {
            out.push(Token::Word(&text[s..at]));
        }
        if c.is_whitespace() {
            if out.last() != Some(&Token::Space) {
                out.push(Token::Space);
            }
        } else if start.is_none() {
            start = Some(at);
        }
        prev = Some(c);
    }
    if let Some(s) = start {
        out.push(Token::Word(&text[s..]));
    }
    out
}

/// A title broken into lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Wrapped {
    /// At least one line (empty for an empty title).
    pub lines: Vec<String>,
    /// Whether the title did not fit and the last line ends in an ellipsis.
    pub shortened: bool,
}

/// Breaks `text` into at most `max_lines` lines no wider than `width` at `size` px: between
/// words, and between any two wide characters; a word wider than a line is broken where it
/// reaches the edge. When the title needs more lines, the last one ends in `…`.
pub fn wrap(text: &str, width: f64, size: f64, max_lines: usize) -> Wrapped {
    let max_lines = max_lines.max(1);
    // Widths in hundredths of an em, summed as the line grows.
    let room = (width / size * 100.0 + 1e-9).floor().max(0.0) as u32;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut space = false;
    let mut shortened = false;
    'tokens: for token in tokens(text.trim()) {
        let word = match token {
            Token::Space => {
                space = !line.is_empty();
                continue;
            }
            Token::Word(word) => word,
        };
        let gap = if space { em(' ') } else { 0 };
        space = false;
        let word_em: u32 = word.chars().map(em).sum();
        if used + gap + word_em <= room {
            if gap > 0 {
                line.push(' ');
            }
            line.push_str(word);
            used += gap + word_em;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
            if lines.len() == max_lines {
                shortened = true;
                break;
            }
        }
        // The word begins a line; broken where it reaches the edge if it is wider than one.
        for c in word.chars() {
            if !line.is_empty() && used + em(c) > room {
                lines.push(std::mem::take(&mut line));
                used = 0;
                if lines.len() == max_lines {
                    shortened = true;
                    break 'tokens;
                }
            }
            line.push(c);
            used += em(c);
        }
    }
    if shortened {
        let last = lines.last_mut().expect("a shortened title has lines");
        while !last.is_empty() && text_width(&format!("{}…", last.trim_end()), size) > width {
            last.pop();
        }
        let kept = last.trim_end().len();
        last.truncate(kept);
        last.push('…');
    } else if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    Wrapped { lines, shortened }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: f64) -> Vec<String> {
        wrap(text, width, 12.0, 3).lines
    }

    #[test]
    fn wide_characters_take_a_full_em_and_narrow_letters_less() {
        assert_eq!(text_width("竞品", 12.0), 24.0);
        assert_eq!(text_width("𠀋", 10.0), 10.0, "beyond the BMP");
        assert!(text_width("ill", 12.0) < text_width("mmm", 12.0) / 2.0);
        assert_eq!(
            text_width("e\u{301}", 12.0),
            text_width("e", 12.0),
            "a combining accent"
        );
        assert!((text_width("Tăng", 12.0) - text_width("Tang", 12.0)).abs() < 1e-9);
    }

    #[test]
    fn a_short_title_is_one_line() {
        assert_eq!(
            wrap("Listen before we post", 220.0, 12.0, 3),
            Wrapped {
                lines: vec!["Listen before we post".into()],
                shortened: false
            }
        );
        assert_eq!(lines("", 220.0), [""]);
    }

    #[test]
    fn lines_break_between_words_and_each_fits() {
        let title = "Follow-up call and repair voucher after a public complaint";
        let got = lines(title, 150.0);
        assert_eq!(
            got,
            ["Follow-up call and", "repair voucher after a", "public complaint"]
        );
        assert!(got.iter().all(|l| text_width(l, 12.0) <= 150.0), "{got:?}");
        assert_eq!(got.join(" "), title, "nothing is lost");
    }

    #[test]
    fn chinese_breaks_between_any_two_characters_but_not_before_closing_punctuation() {
        let got = lines("每周社交聆听报告：产品问题与竞品动态", 96.0);
        // Eight characters fit a line, but `：` may not begin the second, so `告` goes with it.
        assert_eq!(got, ["每周社交聆听报", "告：产品问题与竞", "品动态"]);
        let got = lines("每周社交聆听报告：产品", 96.0);
        assert_eq!(got, ["每周社交聆听报", "告：产品"]);
        assert_eq!(lines("扩大华南市场（g00001）", 240.0), ["扩大华南市场（g00001）"]);
    }

    #[test]
    fn a_title_longer_than_three_lines_ends_the_third_in_an_ellipsis() {
        let title = "Quarterly review of competitors and best-in-class brands across every channel we run";
        let got = wrap(title, 120.0, 12.0, 3);
        assert!(got.shortened);
        assert_eq!(got.lines.len(), 3);
        assert!(got.lines[2].ends_with('…') && !got.lines[2].ends_with(" …"), "{got:?}");
        assert!(got.lines.iter().all(|l| text_width(l, 12.0) <= 120.0), "{got:?}");
        assert!(title.starts_with(&got.lines[..2].join(" ")));
    }

    #[test]
    fn a_word_wider_than_the_box_is_broken_at_its_edge() {
        let got = lines("Supercalifragilisticexpialidocious", 60.0);
        assert!(got.len() == 3 && got[2].ends_with('…'), "{got:?}");
        assert!(got.iter().all(|l| text_width(l, 12.0) <= 60.0), "{got:?}");
        assert!(got[0].len() > 3);
    }

    #[test]
    fn wrapping_is_deterministic() {
        let title = "Trả lời tin nhắn khách hàng trên Facebook trong vòng 2 giờ";
        assert_eq!(lines(title, 150.0), lines(title, 150.0));
        assert_eq!(
            lines(title, 150.0),
            ["Trả lời tin nhắn khách", "hàng trên Facebook", "trong vòng 2 giờ"]
        );
    }
}
