//! Numbers as the site's language writes them: digit grouping and the decimal sign (`12,500.5`
//! in English, Welsh and Chinese, `12.500,5` in Vietnamese, as in the Unicode CLDR data for
//! each), with at most two decimals, as every value the site shows.
//!
//! The four languages the site speaks need two characters each; a locale-data crate would bring
//! hundreds of locales' worth of data and build time for them.

use super::svg::number;

/// How the site's language writes a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numbers {
    group: char,
    decimal: char,
}

impl Default for Numbers {
    fn default() -> Numbers {
        Numbers {
            group: ',',
            decimal: '.',
        }
    }
}

impl Numbers {
    /// The format of `language` (its primary subtag); English's for a language without one.
    pub fn for_language(language: &str) -> Numbers {
        let primary = language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Numbers {
                group: '.',
                decimal: ',',
            },
            _ => Numbers::default(),
        }
    }

    /// `value` with at most two decimals, no trailing zeros, and its thousands grouped.
    pub fn format(self, value: f64) -> String {
        let plain = number(value);
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if !whole.bytes().all(|b| b.is_ascii_digit()) {
            return plain;
        }
        let mut out = String::with_capacity(plain.len() + whole.len() / 3 + 1);
        out.push_str(sign);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(self.group);
            }
            out.push(digit);
        }
        if !fraction.is_empty() {
            out.push(self.decimal);
            out.push_str(fraction);
        }
        out
    }

    /// `value` followed by its unit, if it has one: `45 leads/month`, `55%`.
    pub fn with_unit(self, value: f64, unit: Option<&str>) -> String {
        let text = self.format(value);
        match unit.map(str::trim).filter(|u| !u.is_empty()) {
            Some("%") => format!("{text}%"),
            Some(unit) => format!("{text} {unit}"),
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_writes_the_decimal_sign_of_the_language() {
        let en = Numbers::for_language("en");
        assert_eq!(en.format(1234567.891), "1,234,567.89");
        assert_eq!(en.format(-12500.5), "-12,500.5");
        assert_eq!(en.format(999.0), "999");
        assert_eq!(en.format(1000.0), "1,000");
        assert_eq!(en.format(0.33), "0.33");
        let vi = Numbers::for_language("vi-VN");
        assert_eq!(vi.format(1234567.891), "1.234.567,89");
        assert_eq!(vi.format(3.1), "3,1");
        assert_eq!(Numbers::for_language("cy"), en);
        assert_eq!(Numbers::for_language("zh-Hans"), en);
        assert_eq!(en.format(f64::NAN), "—");
    }

    #[test]
    fn a_unit_follows_its_value() {
        let en = Numbers::default();
        assert_eq!(en.with_unit(45.0, Some("leads/month")), "45 leads/month");
        assert_eq!(en.with_unit(55.0, Some("%")), "55%");
        assert_eq!(en.with_unit(8260.0, None), "8,260");
        assert_eq!(en.with_unit(2.0, Some(" ")), "2");
    }
}
