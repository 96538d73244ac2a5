//! The built-in demo trust and the large synthetic trust generator.
//!
//! Both write the app's canonical rota CSV: one row per duty, header
//! `staff_id,name,grade,department,site,date,start,end,shift_type,shift_code,staff_group,wtr_opt_out`,
//! sorted by date then department. The rotas are cyclic and follow the 2016 TCS (see
//! `rota.rs`), so they are legal, leave most doctors room for an extra shift, and put resident
//! doctors on most out-of-hours duties (consultants are on non-resident on-call), which is what
//! makes a strike bite. Output is deterministic: the same inputs give the same bytes.

mod names;
mod rng;
mod rota;
mod story;

use crate::model::{default_staff_group, StaffGroup};
use chrono::{Datelike, Duration, NaiveDate};
use names::{staff_number, Names};
use rng::{chance, roll};
use rota::{
    consultant_cycle, resident_cycle, Department, Doctor, Plan, Tier, Times, CONSULTANT_TIMES,
    JUNIOR_TIMES, MIDDLE_TIMES,
};
use std::io::{self, BufWriter, Write};

pub(crate) use story::write_story;
pub use story::{DEMO_COORDINATOR, DEMO_DIRECTOR, DEMO_PASSPHRASE, DEMO_WALKOUT_TITLE};

/// The demo trust's name (invented; not a real trust).
pub const DEMO_TRUST_NAME: &str = "Northbridge and Eastvale Hospitals NHS Foundation Trust";

const DEMO_SITES: [&str; 2] = ["Northbridge General Hospital", "Eastvale Hospital"];

/// Weeks the demo rota covers.
pub const DEMO_WEEKS: u32 = 8;

const DEMO_SEED: u64 = 0x4e42_4556_2016;

/// The Monday of the week before `today`'s week: the demo covers last week and the next seven.
pub fn demo_first_monday(today: NaiveDate) -> NaiveDate {
    monday_of(today) - Duration::days(7)
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The demo trust's rota: 8 weeks (56 days) from `first_monday` (a date that is not a Monday
/// is rolled back to the Monday before it), as the canonical rota CSV.
pub fn demo_rota_csv(first_monday: NaiveDate) -> String {
    let plan = demo_plan();
    let mut out = Vec::with_capacity(256 * 1024);
    plan.write(&mut out, monday_of(first_monday), DEMO_WEEKS)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the demo is UTF-8")
}

struct DemoDept {
    name: &'static str,
    site: usize,
    /// Resident tiers: the shift times they work and one grade per doctor.
    tiers: &'static [(&'static Times, &'static [&'static str])],
    consultants: usize,
    /// Chance per million that a resident long day, long evening or night is vacant.
    vacancy_ppm: u32,
}

const DEMO_DEPTS: &[DemoDept] = &[
    DemoDept {
        name: "Emergency Department",
        site: 0,
        tiers: &[
            (
                &JUNIOR_TIMES,
                &["FY1", "FY2", "CT1", "CT2", "CT3", "ST1", "ST2"],
            ),
            (
                &MIDDLE_TIMES,
                &["ST3", "ST4", "ST5", "ST6", "ST7", "Specialty Doctor"],
            ),
        ],
        consultants: 5,
        vacancy_ppm: 25_000,
    },
    DemoDept {
        name: "Acute Medicine",
        site: 0,
        tiers: &[
            (
                &JUNIOR_TIMES,
                &["FY1", "FY1", "FY2", "FY2", "CT1", "CT2", "ST2"],
            ),
            (
                &MIDDLE_TIMES,
                &["ST3", "ST4", "ST5", "ST8", "Specialist", "Specialty Doctor"],
            ),
        ],
        consultants: 4,
        vacancy_ppm: 8_000,
    },
    DemoDept {
        name: "General Surgery",
        site: 0,
        tiers: &[(&JUNIOR_TIMES, &["FY1", "FY2", "CT1", "CT2", "ST3", "ST6"])],
        consultants: 4,
        vacancy_ppm: 12_000,
    },
    DemoDept {
        name: "Intensive Care",
        site: 0,
        tiers: &[(
            &MIDDLE_TIMES,
            &["CT1", "CT2", "CT3", "ST4", "ST7", "Specialty Doctor"],
        )],
        consultants: 4,
        vacancy_ppm: 12_000,
    },
    DemoDept {
        name: "Obstetrics",
        site: 1,
        tiers: &[(&MIDDLE_TIMES, &["FY2", "ST1", "ST2", "ST3", "ST5", "ST7"])],
        consultants: 4,
        vacancy_ppm: 25_000,
    },
    DemoDept {
        name: "Neonatal Unit",
        site: 1,
        tiers: &[(
            &MIDDLE_TIMES,
            &["ST1", "ST2", "ST4", "ST5", "ST6", "Associate Specialist"],
        )],
        consultants: 4,
        vacancy_ppm: 25_000,
    },
    DemoDept {
        name: "Paediatrics",
        site: 1,
        tiers: &[(
            &JUNIOR_TIMES,
            &["FY2", "ST1", "ST2", "ST3", "ST8", "Specialist"],
        )],
        consultants: 4,
        vacancy_ppm: 8_000,
    },
];

/// Makes doctors: name, staff number, whether the file names their staff group (consultants
/// mostly leave it to the grade table) and whether they opted out of the WTR.
struct DoctorMaker {
    seed: u64,
    names: Names,
    doctors: Vec<Doctor>,
}

impl DoctorMaker {
    fn new(seed: u64) -> Self {
        DoctorMaker {
            seed,
            names: Names::new(seed),
            doctors: Vec::new(),
        }
    }

    fn add(&mut self, grade: &'static str) -> (u32, &'static str) {
        let i = self.doctors.len() as u32;
        let group = default_staff_group(grade);
        let explicit_ppm = if group == StaffGroup::Consultant {
            120_000
        } else {
            750_000
        };
        let explicit = chance(self.seed, &[0x4752, u64::from(i)], explicit_ppm);
        let opt_out = chance(self.seed, &[0x5754, u64::from(i)], 70_000);
        let name = self.names.name(i);
        self.doctors.push(Doctor::new(
            &staff_number(self.seed, i),
            &name,
            grade,
            explicit.then_some(group),
            opt_out,
        ));
        (i, grade)
    }

    fn consultant_tier(&mut self, n: usize) -> Tier {
        let doctors: Vec<_> = (0..n).map(|_| self.add("Consultant")).collect();
        Tier::new(
            &CONSULTANT_TIMES,
            consultant_cycle(n),
            doctors,
            "Consultant",
            false,
        )
    }
}

fn demo_plan() -> Plan {
    let mut maker = DoctorMaker::new(DEMO_SEED);
    let mut departments = Vec::new();
    for dept in DEMO_DEPTS {
        let mut tiers = Vec::new();
        for (times, grades) in dept.tiers {
            let doctors: Vec<_> = grades.iter().map(|g| maker.add(g)).collect();
            tiers.push(Tier::new(
                times,
                resident_cycle(grades.len()),
                doctors,
                grades[0],
                true,
            ));
        }
        tiers.push(maker.consultant_tier(dept.consultants));
        departments.push(Department {
            name: dept.name.to_string(),
            site: DEMO_SITES[dept.site].to_string(),
            tiers,
            vacancy_ppm: dept.vacancy_ppm,
            vacancy_out_of_hours_only: true,
        });
    }
    let mut plan = Plan {
        departments,
        doctors: maker.doctors,
        seed: DEMO_SEED,
        leave_ppm: 300_000,
    };
    plan.sort_departments();
    plan
}

/// The shape of a synthetic trust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthParams {
    pub doctors: u32,
    pub departments: u32,
    pub sites: u32,
    pub weeks: u32,
    /// First day of the rota (rolled back to a Monday if it is not one).
    pub first_monday: NaiveDate,
    pub seed: u64,
}

impl SynthParams {
    /// A large acute trust: 2,500 doctors, 60 departments, 3 sites, a year (52 weeks): about
    /// 475,000 duty rows.
    pub fn large(first_monday: NaiveDate) -> Self {
        SynthParams {
            doctors: 2_500,
            departments: 60,
            sites: 3,
            weeks: 52,
            first_monday,
            seed: 0x5354_5249_4b45,
        }
    }

    /// Rows [`write_synthetic_csv`] will write (excluding the header), without writing them.
    pub fn planned_rows(&self) -> u64 {
        synth_plan(self).planned_rows(self.weeks)
    }
}

/// What [`write_synthetic_csv`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthStats {
    /// Duty rows, vacant slots and leave included (the header excluded).
    pub rows: u64,
    /// Distinct doctors named in the rows.
    pub doctors: u32,
    /// Rows without a doctor.
    pub vacancies: u64,
    /// Bytes written, header included.
    pub bytes: u64,
}

/// Writes a synthetic trust's rota as canonical CSV, sorted by date then department.
pub fn write_synthetic_csv<W: Write>(w: W, p: &SynthParams) -> io::Result<SynthStats> {
    let plan = synth_plan(p);
    let mut out = BufWriter::with_capacity(1 << 18, w);
    let stats = plan.write(&mut out, monday_of(p.first_monday), p.weeks)?;
    out.flush()?;
    Ok(stats)
}

const SYNTH_SITES: [&str; 8] = [
    "Northbridge General Hospital",
    "Eastvale Hospital",
    "Westmere Royal Infirmary",
    "Southfield General Hospital",
    "Ashcombe Hospital",
    "Kingsford Memorial Hospital",
    "Riverside Treatment Centre",
    "Hollins Park Hospital",
];

/// Services every site has come first; the rest are spread across sites.
const CORE_SPECIALTIES: usize = 8;
const SPECIALTIES: [&str; 40] = [
    "Emergency Department",
    "Acute Medicine",
    "General Surgery",
    "Intensive Care",
    "Obstetrics",
    "Neonatal Unit",
    "Paediatrics",
    "Anaesthetics",
    "Trauma and Orthopaedics",
    "Cardiology",
    "Respiratory Medicine",
    "Gastroenterology",
    "Geriatric Medicine",
    "Stroke Medicine",
    "Renal Medicine",
    "Haematology",
    "Oncology",
    "Urology",
    "Vascular Surgery",
    "Colorectal Surgery",
    "Upper GI Surgery",
    "Ear Nose and Throat",
    "Ophthalmology",
    "Plastic Surgery",
    "Neurology",
    "Endocrinology",
    "Rheumatology",
    "Dermatology",
    "Liaison Psychiatry",
    "Gynaecology",
    "Oral and Maxillofacial Surgery",
    "Cardiothoracic Surgery",
    "Neurosurgery",
    "Infectious Diseases",
    "Palliative Medicine",
    "Paediatric Surgery",
    "Radiology",
    "Breast Surgery",
    "Hepatology",
    "Diabetes",
];

fn synth_site_name(s: usize) -> String {
    let base = SYNTH_SITES[s % SYNTH_SITES.len()];
    match s / SYNTH_SITES.len() {
        0 => base.to_string(),
        n => format!("{base} Wing {}", n + 1),
    }
}

/// The `j`th department of site `site`: names are distinct within a site.
fn synth_department_name(j: usize, site: usize) -> String {
    if j < CORE_SPECIALTIES {
        return SPECIALTIES[j].to_string();
    }
    let rest = SPECIALTIES.len() - CORE_SPECIALTIES;
    let k = j - CORE_SPECIALTIES;
    let base = SPECIALTIES[CORE_SPECIALTIES + (k % rest + 7 * site) % rest];
    match k / rest {
        0 => base.to_string(),
        n => format!("{base} {}", n + 1),
    }
}

/// Weighted grade tables (weights in arbitrary units).
const JUNIOR_GRADES: [(&str, u32); 7] = [
    ("FY1", 20),
    ("FY2", 20),
    ("CT1", 15),
    ("CT2", 15),
    ("CT3", 5),
    ("ST1", 15),
    ("ST2", 10),
];
const MIDDLE_GRADES: [(&str, u32); 6] = [
    ("ST3", 20),
    ("ST4", 20),
    ("ST5", 18),
    ("ST6", 16),
    ("ST7", 14),
    ("ST8", 12),
];
const SAS_WEIGHTED: [(&str, u32); 3] = [
    ("Specialty Doctor", 60),
    ("Specialist", 25),
    ("Associate Specialist", 15),
];

fn weighted(table: &[(&'static str, u32)], seed: u64, parts: &[u64]) -> &'static str {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut r = roll(seed, parts, total as usize) as u32;
    for (g, w) in table {
        if r < *w {
            return g;
        }
        r -= w;
    }
    table[0].0
}

/// How a department of `n` doctors splits: (consultants, SAS, residents). About 28 %
/// consultants (at least enough for an on-call rota), one SAS doctor in twelve of the rest.
fn split(n: usize) -> (usize, usize, usize) {
    let c = ((n * 28 + 50) / 100).max(4).min(n);
    let s = (n - c) / 12;
    (c, s, n - c - s)
}

fn synth_plan(p: &SynthParams) -> Plan {
    let sites = p.sites.max(1) as usize;
    let depts = p.departments.max(1) as usize;
    let total = p.doctors as usize;
    let mut maker = DoctorMaker::new(p.seed);
    let mut departments = Vec::with_capacity(depts);
    for d in 0..depts {
        let n = total / depts + usize::from(d < total % depts);
        let (c, s, r) = split(n);
        let site = d % sites;
        let mut tiers = Vec::new();
        let residents = |maker: &mut DoctorMaker, table: &[(&'static str, u32)], k: usize| {
            (0..k)
                .map(|_| {
                    let i = maker.doctors.len() as u64;
                    maker.add(weighted(table, p.seed, &[0x4752_4144, i]))
                })
                .collect::<Vec<_>>()
        };
        if r >= 2 * rota::MIN_RESIDENT_LINES {
            let junior = residents(&mut maker, &JUNIOR_GRADES, r / 2);
            let mut middle = residents(&mut maker, &MIDDLE_GRADES, r - r / 2);
            middle.extend(residents(&mut maker, &SAS_WEIGHTED, s));
            tiers.push(Tier::new(
                &JUNIOR_TIMES,
                resident_cycle(junior.len()),
                junior,
                "FY2",
                true,
            ));
            tiers.push(Tier::new(
                &MIDDLE_TIMES,
                resident_cycle(middle.len()),
                middle,
                "ST4",
                true,
            ));
        } else {
            let mut single = residents(&mut maker, &JUNIOR_GRADES, r.div_ceil(2));
            single.extend(residents(&mut maker, &MIDDLE_GRADES, r / 2));
            single.extend(residents(&mut maker, &SAS_WEIGHTED, s));
            tiers.push(Tier::new(
                &MIDDLE_TIMES,
                resident_cycle(single.len()),
                single,
                "ST3",
                true,
            ));
        }
        tiers.push(maker.consultant_tier(c));
        departments.push(Department {
            name: synth_department_name(d / sites, site),
            site: synth_site_name(site),
            tiers,
            vacancy_ppm: 10_000,
            vacancy_out_of_hours_only: false,
        });
    }
    let mut plan = Plan {
        departments,
        doctors: maker.doctors,
        seed: p.seed,
        leave_ppm: 300_000,
    };
    plan.sort_departments();
    plan
}

#[cfg(test)]
mod tests;
