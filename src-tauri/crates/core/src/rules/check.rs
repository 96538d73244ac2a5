//! [`assess`]: would a doctor break a working-time rule by also working a proposed duty?
//!
//! The exact meaning of every rule is in the module documentation ([`crate::rules`]).

use super::history::{
    evening_shape, rota_day, weekend_bounds, weekend_index, weekends_touched, DoctorView,
    EVENING_SHAPE, ON_CALL,
};
use super::settings::{Num, Rule};
use super::{History, RuleSet, Span};
use crate::model::{ShiftType, StaffGroup};
use crate::time::{london_to_utc, utc_to_london};
use crate::walkouts::{night_secs, overlap_secs};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;
const WEEK: i64 = 7 * DAY;

/// What the rules need to know about the doctor besides their rota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoctorFacts {
    pub staff_id: i64,
    pub group: StaffGroup,
    /// Opted out of the Working Time Regulations' 48-hour average in writing.
    pub opted_out: bool,
}

/// A rule a doctor would break by taking the duty, with the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Violation {
    /// The rule setting's key (e.g. "tcs_max_hours_7_days"), or "clash" for already on duty
    /// or on leave.
    pub rule: String,
    /// British English with the numbers, e.g. "would reach 79.0 h in 7 days (limit 72 h)".
    /// Dates dd/mm/yyyy, times HH:MM Europe/London.
    pub message: String,
    /// The doctor's figure (hours, a count, hours of rest available).
    pub value: f64,
    /// The rule's figure it is measured against.
    pub limit: f64,
}

/// The verdict on one doctor for one duty, with the facts used for ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Empty: may take the duty.
    pub violations: Vec<Violation>,
    /// Worked hours in the 168 h before the duty starts.
    pub hours_past_7_days: f64,
    /// Since the end of the previous work span (one that ends at or before the duty
    /// starts), if any.
    pub rest_before_hours: Option<f64>,
    /// Until the start of the next work span (one that starts at or after the duty ends),
    /// if any.
    pub rest_after_hours: Option<f64>,
}

/// Would this doctor break any rule by also working `duty`? Pure; fast (no allocation on
/// the happy path). Leave spans only count as clashes (not hours, not shifts). The duty is
/// always treated as work, whatever its shift type (its type only decides whether the
/// shift or the on-call length limit applies, and on-call periods are not shifts for the
/// night, long-shift and long-evening rules).
pub fn assess(rules: &RuleSet, history: &History, doctor: &DoctorFacts, duty: &Span) -> Assessment {
    with_duty_info(rules, history, duty, |info| {
        assess_with(rules, history, doctor, duty, info)
    })
}

fn assess_with(
    rules: &RuleSet,
    history: &History,
    doctor: &DoctorFacts,
    duty: &Span,
    info: &DutyInfo,
) -> Assessment {
    let doc = history.doctor(doctor.staff_id);
    // The far end of the reference period first: its cache misses overlap with the rest.
    let averaged = doctor.group == StaffGroup::Resident || !doctor.opted_out;
    let before_ref = if averaged {
        worked_before(&doc, info.ref_from)
    } else {
        0
    };
    let mut v: Vec<Violation> = Vec::new();
    // The first work span starting at or after the duty's end: shared by what follows.
    let i_end = doc.locate(duty.end);
    clashes(&doc, duty, i_end, &mut v);
    let (before, after) = rest_around(&doc, duty, i_end);
    let hours_past = worked_before(&doc, duty.start) - worked_before(&doc, duty.start - WEEK);
    match doctor.group {
        StaffGroup::Resident => tcs(
            rules,
            info,
            &doc,
            doctor,
            duty,
            (before, after),
            before_ref,
            &mut v,
        ),
        StaffGroup::Consultant | StaffGroup::Sas | StaffGroup::Other => wtr(
            rules,
            info,
            &doc,
            doctor,
            duty,
            (before, after),
            before_ref,
            &mut v,
        ),
    }
    Assessment {
        violations: v,
        hours_past_7_days: hours(hours_past),
        rest_before_hours: before.map(hours),
        rest_after_hours: after.map(hours),
    }
}

fn hours(secs: i64) -> f64 {
    secs as f64 / 3600.0
}

/// Tenths of an hour (shown as "79.0").
#[derive(Debug, Clone, Copy)]
struct Tenths(i128);

/// Hours to one decimal, rounded up: for a figure over a limit (never shown as equal to it).
fn up(secs: i64) -> Tenths {
    Tenths(i128::from(secs).div_euclid(360) + i128::from(secs.rem_euclid(360) != 0))
}

/// Hours to one decimal, rounded down: for rest available short of a need.
fn down(secs: i64) -> Tenths {
    Tenths(i128::from(secs).div_euclid(360))
}

/// A message built by appending: cheaper than the formatting machinery, and on the path of
/// every excluded doctor.
struct Msg(String);

impl Msg {
    fn new() -> Msg {
        Msg(String::with_capacity(96))
    }

    fn s(mut self, x: &str) -> Msg {
        self.0.push_str(x);
        self
    }

    fn int(mut self, v: i128) -> Msg {
        if v < 0 {
            self.0.push('-');
        }
        let mut digits = [0u8; 40];
        let mut i = digits.len();
        let mut u = v.unsigned_abs();
        loop {
            i -= 1;
            digits[i] = b'0' + (u % 10) as u8;
            u /= 10;
            if u == 0 {
                break;
            }
        }
        self.0
            .push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
        self
    }

    /// Two digits, zero-padded.
    fn two(mut self, v: u32) -> Msg {
        self.0.push(char::from(b'0' + (v / 10 % 10) as u8));
        self.0.push(char::from(b'0' + (v % 10) as u8));
        self
    }

    fn tenths(self, t: Tenths) -> Msg {
        self.int(t.0.div_euclid(10)).s(".").int(t.0.rem_euclid(10))
    }

    /// A rule's number: "72", "72.5".
    fn num(self, v: f64) -> Msg {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            self.int(v as i128)
        } else {
            self.s(&Num(v).to_string())
        }
    }

    /// A date as dd/mm/yyyy.
    fn date(self, d: NaiveDate) -> Msg {
        self.two(d.day())
            .s("/")
            .two(d.month())
            .s("/")
            .int(i128::from(d.year()))
    }

    /// A Europe/London time of day as HH:MM.
    fn hm(self, t: &chrono::DateTime<chrono_tz::Tz>) -> Msg {
        self.two(t.hour()).s(":").two(t.minute())
    }

    fn done(self) -> String {
        self.0
    }
}

fn push(v: &mut Vec<Violation>, r: Rule, message: String, value: f64, limit: f64) {
    v.push(Violation {
        rule: RuleSet::key(r).to_string(),
        message,
        value,
        limit,
    });
}

// ---------------------------------------------------------------------------------------
// What depends on the duty alone (the same for every doctor): worked out once per duty and
// kept in a one-entry cache per thread, so assessing 2,500 doctors for one duty does the
// time-zone work once.

#[derive(Debug, Clone, Copy, PartialEq)]
struct DutyKey {
    start: i64,
    end: i64,
    shift_type: ShiftType,
    reference_weeks: u32,
    data_from: i64,
    data_to: i64,
}

#[derive(Debug, Clone, Copy)]
struct DutyInfo {
    key: DutyKey,
    /// Seconds between 23:00 and 06:00.
    night: i64,
    day: i32,
    evening: bool,
    /// The reference period, clipped: [ref_from, ref_to), and the divisor in seconds
    /// (at least a week).
    ref_from: i64,
    ref_to: i64,
    divisor: i64,
    /// Weekends with any time in the weekend window (inclusive range of indices).
    wk_first: i32,
    wk_last: i32,
    /// Weekends the duty touches.
    duty_wk: [i32; 4],
    duty_wk_n: usize,
    /// Monday 00:00 instants: mondays[0] starts the week before the duty's first week,
    /// mondays[1..=weeks] start the weeks the duty touches, then two more boundaries.
    mondays: [i64; 8],
    weeks: usize,
}

thread_local! {
    static DUTY_CACHE: RefCell<Option<DutyInfo>> = const { RefCell::new(None) };
}

/// Runs `f` with the duty's facts, from the cache when they are for this duty.
fn with_duty_info<T>(
    rules: &RuleSet,
    history: &History,
    duty: &Span,
    f: impl FnOnce(&DutyInfo) -> T,
) -> T {
    let key = DutyKey {
        start: duty.start,
        end: duty.end,
        shift_type: duty.shift_type,
        reference_weeks: rules.count(Rule::ReferenceWeeks),
        data_from: history.data_from(),
        data_to: history.data_to(),
    };
    DUTY_CACHE.with(|c| {
        let mut cached = c.borrow_mut();
        if cached.as_ref().is_none_or(|i| i.key != key) {
            *cached = Some(DutyInfo::new(key));
        }
        f(cached.as_ref().expect("just filled"))
    })
}

fn local_date(ts: i64) -> NaiveDate {
    utc_to_london(ts).date_naive()
}

fn at(date: NaiveDate, h: u32, m: u32) -> i64 {
    london_to_utc(date, NaiveTime::from_hms_opt(h, m, 0).expect("valid time"))
}

impl DutyInfo {
    fn new(key: DutyKey) -> DutyInfo {
        let (start, end) = (key.start, key.end.max(key.start));
        let evening = evening_shape(start, end);

        // Reference period: `reference_weeks` weeks ending at the duty's end, as long as the
        // rota data allows (stretched to include the duty itself). When the data before the
        // duty is shorter, the period runs on into the rota after it, as for weekends below:
        // a doctor early in the data is not averaged over a week or two alone.
        let span_from = key.data_from.min(key.data_to).min(start);
        let span_to_avg = key.data_to.max(key.data_from).max(end);
        let ref_len = (i64::from(key.reference_weeks) * WEEK)
            .min(span_to_avg - span_from)
            .max(end - start);
        let ref_to = span_to_avg.min(end.max(span_from + ref_len));
        let ref_from = ref_to - ref_len;
        let divisor = ref_len.max(WEEK);

        // Weekends: the same length of rota data, but when the data before the duty is
        // shorter than the reference period, the window runs on into the data after it
        // (the rota is planned ahead). Then the first weekend whose 23:59 Sunday is after
        // the window's start, and the last whose 00:01 Saturday is before its end.
        let span_to = key.data_to.max(key.data_from).max(end);
        let len = (i64::from(key.reference_weeks) * WEEK).min(span_to - span_from);
        let wk_to = span_to.min(end.max(span_from + len));
        let wk_from = wk_to - len;
        let x0 = local_date(wk_from);
        let dow0 = i64::from(x0.weekday().num_days_from_monday());
        let mut sat0 = match dow0 {
            5 => x0,
            6 => x0 - Duration::days(1),
            _ => x0 + Duration::days(5 - dow0),
        };
        if wk_from >= weekend_bounds(sat0).1 {
            sat0 += Duration::days(7);
        }
        let x1 = local_date(wk_to);
        let dow1 = i64::from(x1.weekday().num_days_from_monday());
        let mut sat1 = match dow1 {
            5 => x1,
            6 => x1 - Duration::days(1),
            _ => x1 - Duration::days(dow1 + 2),
        };
        if wk_to <= weekend_bounds(sat1).0 {
            sat1 -= Duration::days(7);
        }
        let mut duty_wk = [0; 4];
        let mut duty_wk_n = 0;
        weekends_touched(start, end, |k| {
            if duty_wk_n < duty_wk.len() {
                duty_wk[duty_wk_n] = k;
                duty_wk_n += 1;
            }
        });

        // Weeks (Monday 00:00 to Monday 00:00) the duty touches, at most 5.
        let first_day = local_date(start);
        let last_day = local_date((end - 1).max(start));
        let monday =
            first_day - Duration::days(i64::from(first_day.weekday().num_days_from_monday()));
        let weeks = (((last_day - monday).num_days() / 7) + 1).clamp(1, 5) as usize;
        let mut mondays = [0; 8];
        for (i, m) in mondays.iter_mut().enumerate().take(weeks + 3) {
            *m = at(monday + Duration::weeks(i as i64 - 1), 0, 0);
        }

        DutyInfo {
            key,
            night: night_secs(start, end),
            day: rota_day(start),
            evening,
            ref_from,
            ref_to,
            divisor,
            wk_first: weekend_index(sat0),
            wk_last: weekend_index(sat1),
            duty_wk,
            duty_wk_n,
            mondays,
            weeks,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Rules for every group.

/// Any span (work or leave) that shares time with the duty.
fn clashes(doc: &DoctorView<'_>, duty: &Span, i_end: usize, v: &mut Vec<Violation>) {
    // Work: spans starting before the duty ends and ending after it starts.
    let i = i_end;
    let mut found: [usize; 4] = [0; 4];
    let mut n = 0;
    for j in (0..i).rev() {
        let s = &doc.work[j];
        if s.start + doc.max_work <= duty.start {
            break;
        }
        if s.end() > duty.start && n < found.len() {
            found[n] = j;
            n += 1;
        }
    }
    for &j in found[..n].iter().rev() {
        let s = &doc.work[j];
        let (a, b) = (utc_to_london(s.start), utc_to_london(s.end()));
        v.push(Violation {
            rule: "clash".to_string(),
            message: Msg::new()
                .s("already on duty ")
                .hm(&a)
                .s("–")
                .hm(&b)
                .s(" on ")
                .date(a.date_naive())
                .done(),
            value: hours(overlap_secs(s.start, s.end(), duty.start, duty.end)),
            limit: 0.0,
        });
    }
    let i = doc.locate_leave(duty.end);
    let mut n = 0;
    for j in (0..i).rev() {
        let s = &doc.leave[j];
        if s.start + doc.max_leave <= duty.start {
            break;
        }
        if s.end > duty.start && n < found.len() {
            found[n] = j;
            n += 1;
        }
    }
    for &j in found[..n].iter().rev() {
        let s = &doc.leave[j];
        v.push(Violation {
            rule: "clash".to_string(),
            message: Msg::new()
                .s("on leave on ")
                .date(local_date(s.start.max(duty.start)))
                .done(),
            value: hours(overlap_secs(s.start, s.end, duty.start, duty.end)),
            limit: 0.0,
        });
    }
}

/// Rest before the duty (from the latest end of a work span ending at or before its start)
/// and after it (to the earliest start of a work span starting at or after its end).
/// Spans that overlap the duty are clashes, not rest.
fn rest_around(doc: &DoctorView<'_>, duty: &Span, i_end: usize) -> (Option<i64>, Option<i64>) {
    let i = i_end;
    let after = doc.work.get(i).map(|s| s.start - duty.end);
    let mut best: Option<i64> = None;
    for j in (0..i).rev() {
        let s = &doc.work[j];
        if let Some(b) = best {
            if s.start + doc.max_work <= b {
                break;
            }
        }
        if s.end() <= duty.start {
            best = Some(best.map_or(s.end(), |b: i64| b.max(s.end())));
        }
    }
    (best.map(|b| duty.start - b), after)
}

/// Seconds worked before instant `x` (the parts of work spans before it).
fn worked_before(doc: &DoctorView<'_>, x: i64) -> i64 {
    let i = doc.locate(x);
    if i == 0 {
        return 0;
    }
    let last = &doc.work[i - 1];
    let mut total = last.cum + i64::from(last.dur);
    for s in doc.work[..i].iter().rev() {
        if s.start + doc.max_work <= x {
            break;
        }
        if s.end() > x {
            total -= s.end() - x;
        }
    }
    total
}

/// Average weekly hours over the reference period, with the duty: violation if above
/// `limit_secs` a week. Exact: compared in whole seconds.
#[allow(clippy::too_many_arguments)]
fn average(
    info: &DutyInfo,
    doc: &DoctorView<'_>,
    duty: &Span,
    before_ref: i64,
    r: Rule,
    limit_secs: i64,
    limit_h: f64,
    note: &str,
    v: &mut Vec<Violation>,
) {
    let worked = worked_before(doc, info.ref_to) - before_ref
        + overlap_secs(duty.start, duty.end, info.ref_from, info.ref_to);
    if i128::from(worked) * i128::from(WEEK) > i128::from(limit_secs) * i128::from(info.divisor) {
        let avg = worked as f64 / info.divisor as f64 * WEEK as f64 / 3600.0;
        // Tenths of an hour a week, rounded up; weeks to one decimal.
        let num_t = i128::from(worked) * i128::from(WEEK) * 10;
        let den_t = i128::from(info.divisor) * 3600;
        let avg_t = num_t / den_t + i128::from(num_t % den_t != 0);
        // Weeks to one decimal, rounded to nearest.
        let weeks =
            Tenths((i128::from(info.divisor) * 10 + i128::from(WEEK) / 2) / i128::from(WEEK));
        push(
            v,
            r,
            Msg::new()
                .s("would average ")
                .tenths(Tenths(avg_t))
                .s(" h a week over ")
                .tenths(weeks)
                .s(" weeks (limit ")
                .num(limit_h)
                .s(" h")
                .s(note)
                .s(")")
                .done(),
            avg,
            limit_h,
        );
    }
}

/// Rest between shifts (TCS) or daily rest (WTR), before and after the duty.
fn rest_rule(
    rules: &RuleSet,
    r: Rule,
    what: &str,
    before: Option<i64>,
    after: Option<i64>,
    v: &mut Vec<Violation>,
) {
    let need = rules.secs(r);
    for (rest, side) in [(before, "before"), (after, "after")] {
        if let Some(rest) = rest {
            if rest < need {
                push(
                    v,
                    r,
                    Msg::new()
                        .num(rules.get(r))
                        .s(" h ")
                        .s(what)
                        .s(" needed; ")
                        .tenths(down(rest.max(0)))
                        .s(" h available ")
                        .s(side)
                        .s(" this duty")
                        .done(),
                    hours(rest),
                    rules.get(r),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Resident doctors: 2016 TCS.

const WORK: u8 = 1;
const NIGHT: u8 = 2;
const LONG: u8 = 4;
const EVENING: u8 = 8;

/// One rota day around the duty. Instants are seconds from the duty's start (i32: the
/// table covers a few weeks), to keep the table small.
#[derive(Clone, Copy)]
struct DayCell {
    /// Kinds of shift starting on this rota day (bits above).
    mask: u8,
    /// Earliest start of a work span on this day (`i32::MAX`: none).
    first: i32,
    /// Latest end of a span of each kind on this day (WORK, NIGHT, LONG, EVENING;
    /// `i32::MIN`: none).
    end: [i32; 4],
}

const EMPTY_DAY: DayCell = DayCell {
    mask: 0,
    first: i32::MAX,
    end: [i32::MIN; 4],
};

/// An instant as seconds from `origin`, kept clear of the sentinels.
fn rel(x: i64, origin: i64) -> i32 {
    (x - origin).clamp(i64::from(i32::MIN) + 1, i64::from(i32::MAX) - 1) as i32
}

fn kinds(rules: &RuleSet, night: i64, dur: i64, evening: bool, on_call: bool) -> u8 {
    let mut m = WORK;
    if !on_call {
        if night >= rules.secs(Rule::TcsNightMinHours) {
            m |= NIGHT;
        }
        if dur > rules.secs(Rule::TcsLongShiftHours) {
            m |= LONG;
            if evening {
                m |= EVENING;
            }
        }
    }
    m
}

impl DayCell {
    fn add(&mut self, mask: u8, start: i32, end: i32) {
        self.mask |= mask;
        self.first = self.first.min(start);
        for k in 0..4 {
            if mask & (1 << k) != 0 {
                self.end[k] = self.end[k].max(end);
            }
        }
    }
}

/// A run rule: at most `max` consecutive days with a shift of a kind, then `rest` hours.
struct RunRule {
    bit: u8,
    k: usize,
    count: Rule,
    rest: Rule,
    /// "nights", "long shifts", "long evenings", "shifts".
    noun: &'static str,
}

#[allow(clippy::too_many_arguments)]
fn tcs(
    rules: &RuleSet,
    info: &DutyInfo,
    doc: &DoctorView<'_>,
    doctor: &DoctorFacts,
    duty: &Span,
    (before, after): (Option<i64>, Option<i64>),
    before_ref: i64,
    v: &mut Vec<Violation>,
) {
    let dur = duty.end - duty.start;

    // Average weekly hours.
    let (r, note) = if doctor.opted_out {
        (Rule::TcsAverageOptedOut, ", opted out")
    } else {
        (Rule::TcsAverage, "")
    };
    average(
        info,
        doc,
        duty,
        before_ref,
        r,
        rules.secs(r),
        rules.get(r),
        note,
        v,
    );

    // Hours in any 7 days.
    let limit = rules.secs(Rule::TcsMax7Days);
    let most = max_in_window(doc, duty, WEEK, limit);
    if most > limit {
        push(
            v,
            Rule::TcsMax7Days,
            Msg::new()
                .s("would reach ")
                .tenths(up(most))
                .s(" h in 7 days (limit ")
                .num(rules.get(Rule::TcsMax7Days))
                .s(" h)")
                .done(),
            hours(most),
            rules.get(Rule::TcsMax7Days),
        );
    }

    // Length.
    let (r, what) = if duty.shift_type == ShiftType::OnCall {
        (Rule::TcsMaxOnCall, "the on-call period")
    } else {
        (Rule::TcsMaxShift, "the duty")
    };
    if dur > rules.secs(r) {
        push(
            v,
            r,
            Msg::new()
                .s(what)
                .s(" lasts ")
                .tenths(up(dur))
                .s(" h (limit ")
                .num(rules.get(r))
                .s(" h)")
                .done(),
            hours(dur),
            rules.get(r),
        );
    }

    rest_rule(
        rules,
        Rule::TcsRestBetween,
        "rest between shifts",
        before,
        after,
        v,
    );

    runs(rules, info, doc, duty, v);

    weekends(rules, info, doc, v);
}

/// A small stack buffer that spills onto the heap when full.
struct Buf<T: Copy, const N: usize> {
    arr: [T; N],
    n: usize,
    heap: Vec<T>,
}

impl<T: Copy, const N: usize> Buf<T, N> {
    fn new(fill: T) -> Self {
        Buf {
            arr: [fill; N],
            n: 0,
            heap: Vec::new(),
        }
    }

    fn push(&mut self, x: T) {
        if self.n < N {
            self.arr[self.n] = x;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.arr);
            }
            self.heap.push(x);
        }
        self.n += 1;
    }

    fn as_mut_slice(&mut self) -> &mut [T] {
        if self.n <= N {
            &mut self.arr[..self.n]
        } else {
            &mut self.heap
        }
    }
}

/// Worked seconds before instant `x`, for ascending `x`: a sweep over span starts (slope
/// +1) and ends (slope -1), both sorted.
struct Sweep<'a> {
    starts: &'a [i64],
    ends: &'a [i64],
    i: usize,
    j: usize,
    last: i64,
    value: i64,
    slope: i64,
}

impl<'a> Sweep<'a> {
    fn new(starts: &'a [i64], ends: &'a [i64]) -> Self {
        Sweep {
            starts,
            ends,
            i: 0,
            j: 0,
            last: starts.first().copied().unwrap_or(0),
            value: 0,
            slope: 0,
        }
    }

    fn at(&mut self, x: i64) -> i64 {
        loop {
            let a = self.starts.get(self.i).copied().unwrap_or(i64::MAX);
            let b = self.ends.get(self.j).copied().unwrap_or(i64::MAX);
            let ev = a.min(b);
            if ev > x {
                break;
            }
            self.value += self.slope * (ev - self.last);
            self.last = ev;
            if a <= b {
                self.slope += 1;
                self.i += 1;
            } else {
                self.slope -= 1;
                self.j += 1;
            }
        }
        self.value + self.slope * (x - self.last)
    }
}

/// Most seconds worked (with the duty) in any window of `w` seconds that contains any part
/// of the duty. Returns early with a value at most `limit` when no window can exceed it.
fn max_in_window(doc: &DoctorView<'_>, duty: &Span, w: i64, limit: i64) -> i64 {
    let lo = duty.start - w;
    let hi = duty.end.max(duty.start);
    // Relevant spans: those with time in [lo, hi + w), and the duty, in start order.
    let first = doc.locate(lo - doc.max_work + 1);
    let mut starts: Buf<i64, 32> = Buf::new(0);
    let mut ends: Buf<i64, 32> = Buf::new(0);
    let mut total = overlap_secs(duty.start, hi, lo, hi + w);
    let mut duty_in = false;
    for s in &doc.work[first..] {
        if s.start >= hi + w {
            break;
        }
        if s.end() <= lo {
            continue;
        }
        if !duty_in && duty.start <= s.start {
            starts.push(duty.start);
            ends.push(hi);
            duty_in = true;
        }
        total += overlap_secs(s.start, s.end(), lo, hi + w);
        starts.push(s.start);
        ends.push(s.end());
    }
    if !duty_in {
        starts.push(duty.start);
        ends.push(hi);
    }
    if total <= limit {
        return total;
    }
    let ends = ends.as_mut_slice();
    // Nearly sorted already (sorted unless spans overlap): insertion sort.
    for i in 1..ends.len() {
        let mut j = i;
        while j > 0 && ends[j - 1] > ends[j] {
            ends.swap(j - 1, j);
            j -= 1;
        }
    }
    let starts = starts.as_mut_slice();
    // The worked time in [t, t + w) is piecewise linear in t; its maximum over [lo, hi] is
    // at lo, at hi, where the window starts at a span's start, or where it ends at a span's
    // end. Candidates in ascending order: two sorted lists merged.
    let (mut at_t, mut at_tw) = (Sweep::new(starts, ends), Sweep::new(starts, ends));
    let mut best = at_tw.at(lo + w) - at_t.at(lo);
    let (mut i, mut j) = (0, 0);
    loop {
        let a = starts.get(i).copied().unwrap_or(i64::MAX);
        let b = ends.get(j).map_or(i64::MAX, |e| e - w);
        let t = a.min(b);
        if t >= hi {
            break;
        }
        if a <= b {
            i += 1;
        } else {
            j += 1;
        }
        if t > lo {
            best = best.max(at_tw.at(t + w) - at_t.at(t));
        }
    }
    best.max(at_tw.at(hi + w) - at_t.at(hi))
}

/// Nights, long shifts, long evenings and shifts on consecutive days, with the rest each
/// needs after it.
fn runs(
    rules: &RuleSet,
    info: &DutyInfo,
    doc: &DoctorView<'_>,
    duty: &Span,
    v: &mut Vec<Violation>,
) {
    let dur = duty.end - duty.start;
    let defs = [
        RunRule {
            bit: NIGHT,
            k: 1,
            count: Rule::TcsMaxNights,
            rest: Rule::TcsRestAfterNights,
            noun: "nights",
        },
        RunRule {
            bit: LONG,
            k: 2,
            count: Rule::TcsMaxLongShifts,
            rest: Rule::TcsRestAfterLongShifts,
            noun: "long shifts",
        },
        RunRule {
            bit: EVENING,
            k: 3,
            count: Rule::TcsMaxLongEvenings,
            rest: Rule::TcsRestAfterLongEvenings,
            noun: "long evenings",
        },
        RunRule {
            bit: WORK,
            k: 0,
            count: Rule::TcsMaxConsecutive,
            rest: Rule::TcsRestAfterConsecutive,
            noun: "shifts",
        },
    ];
    let nmax = defs.iter().map(|d| rules.count(d.count)).max().unwrap_or(1) as i64;
    let rmax = defs.iter().map(|d| rules.secs(d.rest)).max().unwrap_or(0);
    let back = nmax + (rmax + doc.max_work.max(dur)) / DAY + 3;
    let fwd = nmax + 2;
    let d = info.day as i64;
    let (lo_day, hi_day) = (d - back, d + fwd);
    let size = (back + fwd + 1) as usize;
    let mut stack = [EMPTY_DAY; 40];
    let mut heap: Vec<DayCell> = Vec::new();
    let t: &mut [DayCell] = if size <= stack.len() {
        &mut stack[..size]
    } else {
        heap.resize(size, EMPTY_DAY);
        &mut heap
    };
    // Rota days never start more than 30 h before local midnight + 6 h of the day.
    let mut a = doc.locate(duty.start - (d - lo_day + 2) * DAY);
    while a < doc.work.len() && i64::from(doc.work[a].day) < lo_day {
        a += 1;
    }
    let o = duty.start;
    let mut beyond = i32::MAX;
    for s in &doc.work[a..] {
        if i64::from(s.day) > hi_day {
            beyond = rel(s.start, o);
            break;
        }
        let m = kinds(
            rules,
            i64::from(s.night),
            i64::from(s.dur),
            s.flags & EVENING_SHAPE != 0,
            s.flags & ON_CALL != 0,
        );
        t[(i64::from(s.day) - lo_day) as usize].add(m, rel(s.start, o), rel(s.end(), o));
    }
    let di = (d - lo_day) as usize;
    let duty_mask = kinds(
        rules,
        info.night,
        dur,
        info.evening,
        duty.shift_type == ShiftType::OnCall,
    );
    t[di].add(duty_mask, 0, rel(duty.end, o));
    // suf[x]: earliest start of a work span on a day at or after x (and beyond the table).
    let mut suf_stack = [i32::MAX; 41];
    let mut suf_heap: Vec<i32> = Vec::new();
    let suf: &mut [i32] = if size < suf_stack.len() {
        &mut suf_stack[..size + 1]
    } else {
        suf_heap.resize(size + 1, i32::MAX);
        &mut suf_heap
    };
    suf[size] = beyond;
    for x in (0..size).rev() {
        suf[x] = suf[x + 1].min(t[x].first);
    }

    // Kinds of shift on the days before the duty: a kind neither there nor in the duty can
    // break nothing.
    let before_mask = t[..di].iter().fold(0, |m, c| m | c.mask);
    for def in &defs {
        if (before_mask | duty_mask) & def.bit == 0 {
            continue;
        }
        let max = rules.count(def.count) as usize;
        let need = rules.secs(def.rest);
        let has = |x: usize| t[x].mask & def.bit != 0;
        let mut worst: Option<i64> = None;
        let mut note = |rest: i64| worst = Some(worst.map_or(rest, |w: i64| w.min(rest)));
        if duty_mask & def.bit != 0 {
            let left = (0..di).rev().take_while(|&x| has(x)).count();
            let right = (di + 1..size).take_while(|&x| has(x)).count();
            let len = left + 1 + right;
            if len > max {
                let m = Msg::new().s("would work ").int(len as i128);
                let m = if def.bit == WORK {
                    m.s(" shifts on consecutive days")
                } else {
                    m.s(" consecutive ").s(def.noun)
                };
                let message = m.s(" (limit ").int(max as i128).s(")").done();
                push(v, def.count, message, len as f64, max as f64);
            }
            if def.bit == NIGHT {
                // Rest after the run the duty is in.
                let e = di + right;
                let next = suf[e + 1];
                if next != i32::MAX {
                    note(i64::from(next) - i64::from(t[e].end[def.k]));
                }
            } else {
                // Every window of `max` days of the run that contains the duty.
                let from = di.max((di + max - 1).saturating_sub(left));
                let to = (di + max - 1).min(di + right);
                for e in from..=to {
                    let next = suf[e + 1];
                    if next != i32::MAX {
                        note(i64::from(next) - i64::from(t[e].end[def.k]));
                    }
                }
            }
        }
        // The duty as the next shift after a run that needs rest.
        let mut run = 0;
        for (e, cell) in t[..di].iter().enumerate() {
            run = if has(e) { run + 1 } else { 0 };
            let ends_here = if def.bit == NIGHT {
                run >= 1 && !has(e + 1)
            } else {
                run >= max
            };
            let end = i64::from(cell.end[def.k]);
            if ends_here && end > -need {
                note(-end);
            }
        }
        if let Some(rest) = worst {
            if need > 0 && rest < need {
                let m = Msg::new()
                    .num(rules.get(def.rest))
                    .s(" h rest needed after ");
                let m = if def.bit == NIGHT {
                    m.s("nights")
                } else if def.bit == WORK {
                    m.int(max as i128).s(" shifts on consecutive days")
                } else {
                    m.int(max as i128).s(" consecutive ").s(def.noun)
                };
                let avail = hours(rest.max(0));
                push(
                    v,
                    def.rest,
                    m.s("; ").tenths(down(rest.max(0))).s(" h available").done(),
                    avail,
                    rules.get(def.rest),
                );
            }
        }
    }
}

/// Weekend frequency: only when the duty touches a weekend the doctor is not already
/// working.
fn weekends(rules: &RuleSet, info: &DutyInfo, doc: &DoctorView<'_>, v: &mut Vec<Violation>) {
    let (k0, k1) = (info.wk_first, info.wk_last);
    let new = info.duty_wk[..info.duty_wk_n]
        .iter()
        .filter(|&&k| k >= k0 && k <= k1 && doc.weekends.binary_search(&k).is_err())
        .count() as i64;
    if new == 0 {
        return;
    }
    let a = doc.weekends.partition_point(|&k| k < k0);
    let b = doc.weekends.partition_point(|&k| k <= k1);
    let worked = (b - a) as i64 + new;
    let total = i64::from(k1 - k0 + 1).max(1);
    let n = i64::from(rules.count(Rule::TcsWeekends));
    if worked * n > total {
        push(
            v,
            Rule::TcsWeekends,
            Msg::new()
                .s("would work ")
                .int(i128::from(worked))
                .s(" of ")
                .int(i128::from(total))
                .s(" weekends (limit 1 in ")
                .int(i128::from(n))
                .s(")")
                .done(),
            worked as f64,
            total as f64 / n as f64,
        );
    }
}

// ---------------------------------------------------------------------------------------
// Consultants, SAS and other doctors: Working Time Regulations 1998.

#[allow(clippy::too_many_arguments)]
fn wtr(
    rules: &RuleSet,
    info: &DutyInfo,
    doc: &DoctorView<'_>,
    doctor: &DoctorFacts,
    duty: &Span,
    (before, after): (Option<i64>, Option<i64>),
    before_ref: i64,
    v: &mut Vec<Violation>,
) {
    if !doctor.opted_out {
        let r = Rule::WtrAverage;
        average(
            info,
            doc,
            duty,
            before_ref,
            r,
            rules.secs(r),
            rules.get(r),
            "",
            v,
        );
    }
    rest_rule(rules, Rule::WtrDailyRest, "daily rest", before, after, v);

    let need7 = rules.secs(Rule::WtrWeeklyRest7);
    let need14 = rules.secs(Rule::WtrWeeklyRest14);
    let m = &info.mondays;
    for j in 1..=info.weeks {
        let week = longest_rest(doc, duty, m[j], m[j + 1]);
        if week >= need7
            || longest_rest(doc, duty, m[j - 1], m[j + 1]) >= need14
            || longest_rest(doc, duty, m[j], m[j + 2]) >= need14
        {
            continue;
        }
        push(
            v,
            Rule::WtrWeeklyRest7,
            Msg::new()
                .s("no ")
                .num(rules.get(Rule::WtrWeeklyRest7))
                .s(" h uninterrupted rest in the week from Monday ")
                .date(local_date(m[j]))
                .s(" (longest ")
                .tenths(down(week))
                .s(" h), nor ")
                .num(rules.get(Rule::WtrWeeklyRest14))
                .s(" h in either fortnight around it")
                .done(),
            hours(week),
            rules.get(Rule::WtrWeeklyRest7),
        );
    }
}

/// The longest stretch of [p0, p1) with no work (the doctor's work spans and the duty).
fn longest_rest(doc: &DoctorView<'_>, duty: &Span, p0: i64, p1: i64) -> i64 {
    let first = doc.locate(p0 - doc.max_work + 1);
    let mut cursor = p0;
    let mut best = 0;
    let mut duty_done = false;
    let step = |a: i64, b: i64, cursor: &mut i64, best: &mut i64| {
        if b <= *cursor {
            return;
        }
        if a > *cursor {
            *best = (*best).max(a.min(p1) - *cursor);
        }
        *cursor = (*cursor).max(b);
    };
    for s in &doc.work[first..] {
        if !duty_done && duty.start <= s.start {
            step(duty.start, duty.end, &mut cursor, &mut best);
            duty_done = true;
        }
        if s.start >= p1 || cursor >= p1 {
            break;
        }
        step(s.start, s.end(), &mut cursor, &mut best);
    }
    if !duty_done {
        step(duty.start, duty.end, &mut cursor, &mut best);
    }
    if cursor < p1 {
        best = best.max(p1 - cursor);
    }
    best
}
