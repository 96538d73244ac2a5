//! Domain types shared by import, storage, use cases and the wire (TypeScript bindings).
//!
//! Times: every duty carries its UTC instants (for arithmetic: durations and rest are computed
//! from instants) and the Europe/London wall-clock date and times it was written with (for
//! display). See `time.rs`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The staff group a grade belongs to. Rules differ per group (2016 TCS for residents, the
/// Working Time Regulations for consultants and SAS doctors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum StaffGroup {
    Resident,
    Consultant,
    Sas,
    Other,
}

impl StaffGroup {
    pub const ALL: [StaffGroup; 4] = [
        StaffGroup::Resident,
        StaffGroup::Consultant,
        StaffGroup::Sas,
        StaffGroup::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffGroup::Resident => "resident",
            StaffGroup::Consultant => "consultant",
            StaffGroup::Sas => "sas",
            StaffGroup::Other => "other",
        }
    }

    /// Human label, British English ("Resident doctors").
    pub fn label(self) -> &'static str {
        match self {
            StaffGroup::Resident => "Resident doctors",
            StaffGroup::Consultant => "Consultants",
            StaffGroup::Sas => "SAS doctors",
            StaffGroup::Other => "Other doctors",
        }
    }

    /// Parses the forms found in exports: "resident", "Resident doctor", "junior", "SAS",
    /// "specialty doctor", "consultant", "other".
    pub fn parse_loose(s: &str) -> Option<StaffGroup> {
        let t = s.trim().to_ascii_lowercase();
        let t = t.trim_end_matches(" doctors").trim_end_matches(" doctor");
        match t {
            "resident" | "junior" | "doctor in training" | "trainee" | "resident (junior)" => {
                Some(StaffGroup::Resident)
            }
            "consultant" => Some(StaffGroup::Consultant),
            "sas" | "specialty" | "specialist" | "specialty and specialist" | "staff grade" => {
                Some(StaffGroup::Sas)
            }
            "other" => Some(StaffGroup::Other),
            _ => None,
        }
    }
}

impl fmt::Display for StaffGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StaffGroup {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StaffGroup::parse_loose(s).ok_or_else(|| {
            format!("unknown staff group '{s}' (expected resident, consultant, sas or other)")
        })
    }
}

/// What kind of duty a rota row is. Leave and rest are kept because later rules need them
/// (a doctor on leave cannot cover; rest counts towards rest periods).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ShiftType {
    Day,
    LongDay,
    LongEvening,
    Night,
    OnCall,
    Leave,
    Rest,
}

impl ShiftType {
    pub const ALL: [ShiftType; 7] = [
        ShiftType::Day,
        ShiftType::LongDay,
        ShiftType::LongEvening,
        ShiftType::Night,
        ShiftType::OnCall,
        ShiftType::Leave,
        ShiftType::Rest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ShiftType::Day => "day",
            ShiftType::LongDay => "long_day",
            ShiftType::LongEvening => "long_evening",
            ShiftType::Night => "night",
            ShiftType::OnCall => "on_call",
            ShiftType::Leave => "leave",
            ShiftType::Rest => "rest",
        }
    }

    /// Human label, British English.
    pub fn label(self) -> &'static str {
        match self {
            ShiftType::Day => "Day",
            ShiftType::LongDay => "Long day",
            ShiftType::LongEvening => "Long evening",
            ShiftType::Night => "Night",
            ShiftType::OnCall => "On call (non-resident)",
            ShiftType::Leave => "Leave",
            ShiftType::Rest => "Rest",
        }
    }

    /// True for rows that put a doctor at work (everything but leave and rest).
    pub fn is_work(self) -> bool {
        !matches!(self, ShiftType::Leave | ShiftType::Rest)
    }

    /// Parses the spellings found in rota exports ("Long Day", "LD", "long-day", "NROC",
    /// "Non-resident on-call", "A/L", "Annual leave", ...). Case-insensitive.
    pub fn parse_loose(s: &str) -> Option<ShiftType> {
        let t: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c })
            .collect();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match t.as_str() {
            "day" | "d" | "sd" | "short day" | "normal day" | "standard day" => ShiftType::Day,
            "long day" | "ld" | "longday" => ShiftType::LongDay,
            "long evening" | "le" | "evening" | "long eve" => ShiftType::LongEvening,
            "night" | "n" | "nights" | "night shift" => ShiftType::Night,
            "on call"
            | "oncall"
            | "non resident on call"
            | "nroc"
            | "non resident"
            | "on call (non resident)"
            | "oc" => ShiftType::OnCall,
            "leave" | "a/l" | "al" | "annual leave" | "study leave" | "sl" | "sick" => {
                ShiftType::Leave
            }
            "rest" | "off" | "zero" | "zero day" | "rest day" => ShiftType::Rest,
            _ => return None,
        })
    }
}

impl fmt::Display for ShiftType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ShiftType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ShiftType::parse_loose(s).ok_or_else(|| {
            format!(
                "unknown shift type '{s}' (expected day, long day, long evening, night, on call, leave or rest)"
            )
        })
    }
}

/// The staff group a grade falls in when the trust has not said otherwise. The trust edits the
/// result in its grade table; this is only the starting point for a grade first seen in an import.
pub fn default_staff_group(grade: &str) -> StaffGroup {
    let g = grade.trim().to_ascii_uppercase();
    let g = g.replace([' ', '-', '_', '.'], "");
    let resident_prefixes = [
        "FY",
        "F1",
        "F2",
        "CT",
        "ST",
        "SPR",
        "STR",
        "SHO",
        "HO",
        "ACCS",
        "IMT",
        "CST",
        "GPST",
        "RESIDENT",
        "REGISTRAR",
    ];
    if g.starts_with("CONSULTANT") {
        return StaffGroup::Consultant;
    }
    if g.starts_with("SAS")
        || g.starts_with("SPECIALTY")
        || g.starts_with("SPECIALIST")
        || g.starts_with("ASSOCIATESPECIALIST")
        || g.starts_with("STAFFGRADE")
        || g.starts_with("SPECDOC")
    {
        return StaffGroup::Sas;
    }
    if resident_prefixes.iter().any(|p| g.starts_with(p)) {
        return StaffGroup::Resident;
    }
    StaffGroup::Other
}

/// The built-in cover level of a grade: a doctor may cover a duty whose grade's level is at
/// most their own. 1 foundation year 1; 2 foundation year 2; 3 core trainees and ST1-2 (senior
/// house officer level); 4 ST3 and above (registrar level) and specialty doctors; 5 specialist
/// and associate specialist; 6 consultant. Other staff groups start at 1. The trust overrides
/// any grade's level in Settings.
pub fn default_cover_level(grade: &str) -> u8 {
    let g = grade
        .trim()
        .to_ascii_uppercase()
        .replace([' ', '-', '_', '.'], "");
    let num = |prefix: &str| -> Option<u32> {
        g.strip_prefix(prefix)
            .and_then(|rest| rest.chars().next())
            .and_then(|c| c.to_digit(10))
    };
    if g.starts_with("CONSULTANT") {
        return 6;
    }
    if g.starts_with("SPECIALIST") || g.starts_with("ASSOCIATESPECIALIST") {
        return 5;
    }
    if g.starts_with("SPECIALTY")
        || g.starts_with("SAS")
        || g.starts_with("STAFFGRADE")
        || g.starts_with("SPECDOC")
    {
        return 4;
    }
    if g == "FY1" || g == "F1" {
        return 1;
    }
    if g == "FY2" || g == "F2" {
        return 2;
    }
    if g.starts_with("SPR") || g.starts_with("STR") || g.starts_with("REGISTRAR") {
        return 4;
    }
    for prefix in ["ST", "CT", "IMT", "CST"] {
        if let Some(n) = num(prefix) {
            return if n >= 3 { 4 } else { 3 };
        }
    }
    if ["SHO", "ACCS", "GPST", "HO", "CT", "ST", "IMT", "CST"]
        .iter()
        .any(|p| g.starts_with(p))
    {
        return 3;
    }
    1
}

/// Whether a department is critical by default (neonatal, emergency, intensive care,
/// obstetrics, cancer surgery). The trust edits the flag afterwards.
pub fn default_critical(department: &str) -> bool {
    let d = department.to_ascii_lowercase();
    [
        "neonat",
        "nicu",
        "scbu",
        "emergency",
        "a&e",
        "a & e",
        "intensive",
        "icu",
        "itu",
        "critical care",
        "obstetric",
        "labour",
        "maternity",
        "cancer",
        "oncolog",
    ]
    .iter()
    .any(|k| d.contains(k))
        || d == "ed"
}

#[cfg(test)]
mod tests {
    #[test]
    fn cover_levels_follow_seniority() {
        for (g, l) in [
            ("FY1", 1),
            ("F2", 2),
            ("CT1", 3),
            ("ST2", 3),
            ("IMT2", 3),
            ("SHO", 3),
            ("CT3", 4),
            ("ST3", 4),
            ("ST8", 4),
            ("SpR", 4),
            ("Specialty doctor", 4),
            ("Specialist", 5),
            ("Associate specialist", 5),
            ("Consultant", 6),
            ("Physician associate", 1),
        ] {
            assert_eq!(default_cover_level(g), l, "{g}");
        }
    }

    use super::*;

    #[test]
    fn grades_map_to_groups_by_default() {
        for g in ["FY1", "fy2", "CT1", "ST3", "ST8", "StR", "SpR", "IMT2"] {
            assert_eq!(default_staff_group(g), StaffGroup::Resident, "{g}");
        }
        assert_eq!(default_staff_group("Consultant"), StaffGroup::Consultant);
        for g in [
            "Specialty Doctor",
            "Specialist",
            "Associate Specialist",
            "SAS",
        ] {
            assert_eq!(default_staff_group(g), StaffGroup::Sas, "{g}");
        }
        assert_eq!(default_staff_group("Clinical Fellow"), StaffGroup::Other);
    }

    #[test]
    fn critical_departments_by_default() {
        assert!(default_critical("Neonatal Unit"));
        assert!(default_critical("Emergency Department"));
        assert!(default_critical("ED"));
        assert!(default_critical("Obstetrics"));
        assert!(default_critical("Intensive Care"));
        assert!(!default_critical("General Surgery"));
        assert!(!default_critical("Dermatology"));
    }

    #[test]
    fn shift_types_parse_export_spellings() {
        assert_eq!(ShiftType::parse_loose("Long Day"), Some(ShiftType::LongDay));
        assert_eq!(
            ShiftType::parse_loose("long_evening"),
            Some(ShiftType::LongEvening)
        );
        assert_eq!(ShiftType::parse_loose("NROC"), Some(ShiftType::OnCall));
        assert_eq!(ShiftType::parse_loose("A/L"), Some(ShiftType::Leave));
        assert_eq!(ShiftType::parse_loose("banana"), None);
        for t in ShiftType::ALL {
            assert_eq!(ShiftType::parse_loose(t.as_str()), Some(t));
        }
    }
}
