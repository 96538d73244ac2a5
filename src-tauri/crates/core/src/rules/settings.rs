//! The numbers the working-time rules use, each with its label, unit and source.
//!
//! A trust sees and edits them in Settings; they are stored as JSON (a list of
//! [`RuleSetting`]) and read back with [`RuleSet::from_settings`], which checks every value.

use serde::{Deserialize, Serialize};

/// One rule's number as the trust sees and edits it. Stored as JSON, shown in Settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RuleSetting {
    /// Stable key, e.g. "tcs_max_hours_7_days".
    pub key: String,
    /// British English, e.g. "Most hours in any 7 days".
    pub label: String,
    /// "resident" (2016 TCS), "consultant_sas" (Working Time Regulations) or "all".
    pub applies_to: String,
    pub value: f64,
    /// "h", "shifts", "nights", "weeks" or "1 in N weekends".
    pub unit: String,
    /// Where the number comes from, e.g. "2016 TCS (England), Schedule 03"; editable.
    pub source: String,
}

/// The rules, in display order. `Rule as usize` indexes [`DEFS`] and a [`RuleSet`]'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    ReferenceWeeks,
    TcsAverage,
    TcsAverageOptedOut,
    TcsMax7Days,
    TcsMaxShift,
    TcsMaxOnCall,
    TcsRestBetween,
    TcsNightMinHours,
    TcsMaxNights,
    TcsRestAfterNights,
    TcsLongShiftHours,
    TcsMaxLongShifts,
    TcsRestAfterLongShifts,
    TcsMaxLongEvenings,
    TcsRestAfterLongEvenings,
    TcsMaxConsecutive,
    TcsRestAfterConsecutive,
    TcsWeekends,
    WtrAverage,
    WtrDailyRest,
    WtrWeeklyRest7,
    WtrWeeklyRest14,
}

/// How many rules there are.
const COUNT: usize = 22;

/// What kind of number a rule holds, for range checks and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Hours; may have a fraction.
    Hours,
    /// A whole number.
    Count,
}

/// A rule's fixed description and its published default.
struct Def {
    key: &'static str,
    label: &'static str,
    applies_to: &'static str,
    unit: &'static str,
    kind: Kind,
    default: f64,
    min: f64,
    max: f64,
    source: &'static str,
}

const TCS: &str = "2016 TCS (England), Schedule 03 (working hours)";
const TCS_2019: &str = "2016 TCS (England) as amended in 2019, Schedule 03 (working hours)";

const DEFS: [Def; COUNT] = [
    Def {
        key: "reference_weeks",
        label: "Reference period for average weekly hours",
        applies_to: "all",
        unit: "weeks",
        kind: Kind::Count,
        default: 26.0,
        min: 1.0,
        max: 52.0,
        source: "2016 TCS (England), Schedule 03 (at most 26 weeks); Working Time Regulations 1998, reg. 4(5) (26 weeks for hospital work)",
    },
    Def {
        key: "tcs_max_average_hours_week",
        label: "Average weekly hours over the reference period",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 48.0,
        min: 1.0,
        max: 168.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_average_hours_week_opted_out",
        label: "Average weekly hours over the reference period, opted out of the Working Time Regulations",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 56.0,
        min: 1.0,
        max: 168.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_hours_7_days",
        label: "Most hours in any 7 days (rolling 168 h)",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 72.0,
        min: 1.0,
        max: 168.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_shift_hours",
        label: "Longest shift",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 13.0,
        min: 1.0,
        max: 24.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_on_call_hours",
        label: "Longest non-resident on-call period",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 24.0,
        min: 1.0,
        max: 48.0,
        source: TCS,
    },
    Def {
        key: "tcs_min_rest_between_shifts",
        label: "Least rest between shifts",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 11.0,
        min: 0.0,
        max: 48.0,
        source: TCS,
    },
    Def {
        key: "tcs_night_min_hours",
        label: "Hours between 23:00 and 06:00 that make a shift a night",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 3.0,
        min: 1.0,
        max: 7.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_consecutive_nights",
        label: "Most consecutive nights",
        applies_to: "resident",
        unit: "nights",
        kind: Kind::Count,
        default: 4.0,
        min: 1.0,
        max: 14.0,
        source: TCS,
    },
    Def {
        key: "tcs_rest_after_nights",
        label: "Rest after any run of nights, even one",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 46.0,
        min: 0.0,
        max: 168.0,
        source: TCS_2019,
    },
    Def {
        key: "tcs_long_shift_hours",
        label: "A shift longer than this is a long shift",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 10.0,
        min: 1.0,
        max: 24.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_consecutive_long_shifts",
        label: "Most consecutive long shifts",
        applies_to: "resident",
        unit: "shifts",
        kind: Kind::Count,
        default: 4.0,
        min: 1.0,
        max: 14.0,
        source: "2016 TCS (England), Schedule 03: 5 in the 2016 text, 4 after 2019: unconfirmed",
    },
    Def {
        key: "tcs_rest_after_long_shifts",
        label: "Rest after the most consecutive long shifts",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 48.0,
        min: 0.0,
        max: 168.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_consecutive_long_evenings",
        label: "Most consecutive long evenings (over 10 h, starting before 16:00, ending after 23:00)",
        applies_to: "resident",
        unit: "shifts",
        kind: Kind::Count,
        default: 4.0,
        min: 1.0,
        max: 14.0,
        source: TCS,
    },
    Def {
        key: "tcs_rest_after_long_evenings",
        label: "Rest after the most consecutive long evenings",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 48.0,
        min: 0.0,
        max: 168.0,
        source: TCS,
    },
    Def {
        key: "tcs_max_consecutive_shifts",
        label: "Most shifts on consecutive days",
        applies_to: "resident",
        unit: "shifts",
        kind: Kind::Count,
        default: 7.0,
        min: 1.0,
        max: 14.0,
        source: TCS_2019,
    },
    Def {
        key: "tcs_rest_after_consecutive_shifts",
        label: "Rest after the most shifts on consecutive days",
        applies_to: "resident",
        unit: "h",
        kind: Kind::Hours,
        default: 48.0,
        min: 0.0,
        max: 168.0,
        source: TCS_2019,
    },
    Def {
        key: "tcs_max_weekend_frequency",
        label: "Weekends worked at most",
        applies_to: "resident",
        unit: "1 in N weekends",
        kind: Kind::Count,
        default: 3.0,
        min: 1.0,
        max: 13.0,
        source: TCS_2019,
    },
    Def {
        key: "wtr_max_average_hours_week",
        label: "Average weekly hours over the reference period, unless opted out",
        applies_to: "consultant_sas",
        unit: "h",
        kind: Kind::Hours,
        default: 48.0,
        min: 1.0,
        max: 168.0,
        source: "Working Time Regulations 1998, reg. 4 (opting out: reg. 4(1) and 5)",
    },
    Def {
        key: "wtr_min_daily_rest",
        label: "Least daily rest between shifts",
        applies_to: "consultant_sas",
        unit: "h",
        kind: Kind::Hours,
        default: 11.0,
        min: 0.0,
        max: 48.0,
        source: "Working Time Regulations 1998, reg. 10",
    },
    Def {
        key: "wtr_min_weekly_rest_7_days",
        label: "Uninterrupted weekly rest in each week (Monday to Sunday)",
        applies_to: "consultant_sas",
        unit: "h",
        kind: Kind::Hours,
        default: 24.0,
        min: 0.0,
        max: 168.0,
        source: "Working Time Regulations 1998, reg. 11(1)",
    },
    Def {
        key: "wtr_min_weekly_rest_14_days",
        label: "Or uninterrupted rest in a fortnight instead",
        applies_to: "consultant_sas",
        unit: "h",
        kind: Kind::Hours,
        default: 48.0,
        min: 0.0,
        max: 336.0,
        source: "Working Time Regulations 1998, reg. 11(2)",
    },
];

/// Every number the rules use. Default = the published values in domain.md, with sources.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    values: [f64; COUNT],
    /// `values` in whole seconds (for hours) or as they are (for counts), for `assess`.
    secs: [i64; COUNT],
    sources: Vec<String>,
}

impl Default for RuleSet {
    fn default() -> Self {
        let values = std::array::from_fn(|i| DEFS[i].default);
        RuleSet {
            values,
            secs: to_secs(&values),
            sources: DEFS.iter().map(|d| d.source.to_string()).collect(),
        }
    }
}

/// A rule's number in a message: "72", "72.5".
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 1e15 {
            write!(f, "{}", v as i64)
        } else {
            let s = format!("{v:.2}");
            f.write_str(s.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

impl RuleSet {
    /// Every rule, in a fixed display order, with label, unit, value and source.
    pub fn settings(&self) -> Vec<RuleSetting> {
        DEFS.iter()
            .zip(self.values.iter().zip(&self.sources))
            .map(|(d, (v, s))| RuleSetting {
                key: d.key.to_string(),
                label: d.label.to_string(),
                applies_to: d.applies_to.to_string(),
                value: *v,
                unit: d.unit.to_string(),
                source: s.clone(),
            })
            .collect()
    }

    /// Reads settings back. An unknown key or a key given twice is an error; a missing key
    /// keeps its default; every value is range-checked (no negatives, counts are whole
    /// numbers of at least 1, hours within the rule's own range). Labels, units and
    /// `applies_to` are fixed by the code and ignored here; the source is taken as given.
    /// Error: (key, plain message), e.g. ("tcs_max_hours_7_days", "must be between 1 and 168 h").
    pub fn from_settings(s: &[RuleSetting]) -> Result<RuleSet, (String, String)> {
        let mut out = RuleSet::default();
        let mut seen = [false; COUNT];
        for setting in s {
            let Some(i) = DEFS.iter().position(|d| d.key == setting.key) else {
                return Err((
                    setting.key.clone(),
                    "is not a known rule setting".to_string(),
                ));
            };
            if seen[i] {
                return Err((setting.key.clone(), "is given more than once".to_string()));
            }
            seen[i] = true;
            let d = &DEFS[i];
            let v = setting.value;
            let whole_ok = d.kind == Kind::Hours || v.fract() == 0.0;
            if !v.is_finite() || v < d.min || v > d.max || !whole_ok {
                return Err((setting.key.clone(), range_message(d)));
            }
            out.values[i] = v;
            out.sources[i] = setting.source.clone();
        }
        out.secs = to_secs(&out.values);
        Ok(out)
    }

    /// The value of a rule by its key (`None` for an unknown key).
    pub fn value(&self, key: &str) -> Option<f64> {
        DEFS.iter()
            .position(|d| d.key == key)
            .map(|i| self.values[i])
    }

    /// A rule's stable key.
    pub(crate) fn key(r: Rule) -> &'static str {
        DEFS[r as usize].key
    }

    /// A rule's value.
    pub(crate) fn get(&self, r: Rule) -> f64 {
        self.values[r as usize]
    }

    /// A rule's value in hours, as whole seconds (rounded to the nearest).
    #[inline]
    pub(crate) fn secs(&self, r: Rule) -> i64 {
        self.secs[r as usize]
    }

    /// A rule's whole-number value.
    #[inline]
    pub(crate) fn count(&self, r: Rule) -> u32 {
        self.secs[r as usize] as u32
    }
}

/// Hours as whole seconds (rounded to the nearest), counts as they are. Values are
/// range-checked, so never negative.
fn to_secs(values: &[f64; COUNT]) -> [i64; COUNT] {
    std::array::from_fn(|i| match DEFS[i].kind {
        Kind::Hours => (values[i] * 3600.0).round() as i64,
        Kind::Count => values[i] as i64,
    })
}

fn range_message(d: &Def) -> String {
    match (d.kind, d.unit) {
        (Kind::Count, "1 in N weekends") => format!(
            "must be a whole number N between {} and {} (1 in N weekends)",
            Num(d.min),
            Num(d.max)
        ),
        (Kind::Count, unit) => format!(
            "must be a whole number between {} and {} {unit}",
            Num(d.min),
            Num(d.max)
        ),
        (Kind::Hours, unit) => format!("must be between {} and {} {unit}", Num(d.min), Num(d.max)),
    }
}
