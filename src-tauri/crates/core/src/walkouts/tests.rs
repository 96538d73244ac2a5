//! The gap rules at their edges.

use super::*;
use crate::time::{duty_span, london_to_utc};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()
}
fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}
fn at(date: &str, time: &str) -> i64 {
    london_to_utc(d(date), t(time))
}

/// A duty written as in a rota: date, start, end (next day when end <= start).
fn duty(id: i64, date: &str, start: &str, end: &str, staff: Option<i64>) -> DutyFact {
    let (s, e) = duty_span(d(date), t(start), t(end)).unwrap();
    DutyFact {
        id,
        start: s,
        end: e,
        shift_type: ShiftType::Night,
        grade: "ST3".into(),
        staff_id: staff,
        staff_group: StaffGroup::Resident,
    }
}

/// Residents, 07:00 on `first` to 07:00 on `end`.
fn residents(first: &str, end: &str) -> WalkoutRule {
    WalkoutRule {
        start: at(first, "07:00"),
        end: at(end, "07:00"),
        staff_groups: vec![StaffGroup::Resident],
        grades: vec![],
        undeclared_uncovered: true,
    }
}

fn striking(ids: &[i64]) -> HashMap<i64, Intent> {
    ids.iter().map(|&i| (i, Intent::Striking)).collect()
}

fn no_records() -> HashMap<i64, GapRecord> {
    HashMap::new()
}

fn manual(status: RecordStatus, reason: &str) -> GapRecord {
    GapRecord {
        status,
        manual: true,
        reason: Some(reason.into()),
        marked_by: Some("coordinator".into()),
        marked_at: Some("2024-01-03T08:00:00Z".into()),
    }
}

#[test]
fn a_night_starting_at_20_00_before_a_07_00_start_overlaps_by_one_hour() {
    let w = residents("03/01/2024", "09/01/2024");
    let duties = [duty(1, "02/01/2024", "20:00", "08:00", Some(10))];
    let gaps = derive(&duties, &striking(&[10]), &w, &no_records());
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].overlap, 3600);
    assert_eq!(gaps[0].reason, GapReason::Striking);
    // It counts on the walkout's first day.
    let days = walkout_days(w.start, w.end);
    assert_eq!(day_index(&days, duties[0].start), 0);
}

#[test]
fn a_duty_ending_exactly_at_the_start_or_starting_exactly_at_the_end_is_not_in() {
    let w = residents("03/01/2024", "09/01/2024");
    let duties = [
        duty(1, "02/01/2024", "19:00", "07:00", Some(10)),
        duty(2, "09/01/2024", "07:00", "17:00", Some(10)),
        duty(3, "09/01/2024", "06:59", "17:00", Some(10)),
        duty(4, "02/01/2024", "19:01", "07:01", None),
    ];
    let gaps = derive(&duties, &striking(&[10]), &w, &no_records());
    let ids: Vec<i64> = gaps.iter().map(|g| g.duty_id).collect();
    assert_eq!(ids, vec![3, 4]);
    assert_eq!(gaps[0].overlap, 60);
    assert_eq!(gaps[1].overlap, 60);
    assert_eq!(gaps[1].reason, GapReason::Vacant);
}

#[test]
fn a_walkout_across_the_october_clock_change_counts_real_hours() {
    // 07:00 26/10/2024 (BST) to 07:00 27/10/2024 (GMT): 25 real hours.
    let w = residents("26/10/2024", "27/10/2024");
    assert_eq!(w.end - w.start, 25 * 3600);
    let duties = [
        duty(1, "26/10/2024", "20:00", "08:00", Some(10)), // 13 h, 12 of them in the window
        duty(2, "25/10/2024", "20:00", "08:00", Some(10)), // 12 h, 1 in the window
    ];
    let gaps = derive(&duties, &HashMap::new(), &w, &no_records());
    assert_eq!(gaps.len(), 2);
    assert_eq!(gaps[0].overlap, 12 * 3600);
    assert_eq!(gaps[0].reason, GapReason::Undeclared);
    assert_eq!(gaps[1].overlap, 3600);
    let days = walkout_days(w.start, w.end);
    assert_eq!(days.len(), 1);
}

#[test]
fn a_walkout_across_the_march_clock_change_counts_real_hours() {
    // 07:00 29/03/2025 (GMT) to 07:00 31/03/2025 (BST): 47 real hours, two days.
    let w = residents("29/03/2025", "31/03/2025");
    assert_eq!(w.end - w.start, 47 * 3600);
    let days = walkout_days(w.start, w.end);
    assert_eq!(
        days.iter().map(|x| x.0).collect::<Vec<_>>(),
        vec![d("29/03/2025"), d("30/03/2025")]
    );
    assert_eq!(days[1].1, at("30/03/2025", "07:00"));
    let duties = [duty(1, "29/03/2025", "20:00", "08:00", None)]; // 11 real hours
    let gaps = derive(&duties, &HashMap::new(), &w, &no_records());
    assert_eq!(gaps[0].overlap, 11 * 3600);
    assert!(is_night(duties[0].start, duties[0].end));
    // A night over the change starting the evening before a walkout that starts at 07:00 BST.
    let w = residents("30/03/2025", "31/03/2025");
    let gaps = derive(&duties, &HashMap::new(), &w, &no_records());
    assert_eq!(gaps[0].overlap, 3600, "07:00 to 08:00 BST");
}

#[test]
fn overlapping_walkouts_are_independent() {
    let residents_w = residents("03/01/2024", "05/01/2024");
    let consultants_w = WalkoutRule {
        start: at("04/01/2024", "07:00"),
        end: at("06/01/2024", "07:00"),
        staff_groups: vec![StaffGroup::Consultant],
        grades: vec![],
        undeclared_uncovered: false,
    };
    let mut cons = duty(2, "04/01/2024", "17:00", "09:00", Some(20));
    cons.grade = "Consultant".into();
    cons.staff_group = StaffGroup::Consultant;
    cons.shift_type = ShiftType::OnCall;
    let duties = [duty(1, "04/01/2024", "20:00", "08:00", Some(10)), cons];
    // The resident strikes in the residents' walkout; the consultant in theirs.
    let g = derive(&duties, &striking(&[10]), &residents_w, &no_records());
    assert_eq!(g.iter().map(|g| g.duty_id).collect::<Vec<_>>(), vec![1]);
    let g = derive(&duties, &striking(&[20]), &consultants_w, &no_records());
    assert_eq!(g.iter().map(|g| g.duty_id).collect::<Vec<_>>(), vec![2]);
    // The consultants' walkout does not count undeclared consultants.
    let g = derive(&duties, &HashMap::new(), &consultants_w, &no_records());
    assert!(g.is_empty());
}

#[test]
fn the_undeclared_setting_decides_whether_undeclared_doctors_leave_gaps() {
    let mut w = residents("03/01/2024", "04/01/2024");
    let duties = [
        duty(1, "03/01/2024", "08:00", "17:00", Some(10)), // no intent recorded
        duty(2, "03/01/2024", "08:00", "17:00", Some(11)), // undeclared recorded
        duty(3, "03/01/2024", "08:00", "17:00", Some(12)), // working
    ];
    let intents: HashMap<i64, Intent> = [(11, Intent::Undeclared), (12, Intent::Working)].into();
    let g = derive(&duties, &intents, &w, &no_records());
    assert_eq!(g.iter().map(|g| g.duty_id).collect::<Vec<_>>(), vec![1, 2]);
    assert!(g.iter().all(|g| g.reason == GapReason::Undeclared));
    w.undeclared_uncovered = false;
    assert!(derive(&duties, &intents, &w, &no_records()).is_empty());
}

#[test]
fn leave_rest_and_other_groups_are_not_gaps_but_a_grade_in_scope_is() {
    let mut w = residents("03/01/2024", "04/01/2024");
    let mut leave = duty(1, "03/01/2024", "08:00", "17:00", Some(10));
    leave.shift_type = ShiftType::Leave;
    let mut rest = duty(2, "03/01/2024", "08:00", "17:00", None);
    rest.shift_type = ShiftType::Rest;
    let mut sas_vacant = duty(3, "03/01/2024", "08:00", "17:00", None);
    sas_vacant.grade = "Specialty Doctor".into();
    sas_vacant.staff_group = StaffGroup::Sas;
    let mut sas = duty(4, "03/01/2024", "08:00", "17:00", Some(30));
    sas.grade = "Specialty Doctor".into();
    sas.staff_group = StaffGroup::Sas;
    let duties = [leave, rest, sas_vacant, sas];
    assert!(derive(&duties, &striking(&[10, 30]), &w, &no_records()).is_empty());
    w.grades = vec!["specialty doctor".into()];
    let g = derive(&duties, &striking(&[10, 30]), &w, &no_records());
    assert_eq!(g.iter().map(|g| g.duty_id).collect::<Vec<_>>(), vec![3, 4]);
    assert_eq!(g[0].reason, GapReason::Vacant);
    assert_eq!(g[1].reason, GapReason::Striking);
}

#[test]
fn manual_marks_add_and_remove_and_survive_a_reimport_and_an_intent_change() {
    let w = residents("03/01/2024", "04/01/2024");
    let duties = vec![
        duty(1, "03/01/2024", "08:00", "17:00", Some(10)), // working, marked uncovered
        duty(2, "03/01/2024", "08:00", "17:00", Some(11)), // striking, marked not uncovered
        duty(3, "03/01/2024", "08:00", "17:00", Some(12)), // striking, no mark
    ];
    let mut intents: HashMap<i64, Intent> = [
        (10, Intent::Working),
        (11, Intent::Striking),
        (12, Intent::Striking),
    ]
    .into();
    let records: HashMap<i64, GapRecord> = [
        (
            1,
            manual(
                RecordStatus::Gap(GapStatus::Uncovered),
                "said on the day they will strike",
            ),
        ),
        (2, manual(RecordStatus::NotUncovered, "will work after all")),
    ]
    .into();
    let g = derive(&duties, &intents, &w, &records);
    assert_eq!(g.iter().map(|g| g.duty_id).collect::<Vec<_>>(), vec![1, 3]);
    assert_eq!(g[0].reason, GapReason::Manual);
    assert!(g[0].manual);
    assert!(!g[1].manual);

    // A re-import gives duty 1 to another doctor and makes duty 2 vacant; intents change.
    let mut reimported = duties.clone();
    reimported[0].staff_id = Some(13);
    reimported[1].staff_id = None;
    intents.insert(10, Intent::Striking);
    intents.insert(12, Intent::Working);
    intents.insert(13, Intent::Working);
    let g = derive(&reimported, &intents, &w, &records);
    assert_eq!(
        g.iter().map(|g| g.duty_id).collect::<Vec<_>>(),
        vec![1],
        "the marks still decide duties 1 and 2; duty 3's doctor now works"
    );
    assert!(g[0].manual);
    // Had the rules made duty 1 a gap, the reason shown is the rule's, still marked by hand.
    intents.insert(13, Intent::Striking);
    let g = derive(&reimported, &intents, &w, &records);
    assert_eq!(g[0].reason, GapReason::Striking);
    assert!(g[0].manual);
}

#[test]
fn a_stored_status_is_kept_while_the_rules_make_the_duty_a_gap() {
    let w = residents("03/01/2024", "04/01/2024");
    let duties = [duty(1, "03/01/2024", "08:00", "17:00", Some(10))];
    let records: HashMap<i64, GapRecord> = [(
        1,
        GapRecord {
            status: RecordStatus::Gap(GapStatus::Sourcing),
            manual: false,
            reason: None,
            marked_by: None,
            marked_at: None,
        },
    )]
    .into();
    let g = derive(&duties, &striking(&[10]), &w, &records);
    assert_eq!(g[0].status, GapStatus::Sourcing);
    let working: HashMap<i64, Intent> = [(10, Intent::Working)].into();
    assert!(derive(&duties, &working, &w, &records).is_empty());
}

#[test]
fn nights_are_at_least_three_hours_between_23_00_and_06_00() {
    let night = duty(1, "03/01/2024", "20:00", "08:00", None);
    assert_eq!(night_secs(night.start, night.end), 7 * 3600);
    assert!(is_night(night.start, night.end));
    let evening = duty(2, "03/01/2024", "13:00", "01:30", None);
    assert_eq!(night_secs(evening.start, evening.end), 9000);
    assert!(!is_night(evening.start, evening.end));
    let late = duty(3, "03/01/2024", "16:00", "02:00", None);
    assert!(is_night(late.start, late.end));
    let day = duty(4, "03/01/2024", "08:00", "20:00", None);
    assert_eq!(night_secs(day.start, day.end), 0);
    // Over the October change, 23:00 BST to 06:00 GMT is 8 real hours.
    let oct = duty(5, "26/10/2024", "20:00", "08:00", None);
    assert_eq!(night_secs(oct.start, oct.end), 8 * 3600);
}

#[test]
fn walkout_days_run_from_the_start_time_and_end_with_the_walkout() {
    let w = residents("03/01/2024", "09/01/2024");
    let days = walkout_days(w.start, w.end);
    assert_eq!(days.len(), 6);
    assert_eq!(days[5].0, d("08/01/2024"));
    // A walkout ending at 23:59 on its first day has one day.
    let days = walkout_days(at("03/01/2024", "07:00"), at("03/01/2024", "23:59"));
    assert_eq!(days.len(), 1);
    // A duty starting at 02:00 on the 4th counts on the 3rd's walkout day.
    let w_days = walkout_days(w.start, w.end);
    assert_eq!(day_index(&w_days, at("04/01/2024", "02:00")), 0);
    assert_eq!(day_index(&w_days, at("04/01/2024", "07:00")), 1);
    assert_eq!(day_index(&w_days, at("08/01/2024", "20:00")), 5);
}

#[test]
fn the_board_counts_duties_per_department_and_day_critical_first() {
    let w = residents("03/01/2024", "05/01/2024");
    let duties = [
        duty(1, "03/01/2024", "08:00", "17:00", Some(10)), // dept 1, striking
        duty(2, "03/01/2024", "08:00", "17:00", Some(11)), // dept 1, working
        duty(3, "04/01/2024", "20:00", "08:00", None),     // dept 2 (critical), vacant
        duty(4, "04/01/2024", "08:00", "17:00", Some(12)), // dept 2, undeclared
    ];
    let depts = [1, 1, 2, 2];
    let intents: HashMap<i64, Intent> = [(10, Intent::Striking), (11, Intent::Working)].into();
    let gaps = derive(&duties, &intents, &w, &no_records());
    let info: HashMap<i64, DeptInfo> = [
        (
            1,
            DeptInfo {
                name: "General Surgery".into(),
                site_id: 1,
                site: "North".into(),
                critical: false,
            },
        ),
        (
            2,
            DeptInfo {
                name: "Neonatal Unit".into(),
                site_id: 1,
                site: "North".into(),
                critical: true,
            },
        ),
    ]
    .into();
    let (days, rows, sitrep) = board(&w, &duties, |i| depts[i], &gaps, &intents, &info);
    assert_eq!(days, vec![d("03/01/2024"), d("04/01/2024")]);
    assert_eq!(rows[0].department, "Neonatal Unit");
    assert_eq!(rows[0].cells[0], DashboardCell::default());
    assert_eq!(
        rows[0].cells[1],
        DashboardCell {
            due: 2,
            uncovered: 2,
            ..Default::default()
        }
    );
    assert_eq!(
        rows[1].cells[0],
        DashboardCell {
            due: 2,
            covered: 1,
            uncovered: 1,
            ..Default::default()
        }
    );
    assert_eq!(sitrep[0].staff_due, 2);
    assert_eq!(sitrep[0].staff_taking_action, 1);
    assert_eq!(sitrep[0].undeclared, 0);
    assert_eq!(sitrep[1].staff_due, 1);
    assert_eq!(sitrep[1].undeclared, 1);
    assert_eq!(sitrep[1].vacant_shifts, 1);
    assert_eq!(
        affected_staff(&w, &duties),
        [10, 11, 12].into_iter().collect()
    );
}

#[test]
fn intents_parse_the_usual_spellings() {
    assert_eq!(Intent::parse_loose("Striking"), Some(Intent::Striking));
    assert_eq!(Intent::parse_loose(" strike "), Some(Intent::Striking));
    assert_eq!(Intent::parse_loose("WORK"), Some(Intent::Working));
    assert_eq!(
        Intent::parse_loose("not declared"),
        Some(Intent::Undeclared)
    );
    assert_eq!(
        Intent::parse_loose("not_declared"),
        Some(Intent::Undeclared)
    );
    assert_eq!(Intent::parse_loose("maybe"), None);
    assert!("maybe".parse::<Intent>().unwrap_err().contains("maybe"));
}
