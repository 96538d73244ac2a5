//! Every doctor's rostered spans, sorted and pre-digested once so that [`super::assess`] is
//! fast: prefix sums of worked seconds, each shift's rota day, night seconds and shape, and
//! the weekends each doctor works.

use crate::model::ShiftType;
use crate::time::{london_to_utc, utc_to_london};
use crate::walkouts::{night_secs, overlap_secs};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike, Weekday};
use std::collections::HashMap;

/// One rostered span of a doctor (work of any kind, or leave). Rest rows are not spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// UTC unix seconds.
    pub start: i64,
    pub end: i64,
    pub shift_type: ShiftType,
}

/// A work span with what the rules need about it, worked out once (32 bytes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Work {
    pub start: i64,
    /// Seconds of this doctor's work spans before this one in start order (a prefix sum).
    pub cum: i64,
    /// Length in seconds (at least 1).
    pub dur: u32,
    /// Seconds between 23:00 and 06:00 Europe/London ([`night_secs`]).
    pub night: u32,
    /// Rota day (see [`rota_day`]).
    pub day: i32,
    /// [`EVENING_SHAPE`] and [`ON_CALL`].
    pub flags: u8,
}

/// Starts before 16:00 and ends after 23:00 on its start date (a long evening if long).
pub(crate) const EVENING_SHAPE: u8 = 1;
/// A non-resident on-call period (not a shift for the night and long-shift rules).
pub(crate) const ON_CALL: u8 = 2;

impl Work {
    pub fn end(&self) -> i64 {
        self.start + i64::from(self.dur)
    }
}

/// Bucket width for locating spans by instant: a week.
const BUCKET: i64 = 7 * 24 * 3600;
/// At most this many buckets a doctor (beyond, plain binary search).
const MAX_BUCKETS: i64 = 10_000;

/// A hasher for staff ids (integers): one multiplication, no SipHash rounds.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_i64(&mut self, i: i64) {
        self.0 = (i as u64 ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 ^= self.0 >> 29;
    }
}

type IdMap = HashMap<i64, u32, std::hash::BuildHasherDefault<IdHasher>>;

/// Where one doctor's rows live in the shared arrays.
#[derive(Debug, Clone, Copy, Default)]
struct Doctor {
    all: (u32, u32),
    work: (u32, u32),
    leave: (u32, u32),
    weekends: (u32, u32),
    /// Into `History::buckets`: per week, the first work and the first leave span index.
    buckets: (u32, u32),
    /// The bucket (week number) of the first work span.
    bucket_base: i64,
    /// Longest work and leave span, to bound backward searches.
    max_work: i64,
    max_leave: i64,
}

/// One doctor's data, borrowed from a [`History`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct DoctorView<'a> {
    pub work: &'a [Work],
    pub leave: &'a [Span],
    /// Indices (see [`weekend_index`]) of the weekends the doctor works, sorted, distinct.
    pub weekends: &'a [i32],
    pub max_work: i64,
    pub max_leave: i64,
    /// buckets[w]: indices of the first work and the first leave span starting in week
    /// `bucket_base + w` or later.
    buckets: &'a [[u32; 2]],
    bucket_base: i64,
}

impl DoctorView<'_> {
    /// The index of the first work span starting at or after `x` (as `partition_point`),
    /// found through the week buckets: one or two cache lines instead of a binary search
    /// over the doctor's whole rota.
    #[inline]
    pub fn locate(&self, x: i64) -> usize {
        match self.bucket(x, 0) {
            Some(mut i) => {
                while i < self.work.len() && self.work[i].start < x {
                    i += 1;
                }
                i
            }
            None => self.work.partition_point(|s| s.start < x),
        }
    }

    /// The index of the first leave span starting at or after `x`.
    #[inline]
    pub fn locate_leave(&self, x: i64) -> usize {
        match self.bucket(x, 1) {
            Some(mut i) => {
                while i < self.leave.len() && self.leave[i].start < x {
                    i += 1;
                }
                i
            }
            None => self.leave.partition_point(|s| s.start < x),
        }
    }

    /// A start index for the search (`None`: no buckets, binary search).
    #[inline]
    fn bucket(&self, x: i64, k: usize) -> Option<usize> {
        if self.buckets.is_empty() {
            return None;
        }
        let w = x.div_euclid(BUCKET) - self.bucket_base;
        if w < 0 {
            return Some(0);
        }
        match self.buckets.get(w as usize) {
            Some(b) => Some(b[k] as usize),
            None => Some(self.buckets[self.buckets.len() - 1][k] as usize),
        }
    }
}

/// Every doctor's spans, sorted, with whatever precomputation makes `assess` fast
/// (prefix sums of worked seconds, etc.). Built once, queried many times. Send + Sync.
#[derive(Debug, Clone)]
pub struct History {
    /// Each doctor's rows, in staff id order.
    doctors: Vec<Doctor>,
    /// Staff id to index in `doctors` + 1 (0: none), from `dense_base`, when the ids are
    /// dense enough (they are database row ids); else `index` is used.
    dense: Vec<u32>,
    dense_base: i64,
    index: IdMap,
    spans: Vec<Span>,
    work: Vec<Work>,
    leave: Vec<Span>,
    weekends: Vec<i32>,
    buckets: Vec<[u32; 2]>,
    data_from: i64,
    data_to: i64,
}

impl History {
    /// `data_from`/`data_to`: the instants the rota data covers (for averages).
    /// Spans of `ShiftType::Rest` are dropped. Duplicate/overlapping spans are kept as given
    /// (their hours add up). Spans that end at or before their start are listed by
    /// [`History::spans`] but have no effect on the rules.
    pub fn build(
        spans: impl IntoIterator<Item = (i64, Span)>,
        data_from: i64,
        data_to: i64,
    ) -> History {
        let mut rows: Vec<(i64, Span)> = spans
            .into_iter()
            .filter(|(_, s)| s.shift_type != ShiftType::Rest)
            .collect();
        // Stable: equal starts keep the order they were given in.
        rows.sort_by_key(|(id, s)| (*id, s.start));
        let mut h = History {
            doctors: Vec::new(),
            dense: Vec::new(),
            dense_base: 0,
            index: IdMap::default(),
            spans: Vec::with_capacity(rows.len()),
            work: Vec::with_capacity(rows.len()),
            leave: Vec::new(),
            weekends: Vec::new(),
            buckets: Vec::new(),
            data_from,
            data_to,
        };
        // Rotas repeat the same few shift times on the same dates for many doctors: the
        // time-zone work is done once per distinct (start, end).
        let mut memo: HashMap<(i64, i64), Facts> = HashMap::new();
        let mut weekends: Vec<i32> = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let id = rows[i].0;
            let mut j = i;
            while j < rows.len() && rows[j].0 == id {
                j += 1;
            }
            let mut d = Doctor {
                all: (h.spans.len() as u32, 0),
                work: (h.work.len() as u32, 0),
                leave: (h.leave.len() as u32, 0),
                ..Doctor::default()
            };
            weekends.clear();
            let mut cum = 0;
            for (_, s) in &rows[i..j] {
                h.spans.push(*s);
                if s.end <= s.start {
                    continue;
                }
                let dur = s.end - s.start;
                if s.shift_type.is_work() {
                    let f = *memo
                        .entry((s.start, s.end))
                        .or_insert_with(|| Facts::new(s.start, s.end));
                    h.work.push(Work {
                        start: s.start,
                        cum,
                        dur: u32::try_from(dur).unwrap_or(u32::MAX),
                        night: u32::try_from(f.night).unwrap_or(u32::MAX),
                        day: f.day,
                        flags: if f.evening { EVENING_SHAPE } else { 0 }
                            | if s.shift_type == ShiftType::OnCall {
                                ON_CALL
                            } else {
                                0
                            },
                    });
                    cum += i64::from(u32::try_from(dur).unwrap_or(u32::MAX));
                    d.max_work = d.max_work.max(dur);
                    if f.weekends_n <= f.weekends.len() {
                        weekends.extend_from_slice(&f.weekends[..f.weekends_n]);
                    } else {
                        weekends_touched(s.start, s.end, |k| weekends.push(k));
                    }
                } else {
                    h.leave.push(*s);
                    d.max_leave = d.max_leave.max(dur);
                }
            }
            weekends.sort_unstable();
            weekends.dedup();
            d.weekends = (h.weekends.len() as u32, 0);
            h.weekends.extend_from_slice(&weekends);
            d.all.1 = h.spans.len() as u32;
            d.work.1 = h.work.len() as u32;
            d.leave.1 = h.leave.len() as u32;
            d.weekends.1 = h.weekends.len() as u32;
            // Week buckets over the work and leave spans (the last bucket is a sentinel
            // past every span).
            let work = &h.work[d.work.0 as usize..d.work.1 as usize];
            let leave = &h.leave[d.leave.0 as usize..d.leave.1 as usize];
            let first = work
                .iter()
                .map(|s| s.start)
                .chain(leave.iter().map(|s| s.start))
                .min();
            let last = work
                .iter()
                .map(|s| s.start)
                .chain(leave.iter().map(|s| s.start))
                .max();
            if let (Some(first), Some(last)) = (first, last) {
                let base = first.div_euclid(BUCKET);
                let count = last.div_euclid(BUCKET) - base + 2;
                if count <= MAX_BUCKETS {
                    d.bucket_base = base;
                    d.buckets.0 = h.buckets.len() as u32;
                    let (mut i, mut j) = (0, 0);
                    for w in 0..count {
                        let from = (base + w) * BUCKET;
                        while i < work.len() && work[i].start < from {
                            i += 1;
                        }
                        while j < leave.len() && leave[j].start < from {
                            j += 1;
                        }
                        h.buckets.push([i as u32, j as u32]);
                    }
                    d.buckets.1 = h.buckets.len() as u32;
                }
            }
            h.doctors.push(d);
            i = j;
        }
        // Ids are sorted: dense lookup when the range is small, else a hash map.
        if let (Some((lo, _)), Some((hi, _))) = (rows.first(), rows.last()) {
            let range = hi.saturating_sub(*lo);
            let mut k = 0u32;
            let mut prev = None;
            if range < 4 * h.doctors.len() as i64 + 4096 {
                h.dense_base = *lo;
                h.dense = vec![0; range as usize + 1];
                for (id, _) in &rows {
                    if prev != Some(*id) {
                        k += 1;
                        h.dense[(id - lo) as usize] = k;
                        prev = Some(*id);
                    }
                }
            } else {
                for (id, _) in &rows {
                    if prev != Some(*id) {
                        h.index.insert(*id, k);
                        k += 1;
                        prev = Some(*id);
                    }
                }
            }
        }
        h
    }

    /// A doctor's rows.
    #[inline]
    fn slot(&self, staff_id: i64) -> Option<&Doctor> {
        let i = if self.dense.is_empty() {
            *self.index.get(&staff_id)?
        } else {
            let k = *self
                .dense
                .get(usize::try_from(staff_id.checked_sub(self.dense_base)?).ok()?)?;
            k.checked_sub(1)?
        };
        self.doctors.get(i as usize)
    }

    /// A doctor's spans in start order (empty slice if none).
    pub fn spans(&self, staff_id: i64) -> &[Span] {
        match self.slot(staff_id) {
            Some(d) => {
                let (a, b) = d.all;
                &self.spans[a as usize..b as usize]
            }
            None => &[],
        }
    }

    /// The first instant the rota data covers.
    pub fn data_from(&self) -> i64 {
        self.data_from
    }

    /// The last instant the rota data covers.
    pub fn data_to(&self) -> i64 {
        self.data_to
    }

    /// One doctor's pre-digested data (empty if the doctor has no spans).
    pub(crate) fn doctor(&self, staff_id: i64) -> DoctorView<'_> {
        match self.slot(staff_id) {
            Some(d) => DoctorView {
                work: &self.work[d.work.0 as usize..d.work.1 as usize],
                leave: &self.leave[d.leave.0 as usize..d.leave.1 as usize],
                weekends: &self.weekends[d.weekends.0 as usize..d.weekends.1 as usize],
                max_work: d.max_work,
                max_leave: d.max_leave,
                buckets: &self.buckets[d.buckets.0 as usize..d.buckets.1 as usize],
                bucket_base: d.bucket_base,
            },
            None => DoctorView {
                work: &[],
                leave: &[],
                weekends: &[],
                max_work: 0,
                max_leave: 0,
                buckets: &[],
                bucket_base: 0,
            },
        }
    }
}

/// What a work span's instants mean on the Europe/London clock.
#[derive(Debug, Clone, Copy)]
struct Facts {
    night: i64,
    day: i32,
    evening: bool,
    /// The weekends it touches (`weekends_n` > 2: more, not kept).
    weekends: [i32; 2],
    weekends_n: usize,
}

impl Facts {
    fn new(start: i64, end: i64) -> Facts {
        let mut weekends = [0; 2];
        let mut n = 0;
        weekends_touched(start, end, |k| {
            if n < weekends.len() {
                weekends[n] = k;
            }
            n += 1;
        });
        Facts {
            night: night_secs(start, end),
            day: rota_day(start),
            evening: evening_shape(start, end),
            weekends,
            weekends_n: n,
        }
    }
}

/// Starts before 16:00 and ends after 23:00 on the date it starts (Europe/London).
pub(crate) fn evening_shape(start: i64, end: i64) -> bool {
    let l = utc_to_london(start);
    l.hour() < 16
        && end
            > london_to_utc(
                l.date_naive(),
                NaiveTime::from_hms_opt(23, 0, 0).expect("valid time"),
            )
}

/// The rota day of a duty starting at `ts`: its Europe/London start date, except that a
/// duty starting between 00:00 and 05:59 belongs to the day before (the night it is part
/// of). Days are numbered from the common era (`NaiveDate::num_days_from_ce`).
pub(crate) fn rota_day(ts: i64) -> i32 {
    (utc_to_london(ts).naive_local() - Duration::hours(6))
        .date()
        .num_days_from_ce()
}

/// The index of the weekend starting on Saturday `sat` (consecutive weekends have
/// consecutive indices).
pub(crate) fn weekend_index(sat: NaiveDate) -> i32 {
    sat.num_days_from_ce().div_euclid(7)
}

/// The weekend interval of Saturday `sat`: 00:01 Saturday to 23:59 Sunday, Europe/London.
pub(crate) fn weekend_bounds(sat: NaiveDate) -> (i64, i64) {
    (
        london_to_utc(sat, NaiveTime::from_hms_opt(0, 1, 0).expect("valid time")),
        london_to_utc(
            sat + Duration::days(1),
            NaiveTime::from_hms_opt(23, 59, 0).expect("valid time"),
        ),
    )
}

/// Calls `f` with the index of every weekend that [start, end) has any time in.
pub(crate) fn weekends_touched(start: i64, end: i64, mut f: impl FnMut(i32)) {
    let first = utc_to_london(start).date_naive() - Duration::days(1);
    let last = utc_to_london(end).date_naive();
    let mut x = first;
    // Jump to the first Saturday on or after `first`.
    let to_sat = (Weekday::Sat.num_days_from_monday() + 7 - x.weekday().num_days_from_monday()) % 7;
    x += Duration::days(i64::from(to_sat));
    while x <= last {
        let (ws, we) = weekend_bounds(x);
        if overlap_secs(start, end, ws, we) > 0 {
            f(weekend_index(x));
        }
        x += Duration::days(7);
    }
}
