//! Cell values and the hand-written readers for dates, times and yes/no answers.
//!
//! Dates and times are parsed from bytes by hand rather than with chrono's format strings:
//! a large export has half a million rows, and this is the hot path.

use calamine::{ExcelDateTime, ExcelDateTimeType};
use chrono::{NaiveDate, NaiveTime};
use std::borrow::Cow;

/// One cell as read from a file, already trimmed. CSV cells are always `Text` or `Empty`;
/// xlsx cells keep their type so that date serials and time fractions can be read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    Empty,
    /// Trimmed, never empty.
    Text(&'a str),
    Number(f64),
    DateTime(ExcelDateTime),
    Bool(bool),
}

impl<'a> Cell<'a> {
    /// A text cell from a raw string: trimmed, `Empty` when nothing is left.
    pub(crate) fn text(s: &'a str) -> Cell<'a> {
        let t = s.trim();
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t)
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text, for text fields (staff number, name, grade...). Numbers are written
    /// without a trailing ".0" (an ESR number typed into Excel is a number); dates and times
    /// as dd/mm/yyyy and HH:MM.
    pub(crate) fn to_text(self) -> Cow<'a, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Number(f) => Cow::Owned(format!("{f}")),
            Cell::Bool(true) => Cow::Borrowed("TRUE"),
            Cell::Bool(false) => Cow::Borrowed("FALSE"),
            Cell::DateTime(dt) => Cow::Owned(render_datetime(dt)),
        }
    }
}

/// Renders an Excel date/time cell the way a British spreadsheet shows it.
fn render_datetime(dt: ExcelDateTime) -> String {
    let v = dt.as_f64();
    if dt.is_duration() {
        let mins = (v * 1440.0).round() as i64;
        return format!("{:02}:{:02}", mins / 60, mins % 60);
    }
    let (y, mo, d, ..) = dt.to_ymd_hms_milli();
    let secs = day_fraction_seconds(v);
    let hm = format!("{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60);
    if v < 1.0 {
        hm
    } else if secs == 0 {
        format!("{d:02}/{mo:02}/{y:04}")
    } else {
        format!("{d:02}/{mo:02}/{y:04} {hm}")
    }
}

/// Seconds past midnight of the fractional part of a serial, rounded to the second
/// (0..=86400; 86400 when the fraction rounds up to the next midnight).
fn day_fraction_seconds(v: f64) -> u32 {
    let frac = v - v.floor();
    (frac * 86_400.0).round() as u32
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

/// Why a cell is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateError {
    NotADate,
    NoSuchMonth(u32),
    NoSuchDay { year: i32, month: u32, day: u32 },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl DateError {
    pub(crate) fn message(self) -> String {
        match self {
            DateError::NotADate => "not a date: expected dd/mm/yyyy or yyyy-mm-dd".to_string(),
            DateError::NoSuchMonth(m) => format!(
                "not a date: there is no month {m} (dates are read day first, as dd/mm/yyyy, or as yyyy-mm-dd)"
            ),
            DateError::NoSuchDay { year, month, day } => format!(
                "not a date: {} {year} has no day {day}",
                MONTHS[(month as usize).clamp(1, 12) - 1]
            ),
        }
    }
}

/// Reads up to `max` ASCII digits from `b[*i..]`; returns (value, digit count).
#[inline]
fn digits(b: &[u8], i: &mut usize, max: usize) -> (u32, usize) {
    let start = *i;
    let mut v: u32 = 0;
    while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
        v = v * 10 + u32::from(b[*i] - b'0');
        *i += 1;
    }
    (v, *i - start)
}

/// Parses a date written day first (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or year
/// first (yyyy-mm-dd, also yyyy/mm/dd). Never month first. A trailing midnight time
/// ("05/01/2024 00:00", "2024-01-05T00:00:00"), as left by some exports of date cells, is
/// accepted. The input is already trimmed.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let b = s.as_bytes();
    let mut i = 0;
    let (a, alen) = digits(b, &mut i, 4);
    if alen == 0 || i >= b.len() {
        return Err(DateError::NotADate);
    }
    let sep = b[i];
    if !matches!(sep, b'/' | b'-' | b'.') {
        return Err(DateError::NotADate);
    }
    i += 1;
    let (m, mlen) = digits(b, &mut i, 2);
    if mlen == 0 || i >= b.len() || b[i] != sep {
        return Err(DateError::NotADate);
    }
    i += 1;
    let (c, clen) = digits(b, &mut i, 4);
    let (year, day) = match (alen, clen) {
        (4, 1 | 2) => (a, c),
        (1 | 2, 4) => (c, a),
        _ => return Err(DateError::NotADate),
    };
    if i < b.len() {
        // Only a midnight time may follow.
        if !matches!(b[i], b' ' | b'T')
            || parse_time(s[i + 1..].trim(), false) != Ok(NaiveTime::MIN)
        {
            return Err(DateError::NotADate);
        }
    }
    if !(1..=12).contains(&m) {
        return Err(DateError::NoSuchMonth(m));
    }
    if year < 1900 {
        return Err(DateError::NotADate);
    }
    let year = year as i32;
    NaiveDate::from_ymd_opt(year, m, day).ok_or(DateError::NoSuchDay {
        year,
        month: m,
        day,
    })
}

/// An Excel serial day number (1900 system) as a date.
fn serial_date(dt: ExcelDateTime) -> Result<NaiveDate, DateError> {
    let v = dt.as_f64();
    if !(1.0..2_958_466.0).contains(&v) {
        return Err(DateError::NotADate);
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)).ok_or(DateError::NotADate)
}

/// The date in a cell: text, an xlsx date cell, or a bare serial number.
pub(crate) fn date_from_cell(c: Cell<'_>) -> Result<NaiveDate, DateError> {
    match c {
        Cell::Text(s) => parse_date(s),
        Cell::DateTime(dt) if !dt.is_duration() => serial_date(dt),
        Cell::Number(f) => serial_date(ExcelDateTime::new(f, ExcelDateTimeType::DateTime, false)),
        _ => Err(DateError::NotADate),
    }
}

// ---------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------

pub(crate) const TIME_MESSAGE: &str =
    "not a time: expected HH:MM on the 24-hour clock, e.g. 08:00 or 20:30";

#[inline]
fn hms(h: u32, m: u32, s: u32, allow_24: bool) -> Result<NaiveTime, ()> {
    if h == 24 && m == 0 && s == 0 && allow_24 {
        return Ok(NaiveTime::MIN);
    }
    if h > 23 || m > 59 || s > 59 {
        return Err(());
    }
    NaiveTime::from_hms_opt(h, m, s).ok_or(())
}

/// Parses HH:MM, H:MM, HH:MM:SS (':' or '.' between), or HHMM / HMM ("0800", "800").
/// `allow_24` accepts 24:00 (read as midnight at the end of the day; only for end times).
pub(crate) fn parse_time(s: &str, allow_24: bool) -> Result<NaiveTime, ()> {
    let b = s.as_bytes();
    let mut i = 0;
    let (h, hlen) = digits(b, &mut i, 4);
    if hlen == 0 {
        return Err(());
    }
    if i == b.len() {
        // HHMM or HMM
        if hlen < 3 {
            return Err(());
        }
        return hms(h / 100, h % 100, 0, allow_24);
    }
    if hlen > 2 {
        return Err(());
    }
    let sep = b[i];
    if sep != b':' && sep != b'.' {
        return Err(());
    }
    i += 1;
    let (m, mlen) = digits(b, &mut i, 2);
    if mlen != 2 {
        return Err(());
    }
    let mut sec = 0;
    if i < b.len() {
        if b[i] != sep {
            return Err(());
        }
        i += 1;
        let (sv, slen) = digits(b, &mut i, 2);
        if slen != 2 || i != b.len() {
            return Err(());
        }
        sec = sv;
    }
    hms(h, m, sec, allow_24)
}

/// A fraction of a day (0 <= v <= 1) as a time of day.
fn fraction_time(v: f64, allow_24: bool) -> Result<NaiveTime, ()> {
    let secs = if v >= 1.0 {
        86_400
    } else {
        day_fraction_seconds(v)
    };
    if secs >= 86_400 {
        return if allow_24 && secs == 86_400 {
            Ok(NaiveTime::MIN)
        } else {
            Err(())
        };
    }
    NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).ok_or(())
}

/// The time in a cell: text, an xlsx time (fraction of a day), the time part of an xlsx
/// date-time, or a whole number written as HHMM (Excel turns "0800" into 800).
pub(crate) fn time_from_cell(c: Cell<'_>, allow_24: bool) -> Result<NaiveTime, ()> {
    match c {
        Cell::Text(s) => parse_time(s, allow_24),
        Cell::DateTime(dt) => {
            let v = dt.as_f64();
            if v < 0.0 {
                Err(())
            } else if v <= 1.0 {
                fraction_time(v, allow_24)
            } else if dt.is_duration() {
                Err(())
            } else {
                // A date-time: its time of day.
                fraction_time(v - v.floor(), allow_24)
            }
        }
        Cell::Number(v) => {
            if !(0.0..=3_000_000.0).contains(&v) {
                Err(())
            } else if v <= 1.0 {
                fraction_time(v, allow_24)
            } else if v.fract() == 0.0 && v <= 2400.0 {
                let n = v as u32;
                hms(n / 100, n % 100, 0, allow_24)
            } else if v > 2400.0 {
                // A date-time serial written without a date format.
                fraction_time(v - v.floor(), allow_24)
            } else {
                Err(())
            }
        }
        Cell::Empty | Cell::Bool(_) => Err(()),
    }
}

/// "HH:MM", or "HH:MM:SS" when there are seconds.
pub(crate) fn fmt_time(t: NaiveTime) -> String {
    use chrono::Timelike;
    if t.second() == 0 {
        format!("{:02}:{:02}", t.hour(), t.minute())
    } else {
        format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
    }
}

// ---------------------------------------------------------------------------------------
// Yes / no
// ---------------------------------------------------------------------------------------

/// yes/no/y/n/true/false/1/0, any case. `Ok(None)` for an empty cell.
pub(crate) fn yes_no_from_cell(c: Cell<'_>) -> Result<Option<bool>, ()> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(b)),
        Cell::Number(1.0) => Ok(Some(true)),
        Cell::Number(0.0) => Ok(Some(false)),
        Cell::Text(s) => {
            if ["yes", "y", "true", "1"]
                .iter()
                .any(|w| s.eq_ignore_ascii_case(w))
            {
                Ok(Some(true))
            } else if ["no", "n", "false", "0"]
                .iter()
                .any(|w| s.eq_ignore_ascii_case(w))
            {
                Ok(Some(false))
            } else {
                Err(())
            }
        }
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn dates_day_first_and_iso() {
        assert_eq!(parse_date("05/01/2024"), Ok(ymd(2024, 1, 5)));
        assert_eq!(parse_date("5/1/2024"), Ok(ymd(2024, 1, 5)));
        assert_eq!(parse_date("05-01-2024"), Ok(ymd(2024, 1, 5)));
        assert_eq!(parse_date("05.01.2024"), Ok(ymd(2024, 1, 5)));
        assert_eq!(parse_date("2024-01-05"), Ok(ymd(2024, 1, 5)));
        assert_eq!(parse_date("2024/01/05"), Ok(ymd(2024, 1, 5)));
        assert_eq!(
            parse_date("12/01/2024"),
            Ok(ymd(2024, 1, 12)),
            "day first, never month first"
        );
        assert_eq!(parse_date("05/01/2024 00:00"), Ok(ymd(2024, 1, 5)));
        assert_eq!(parse_date("2024-01-05T00:00:00"), Ok(ymd(2024, 1, 5)));
    }

    #[test]
    fn impossible_and_malformed_dates_are_rejected() {
        assert_eq!(
            parse_date("31/02/2024"),
            Err(DateError::NoSuchDay {
                year: 2024,
                month: 2,
                day: 31
            })
        );
        assert_eq!(parse_date("13/25/2024"), Err(DateError::NoSuchMonth(25)));
        assert_eq!(
            parse_date("29/02/2023").unwrap_err().message(),
            "not a date: February 2023 has no day 29"
        );
        assert_eq!(parse_date("29/02/2024"), Ok(ymd(2024, 2, 29)));
        for bad in [
            "",
            "2024",
            "05/01/24",
            "05/01-2024",
            "05/01/2024 08:00",
            "tomorrow",
            "05//2024",
            "005/01/2024",
            "0024-01-05",
            "2024-01-05x",
            "1/2/3",
            "05/01/20245",
        ] {
            assert_eq!(parse_date(bad), Err(DateError::NotADate), "{bad:?}");
        }
        assert!(DateError::NoSuchMonth(25).message().contains("day first"));
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("08:00", false), Ok(hm(8, 0)));
        assert_eq!(parse_time("8:00", false), Ok(hm(8, 0)));
        assert_eq!(
            parse_time("20:30:15", false),
            Ok(NaiveTime::from_hms_opt(20, 30, 15).unwrap())
        );
        assert_eq!(parse_time("0800", false), Ok(hm(8, 0)));
        assert_eq!(parse_time("800", false), Ok(hm(8, 0)));
        assert_eq!(parse_time("08.30", false), Ok(hm(8, 30)));
        assert_eq!(parse_time("24:00", true), Ok(hm(0, 0)));
        for bad in [
            "24:00",
            "25:00",
            "08:60",
            "8",
            "08",
            "08:5",
            "08:00:",
            "8am",
            "08:00:00:00",
            "12345",
            "-1:00",
        ] {
            assert_eq!(parse_time(bad, false), Err(()), "{bad:?}");
        }
    }

    #[test]
    fn excel_cells() {
        let dt = |v: f64| Cell::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        // 45296 = 05/01/2024
        assert_eq!(date_from_cell(dt(45296.0)), Ok(ymd(2024, 1, 5)));
        assert_eq!(date_from_cell(Cell::Number(45296.0)), Ok(ymd(2024, 1, 5)));
        assert_eq!(time_from_cell(dt(20.0 / 24.0), false), Ok(hm(20, 0)));
        assert_eq!(time_from_cell(Cell::Number(0.5), false), Ok(hm(12, 0)));
        assert_eq!(time_from_cell(Cell::Number(800.0), false), Ok(hm(8, 0)));
        assert_eq!(time_from_cell(dt(45296.75), false), Ok(hm(18, 0)));
        assert_eq!(time_from_cell(Cell::Number(1.0), true), Ok(hm(0, 0)));
        assert_eq!(time_from_cell(Cell::Number(1.0), false), Err(()));
        assert_eq!(time_from_cell(Cell::Number(8.5), false), Err(()));
        assert_eq!(Cell::Number(1234567.0).to_text(), "1234567");
        assert_eq!(dt(45296.0).to_text(), "05/01/2024");
        assert_eq!(dt(0.25).to_text(), "06:00");
        assert_eq!(dt(45296.75).to_text(), "05/01/2024 18:00");
    }

    #[test]
    fn yes_no() {
        assert_eq!(yes_no_from_cell(Cell::Text("Yes")), Ok(Some(true)));
        assert_eq!(yes_no_from_cell(Cell::Text("n")), Ok(Some(false)));
        assert_eq!(yes_no_from_cell(Cell::Text("0")), Ok(Some(false)));
        assert_eq!(yes_no_from_cell(Cell::Empty), Ok(None));
        assert_eq!(yes_no_from_cell(Cell::Bool(true)), Ok(Some(true)));
        assert_eq!(yes_no_from_cell(Cell::Text("maybe")), Err(()));
    }
}
