//! Byte offsets of a file's text ↔ the protocol's line/character positions, counted in the
//! encoding negotiated at `initialize`: UTF-8 bytes when the client offers it, else UTF-16 code
//! units (the protocol's default). Never panics on any offset or position.

use std::ops::Range;

use lsp_types::{Position, PositionEncodingKind};

/// How the client counts characters within a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 if the client lists it among `general.positionEncodings`, else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The start of every line of a text, to convert in both directions.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts, encoding }
    }

    /// The position of a byte offset (clamped to the text, moved back to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(|c| self.encoding.width(c)).sum();
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, span: Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(self.position(span.start), self.position(span.end.max(span.start)))
    }

    /// The byte offset of a position; a line past the end is the end of the text, a character
    /// past the end of its line is the end of the line (before its line break).
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = self.text[start..end].trim_end_matches('\r');
        let mut counted = 0;
        for (at, c) in line.char_indices() {
            if counted >= position.character as usize {
                return start + at;
            }
            counted += self.encoding.width(c);
        }
        start + line.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title = \"Phản hồi nhanh\"\r\nowner = \"客服团队 😀\"\nx\n";

    #[test]
    fn counts_vietnamese_in_utf16_and_utf8() {
        let offset = TEXT.find("nhanh").unwrap();
        let utf16 = LineIndex::new(TEXT, Encoding::Utf16);
        // `Phản hồi ` is 9 characters, all in the Basic Multilingual Plane.
        assert_eq!(utf16.position(offset), Position::new(0, 18));
        assert_eq!(utf16.offset(Position::new(0, 18)), offset);
        let utf8 = LineIndex::new(TEXT, Encoding::Utf8);
        assert_eq!(utf8.position(offset), Position::new(0, offset as u32));
        assert_eq!(utf8.offset(Position::new(0, offset as u32)), offset);
    }

    #[test]
    fn counts_chinese_and_astral_characters() {
        let line_start = TEXT.find("owner").unwrap();
        let closing = TEXT.rfind('"').unwrap();
        let utf16 = LineIndex::new(TEXT, Encoding::Utf16);
        // `owner = "` 9, four CJK characters, a space, and 😀 as two UTF-16 units.
        assert_eq!(utf16.position(closing), Position::new(1, 9 + 4 + 1 + 2));
        assert_eq!(utf16.offset(Position::new(1, 16)), closing);
        let utf8 = LineIndex::new(TEXT, Encoding::Utf8);
        assert_eq!(utf8.position(closing), Position::new(1, (closing - line_start) as u32));
    }

    #[test]
    fn clamps_out_of_range_and_mid_character_input() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        // Past the end of line 0 stops before its `\r\n`; past the last line is the end.
        assert_eq!(index.offset(Position::new(0, 500)), TEXT.find('\r').unwrap());
        assert_eq!(index.offset(Position::new(99, 0)), TEXT.len());
        let inside = TEXT.find('ả').unwrap() + 1;
        assert_eq!(index.position(inside), index.position(inside - 1));
        assert_eq!(index.position(usize::MAX), Position::new(3, 0));
    }

    #[test]
    fn negotiates_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
    }
}
