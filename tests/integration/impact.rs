//! The impact report on a real database file: a hand-built walkout whose requests were granted,
//! declined, not decided, withdrawn and revoked at known times, gaps closed at different rungs
//! and by recall, incidents inside and outside the short shifts and in another department;
//! every figure checked. Then the CSV (injection cases), the exports recorded with their
//! SHA-256 in the audit trail, the CLI, and an unknown walkout.

use chrono::{TimeZone, Utc};
use sha2_hex::hex_sha256;
use strikecover_core::impact::{ImpactFormat, ImpactReport, Timing};
use strikecover_core::requests::{
    ApproveInput, ConsultantsView, DecisionInput, DecisionKind, PassphraseInput, RecallInput,
    RecallLine, RequestInput, RequestStatus, Role, SendInput, UserInput,
};
use strikecover_core::sourcing::{
    AttemptInput, Channel, ContactKind, FillInput, Outcome, RungMarkInput,
};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::Intent;
use strikecover_tests::{cli, residents_walkout, TestDb, HEADER};

mod sha2_hex {
    /// SHA-256 of a file's bytes, by the system's `sha256sum` (an independent implementation).
    pub fn hex_sha256(path: &std::path::Path) -> String {
        let out = std::process::Command::new("sha256sum")
            .arg(path)
            .output()
            .expect("sha256sum runs");
        String::from_utf8(out.stdout).unwrap()[..64].to_string()
    }
}

const MD_PASS: &str = "correct horse battery staple";

/// UTC time on 26/10/2024 (British Summer Time: local is an hour ahead).
fn at(h: u32, m: u32) -> Ctx {
    Ctx::new(
        "coordinator.test",
        Utc.with_ymd_and_hms(2024, 10, 26, h, m, 0).unwrap(),
    )
}

fn rota() -> String {
    let rows = [
        HEADER,
        // Emergency Department (striking residents).
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000002,Ben Ode,ST3,Emergency Department,Northgate,27/10/2024,08:00,20:00,day,LD,,no",
        "1000003,Cara Lee,ST3,Emergency Department,Northgate,27/10/2024,20:00,08:00,night,N,,no",
        "1000004,Dan Moss,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000005,Eve Nash,ST3,Emergency Department,Northgate,27/10/2024,08:00,20:00,day,LD,,no",
        "1000006,Finn Ray,ST3,Emergency Department,Northgate,27/10/2024,08:00,20:00,day,LD,,no",
        // Cardiology (striking): one filled, one left uncovered, neither requested.
        "1000007,Gia Sol,ST4,Cardiology,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000008,Hal Tan,ST4,Cardiology,Northgate,27/10/2024,08:00,20:00,day,LD,,no",
        // Working.
        "1000009,Ivy Uz,ST3,Emergency Department,Northgate,26/10/2024,08:00,20:00,day,LD,,no",
    ];
    rows.join("\n") + "\n"
}

struct Scenario {
    t: TestDb,
    walkout: i64,
    /// Duty ids by staff number's last digit (1..=8).
    duty: [i64; 9],
    /// Request ids: A granted, B declined, C not decided, D withdrawn, E late then revoked.
    req: [i64; 5],
}

fn request_input(walkout: i64, duty_ids: Vec<i64>, dept: &str) -> RequestInput {
    RequestInput {
        walkout_id: walkout,
        duty_ids,
        role: format!("ST3+ registrar ({dept})"),
        doctors: 1,
        trigger: "No registrar for the department".into(),
        clinical_risk: "Critically ill patients without senior review".into(),
        incident_declared: false,
        incident_detail: String::new(),
        consultants_view: ConsultantsView::Unsafe,
        consultants_who: "Dr E Consultant, clinical director, 26/10/2024 09:00".into(),
        elective_continuing: Some(false),
        elective_reason: String::new(),
        pre_emptive_reason: String::new(),
        decision_needed_by: "26/10/2024 17:00".into(),
        requesting_clinician: "Dr F Clinician".into(),
        contact_phone: "0161 496 0000".into(),
    }
}

fn decide(db: &mut Db, ctx: &Ctx, id: i64, kind: DecisionKind, when: &str, reason: &str) {
    usecases::request_decide(
        db,
        ctx,
        &DecisionInput {
            request_id: id,
            kind,
            at: when.into(),
            reason: reason.into(),
            granted_doctors: None,
            granted_duty_ids: vec![],
        },
    )
    .unwrap_or_else(|e| panic!("DR-{id} {kind:?}: {e}"));
}

fn fill(db: &mut Db, walkout: i64, duty: i64, rung: &str, who: &str) {
    usecases::gap_fill(
        db,
        &at(18, 0),
        walkout,
        &FillInput {
            duty_id: duty,
            rung_code: rung.into(),
            staff_id: None,
            external_name: who.into(),
            external_org: String::new(),
            attempt_id: None,
            override_reason: String::new(),
        },
    )
    .unwrap_or_else(|e| panic!("fill {duty} at {rung}: {e}"));
}

/// Inserts an incident with plain SQL (version 1, and optionally a later version 2).
fn incident(
    t: &TestDb,
    walkout: i64,
    dept: &str,
    occurred: &str,
    reference: &str,
    later_dept: Option<&str>,
) {
    let c = rusqlite::Connection::open(&t.path).unwrap();
    let user: i64 = c
        .query_row(
            "SELECT id FROM users WHERE username = 'coordinator.test'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let dept_id = |name: &str| -> i64 {
        c.query_row("SELECT id FROM departments WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let when = chrono::NaiveDateTime::parse_from_str(occurred, "%d/%m/%Y %H:%M").unwrap();
    let utc = strikecover_core::time::london_to_utc(when.date(), when.time());
    c.execute(
        "INSERT INTO incidents (walkout_id, created_by, created_at) VALUES (?1, ?2, '2024-10-28T09:00:00Z')",
        rusqlite::params![walkout, user],
    )
    .unwrap();
    let id = c.last_insert_rowid();
    let mut versions = vec![(1, dept_id(dept))];
    if let Some(d) = later_dept {
        versions.push((2, dept_id(d)));
    }
    for (v, d) in versions {
        c.execute(
            "INSERT INTO incident_versions (incident_id, version, occurred_utc, department_id, reference, harm, near_miss, description, saved_by, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'moderate', 0, ?6, ?7, '2024-10-28T09:00:00Z')",
            rusqlite::params![id, v, utc, d, reference, format!("=HYPERLINK(\"http://x\") {reference}"), user],
        )
        .unwrap();
    }
}

fn scenario() -> Scenario {
    let t = TestDb::new();
    let f = t.file("rota.csv", rota());
    let mut db = t.open();
    let start = at(8, 0);
    usecases::import_file(&mut db, &start, &f, &mut |_| {}).unwrap();
    usecases::set_trust_name(&mut db, &start, "Northgate NHS Foundation Trust").unwrap();
    let w = usecases::walkout_create(&mut db, &start, &residents_walkout()).unwrap();
    let striking: Vec<String> = (1..=8).map(|i| format!("100000{i}")).collect();
    usecases::intent_set_by_number(&mut db, &start, w.id, &striking, Intent::Striking).unwrap();
    usecases::intent_set_by_number(
        &mut db,
        &start,
        w.id,
        &["1000009".to_string()],
        Intent::Working,
    )
    .unwrap();
    let gaps = usecases::gaps(&db, w.id).unwrap();
    assert_eq!(gaps.len(), 8);
    let mut duty = [0i64; 9];
    for g in &gaps {
        let n: usize = g.staff_number.as_deref().unwrap()[6..].parse().unwrap();
        duty[n] = g.duty_id;
    }
    let ed: Vec<i64> = (1..=6).map(|i| duty[i]).collect();
    for rung in ["elective", "urgent", "incident"] {
        usecases::rung_mark(
            &mut db,
            &start,
            w.id,
            &RungMarkInput {
                duty_ids: ed.clone(),
                rung_code: rung.into(),
                not_applicable: true,
                reason: format!("{rung}: no such work in the department"),
            },
        )
        .unwrap();
    }
    for (rung, kind, asked) in [
        ("incentive", ContactKind::Doctor, "Non-striking registrars"),
        ("redeploy", ContactKind::Manager, "Medicine rota lead"),
        ("consultant", ContactKind::Doctor, "ED consultants"),
        ("sas", ContactKind::Doctor, "SAS doctors"),
        ("locum", ContactKind::Agency, "Medics4U"),
        ("mutual_aid", ContactKind::Trust, "Southside NHS Trust"),
    ] {
        usecases::attempt_add(
            &mut db,
            &start,
            w.id,
            &AttemptInput {
                duty_ids: ed.clone(),
                rung_code: rung.into(),
                contact_kind: kind,
                asked: asked.into(),
                staff_id: None,
                asked_at: "26/10/2024 08:30".into(),
                channel: Channel::Phone,
                rate: if rung == "incentive" {
                    "150".into()
                } else {
                    String::new()
                },
                outcome: Outcome::Declined,
                reply_by: String::new(),
                accepted_duty_ids: vec![],
                notes: String::new(),
                supersedes: None,
            },
        )
        .unwrap();
    }
    usecases::user_save(
        &mut db,
        &start,
        &UserInput {
            username: "mdirector".into(),
            display_name: "Dr Maya Director".into(),
            role: Role::MedicalDirector,
            email: "md@northgate.nhs.uk".into(),
            phone: "0161 496 0001".into(),
            authoriser: String::new(),
            authoriser_passphrase: String::new(),
        },
    )
    .unwrap();
    usecases::user_passphrase_set(
        &mut db,
        &start,
        &PassphraseInput {
            username: "mdirector".into(),
            current: String::new(),
            new: MD_PASS.into(),
        },
    )
    .unwrap();

    // Five requests, each built, approved and sent at 10:00 (local) with a 17:00 deadline.
    let md = Ctx::new("md.desk", start.now);
    let mut req = [0i64; 5];
    let asks: [Vec<i64>; 5] = [
        vec![duty[1]],
        vec![duty[2], duty[3]],
        vec![duty[4]],
        vec![duty[5]],
        vec![duty[6]],
    ];
    for (k, duties) in asks.into_iter().enumerate() {
        let v = usecases::request_create(
            &mut db,
            &start,
            &request_input(w.id, duties, "Emergency Department"),
        )
        .unwrap();
        let v = usecases::request_submit(&mut db, &start, v.id, v.content.version)
            .unwrap_or_else(|e| panic!("submit: {e}"));
        usecases::request_approve(
            &mut db,
            &md,
            &ApproveInput {
                request_id: v.id,
                version: v.content.version,
                content_hash: v.content_hash.clone(),
                approver: "mdirector".into(),
                passphrase: MD_PASS.into(),
                approve: true,
                comment: String::new(),
            },
        )
        .unwrap();
        usecases::request_send(
            &mut db,
            &at(9, 0),
            &SendInput {
                request_id: v.id,
                at: String::new(),
                to: "NHS England regional team".into(),
            },
        )
        .unwrap();
        req[k] = v.id;
    }
    let [a, b, c, d, e] = req;
    // A: granted 12:30 (2:30, on time); its doctor recalled for the night.
    decide(
        &mut db,
        &at(11, 30),
        a,
        DecisionKind::Granted,
        "26/10/2024 12:30",
        "",
    );
    let choices = usecases::request_recall_choices(&db, a).unwrap();
    let staff = choices[0]
        .doctors
        .iter()
        .find(|d| d.rostered)
        .unwrap()
        .staff_id;
    usecases::request_recall(
        &mut db,
        &at(11, 40),
        &RecallInput {
            request_id: a,
            recalls: vec![RecallLine {
                duty_id: duty[1],
                staff_id: staff,
            }],
        },
    )
    .unwrap();
    // B: declined 16:59 (6:59, on time).
    decide(
        &mut db,
        &at(16, 0),
        b,
        DecisionKind::Declined,
        "26/10/2024 16:59",
        "Not enough evidence of exhaustion",
    );
    // D: withdrawn 11:00 (cover found).
    decide(
        &mut db,
        &at(10, 0),
        d,
        DecisionKind::Withdrawn,
        "26/10/2024 11:00",
        "Cover found",
    );
    // C: not decided by the deadline, recorded 17:30.
    decide(
        &mut db,
        &at(16, 30),
        c,
        DecisionKind::NotDecided,
        "26/10/2024 17:30",
        "",
    );
    // E: granted at 18:15, after the deadline (8:15), then revoked at 21:00.
    decide(
        &mut db,
        &at(17, 20),
        e,
        DecisionKind::Granted,
        "26/10/2024 18:15",
        "",
    );
    decide(
        &mut db,
        &at(20, 5),
        e,
        DecisionKind::Revoked,
        "26/10/2024 21:00",
        "Trust did not confirm the recall",
    );
    // Fills: B's night by a locum, D's day by a consultant, a Cardiology night by incentive.
    fill(&mut db, w.id, duty[3], "locum", "Dr L Locum (Medics4U)");
    fill(&mut db, w.id, duty[5], "consultant", "Dr C Consultant");
    fill(&mut db, w.id, duty[7], "incentive", "Dr I Incentive");
    drop(db);

    // Incidents (plain SQL; times local).
    incident(
        &t,
        w.id,
        "Emergency Department",
        "27/10/2024 10:00",
        "LFPSE-1",
        None,
    ); // in B's and E's short day
    incident(&t, w.id, "Cardiology", "27/10/2024 10:00", "LFPSE-2", None); // other department
    incident(
        &t,
        w.id,
        "Emergency Department",
        "27/10/2024 02:30",
        "LFPSE-3",
        None,
    ); // in C's night
    incident(
        &t,
        w.id,
        "Emergency Department",
        "27/10/2024 20:00",
        "LFPSE-4",
        None,
    ); // at the day's end
    incident(
        &t,
        w.id,
        "Emergency Department",
        "26/10/2024 19:59",
        "LFPSE-5",
        None,
    ); // before C's night
    incident(
        &t,
        w.id,
        "Emergency Department",
        "27/10/2024 12:00",
        "LFPSE-6",
        Some("Cardiology"),
    ); // moved away
    Scenario {
        t,
        walkout: w.id,
        duty,
        req,
    }
}

fn report(s: &Scenario) -> ImpactReport {
    usecases::impact_report(&s.t.open(), s.walkout).unwrap()
}

#[test]
fn every_figure_of_the_hand_built_walkout() {
    let s = scenario();
    let r = report(&s);
    let [a, b, c, d, e] = s.req;
    assert_eq!(r.trust, "Northgate NHS Foundation Trust");
    assert_eq!(r.start_local, "26/10/2024 07:00");
    assert_eq!(r.end_local, "28/10/2024 07:00");

    // 1. Outcomes.
    let o = &r.outcomes;
    assert_eq!(
        (
            o.made,
            o.granted,
            o.declined,
            o.withdrawn,
            o.not_decided,
            o.revoked,
            o.awaiting,
            o.not_sent,
            o.late_answers
        ),
        (5, 1, 1, 1, 1, 1, 0, 0, 1)
    );

    // 2. Time to decision: sent 10:00, deadline 17:00 (local).
    let t: Vec<(i64, Option<&str>, Timing)> = r
        .timings
        .iter()
        .map(|t| (t.request_id, t.taken.as_deref(), t.timing))
        .collect();
    assert_eq!(
        t,
        [
            (a, Some("2:30"), Timing::OnTime),
            (b, Some("6:59"), Timing::OnTime),
            (c, None, Timing::NoDecision),
            (d, None, Timing::NoDecision),
            (e, Some("8:15"), Timing::Late),
        ]
    );
    let te = &r.timings[4];
    assert_eq!(te.sent_local, "26/10/2024 10:00");
    assert_eq!(te.due_local.as_deref(), Some("26/10/2024 17:00"));
    assert_eq!(te.decided_local.as_deref(), Some("26/10/2024 18:15"));
    assert_eq!(te.status, RequestStatus::Revoked);
    assert_eq!(te.reference, format!("DR-{e}"));

    // 3. Short shifts and incidents.
    let sf: Vec<(i64, &str, u32, Vec<i64>)> = r
        .shortfalls
        .iter()
        .map(|x| {
            (
                x.request_id,
                x.why.as_str(),
                x.shifts_asked,
                x.short_shifts.iter().map(|s| s.duty_id).collect(),
            )
        })
        .collect();
    assert_eq!(
        sf,
        [
            (b, "Declined", 2, vec![s.duty[2]]),
            (c, "Not decided by the deadline", 1, vec![s.duty[4]]),
            (e, "Revoked", 1, vec![s.duty[6]]),
        ]
    );
    let refs = |i: usize| -> Vec<&str> {
        r.shortfalls[i].short_shifts[0]
            .incidents
            .iter()
            .map(|x| x.reference.as_str())
            .collect()
    };
    assert_eq!(refs(0), ["LFPSE-1"]);
    assert_eq!(refs(1), ["LFPSE-3"]);
    assert_eq!(refs(2), ["LFPSE-1"]);
    let night = &r.shortfalls[1].short_shifts[0];
    assert_eq!(
        (
            night.date.as_str(),
            night.start_local.as_str(),
            night.end_local.as_str()
        ),
        ("26/10/2024", "20:00", "08:00")
    );
    assert_eq!(
        r.shortfalls[1].short_shifts[0].incidents[0].occurred_local,
        "27/10/2024 02:30"
    );
    assert_eq!((r.short_shifts, r.incidents_in_short_shifts), (3, 1 + 1));

    // 4. Cover by source.
    let totals: Vec<(&str, u32)> = r
        .sources
        .iter()
        .filter(|x| x.total > 0)
        .map(|x| (x.key.as_str(), x.total))
        .collect();
    assert_eq!(
        totals,
        [
            ("incentive", 1),
            ("consultant", 1),
            ("locum", 1),
            ("recall", 1),
            ("uncovered", 4)
        ]
    );
    assert_eq!((r.gaps, r.covered), (8, 4));
    let col = |key: &str| r.sources.iter().position(|x| x.key == key).unwrap();
    assert_eq!(r.coverage_days.len(), 2);
    assert_eq!(r.coverage_days[0].date, "26/10/2024");
    let day = |k: usize, key: &str| r.coverage_days[k].counts[col(key)];
    assert_eq!(
        (
            day(0, "incentive"),
            day(0, "recall"),
            day(0, "uncovered"),
            day(0, "locum")
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(
        (
            day(1, "consultant"),
            day(1, "locum"),
            day(1, "uncovered"),
            day(1, "recall")
        ),
        (1, 1, 3, 0)
    );

    // 5. The situation report is the dashboard's.
    let dash = usecases::dashboard(&s.t.open(), s.walkout).unwrap();
    assert_eq!(r.sitrep, dash.sitrep);
    assert_eq!(
        r.sitrep[0].staff_due, 4,
        "three striking and one working on 26/10"
    );
    assert_eq!(r.sitrep[0].staff_taking_action, 3);
}

#[test]
fn csv_export_is_safe_and_its_hash_is_in_the_audit_trail() {
    let s = scenario();
    let mut db = s.t.open();
    let path = s.t.dir.path().join("impact.csv");
    let no_pdf = |_: &strikecover_core::impact::ImpactDocument| -> Result<Vec<u8>, String> {
        Err("not asked for".into())
    };
    let x = usecases::impact_export(
        &mut db,
        &at(23, 0),
        s.walkout,
        ImpactFormat::Csv,
        &path,
        &no_pdf,
    )
    .unwrap();
    assert_eq!(x.sha256, hex_sha256(&path));
    assert!(!s.t.dir.path().join(".impact.csv.part").exists());
    let text = std::fs::read_to_string(&path).unwrap();
    // Incident descriptions start with a formula: neutralised.
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\") LFPSE-1\""),
        "{text}"
    );
    assert!(!text.contains(",=HYPERLINK"), "{text}");
    assert!(text.contains("Requests made,5\n"), "{text}");
    assert!(text.contains("26/10/2024,"), "{text}");
    let c = rusqlite::Connection::open(&s.t.path).unwrap();
    let (action, detail): (String, String) = c
        .query_row(
            "SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "impact.export");
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["sha256"], x.sha256);
    assert_eq!(detail["kind"], "csv");
    assert_eq!(detail["walkout_id"], s.walkout);
    assert_eq!(detail["path"], path.display().to_string());

    // A PDF that cannot be made: no file, no audit row.
    let before = s.t.snapshot();
    let pdf = s.t.dir.path().join("impact.pdf");
    let err = usecases::impact_export(
        &mut db,
        &at(23, 0),
        s.walkout,
        ImpactFormat::Pdf,
        &pdf,
        &no_pdf,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("the PDF could not be made"),
        "{err}"
    );
    assert!(!pdf.exists());
    drop(db);
    assert!(before == s.t.snapshot(), "the database is unchanged");
}

#[test]
fn an_unknown_walkout_is_refused() {
    let s = scenario();
    let db = s.t.open();
    let e = usecases::impact_report(&db, 999).unwrap_err();
    assert!(e.to_string().contains("walkout 999"), "{e}");
}

#[test]
fn cli_prints_the_report_and_saves_pdf_and_csv() {
    let s = scenario();
    let db = s.t.path.display().to_string();
    let w = s.walkout.to_string();
    let (code, out, err) = cli(&["--db", &db, "--json", "impact", "--walkout", &w]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["outcomes"]["made"], 5);
    assert_eq!(v["outcomes"]["late_answers"], 1);
    assert_eq!(v["short_shifts"], 3);
    let (code, out, _) = cli(&["--db", &db, "impact", "--walkout", &w]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Requests made 5: granted 1, declined 1"),
        "{out}"
    );

    let pdf = s.t.dir.path().join("impact.pdf");
    let csv = s.t.dir.path().join("impact.csv");
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "--user",
        "coordinator.test",
        "--json",
        "impact",
        "--walkout",
        &w,
        "--pdf",
        pdf.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let saved: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(saved.as_array().unwrap().len(), 2);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(saved[1]["sha256"], hex_sha256(&pdf));
    assert_eq!(saved[0]["sha256"], hex_sha256(&csv));
    let c = rusqlite::Connection::open(&s.t.path).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'impact.export' AND detail LIKE ?1",
            [format!("%{}%", hex_sha256(&pdf))],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);

    let (code, _, err) = cli(&["--db", &db, "impact", "--walkout", "999"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("walkout 999"), "{err}");
}

#[test]
fn gaps_csv_neutralises_user_text() {
    let t = TestDb::new();
    let f = t.file("rota.csv", rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &at(8, 0), &f, &mut |_| {}).unwrap();
    let w = usecases::walkout_create(&mut db, &at(8, 0), &residents_walkout()).unwrap();
    let duty: i64 = rusqlite::Connection::open(&t.path)
        .unwrap()
        .query_row(
            "SELECT d.id FROM duties d JOIN staff s ON s.id = d.staff_id WHERE s.staff_number = '1000009'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    usecases::gap_mark(
        &mut db,
        &at(8, 0),
        w.id,
        &strikecover_core::walkouts::GapMark {
            duty_id: duty,
            uncovered: true,
            reason: "=HYPERLINK(\"http://x\",\"said on the day\")".into(),
        },
    )
    .unwrap();
    let mut out = Vec::new();
    usecases::gaps_csv(&db, w.id, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"said on the day\"\")\""),
        "{text}"
    );
    assert!(!text.contains(",\"=HYPERLINK"), "{text}");
}
