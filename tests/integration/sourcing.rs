//! Sourcing on real database files: the versioned ladder, the append-only attempt log, rung
//! states and "alternatives exhausted", the candidate finder's ranking and reasons, fills with
//! and without overrides, releases, and every bad input refused with the database left byte
//! for byte as it was. Then the CLI, in process.

use chrono::{NaiveDate, TimeZone, Utc};
use strikecover_core::sourcing::{
    AttemptInput, Channel, ContactKind, FillInput, Outcome, ReleaseInput, RungInput, RungMarkInput,
    RungState, SourcingView,
};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::views::RotaQuery;
use strikecover_core::walkouts::{GapMark, GapStatus, Intent};
use strikecover_tests::{cli, residents_walkout, TestDb, HEADER};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()
}

/// During the walkout: 12:00 on Sunday 27/10/2024.
fn now() -> Ctx {
    Ctx::new(
        "coordinator.test",
        Utc.with_ymd_and_hms(2024, 10, 27, 12, 0, 0).unwrap(),
    )
}

/// Emergency Department, Northgate, around the October 2024 clock change.
fn rota() -> String {
    let mut rows = vec![HEADER.to_string()];
    let mut add = |r: &str| rows.push(r.to_string());
    // Striking: her night is the gap.
    add("1000001,Aisha Khan,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no");
    // Working, but a day shift ends 3 h before the night.
    add("1000004,Ben Ode,ST4,Emergency Department,Northgate,26/10/2024,08:00,17:00,day,SD,,no");
    // Working, free: same department.
    add("1000005,Cara Lee,ST5,Emergency Department,Northgate,24/10/2024,08:00,17:00,day,SD,,no");
    // Working, free: same site, another department. His first and last duties make the rota
    // span 13 weeks (averages and weekend frequency are measured over the rota's span).
    add("1000006,Dev Patel,ST6,Cardiology,Northgate,02/09/2024,08:00,17:00,day,SD,,no");
    add("1000006,Dev Patel,ST6,Cardiology,Northgate,23/10/2024,08:00,17:00,day,SD,,no");
    add("1000006,Dev Patel,ST6,Cardiology,Northgate,29/11/2024,08:00,17:00,day,SD,,no");
    // Too junior.
    add("1000002,Sian Evans,FY2,Emergency Department,Northgate,22/10/2024,08:00,17:00,day,SD,,no");
    // On call elsewhere across the night.
    add("1000003,Tomasz Nowak,Consultant,Obstetrics,Southside,26/10/2024,17:00,09:00,on_call,OC,,no");
    // Five long days in the week before: 65 h; the 13 h night would make 78 h.
    for d in ["20", "21", "22", "23", "24"] {
        add(&format!(
            "1000008,Finn Hale,ST3,Emergency Department,Northgate,{d}/10/2024,08:00,21:00,long_day,LD,,no"
        ));
    }
    // Vacant slot: a second gap the same night.
    add(",,ST3,Emergency Department,Northgate,27/10/2024,20:00,08:00,night,N,,");
    rows.join("\n") + "\n"
}

struct Seeded {
    t: TestDb,
    walkout: i64,
    night: i64,
    vacant: i64,
}

/// The rota imported, the walkout created, Aisha striking and every other resident working.
fn seeded() -> Seeded {
    let t = TestDb::new();
    let f = t.file("ed.csv", rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &now(), &f, &mut |_| {}).unwrap();
    let w = usecases::walkout_create(&mut db, &now(), &residents_walkout()).unwrap();
    usecases::intent_set_by_number(&mut db, &now(), w.id, &["1000001".into()], Intent::Striking)
        .unwrap();
    let working: Vec<String> = ["1000004", "1000005", "1000006", "1000002", "1000008"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for n in &working {
        // Doctors without a duty in the window are not "affected", but may still be in scope.
        let _ = usecases::intent_set_by_number(
            &mut db,
            &now(),
            w.id,
            std::slice::from_ref(n),
            Intent::Working,
        );
    }
    let gaps = usecases::gaps(&db, w.id).unwrap();
    let night = gaps
        .iter()
        .find(|g| g.staff_number.as_deref() == Some("1000001"))
        .unwrap()
        .duty_id;
    let vacant = gaps
        .iter()
        .find(|g| g.staff_number.is_none())
        .unwrap()
        .duty_id;
    drop(db);
    Seeded {
        t,
        walkout: w.id,
        night,
        vacant,
    }
}

fn attempt(
    duties: &[i64],
    rung: &str,
    kind: ContactKind,
    asked: &str,
    outcome: Outcome,
) -> AttemptInput {
    AttemptInput {
        duty_ids: duties.to_vec(),
        rung_code: rung.into(),
        contact_kind: kind,
        asked: asked.into(),
        staff_id: None,
        asked_at: "27/10/2024 09:30".into(),
        channel: Channel::Phone,
        rate: String::new(),
        outcome,
        reply_by: String::new(),
        accepted_duty_ids: vec![],
        notes: String::new(),
        supersedes: None,
    }
}

fn state(v: &SourcingView, duty: i64, rung: &str) -> RungState {
    v.gaps
        .iter()
        .find(|g| g.gap.duty_id == duty)
        .unwrap()
        .rungs
        .iter()
        .find(|r| r.code == rung)
        .unwrap()
        .state
}

fn staff_id(db: &Db, number: &str) -> i64 {
    usecases::staff_id_by_number(db, number).unwrap()
}

#[test]
fn ladder_is_versioned_and_evidence_follows_rung_codes() {
    let s = seeded();
    let mut db = s.t.open();
    let l = usecases::ladder(&db).unwrap();
    assert_eq!(l.version, 1);
    assert_eq!(l.rungs.len(), 9);
    assert_eq!(l.rungs[0].code, "elective");
    assert!(l.rungs.iter().all(|r| r.required));

    let v = usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &attempt(
            &[s.night],
            "locum",
            ContactKind::Agency,
            "Medics4U",
            Outcome::Declined,
        ),
    )
    .unwrap();
    assert_eq!(state(&v, s.night, "locum"), RungState::Exhausted);

    // Reorder (locum first), rename one, make one optional, add one.
    let mut rungs: Vec<RungInput> = l
        .rungs
        .iter()
        .map(|r| RungInput {
            code: r.code.clone(),
            name: r.name.clone(),
            description: r.description.clone(),
            required: r.code != "urgent",
        })
        .collect();
    rungs.rotate_right(3);
    rungs[0].name = "Bank and agency locums (renamed)".into();
    rungs.push(RungInput {
        code: String::new(),
        name: "Physician associates".into(),
        description: String::new(),
        required: false,
    });
    let l2 = usecases::ladder_set(&mut db, &now(), &rungs, "Locums first").unwrap();
    assert_eq!(l2.version, 2);
    assert_eq!(l2.rungs[0].code, "locum");
    assert_eq!(l2.rungs[9].code, "physician_associates");
    assert!(
        !l2.rungs
            .iter()
            .find(|r| r.code == "urgent")
            .unwrap()
            .required
    );
    // The attempt logged under version 1 still counts for the renamed rung.
    let v = usecases::sourcing_view(&db, s.walkout, &[s.night]).unwrap();
    assert_eq!(state(&v, s.night, "locum"), RungState::Exhausted);
    assert_eq!(v.attempts[0].rung_name, "Bank and agency locums");
    // Saving the same ladder again makes no new version.
    assert_eq!(
        usecases::ladder_set(&mut db, &now(), &rungs, "")
            .unwrap()
            .version,
        2
    );
    // Two rungs with one name are refused.
    let mut dup = rungs.clone();
    dup[1].code = String::new();
    dup[1].name = "Physician associates".into();
    let before = s.t.snapshot();
    drop(db);
    let mut db = s.t.open();
    assert!(usecases::ladder_set(&mut db, &now(), &dup, "").is_err());
    drop(db);
    assert_eq!(before, s.t.snapshot());
}

#[test]
fn working_the_ladder_until_alternatives_are_exhausted() {
    let s = seeded();
    let mut db = s.t.open();
    let both = [s.night, s.vacant];
    let v = usecases::sourcing_view(&db, s.walkout, &both).unwrap();
    assert!(v.gaps.iter().all(|g| !g.exhausted && g.missing.len() == 9));

    // One agency call about both nights.
    let v = usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &AttemptInput {
            rate: "£95.50".into(),
            ..attempt(
                &both,
                "locum",
                ContactKind::Agency,
                "Medics4U",
                Outcome::Declined,
            )
        },
    )
    .unwrap();
    for d in both {
        assert_eq!(state(&v, d, "locum"), RungState::Exhausted);
    }
    assert_eq!(v.attempts.len(), 1);
    assert_eq!(v.attempts[0].rate_pence_per_hour, Some(9550));
    assert!(
        v.attempts[0].summary.contains("Medics4U declined 2 shifts"),
        "{}",
        v.attempts[0].summary
    );
    // The gaps are now being sourced.
    let gaps = usecases::gaps(&db, s.walkout).unwrap();
    assert!(gaps.iter().all(|g| g.status == GapStatus::Sourcing));

    // Asked, then the answer: the question stays in the history, superseded.
    let asked = usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &attempt(
            &[s.night],
            "mutual_aid",
            ContactKind::Trust,
            "Southside NHS FT",
            Outcome::Asked,
        ),
    )
    .unwrap();
    assert_eq!(state(&asked, s.night, "mutual_aid"), RungState::InProgress);
    let first = asked.attempts[0].id;
    let answered = usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &AttemptInput {
            supersedes: Some(first),
            reply_by: "27/10/2024 10:00".into(),
            ..attempt(
                &[s.night],
                "mutual_aid",
                ContactKind::Trust,
                "Southside NHS FT",
                Outcome::NoReply,
            )
        },
    )
    .unwrap();
    assert_eq!(
        state(&answered, s.night, "mutual_aid"),
        RungState::Exhausted
    );
    let old = answered.attempts.iter().find(|a| a.id == first).unwrap();
    assert_eq!(old.superseded_by, Some(answered.attempts[0].id));
    // A row can be superseded once only.
    assert!(usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &AttemptInput {
            supersedes: Some(first),
            ..attempt(
                &[s.night],
                "mutual_aid",
                ContactKind::Trust,
                "Southside NHS FT",
                Outcome::Declined
            )
        },
    )
    .is_err());

    // Every other required rung: exhausted or not applicable (with a reason).
    for rung in ["elective", "urgent", "incident"] {
        let v = usecases::rung_mark(
            &mut db,
            &now(),
            s.walkout,
            &RungMarkInput {
                duty_ids: vec![s.night],
                rung_code: rung.into(),
                not_applicable: true,
                reason: "No elective lists in ED overnight".into(),
            },
        )
        .unwrap();
        assert_eq!(state(&v, s.night, rung), RungState::NotApplicable);
    }
    for (rung, kind) in [
        ("incentive", ContactKind::Manager),
        ("redeploy", ContactKind::Manager),
        ("consultant", ContactKind::Doctor),
    ] {
        usecases::attempt_add(
            &mut db,
            &now(),
            s.walkout,
            &attempt(&[s.night], rung, kind, "Dr Eve Ray", Outcome::Declined),
        )
        .unwrap();
    }
    let v = usecases::sourcing_view(&db, s.walkout, &[s.night]).unwrap();
    assert_eq!(v.gaps[0].missing, vec!["SAS doctors".to_string()]);
    assert!(!v.gaps[0].exhausted);
    let v = usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &attempt(
            &[s.night],
            "sas",
            ContactKind::Doctor,
            "Dr Sam Okafor",
            Outcome::Unavailable,
        ),
    )
    .unwrap();
    assert!(v.gaps[0].exhausted, "{:?}", v.gaps[0].missing);
    // The gap board says so too: nothing left to do on this gap, all 9 rungs on the other.
    let board = usecases::gaps(&db, s.walkout).unwrap();
    let to_do = |d: i64| board.iter().find(|g| g.duty_id == d).unwrap().rungs_to_do;
    assert_eq!(to_do(s.night), 0);
    assert_eq!(
        to_do(s.vacant),
        8,
        "only the locum rung was tried for the vacant night"
    );
    // Every other view of a gap says the same: the sourcing screen and a mark by hand.
    assert_eq!(v.gaps[0].gap.rungs_to_do, 0);
    let marked = usecases::gap_mark(
        &mut db,
        &now(),
        s.walkout,
        &GapMark {
            duty_id: s.vacant,
            uncovered: true,
            reason: "Confirmed vacant with the rota lead".into(),
        },
    )
    .unwrap();
    assert_eq!(marked.rungs_to_do, 8);
    // Marked applicable again: back to missing.
    let v = usecases::rung_mark(
        &mut db,
        &now(),
        s.walkout,
        &RungMarkInput {
            duty_ids: vec![s.night],
            rung_code: "elective".into(),
            not_applicable: false,
            reason: "A list was added on Sunday".into(),
        },
    )
    .unwrap();
    assert_eq!(
        v.gaps[0].missing,
        vec!["Cancel or move non-urgent elective work".to_string()]
    );
}

#[test]
fn the_attempt_log_is_append_only_in_the_database() {
    let s = seeded();
    let mut db = s.t.open();
    usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &attempt(
            &[s.night],
            "locum",
            ContactKind::Agency,
            "Medics4U",
            Outcome::Declined,
        ),
    )
    .unwrap();
    drop(db);
    let conn = rusqlite::Connection::open(&s.t.path).unwrap();
    for sql in [
        "UPDATE attempts SET outcome = 'accepted'",
        "DELETE FROM attempts",
        "DELETE FROM attempt_gaps",
        "UPDATE attempt_gaps SET accepted = 1",
        "UPDATE ladder_rungs SET required = 0",
        "DELETE FROM ladder_versions",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("append-only"), "{sql}: {e}");
    }
}

#[test]
fn bad_attempts_are_refused_and_change_nothing() {
    let s = seeded();
    let before = s.t.snapshot();
    let mut db = s.t.open();
    let base = || {
        attempt(
            &[s.night],
            "locum",
            ContactKind::Agency,
            "Medics4U",
            Outcome::Declined,
        )
    };
    let cases: Vec<(AttemptInput, &str, &str)> = vec![
        (
            AttemptInput {
                rate: "-5".into(),
                ..base()
            },
            "rate",
            "negative",
        ),
        (
            AttemptInput {
                rate: "25000".into(),
                ..base()
            },
            "rate",
            "above",
        ),
        (
            AttemptInput {
                rate: "lots".into(),
                ..base()
            },
            "rate",
            "not a rate",
        ),
        (
            AttemptInput {
                asked_at: "28/10/2024 09:00".into(),
                ..base()
            },
            "asked_at",
            "future",
        ),
        (
            AttemptInput {
                asked_at: "01/10/2024 09:00".into(),
                ..base()
            },
            "asked_at",
            "announced on 12/10/2024",
        ),
        (
            AttemptInput {
                asked_at: "31/02/2024 09:00".into(),
                ..base()
            },
            "asked_at",
            "not a date",
        ),
        (
            AttemptInput {
                rung_code: "prayer".into(),
                ..base()
            },
            "rung_code",
            "not a rung",
        ),
        (
            AttemptInput {
                asked: " ".into(),
                ..base()
            },
            "asked",
            "say who was asked",
        ),
        (
            AttemptInput {
                staff_id: Some(999_999),
                contact_kind: ContactKind::Doctor,
                ..base()
            },
            "staff_id",
            "no doctor",
        ),
        (
            AttemptInput {
                outcome: Outcome::NoReply,
                ..base()
            },
            "reply_by",
            "needed",
        ),
        (
            AttemptInput {
                outcome: Outcome::Partly,
                ..base()
            },
            "accepted_duty_ids",
            "choose the shifts",
        ),
        (
            AttemptInput {
                duty_ids: vec![],
                ..base()
            },
            "duty_ids",
            "at least one gap",
        ),
        (
            AttemptInput {
                supersedes: Some(77),
                ..base()
            },
            "supersedes",
            "no attempt 77",
        ),
    ];
    for (input, field, words) in cases {
        let e = usecases::attempt_add(&mut db, &now(), s.walkout, &input).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
        assert!(e.to_string().contains(words), "{field}: {e}");
    }
    // A duty that is not a gap (a working doctor's day).
    let ben_day = usecases::rota(
        &db,
        &RotaQuery {
            site_id: None,
            department_id: None,
            from: date("26/10/2024"),
            days: 1,
        },
    )
    .unwrap()
    .into_iter()
    .find(|d| d.staff_number.as_deref() == Some("1000004"))
    .unwrap()
    .id;
    let e = usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &attempt(
            &[ben_day],
            "locum",
            ContactKind::Agency,
            "X",
            Outcome::Declined,
        ),
    )
    .unwrap_err();
    assert!(e.to_string().contains("not a gap"), "{e}");
    // A rung marked not applicable without a reason.
    let e = usecases::rung_mark(
        &mut db,
        &now(),
        s.walkout,
        &RungMarkInput {
            duty_ids: vec![s.night],
            rung_code: "elective".into(),
            not_applicable: true,
            reason: "  ".into(),
        },
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("reason"));
    drop(db);
    assert_eq!(
        before,
        s.t.snapshot(),
        "a refused input changed the database"
    );
}

#[test]
fn candidates_are_ranked_and_every_exclusion_explained() {
    let s = seeded();
    let db = s.t.open();
    let c = usecases::candidates(&db, s.walkout, s.night).unwrap();
    let names: Vec<&str> = c.eligible.iter().map(|e| e.name.as_str()).collect();
    // Same department first, then same site; consultants are not in the walkout.
    assert_eq!(names[0], "Cara Lee", "{names:?}");
    assert!(names.contains(&"Dev Patel"), "{names:?}");
    let cara = &c.eligible[0];
    assert_eq!(cara.rank, Some(1));
    assert!(cara.why.starts_with("same department"), "{}", cara.why);
    let dev = c.eligible.iter().find(|e| e.name == "Dev Patel").unwrap();
    assert!(dev.why.starts_with("same site"), "{}", dev.why);
    let why = |name: &str| -> Vec<String> {
        c.excluded
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} not excluded"))
            .reasons
            .iter()
            .map(|r| format!("{}: {}", r.rule, r.message))
            .collect()
    };
    assert!(
        why("Aisha Khan").iter().any(|r| r.starts_with("rostered")),
        "{:?}",
        why("Aisha Khan")
    );
    assert!(
        why("Sian Evans").iter().any(|r| r.starts_with("grade")),
        "{:?}",
        why("Sian Evans")
    );
    assert!(
        why("Ben Ode").iter().any(|r| r.contains("rest")),
        "{:?}",
        why("Ben Ode")
    );
    assert!(
        why("Tomasz Nowak").iter().any(|r| r.starts_with("clash")),
        "{:?}",
        why("Tomasz Nowak")
    );
    // 65 h of long days plus the 13 h night; the best 168 h window holds 77 h of them.
    assert!(
        why("Finn Hale")
            .iter()
            .any(|r| r.contains("77.0 h in 7 days") && r.contains("72")),
        "{:?}",
        why("Finn Hale")
    );
    assert_eq!(c.eligible.len() + c.excluded.len(), 7);
}

fn fill(duty: i64, staff: Option<i64>, name: &str, override_reason: &str) -> FillInput {
    FillInput {
        duty_id: duty,
        rung_code: "incentive".into(),
        staff_id: staff,
        external_name: name.into(),
        external_org: if name.is_empty() {
            String::new()
        } else {
            "Medics4U".into()
        },
        attempt_id: None,
        override_reason: override_reason.into(),
    }
}

#[test]
fn filling_a_gap_records_who_and_from_which_rung() {
    let s = seeded();
    let mut db = s.t.open();
    let cara = staff_id(&db, "1000005");
    // Asked, accepted, filled.
    let v = usecases::attempt_add(
        &mut db,
        &now(),
        s.walkout,
        &AttemptInput {
            staff_id: Some(cara),
            asked: String::new(),
            rate: "120".into(),
            ..attempt(
                &[s.night],
                "incentive",
                ContactKind::Doctor,
                "",
                Outcome::Accepted,
            )
        },
    )
    .unwrap();
    assert_eq!(state(&v, s.night, "incentive"), RungState::InProgress);
    let accepted = v.attempts[0].id;
    let v = usecases::gap_fill(
        &mut db,
        &now(),
        s.walkout,
        &FillInput {
            attempt_id: Some(accepted),
            ..fill(s.night, Some(cara), "", "")
        },
    )
    .unwrap();
    let g = &v.gaps[0];
    assert_eq!(state(&v, s.night, "incentive"), RungState::Filled);
    let f = g.fill.as_ref().unwrap();
    assert!(
        f.covered_by.starts_with("Cara Lee (1000005"),
        "{}",
        f.covered_by
    );
    assert!(f.overridden.is_empty());
    // The rostered doctor stays on record.
    assert_eq!(g.gap.staff_number.as_deref(), Some("1000001"));
    assert_eq!(g.gap.status, GapStatus::Covered);
    let board = usecases::gaps(&db, s.walkout).unwrap();
    let covered = board.iter().find(|x| x.duty_id == s.night).unwrap();
    assert!(covered
        .covered_by
        .as_deref()
        .unwrap()
        .starts_with("Cara Lee"));
    // Filling again is refused until the cover falls through.
    assert!(usecases::gap_fill(
        &mut db,
        &now(),
        s.walkout,
        &fill(s.night, None, "Jo Locum", "")
    )
    .is_err());
    // Cara now holds the night: it counts in her rota (12 h rest before the next night, and
    // she cannot take a duty overlapping it).
    let c = usecases::candidates(&db, s.walkout, s.vacant).unwrap();
    let next = c
        .eligible
        .iter()
        .find(|e| e.name == "Cara Lee")
        .expect("consecutive nights are allowed");
    assert_eq!(next.rest_before_hours, Some(12.0));
    assert!(next.hours_past_7_days >= 13.0, "{}", next.hours_past_7_days);

    let v = usecases::gap_release(
        &mut db,
        &now(),
        s.walkout,
        &ReleaseInput {
            duty_id: s.night,
            reason: "Called in sick".into(),
        },
    )
    .unwrap();
    assert!(v.gaps[0].fill.is_none());
    assert_eq!(v.gaps[0].gap.status, GapStatus::Sourcing);
    // Cover from outside the rota.
    let v = usecases::gap_fill(
        &mut db,
        &now(),
        s.walkout,
        &FillInput {
            rung_code: "locum".into(),
            ..fill(s.night, None, "Jo Locum", "")
        },
    )
    .unwrap();
    assert_eq!(
        v.gaps[0].fill.as_ref().unwrap().covered_by,
        "Jo Locum (Medics4U)"
    );
}

#[test]
fn a_rule_breaking_fill_needs_an_override_that_is_recorded() {
    let s = seeded();
    let mut db = s.t.open();
    let finn = staff_id(&db, "1000008");
    let before = s.t.snapshot();
    let e = usecases::gap_fill(
        &mut db,
        &now(),
        s.walkout,
        &fill(s.night, Some(finn), "", ""),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("override_reason"));
    assert!(e.to_string().contains("72"), "{e}");
    drop(db);
    assert_eq!(before, s.t.snapshot());
    let mut db = s.t.open();
    let v = usecases::gap_fill(
        &mut db,
        &now(),
        s.walkout,
        &fill(
            s.night,
            Some(finn),
            "",
            "Only ST3 with ED airway competence; agreed with Finn",
        ),
    )
    .unwrap();
    let f = v.gaps[0].fill.as_ref().unwrap();
    assert!(!f.overridden.is_empty());
    assert!(f.override_reason.as_deref().unwrap().contains("airway"));
    // Unknown people and the rostered doctor are refused.
    assert!(usecases::gap_fill(
        &mut db,
        &now(),
        s.walkout,
        &fill(s.vacant, Some(424_242), "", "")
    )
    .is_err());
    let aisha = staff_id(&db, "1000001");
    let e = usecases::gap_fill(
        &mut db,
        &now(),
        s.walkout,
        &fill(s.vacant, Some(aisha), "", ""),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("override_reason"), "striking: {e}");
    assert!(e.to_string().contains("taking action"), "{e}");
}

#[test]
fn cli_sourcing_round_trip() {
    let s = seeded();
    let db = s.t.path.display().to_string();
    let w = s.walkout.to_string();
    let night = s.night.to_string();
    let (code, out, err) = cli(&["--db", &db, "ladder", "show"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("incentive"), "{out}");
    let (code, out, err) = cli(&["--db", &db, "candidates", "--walkout", &w, "--gap", &night]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1. 1000005"), "{out}");
    assert!(out.contains("out: 1000008"), "{out}");
    let (code, out, _) = cli(&[
        "--db",
        &db,
        "--json",
        "candidates",
        "--walkout",
        &w,
        "--gap",
        &night,
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["eligible"][0]["staff_number"], "1000005");
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "attempt",
        "add",
        "--walkout",
        &w,
        "--gap",
        &night,
        "--rung",
        "locum",
        "--kind",
        "agency",
        "--asked",
        "Medics4U",
        "--channel",
        "phone",
        "--outcome",
        "declined",
        "--rate=-3",
    ]);
    assert_eq!(code, 1, "a negative rate is refused");
    assert!(err.contains("negative"), "{err}");
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "--user",
        "jo.smith",
        "attempt",
        "add",
        "--walkout",
        &w,
        "--gap",
        &night,
        "--rung",
        "locum",
        "--kind",
        "agency",
        "--asked",
        "Medics4U",
        "--channel",
        "phone",
        "--outcome",
        "declined",
        "--rate",
        "95",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Medics4U declined 1 shift"), "{out}");
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "gap",
        "fill",
        "--walkout",
        &w,
        "--gap",
        &night,
        "--rung",
        "incentive",
        "--staff",
        "1000005",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Covered by Cara Lee"), "{out}");
    let (code, out, _) = cli(&["--db", &db, "attempt", "list", "--walkout", &w]);
    assert_eq!(code, 0);
    assert!(out.contains("1 attempt(s)"), "{out}");
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "gap",
        "fill",
        "--walkout",
        &w,
        "--gap",
        &night,
        "--rung",
        "incentive",
        "--staff",
        "9999999",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("9999999"), "{err}");
}
