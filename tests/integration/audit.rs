//! The tamper-evident audit trail on real database files: an attacker with the file and a
//! SQLite shell (a separate connection, triggers dropped) edits, deletes, reorders or forges
//! rows; `audit verify` names the first broken row and the kind of break. Migration from a
//! version-5 database keeps its rows verifying under their original formula. The viewer's
//! filters and pages; the CLI's exit codes.

use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use strikecover_core::audit::{content_hash, legacy_hash, link_hash, AuditFilter, BreakKind};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::{GapMark, Intent};
use strikecover_tests::{cli, residents_walkout, small_rota, TestDb};

fn at(user: &str, d: u32, h: u32) -> Ctx {
    Ctx::new(user, Utc.with_ymd_and_hms(2024, 10, d, h, 2, 0).unwrap())
}

/// Eight audit rows over three days by two users: import (1), trust named (2), walkout created
/// (3), two intents (4), undeclared counted as covered (5), a gap marked (6), trust renamed (7),
/// intents changed (8).
fn seeded() -> (TestDb, i64, i64) {
    let t = TestDb::new();
    let f = t.file("rota.csv", small_rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &at("jo", 20, 9), &f, &mut |_| {}).unwrap();
    usecases::set_trust_name(&mut db, &at("jo", 20, 9), "Northgate NHS Trust").unwrap();
    let w = usecases::walkout_create(&mut db, &at("jo", 21, 10), &residents_walkout())
        .unwrap()
        .id;
    usecases::intent_set_by_number(
        &mut db,
        &at("jo", 21, 11),
        w,
        &["1000001".into(), "1000002".into()],
        Intent::Striking,
    )
    .unwrap();
    usecases::walkout_set_undeclared(&mut db, &at("sam", 22, 8), w, false).unwrap();
    let duty = usecases::gaps(&db, w).unwrap()[0].duty_id;
    usecases::gap_mark(
        &mut db,
        &at("sam", 22, 9),
        w,
        &GapMark {
            duty_id: duty,
            uncovered: true,
            reason: "locum cancelled".into(),
        },
    )
    .unwrap();
    usecases::set_trust_name(
        &mut db,
        &at("sam", 22, 10),
        "Northgate NHS Foundation Trust",
    )
    .unwrap();
    usecases::intent_set_by_number(
        &mut db,
        &at("sam", 22, 11),
        w,
        &["1000001".into()],
        Intent::Working,
    )
    .unwrap();
    assert_eq!(usecases::audit_recent(&db, 100).unwrap().len(), 8);
    (t, w, duty)
}

/// A connection as the sqlite3 shell would have it (foreign keys not enforced), with the
/// append-only triggers dropped.
fn attacker(t: &TestDb) -> Connection {
    let c = Connection::open(&t.path).unwrap();
    c.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
         DROP TRIGGER audit_head_forward; DROP TRIGGER audit_head_no_delete;",
    )
    .unwrap();
    c
}

fn first_break(t: &TestDb) -> (i64, BreakKind, String) {
    let db = t.open();
    let v = usecases::audit_verify(&db, None).unwrap();
    assert!(!v.ok, "the tampering must be found: {v:?}");
    let b = v.first_break.expect("a break");
    // `check` reports the same break.
    let problems = db.integrity_problems().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&format!("audit row {}", b.row_id))),
        "{problems:?}"
    );
    (b.row_id, b.kind, b.explanation)
}

#[test]
fn an_untouched_trail_verifies_with_its_head() {
    let (t, _, _) = seeded();
    let db = t.open();
    let v = usecases::audit_verify(&db, None).unwrap();
    assert!(v.ok, "{v:?}");
    assert_eq!(v.rows_checked, 8);
    assert_eq!(v.legacy_rows, 0);
    assert_eq!(v.head_id, Some(8));
    let last: String = Connection::open(&t.path)
        .unwrap()
        .query_row("SELECT hash FROM audit WHERE id = 8", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v.head_hash.as_deref(), Some(last.as_str()));
    assert!(db.integrity_problems().unwrap().is_empty());
}

#[test]
fn the_triggers_refuse_changes_from_outside_the_app() {
    let (t, _, _) = seeded();
    let c = Connection::open(&t.path).unwrap();
    for sql in [
        "UPDATE audit SET detail = '{}' WHERE id = 3",
        "DELETE FROM audit WHERE id = 8",
        "DELETE FROM audit_head",
        "UPDATE audit_head SET last_id = 5",
        "DELETE FROM audit_subjects",
    ] {
        let e = c.execute(sql, []).unwrap_err();
        assert!(
            e.to_string().contains("append-only") || e.to_string().contains("forward"),
            "{sql}: {e}"
        );
    }
}

#[test]
fn an_edited_middle_row_is_found() {
    let (t, _, _) = seeded();
    attacker(&t)
        .execute(
            "UPDATE audit SET detail = json_set(detail, '$.title', 'Nothing happened') WHERE id = 3",
            [],
        )
        .unwrap();
    let (row, kind, text) = first_break(&t);
    assert_eq!((row, kind), (3, BreakKind::ContentChanged), "{text}");
    assert!(text.contains("Row 3's content was changed"), "{text}");
}

#[test]
fn an_edited_row_with_its_content_hash_recomputed_is_found() {
    let (t, _, _) = seeded();
    let c = attacker(&t);
    let (at, user, action, entity, entity_id): (String, i64, String, String, Option<String>) = c
        .query_row(
            "SELECT at, user_id, action, entity, entity_id FROM audit WHERE id = 6",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    let detail = r#"{"reason":"nothing to see"}"#;
    let ch = content_hash(&at, user, &action, &entity, entity_id.as_deref(), detail);
    c.execute(
        "UPDATE audit SET detail = ?1, content_hash = ?2 WHERE id = 6",
        (detail, &ch),
    )
    .unwrap();
    let (row, kind, text) = first_break(&t);
    assert_eq!((row, kind), (6, BreakKind::HashEdited), "{text}");
}

#[test]
fn a_deleted_middle_row_is_found_at_the_next_row() {
    let (t, _, _) = seeded();
    attacker(&t)
        .execute("DELETE FROM audit WHERE id = 4", [])
        .unwrap();
    let (row, kind, text) = first_break(&t);
    assert_eq!((row, kind), (5, BreakKind::RowsMissing), "{text}");
    assert!(text.contains("Row 4 is missing"), "{text}");
}

#[test]
fn deleted_last_rows_are_found_and_stay_found_after_the_app_writes_again() {
    let (t, _, _) = seeded();
    attacker(&t)
        .execute("DELETE FROM audit WHERE id >= 7", [])
        .unwrap();
    let (row, kind, text) = first_break(&t);
    assert_eq!((row, kind), (6, BreakKind::LastRowsDeleted), "{text}");
    assert!(text.contains("row 8"), "{text}");

    // The app carries on: its next row does not paper over the deletion.
    let mut db = t.open();
    usecases::set_trust_name(&mut db, &at("jo", 23, 9), "Another name").unwrap();
    drop(db);
    let (row, kind, text) = first_break(&t);
    assert_eq!((row, kind), (9, BreakKind::RowsMissing), "{text}");
    assert!(text.contains("Rows 7 to 8 are missing"), "{text}");
}

#[test]
fn a_deleted_head_is_found_and_not_made_again() {
    let (t, _, _) = seeded();
    attacker(&t).execute("DELETE FROM audit_head", []).unwrap();
    let (row, kind, _) = first_break(&t);
    assert_eq!((row, kind), (8, BreakKind::HeadMissing));
    let mut db = t.open();
    usecases::set_trust_name(&mut db, &at("jo", 23, 9), "Another name").unwrap();
    drop(db);
    let (row, kind, _) = first_break(&t);
    assert_eq!((row, kind), (9, BreakKind::HeadMissing));
}

#[test]
fn swapped_rows_are_found() {
    let (t, _, _) = seeded();
    attacker(&t)
        .execute_batch(
            "UPDATE audit SET id = -1 WHERE id = 4;
             UPDATE audit SET id = 4 WHERE id = 5;
             UPDATE audit SET id = 5 WHERE id = -1;",
        )
        .unwrap();
    let (row, kind, text) = first_break(&t);
    assert_eq!((row, kind), (4, BreakKind::Reordered), "{text}");
}

#[test]
fn a_forged_row_is_found_even_with_correct_hashes() {
    let (t, _, _) = seeded();
    let c = attacker(&t);
    let prev: String = c
        .query_row("SELECT hash FROM audit WHERE id = 8", [], |r| r.get(0))
        .unwrap();
    let (at, detail) = ("2024-10-22T12:00:00Z", r#"{"from":"x","to":"y"}"#);
    let ch = content_hash(at, 1, "trust.rename", "trust", Some("1"), detail);
    let hash = link_hash(9, &prev, &ch);
    c.execute(
        "INSERT INTO audit (id, at, user_id, action, entity, entity_id, detail, prev_hash, hash, scheme, content_hash)
         VALUES (9, ?1, 1, 'trust.rename', 'trust', '1', ?2, ?3, ?4, 2, ?5)",
        (at, detail, &prev, &hash, &ch),
    )
    .unwrap();
    let (row, kind, text) = first_break(&t);
    assert_eq!((row, kind), (9, BreakKind::RowAdded), "{text}");
}

#[test]
fn a_forged_row_in_place_of_a_deleted_one_is_found() {
    let (t, _, _) = seeded();
    let c = attacker(&t);
    c.execute("DELETE FROM audit WHERE id = 5", []).unwrap();
    c.execute(
        "INSERT INTO audit (id, at, user_id, action, entity, entity_id, detail, prev_hash, hash, scheme, content_hash)
         SELECT 5, at, user_id, action, entity, entity_id, '{}', prev_hash, hash, 2, content_hash FROM audit WHERE id = 4",
        [],
    )
    .unwrap();
    let (row, kind, _) = first_break(&t);
    assert_eq!((row, kind), (5, BreakKind::Reordered));
}

#[test]
fn an_anchor_printed_on_a_document_is_checked() {
    let (t, _, _) = seeded();
    let db = t.open();
    let v = usecases::audit_verify(&db, None).unwrap();
    let head = v.head_hash.unwrap();
    let v = usecases::audit_verify(&db, Some(&head.to_uppercase())).unwrap();
    assert!(v.ok);
    assert_eq!(v.anchor.as_ref().unwrap().row_id, Some(8));
    // The rota file's SHA-256 recorded by the import is an anchor too.
    let sha: String = Connection::open(&t.path)
        .unwrap()
        .query_row(
            "SELECT json_extract(detail, '$.sha256') FROM audit WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let v = usecases::audit_verify(&db, Some(&sha)).unwrap();
    assert_eq!(v.anchor.as_ref().unwrap().row_id, Some(1));
    let v = usecases::audit_verify(&db, Some(&"0".repeat(63))).unwrap_err();
    assert_eq!(v.field(), Some("anchor"));
    let v = usecases::audit_verify(&db, Some(&"1".repeat(64))).unwrap();
    assert!(!v.ok, "an unknown hash is not intact");
    drop(db);
    // Once history before the anchor is rewritten, the anchor no longer counts.
    attacker(&t)
        .execute("UPDATE audit SET detail = '{}' WHERE id = 2", [])
        .unwrap();
    let db = t.open();
    let v = usecases::audit_verify(&db, Some(&head)).unwrap();
    assert!(!v.ok);
    assert!(!v.anchor.unwrap().ok);
}

#[test]
fn a_version_5_database_keeps_verifying_after_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite3");
    {
        // Rows 1 and 2 by the app's own use cases on a version-5 file (their audit rows are
        // written as version 5 wrote them); rows 3 and 4 as version 5 wrote walkout rows, by
        // plain SQL (today's walkout use cases need columns a version-5 file does not have).
        let (mut db, _) = Db::open_to(&path, 5).unwrap();
        let f = dir.path().join("rota.csv");
        std::fs::write(&f, small_rota()).unwrap();
        usecases::import_file(&mut db, &at("jo", 20, 9), &f, &mut |_| {}).unwrap();
        usecases::set_trust_name(&mut db, &at("jo", 21, 9), "Eastgate").unwrap();
        drop(db);
        let c = Connection::open(&path).unwrap();
        let (user, mut prev): (i64, String) = c
            .query_row(
                "SELECT user_id, hash FROM audit ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        for (at, action, detail) in [
            (
                "2024-10-21T10:02:00Z",
                "walkout.create",
                r#"{"title":"Residents","body":"bma","start":"24/10/2024 07:00","end":"26/10/2024 07:00"}"#,
            ),
            (
                "2024-10-21T11:02:00Z",
                "walkout.set_undeclared",
                r#"{"undeclared_uncovered":{"from":true,"to":false}}"#,
            ),
        ] {
            let hash = legacy_hash(&prev, at, user, action, "walkout", Some("1"), detail);
            c.execute(
                "INSERT INTO audit (at, user_id, action, entity, entity_id, detail, prev_hash, hash)
                 VALUES (?1, ?2, ?3, 'walkout', '1', ?4, ?5, ?6)",
                (at, user, action, detail, &prev, &hash),
            )
            .unwrap();
            prev = hash;
        }
        let version: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 5);
        let v5 = Db::open_to(&path, 5).unwrap().0;
        assert!(usecases::audit_recent(&v5, 10).unwrap().len() == 4);
    }
    let mut db = Db::open(&path).unwrap();
    let v = usecases::audit_verify(&db, None).unwrap();
    assert!(v.ok, "{v:?}");
    assert_eq!((v.rows_checked, v.legacy_rows, v.head_id), (4, 4, Some(4)));
    // Old rows were linked to their walkout by the migration.
    let page = usecases::audit_list(
        &db,
        &AuditFilter {
            walkout_id: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        page.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![4, 3]
    );
    assert!(page.entries[0]
        .sentence
        .contains("set doctors who have not declared to count as covered in walkout 1"));
    // New rows chain on from the old ones under the new scheme.
    usecases::set_trust_name(&mut db, &at("jo", 22, 9), "Northgate").unwrap();
    let v = usecases::audit_verify(&db, None).unwrap();
    assert!(v.ok, "{v:?}");
    assert_eq!((v.rows_checked, v.legacy_rows), (5, 4));
    drop(db);
    let c = Connection::open(&path).unwrap();
    let (scheme, prev): (i64, String) = c
        .query_row(
            "SELECT scheme, prev_hash FROM audit WHERE id = 5",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let old: String = c
        .query_row("SELECT hash FROM audit WHERE id = 4", [], |r| r.get(0))
        .unwrap();
    assert_eq!((scheme, prev), (2, old));
    // An old row changed after the migration is still found, under its own formula.
    c.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET detail = '{}' WHERE id = 2;")
        .unwrap();
    drop(c);
    let db = Db::open(&path).unwrap();
    let b = usecases::audit_verify(&db, None)
        .unwrap()
        .first_break
        .unwrap();
    assert_eq!((b.row_id, b.kind), (2, BreakKind::ContentChanged));
}

#[test]
fn the_viewer_filters_and_pages_in_plain_english() {
    let (t, w, duty) = seeded();
    let db = t.open();
    let ids = |f: AuditFilter| -> Vec<i64> {
        usecases::audit_list(&db, &f)
            .unwrap()
            .entries
            .iter()
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(ids(AuditFilter::default()), vec![8, 7, 6, 5, 4, 3, 2, 1]);
    assert_eq!(
        ids(AuditFilter {
            walkout_id: Some(w),
            ..Default::default()
        }),
        vec![8, 6, 5, 4, 3]
    );
    assert_eq!(
        ids(AuditFilter {
            duty_id: Some(duty),
            ..Default::default()
        }),
        vec![6]
    );
    assert_eq!(
        ids(AuditFilter {
            user: Some("sam".into()),
            ..Default::default()
        }),
        vec![8, 7, 6, 5]
    );
    assert_eq!(
        ids(AuditFilter {
            from: Some("21/10/2024".into()),
            to: Some("21/10/2024".into()),
            ..Default::default()
        }),
        vec![4, 3]
    );
    assert_eq!(
        ids(AuditFilter {
            walkout_id: Some(w),
            user: Some("jo".into()),
            ..Default::default()
        }),
        vec![4, 3]
    );
    // Pages, newest first.
    let p1 = usecases::audit_list(
        &db,
        &AuditFilter {
            limit: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(p1.next_before, Some(6));
    let p2 = usecases::audit_list(
        &db,
        &AuditFilter {
            limit: Some(5),
            before_id: p1.next_before,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(p2.entries.len(), 5);
    assert_eq!(p2.next_before, None);

    let e = &usecases::audit_list(&db, &AuditFilter::default())
        .unwrap()
        .entries[2];
    assert_eq!(e.action, "gap.mark");
    assert_eq!(e.when, "22/10/2024 10:02", "BST: UTC+1");
    assert_eq!(
        e.sentence,
        format!("sam marked the shift (duty {duty}) as uncovered (walkout {w}): locum cancelled, 22/10/2024 10:02")
    );

    // Bad filters name their field.
    for (f, field) in [
        (
            AuditFilter {
                from: Some("31/02/2024".into()),
                ..Default::default()
            },
            "from",
        ),
        (
            AuditFilter {
                from: Some("22/10/2024".into()),
                to: Some("21/10/2024".into()),
                ..Default::default()
            },
            "to",
        ),
        (
            AuditFilter {
                limit: Some(0),
                ..Default::default()
            },
            "limit",
        ),
    ] {
        assert_eq!(
            usecases::audit_list(&db, &f).unwrap_err().field(),
            Some(field)
        );
    }
}

#[test]
fn the_cli_verifies_and_lists() {
    let (t, w, _) = seeded();
    let db = t.path.to_str().unwrap();
    let (code, out, err) = cli(&["--db", db, "audit", "verify"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("intact: 8 rows"), "{out}");
    let (code, out, _) = cli(&["--db", db, "audit", "verify", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["rows_checked"], 8);

    let ws = w.to_string();
    let (code, out, err) = cli(&["--db", db, "audit", "list", "--walkout", &ws, "--by", "jo"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("jo created walkout"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.contains("jo ")).count(),
        2,
        "{out}"
    );
    let (code, _, err) = cli(&["--db", db, "audit", "list", "--from", "2024-10-01"]);
    assert_eq!(code, 2, "clap refuses a date that is not dd/mm/yyyy: {err}");

    attacker(&t)
        .execute("DELETE FROM audit WHERE id = 3", [])
        .unwrap();
    let (code, out, err) = cli(&["--db", db, "audit", "verify"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("BROKEN at row 4"), "{out}");
    let (code, out, _) = cli(&["--db", db, "--json", "audit", "verify"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["first_break"]["kind"], "rows_missing");
}

fn no_pdf(_: &strikecover_core::requests::RequestDocument) -> Result<Vec<u8>, String> {
    Err("no PDF in this test".into())
}

#[test]
fn request_rows_link_to_their_walkout_and_shifts_and_show_the_document_hash() {
    use strikecover_core::requests::{ConsultantsView, DocKind, RequestInput};
    let (t, w, _) = seeded();
    let mut db = t.open();
    let ctx = at("jo", 26, 11);
    let duties: Vec<i64> = usecases::gaps(&db, w)
        .unwrap()
        .iter()
        .filter(|g| g.department == "Emergency Department")
        .map(|g| g.duty_id)
        .take(1)
        .collect();
    assert_eq!(duties.len(), 1);
    let input = RequestInput {
        walkout_id: w,
        duty_ids: duties.clone(),
        role: "ST3+ registrar".into(),
        doctors: 1,
        trigger: "No registrar overnight".into(),
        clinical_risk: "Resus without senior review".into(),
        incident_declared: false,
        incident_detail: String::new(),
        consultants_view: ConsultantsView::Unsafe,
        consultants_who: "Dr E Consultant".into(),
        elective_continuing: Some(false),
        elective_reason: String::new(),
        pre_emptive_reason: String::new(),
        decision_needed_by: "26/10/2024 17:00".into(),
        requesting_clinician: "Dr F Clinician".into(),
        contact_phone: "0161 496 0000".into(),
    };
    let r = usecases::request_create(&mut db, &ctx, &input).unwrap().id;
    let file = t.file("dr.json", "");
    let exported =
        usecases::request_export(&mut db, &ctx, r, DocKind::Json, &file, &no_pdf).unwrap();

    let by_request = usecases::audit_list(
        &db,
        &AuditFilter {
            request_id: Some(r),
            ..Default::default()
        },
    )
    .unwrap()
    .entries;
    assert_eq!(
        by_request
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        vec!["request.export", "request.create"]
    );
    let export = &by_request[0];
    assert_eq!(
        export.document_sha256.as_deref(),
        Some(exported.sha256.as_str())
    );
    assert!(
        export
            .summary
            .starts_with(&format!("exported request {r} (version 1) as JSON")),
        "{}",
        export.summary
    );
    // The export row has no walkout or shift in its details: the links come from the request.
    for f in [
        AuditFilter {
            walkout_id: Some(w),
            ..Default::default()
        },
        AuditFilter {
            duty_id: Some(duties[0]),
            ..Default::default()
        },
    ] {
        let ids: Vec<i64> = usecases::audit_list(&db, &f)
            .unwrap()
            .entries
            .iter()
            .map(|e| e.id)
            .collect();
        assert!(ids.contains(&export.id), "{f:?}: {ids:?}");
    }
    // The exported file's hash is an anchor.
    let v = usecases::audit_verify(&db, Some(&exported.sha256)).unwrap();
    assert!(v.ok, "{v:?}");
    assert_eq!(v.anchor.unwrap().row_id, Some(export.id));
}

/// A large trail (20,000 scheme-2 rows written with the app's own hash functions, each linked
/// to one of 20 walkouts) verifies end to end, and the filtered viewer pages through it.
#[test]
fn a_large_trail_verifies_and_pages_by_walkout() {
    let (t, _, _) = seeded();
    let n: i64 = 20_000;
    {
        let mut c = Connection::open(&t.path).unwrap();
        let tx = c.transaction().unwrap();
        let (mut last, mut prev): (i64, String) = tx
            .query_row("SELECT last_id, last_hash FROM audit_head", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO audit (id, at, user_id, action, entity, entity_id, detail, prev_hash, hash, scheme, content_hash)
                     VALUES (?1, ?2, 1, 'gap.mark', 'gap', ?3, ?4, ?5, ?6, 2, ?7)",
                )
                .unwrap();
            let mut sub = tx
                .prepare(
                    "INSERT INTO audit_subjects (kind, value, audit_id) VALUES ('walkout', ?1, ?2)",
                )
                .unwrap();
            for i in 0..n {
                let id = last + 1;
                let at = format!("2024-11-{:02}T{:02}:{:02}:00Z", 1 + i % 28, i % 24, i % 60);
                let w = 100 + i % 20;
                let entity_id = format!("{w}:{}", i % 500);
                let detail = format!(
                    r#"{{"walkout":{w},"duty":{},"uncovered":true,"reason":"bench"}}"#,
                    i % 500
                );
                let content = content_hash(&at, 1, "gap.mark", "gap", Some(&entity_id), &detail);
                let hash = link_hash(id, &prev, &content);
                ins.execute((id, &at, &entity_id, &detail, &prev, &hash, &content))
                    .unwrap();
                sub.execute((w, id)).unwrap();
                prev = hash;
                last = id;
            }
        }
        tx.execute(
            "UPDATE audit_head SET last_id = ?1, last_hash = ?2",
            (last, &prev),
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let db = t.open();
    let v = usecases::audit_verify(&db, None).unwrap();
    assert!(v.ok, "{v:?}");
    assert_eq!(v.rows_checked, n as u64 + 8);
    let page = usecases::audit_list(
        &db,
        &AuditFilter {
            walkout_id: Some(107),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.entries.len(), 100);
    let older = usecases::audit_list(
        &db,
        &AuditFilter {
            walkout_id: Some(107),
            before_id: page.next_before,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(older.entries.len(), 100);
    assert!(older.entries[0].id < page.entries[99].id);
}
