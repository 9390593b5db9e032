//! What "today" is for date rules and builds: `--today`, else plan.toml `today`, else
//! `SOURCE_DATE_EPOCH`, else the system's local date — so that runs can be reproduced.

use anyhow::{Context, bail};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::plan::Settings;

/// Resolves today's date in the documented order of precedence.
pub fn resolve(flag: Option<Date>, settings: &Settings) -> anyhow::Result<Date> {
    if let Some(date) = flag {
        return Ok(date);
    }
    if let Some(date) = &settings.today {
        return Ok(date.value);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        return from_epoch(&epoch);
    }
    Ok(jiff::Zoned::now().date())
}

fn from_epoch(value: &str) -> anyhow::Result<Date> {
    let seconds: i64 = value
        .trim()
        .parse()
        .with_context(|| format!("SOURCE_DATE_EPOCH must be a number of seconds, not `{value}`"))?;
    let Ok(timestamp) = Timestamp::from_second(seconds) else {
        bail!("SOURCE_DATE_EPOCH `{value}` is out of range");
    };
    Ok(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_source_date_epoch_as_utc() {
        assert_eq!(from_epoch("1800000000").unwrap(), jiff::civil::date(2027, 1, 15));
        assert!(from_epoch("soon").is_err());
    }
}
