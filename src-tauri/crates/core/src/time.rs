//! Europe/London wall-clock time <-> UTC instants.
//!
//! Rota files speak in local dates and times. Everything that measures (duty length, rest,
//! hours in a window) works on UTC instants, so a 20:00-08:00 night over the October clock
//! change lasts 13 h and one over the March change 11 h.
//!
//! Two awkward cases, handled explicitly:
//! - the March gap (01:00-02:00 does not exist): a time in the gap is read with the offset in
//!   force before the change (GMT), which lands on the same instant as the time an hour later
//!   on the new clock (01:30 -> 02:30 BST);
//! - the October fold (01:00-02:00 happens twice): the earlier instant (BST) is taken.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::London;
use chrono_tz::Tz;

/// Unix seconds (UTC) of a Europe/London local date and time.
pub fn london_to_utc(date: NaiveDate, time: NaiveTime) -> i64 {
    let naive = NaiveDateTime::new(date, time);
    match London.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.timestamp(),
        LocalResult::Ambiguous(earlier, _) => earlier.timestamp(),
        LocalResult::None => {
            // In the spring-forward gap: read it with the offset before the change (GMT = UTC).
            naive.and_utc().timestamp()
        }
    }
}

/// The Europe/London date-time of an instant.
pub fn utc_to_london(ts: i64) -> DateTime<Tz> {
    Utc.timestamp_opt(ts, 0)
        .single()
        .expect("timestamp in range")
        .with_timezone(&London)
}

/// Why a duty's times cannot be turned into a span.
#[derive(Debug, Clone, PartialEq)]
pub enum SpanError {
    /// Longer than 24 hours of real time.
    TooLong { hours: f64 },
}

impl std::fmt::Display for SpanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpanError::TooLong { hours } => {
                write!(
                    f,
                    "the duty lasts {hours:.1} h; a duty may last at most 24 h"
                )
            }
        }
    }
}

/// The UTC span of a duty written as a local date, start and end. An end at or before the
/// start means the next day. Returns (start, end) in unix seconds.
pub fn duty_span(
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
) -> Result<(i64, i64), SpanError> {
    let end_date = if end <= start {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let s = london_to_utc(date, start);
    let e = london_to_utc(end_date, end);
    let secs = e - s;
    if secs > 24 * 3600 {
        return Err(SpanError::TooLong {
            hours: secs as f64 / 3600.0,
        });
    }
    Ok((s, e))
}

/// Seconds as hours, for display.
pub fn hours(secs: i64) -> f64 {
    secs as f64 / 3600.0
}

/// Formats a date as dd/mm/yyyy (British).
pub fn fmt_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Formats an instant as "dd/mm/yyyy HH:MM" in Europe/London.
pub fn fmt_instant(ts: i64) -> String {
    utc_to_london(ts).format("%d/%m/%Y %H:%M").to_string()
}

/// Local date `n` days after `d`.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()
    }
    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[test]
    fn night_over_october_change_lasts_13_hours() {
        let (s, e) = duty_span(d("26/10/2024"), t("20:00"), t("08:00")).unwrap();
        assert_eq!(e - s, 13 * 3600);
    }

    #[test]
    fn night_over_march_change_lasts_11_hours() {
        let (s, e) = duty_span(d("29/03/2025"), t("20:00"), t("08:00")).unwrap();
        assert_eq!(e - s, 11 * 3600);
    }

    #[test]
    fn ordinary_night_lasts_12_hours() {
        let (s, e) = duty_span(d("05/01/2024"), t("20:00"), t("08:00")).unwrap();
        assert_eq!(e - s, 12 * 3600);
    }

    #[test]
    fn end_equal_to_start_is_24_hours_next_day() {
        let (s, e) = duty_span(d("05/01/2024"), t("09:00"), t("09:00")).unwrap();
        assert_eq!(e - s, 24 * 3600);
    }

    #[test]
    fn a_24h_on_call_over_the_october_change_is_25_hours_and_rejected() {
        let err = duty_span(d("26/10/2024"), t("09:00"), t("09:00")).unwrap_err();
        assert_eq!(err, SpanError::TooLong { hours: 25.0 });
        assert!(err.to_string().contains("25.0 h"));
    }

    #[test]
    fn summer_time_is_one_hour_ahead_of_utc() {
        let ts = london_to_utc(d("01/07/2024"), t("08:00"));
        assert_eq!(utc_to_london(ts).format("%H:%M").to_string(), "08:00");
        assert_eq!(
            Utc.timestamp_opt(ts, 0)
                .unwrap()
                .format("%H:%M")
                .to_string(),
            "07:00"
        );
    }

    #[test]
    fn time_in_spring_gap_reads_as_gmt() {
        // 01:30 on 30/03/2025 does not exist; read as 01:30 GMT = 02:30 BST.
        let ts = london_to_utc(d("30/03/2025"), t("01:30"));
        assert_eq!(fmt_instant(ts), "30/03/2025 02:30");
    }

    #[test]
    fn time_in_autumn_fold_takes_the_earlier_instant() {
        let ts = london_to_utc(d("27/10/2024"), t("01:30"));
        // 01:30 BST = 00:30 UTC
        assert_eq!(
            Utc.timestamp_opt(ts, 0)
                .unwrap()
                .format("%H:%M")
                .to_string(),
            "00:30"
        );
    }
}
