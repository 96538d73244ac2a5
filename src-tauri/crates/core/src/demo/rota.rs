//! The rota engine both generators share.
//!
//! A department's doctors work in tiers (juniors, registrars, consultants). Each tier runs a
//! cyclic rota of `L` weekly "lines", as UK rotas do: the doctor on line `i` works week type
//! `(i + w) mod L` in week `w`, so every calendar week each week type is worked by exactly one
//! line, and every doctor walks the same cycle. Legality is then a property of the cycle alone:
//! each week type is legal on its own and every pair of neighbouring week types is legal
//! across the weekend between them (rest, runs of nights, long shifts, consecutive shifts).
//! The week types and their order are chosen so that holds under the 2016 TCS:
//! at most 4 nights in a row then at least 46 h off, at most 4 long evenings then 48 h off, at
//! most 4 long shifts in a row, at most 7 shifts in a row, at least 11 h between shifts (also
//! across the March clock change), shifts of 12 h (13 h over the October change), and weekend
//! work at most 1 in 3 for resident tiers.
//!
//! Leave replaces a doctor's day shifts in a week that holds nothing else; a vacant slot is a
//! rostered shift whose doctor is blanked (the slot keeps its grade). Both are hashed from the
//! seed and what they concern, so output depends on nothing but the inputs.

use super::rng::chance;
use super::SynthStats;
use crate::model::StaffGroup;
use chrono::{Datelike, NaiveDate};
use std::io::{self, Write};

/// The CSV header, exactly as the importer documents it.
pub(super) const HEADER: &str =
    "staff_id,name,grade,department,site,date,start,end,shift_type,shift_code,staff_group,wtr_opt_out\n";

/// What a line does on one day of a week type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Code {
    Off,
    Day,
    LongDay,
    LongEvening,
    Night,
    OnCall,
}

/// Monday to Sunday.
pub(super) type Week = [Code; 7];

const fn week(s: &[u8; 7]) -> Week {
    let mut w = [Code::Off; 7];
    let mut i = 0;
    while i < 7 {
        w[i] = match s[i] {
            b'D' => Code::Day,
            b'L' => Code::LongDay,
            b'E' => Code::LongEvening,
            b'N' => Code::Night,
            b'O' => Code::OnCall,
            _ => Code::Off,
        };
        i += 1;
    }
    w
}

// Resident week types. The order a cycle uses is fixed by `resident_cycle`.
/// Weekend nights (Fri-Sun), ending Monday morning.
const NIGHTS_WEEKEND: Week = week(b"DD..NNN");
/// Recovery after weekend nights: off until Wednesday (>= 46 h after the last night).
const AFTER_NIGHTS: Week = week(b"..DDD..");
/// Four long evenings, then 48 h+ off.
const EVENINGS: Week = week(b"EEEE...");
/// Four weekday nights (Mon-Thu), then the weekend off (>= 46 h).
const NIGHTS_WEEKDAY: Week = week(b"NNNN...");
/// Weekend long days.
const LONG_WEEKEND: Week = week(b"DDD..LL");
/// Friday long evening.
const FRIDAY_EVENING: Week = week(b"DD.DE..");
/// Plain weeks (a fifth day is teaching, clinic or a zero day, not on this rota).
const PLAIN_A: Week = week(b"DDDD...");
const PLAIN_B: Week = week(b".DDDD..");

// Consultant week types. On-call is non-resident, 17:00 to 09:00, never on consecutive days
// and never next to a day shift (so 11 h rest holds between every two duties).
const CONS_A: Week = week(b"O.O.D..");
const CONS_B: Week = week(b"DO.O.O.");
const CONS_C: Week = week(b"DD..O.O");
const CONS_WEEKEND: Week = week(b".DD..DD");
const CONS_PLAIN_A: Week = week(b"D.D....");
const CONS_PLAIN_B: Week = week(b".D.D...");

/// The smallest resident cycle holding every resident week type.
pub(super) const MIN_RESIDENT_LINES: usize = 6;
/// The smallest consultant cycle covering on-call every night.
pub(super) const MIN_CONSULTANT_LINES: usize = 4;

/// The cycle of a resident tier with `lines` doctors (at least [`MIN_RESIDENT_LINES`] weeks;
/// a shorter tier gets vacant lines). One night block per started 8 lines, so a tier of 16
/// puts two doctors on nights every night.
pub(super) fn resident_cycle(lines: usize) -> Vec<Week> {
    let len = lines.max(MIN_RESIDENT_LINES);
    let copies = (len / 8).max(1);
    let plain = len - 6 * copies;
    let slots = 2 * copies;
    let mut cycle = Vec::with_capacity(len);
    let mut plain_made = 0usize;
    let mut push_plain = |cycle: &mut Vec<Week>, n: usize| {
        for _ in 0..n {
            cycle.push([PLAIN_A, PLAIN_B][plain_made % 2]);
            plain_made += 1;
        }
    };
    for c in 0..copies {
        let in_slot = |s: usize| plain / slots + usize::from(s < plain % slots);
        cycle.push(NIGHTS_WEEKEND);
        cycle.push(AFTER_NIGHTS);
        push_plain(&mut cycle, in_slot(2 * c));
        cycle.push(EVENINGS);
        cycle.push(NIGHTS_WEEKDAY);
        cycle.push(LONG_WEEKEND);
        cycle.push(FRIDAY_EVENING);
        push_plain(&mut cycle, in_slot(2 * c + 1));
    }
    debug_assert_eq!(cycle.len(), len);
    cycle
}

/// The cycle of a consultant tier with `lines` consultants (at least
/// [`MIN_CONSULTANT_LINES`] weeks): one consultant on call every night.
pub(super) fn consultant_cycle(lines: usize) -> Vec<Week> {
    let len = lines.max(MIN_CONSULTANT_LINES);
    let extra = len - MIN_CONSULTANT_LINES;
    let plain = |i: usize| [CONS_PLAIN_A, CONS_PLAIN_B][i % 2];
    let mut cycle = vec![CONS_A];
    cycle.extend((0..extra / 2).map(plain));
    cycle.extend([CONS_B, CONS_C, CONS_WEEKEND]);
    cycle.extend((extra / 2..extra).map(plain));
    cycle
}

/// Rows a week type puts on the rota.
pub(super) fn rows_in(week: &Week) -> u64 {
    week.iter().filter(|c| **c != Code::Off).count() as u64
}

/// A week of weekday day shifts only: leave can be taken in it.
fn leave_week(week: &Week) -> bool {
    week[..5].iter().all(|c| matches!(c, Code::Off | Code::Day))
        && week[5..].iter().all(|c| *c == Code::Off)
        && week.contains(&Code::Day)
}

/// One duty's CSV cells from start to shift code, with the trailing comma.
pub(super) struct Shift {
    start_min: u16,
    cells: &'static str,
}

/// The shift times a tier works.
pub(super) struct Times {
    day: Shift,
    long_day: Shift,
    long_evening: Shift,
    night: Shift,
    on_call: Shift,
}

impl Times {
    fn shift(&self, code: Code) -> &Shift {
        match code {
            Code::Day | Code::Off => &self.day,
            Code::LongDay => &self.long_day,
            Code::LongEvening => &self.long_evening,
            Code::Night => &self.night,
            Code::OnCall => &self.on_call,
        }
    }
}

const fn shift(start_min: u16, cells: &'static str) -> Shift {
    Shift { start_min, cells }
}

/// Foundation and core trainees (the "SHO" tier): nights 20:00-08:00.
pub(super) const JUNIOR_TIMES: Times = Times {
    day: shift(8 * 60, "08:00,17:00,day,SD,"),
    long_day: shift(8 * 60, "08:00,20:00,long_day,LD,"),
    long_evening: shift(13 * 60, "13:00,23:30,long_evening,LE,"),
    night: shift(20 * 60, "20:00,08:00,night,N,"),
    on_call: shift(17 * 60, "17:00,09:00,on_call,OC,"),
};

/// Registrars and SAS doctors on the middle-grade rota: nights 21:00-09:00.
pub(super) const MIDDLE_TIMES: Times = Times {
    day: shift(8 * 60, "08:00,17:00,day,SD,"),
    long_day: shift(9 * 60, "09:00,21:00,long_day,LD,"),
    long_evening: shift(12 * 60, "12:00,00:00,long_evening,LE,"),
    night: shift(21 * 60, "21:00,09:00,night,N,"),
    on_call: shift(17 * 60, "17:00,09:00,on_call,OC,"),
};

/// Consultants: days, and non-resident on-call from 17:00 to 09:00.
pub(super) const CONSULTANT_TIMES: Times = Times {
    day: shift(8 * 60, "08:00,17:00,day,SD,"),
    long_day: shift(8 * 60, "08:00,20:00,long_day,LD,"),
    long_evening: shift(13 * 60, "13:00,23:30,long_evening,LE,"),
    night: shift(20 * 60, "20:00,08:00,night,N,"),
    on_call: shift(17 * 60, "17:00,09:00,on_call,OC,"),
};

const LEAVE: Shift = shift(9 * 60, "09:00,17:00,leave,AL,");

/// A line of a tier: its doctor (none = a vacant post) and the grade its slots carry.
pub(super) struct Line {
    pub doctor: Option<u32>,
    pub grade: &'static str,
}

pub(super) struct Tier {
    pub times: &'static Times,
    pub cycle: Vec<Week>,
    pub lines: Vec<Line>,
    /// Slots of this tier may be left vacant (resident and middle-grade tiers).
    pub may_be_vacant: bool,
}

impl Tier {
    /// A tier over `grades` (one doctor each, in order); missing lines are vacant posts.
    pub fn new(
        times: &'static Times,
        cycle: Vec<Week>,
        doctors: impl IntoIterator<Item = (u32, &'static str)>,
        vacant_grade: &'static str,
        may_be_vacant: bool,
    ) -> Self {
        let mut lines: Vec<Line> = doctors
            .into_iter()
            .map(|(d, grade)| Line {
                doctor: Some(d),
                grade,
            })
            .collect();
        debug_assert!(lines.len() <= cycle.len());
        while lines.len() < cycle.len() {
            lines.push(Line {
                doctor: None,
                grade: vacant_grade,
            });
        }
        Tier {
            times,
            cycle,
            lines,
            may_be_vacant,
        }
    }

    /// Rows this tier puts on the rota per week (each week type is worked once a week).
    pub fn rows_per_week(&self) -> u64 {
        self.cycle.iter().map(rows_in).sum()
    }
}

pub(super) struct Department {
    pub name: String,
    pub site: String,
    pub tiers: Vec<Tier>,
    /// Chance, per million, that a slot this department may leave vacant is vacant.
    pub vacancy_ppm: u32,
    /// Only long days, long evenings and nights go vacant (the gaps coordinators chase).
    pub vacancy_out_of_hours_only: bool,
}

pub(super) struct Doctor {
    /// "staff_id,name,grade,"
    prefix: Vec<u8>,
    /// "staff_group,wtr_opt_out\n"
    suffix: Vec<u8>,
}

impl Doctor {
    pub fn new(
        staff_number: &str,
        name: &str,
        grade: &str,
        staff_group: Option<StaffGroup>,
        wtr_opt_out: bool,
    ) -> Self {
        debug_assert!(!format!("{staff_number}{name}{grade}").contains([',', '"', '\n']));
        let prefix = format!("{staff_number},{name},{grade},").into_bytes();
        let suffix = format!(
            "{},{}\n",
            staff_group.map_or("", StaffGroup::as_str),
            if wtr_opt_out { "yes" } else { "no" }
        )
        .into_bytes();
        Doctor { prefix, suffix }
    }
}

/// A whole trust: what the writer needs.
pub(super) struct Plan {
    pub departments: Vec<Department>,
    pub doctors: Vec<Doctor>,
    pub seed: u64,
    /// Chance, per million, that a doctor takes leave in a week of plain day shifts.
    pub leave_ppm: u32,
}

const LEAVE_SALT: u64 = 0x004c_4541_5645;
const VACANCY_SALT: u64 = 0x5641_4341_4e54;

impl Plan {
    /// Sorts departments as exports list them: by name, then site.
    pub fn sort_departments(&mut self) {
        self.departments
            .sort_by(|a, b| (&a.name, &a.site).cmp(&(&b.name, &b.site)));
    }

    /// Rows the writer will produce over `weeks` weeks, without writing them.
    pub fn planned_rows(&self, weeks: u32) -> u64 {
        let per_week: u64 = self
            .departments
            .iter()
            .flat_map(|d| &d.tiers)
            .map(Tier::rows_per_week)
            .sum();
        per_week * u64::from(weeks)
    }

    /// Writes the header and every duty of `weeks` weeks from `first_monday`, sorted by date,
    /// then department, then start time.
    pub fn write<W: Write>(
        &self,
        out: &mut W,
        first_monday: NaiveDate,
        weeks: u32,
    ) -> io::Result<SynthStats> {
        debug_assert_eq!(first_monday.weekday(), chrono::Weekday::Mon);
        struct Pending<'a> {
            start_min: u16,
            doctor: Option<u32>,
            grade: &'a str,
            shift: &'a Shift,
        }
        let mut stats = SynthStats {
            rows: 0,
            doctors: 0,
            vacancies: 0,
            bytes: 0,
        };
        let mut seen = vec![false; self.doctors.len()];
        let mut pending: Vec<Pending> = Vec::with_capacity(256);
        let put = |out: &mut W, bytes: &[u8], stats: &mut SynthStats| {
            stats.bytes += bytes.len() as u64;
            out.write_all(bytes)
        };
        put(out, HEADER.as_bytes(), &mut stats)?;
        let mut date = first_monday;
        for day in 0..weeks as usize * 7 {
            let (wk, weekday) = (day / 7, day % 7);
            let date_cells = date_cells(date);
            for (d, dept) in self.departments.iter().enumerate() {
                pending.clear();
                for (t, tier) in dept.tiers.iter().enumerate() {
                    let len = tier.cycle.len();
                    for (l, line) in tier.lines.iter().enumerate() {
                        let week = &tier.cycle[(l + wk) % len];
                        let code = week[weekday];
                        if code == Code::Off {
                            continue;
                        }
                        let mut shift = tier.times.shift(code);
                        let mut doctor = line.doctor;
                        if let Some(doc) = doctor {
                            if code == Code::Day
                                && leave_week(week)
                                && chance(
                                    self.seed,
                                    &[LEAVE_SALT, u64::from(doc), wk as u64],
                                    self.leave_ppm,
                                )
                            {
                                shift = &LEAVE;
                            } else if tier.may_be_vacant
                                && (!dept.vacancy_out_of_hours_only
                                    || matches!(
                                        code,
                                        Code::LongDay | Code::LongEvening | Code::Night
                                    ))
                                && chance(
                                    self.seed,
                                    &[VACANCY_SALT, d as u64, t as u64, l as u64, day as u64],
                                    dept.vacancy_ppm,
                                )
                            {
                                doctor = None;
                            }
                        }
                        pending.push(Pending {
                            start_min: shift.start_min,
                            doctor,
                            grade: line.grade,
                            shift,
                        });
                    }
                }
                pending.sort_by_key(|p| p.start_min);
                for p in &pending {
                    match p.doctor {
                        Some(doc) => {
                            put(out, &self.doctors[doc as usize].prefix, &mut stats)?;
                            seen[doc as usize] = true;
                        }
                        None => {
                            put(out, b",,", &mut stats)?;
                            put(out, p.grade.as_bytes(), &mut stats)?;
                            put(out, b",", &mut stats)?;
                            stats.vacancies += 1;
                        }
                    }
                    put(out, dept.name.as_bytes(), &mut stats)?;
                    put(out, b",", &mut stats)?;
                    put(out, dept.site.as_bytes(), &mut stats)?;
                    put(out, b",", &mut stats)?;
                    put(out, &date_cells, &mut stats)?;
                    put(out, p.shift.cells.as_bytes(), &mut stats)?;
                    match p.doctor {
                        Some(doc) => put(out, &self.doctors[doc as usize].suffix, &mut stats)?,
                        None => put(out, b",\n", &mut stats)?,
                    }
                    stats.rows += 1;
                }
            }
            date = date.succ_opt().expect("date in range");
        }
        stats.doctors = seen.iter().filter(|s| **s).count() as u32;
        Ok(stats)
    }
}

/// "dd/mm/yyyy," without going through the formatter.
fn date_cells(d: NaiveDate) -> [u8; 11] {
    let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let y = d.year().clamp(0, 9999) as u32;
    let [d1, d2] = two(d.day());
    let [m1, m2] = two(d.month());
    let [y1, y2] = two(y / 100);
    let [y3, y4] = two(y % 100);
    [d1, d2, b'/', m1, m2, b'/', y1, y2, y3, y4, b',']
}
