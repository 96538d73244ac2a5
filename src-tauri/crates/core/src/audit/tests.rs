use super::*;
use serde_json::json;

fn row(id: i64, prev: &str, detail: &str) -> ChainRow {
    let at = format!("2025-03-14T14:0{}:00Z", id % 10);
    let content = content_hash(&at, 1, "gap.mark", "gap", Some("1:2"), detail);
    ChainRow {
        id,
        at,
        user_id: 1,
        action: "gap.mark".into(),
        entity: "gap".into(),
        entity_id: Some("1:2".into()),
        detail: detail.into(),
        scheme: 2,
        hash: link_hash(id, prev, &content),
        content_hash: Some(content),
        prev_hash: prev.into(),
    }
}

fn legacy_row(id: i64, prev: &str) -> ChainRow {
    let at = "2025-03-01T09:00:00Z".to_string();
    let detail = format!("{{\"n\":{id}}}");
    ChainRow {
        id,
        hash: legacy_hash(prev, &at, 1, "trust.rename", "trust", Some("1"), &detail),
        at,
        user_id: 1,
        action: "trust.rename".into(),
        entity: "trust".into(),
        entity_id: Some("1".into()),
        detail,
        scheme: 1,
        content_hash: None,
        prev_hash: prev.into(),
    }
}

/// `legacy` scheme-1 rows then `n` scheme-2 rows, and the matching head.
fn chain(legacy: i64, n: i64) -> (Vec<ChainRow>, Head) {
    let mut rows = Vec::new();
    let mut prev = GENESIS.to_string();
    for id in 1..=legacy + n {
        let r = if id <= legacy {
            legacy_row(id, &prev)
        } else {
            row(id, &prev, &format!("{{\"duty\":{id}}}"))
        };
        prev = r.hash.clone();
        rows.push(r);
    }
    let head = Head {
        last_id: legacy + n,
        last_hash: prev,
        legacy_through: legacy,
    };
    (rows, head)
}

fn walk(rows: &[ChainRow], head: Option<Head>) -> AuditVerifyView {
    let mut w = ChainWalker::new(head);
    for r in rows {
        if !w.push(r) {
            break;
        }
    }
    w.finish()
}

fn broken_at(v: &AuditVerifyView) -> (i64, BreakKind) {
    let b = v.first_break.as_ref().expect("a break");
    (b.row_id, b.kind)
}

#[test]
fn an_untouched_chain_verifies_across_both_schemes() {
    let (rows, head) = chain(3, 4);
    let v = walk(&rows, Some(head.clone()));
    assert!(v.ok, "{v:?}");
    assert_eq!(v.rows_checked, 7);
    assert_eq!(v.legacy_rows, 3);
    assert_eq!(v.head_id, Some(7));
    assert_eq!(v.head_hash, Some(head.last_hash));
}

#[test]
fn an_empty_trail_with_its_head_verifies() {
    let head = Head {
        last_id: 0,
        last_hash: GENESIS.into(),
        legacy_through: 0,
    };
    assert!(walk(&[], Some(head)).ok);
}

#[test]
fn changed_content_is_found_at_its_row() {
    let (mut rows, head) = chain(0, 5);
    rows[2].detail = "{\"duty\":99}".into();
    let v = walk(&rows, Some(head));
    assert!(!v.ok);
    assert_eq!(broken_at(&v), (3, BreakKind::ContentChanged));
    assert_eq!(v.rows_checked, 2);
}

#[test]
fn a_recomputed_content_hash_shows_as_edited_hash_fields() {
    let (mut rows, head) = chain(0, 5);
    rows[2].detail = "{\"duty\":99}".into();
    rows[2].content_hash = Some(rows[2].computed_content_hash());
    assert_eq!(
        broken_at(&walk(&rows, Some(head))),
        (3, BreakKind::HashEdited)
    );
}

#[test]
fn an_edited_prev_hash_is_told_apart_from_a_reorder() {
    let (mut rows, head) = chain(0, 5);
    rows[3].prev_hash = GENESIS.into();
    assert_eq!(
        broken_at(&walk(&rows, Some(head))),
        (4, BreakKind::HashEdited)
    );
}

#[test]
fn a_deleted_middle_row_is_named() {
    let (mut rows, head) = chain(0, 5);
    rows.remove(1);
    let v = walk(&rows, Some(head));
    assert_eq!(broken_at(&v), (3, BreakKind::RowsMissing));
    assert!(v
        .first_break
        .unwrap()
        .explanation
        .contains("Row 2 is missing"));
}

#[test]
fn deleted_last_rows_show_against_the_head() {
    let (mut rows, head) = chain(2, 5);
    rows.truncate(5);
    let v = walk(&rows, Some(head));
    assert_eq!(broken_at(&v), (5, BreakKind::LastRowsDeleted));
    assert!(v.first_break.unwrap().explanation.contains("row 7"));
}

#[test]
fn swapped_rows_show_as_reordered() {
    let (mut rows, head) = chain(0, 5);
    // Swap the contents and hashes of rows 2 and 3 (ids stay in place, as in SQL).
    let (a, b) = (rows[1].clone(), rows[2].clone());
    rows[1] = ChainRow { id: 2, ..b };
    rows[2] = ChainRow { id: 3, ..a };
    assert_eq!(
        broken_at(&walk(&rows, Some(head))),
        (2, BreakKind::Reordered)
    );
}

#[test]
fn a_forged_row_after_the_head_is_found_even_with_correct_hashes() {
    let (mut rows, head) = chain(0, 3);
    let forged = row(4, &rows[2].hash, "{\"duty\":1}");
    rows.push(forged);
    assert_eq!(
        broken_at(&walk(&rows, Some(head))),
        (4, BreakKind::RowAdded)
    );
}

#[test]
fn a_rewritten_last_row_differs_from_the_head() {
    let (mut rows, head) = chain(0, 3);
    rows[2] = row(3, &rows[1].hash, "{\"duty\":42}");
    assert_eq!(
        broken_at(&walk(&rows, Some(head))),
        (3, BreakKind::ContentChanged)
    );
}

#[test]
fn a_changed_legacy_row_and_a_faked_scheme_are_found() {
    let (mut rows, head) = chain(3, 2);
    rows[1].detail = "{\"n\":7}".into();
    assert_eq!(
        broken_at(&walk(&rows, Some(head.clone()))),
        (2, BreakKind::ContentChanged)
    );
    let (mut rows, _) = chain(3, 2);
    rows[4].scheme = 1;
    assert_eq!(
        broken_at(&walk(&rows, Some(head))),
        (5, BreakKind::HashEdited)
    );
}

#[test]
fn a_missing_head_is_reported() {
    let (rows, _) = chain(0, 2);
    assert_eq!(broken_at(&walk(&rows, None)), (2, BreakKind::HeadMissing));
}

#[test]
fn content_hash_keeps_fields_apart() {
    assert_ne!(
        content_hash("a", 1, "bc", "d", None, "{}"),
        content_hash("ab", 1, "c", "d", None, "{}")
    );
    assert_ne!(
        content_hash("a", 1, "b", "c", None, "{}"),
        content_hash("a", 1, "b", "c", Some(""), "{}")
    );
    assert_ne!(link_hash(1, GENESIS, "x"), link_hash(2, GENESIS, "x"));
}

#[test]
fn subjects_come_from_entity_and_details() {
    let s = subjects("gap", Some("3:17"), &json!({ "walkout": 3, "duty": 17 }));
    assert_eq!(s, vec![(SubjectKind::Duty, 17), (SubjectKind::Walkout, 3)]);
    let s = subjects(
        "attempt",
        Some("9"),
        &json!({ "walkout": 2, "duties": [5, 6, 5] }),
    );
    assert_eq!(
        s,
        vec![
            (SubjectKind::Duty, 5),
            (SubjectKind::Duty, 6),
            (SubjectKind::Walkout, 2)
        ]
    );
    assert_eq!(
        subjects("request", Some("4"), &json!({})),
        vec![(SubjectKind::Request, 4)]
    );
    assert_eq!(
        subjects("walkout", Some("8"), &json!({})),
        vec![(SubjectKind::Walkout, 8)]
    );
    assert!(subjects("trust", Some("1"), &json!({ "from": "A" })).is_empty());
}

fn d(action: &str, entity: &str, id: &str, detail: serde_json::Value) -> String {
    describe(action, entity, Some(id), &detail)
}

#[test]
fn describes_the_rota_and_the_trust() {
    assert_eq!(
        d("rota.import", "import", "1", json!({"file": "rota.csv", "sha256": "ab", "rows": 120, "added": 100, "updated": 20, "unchanged": 0, "removed": 0, "new_staff": 1})),
        "imported the rota file rota.csv: 120 rows (100 added, 20 updated, 0 unchanged, 0 removed, 1 new doctor)"
    );
    assert_eq!(
        d(
            "demo.load",
            "import",
            "1",
            json!({"trust": "Demo NHS Trust", "rows": 5})
        ),
        "loaded the demo trust Demo NHS Trust (5 rows)"
    );
    assert_eq!(
        d(
            "trust.rename",
            "trust",
            "1",
            json!({"from": "Old", "to": "New"})
        ),
        "renamed the trust from \"Old\" to \"New\""
    );
    assert_eq!(
        d(
            "trust.rename",
            "trust",
            "1",
            json!({"from": null, "to": "New"})
        ),
        "named the trust \"New\""
    );
    assert_eq!(
        d(
            "grade.set_group",
            "grade",
            "ST3",
            json!({"from": "resident", "to": "sas"})
        ),
        "set grade ST3 to staff group sas (was resident)"
    );
    assert_eq!(
        d(
            "grade.set_cover_level",
            "grade",
            "ST3",
            json!({"from": "senior", "to": "middle", "set_by_trust": true})
        ),
        "set the cover level of grade ST3 to middle (was senior)"
    );
    assert_eq!(
        d(
            "department.set_critical",
            "department",
            "4",
            json!({"department": "ICU", "from": false, "to": true})
        ),
        "marked ICU as critical"
    );
}

#[test]
fn describes_walkouts_intents_and_gaps() {
    assert_eq!(
        d(
            "walkout.create",
            "walkout",
            "2",
            json!({"body": "BMA", "title": "March action", "start": "14/03/2025 07:00", "end": "19/03/2025 07:00"})
        ),
        "created walkout 2: March action (BMA), 14/03/2025 07:00 to 19/03/2025 07:00"
    );
    assert_eq!(
        d(
            "walkout.set_undeclared",
            "walkout",
            "2",
            json!({"undeclared_uncovered": {"from": true, "to": false}})
        ),
        "set doctors who have not declared to count as covered in walkout 2"
    );
    assert_eq!(
        d(
            "intent.set",
            "walkout",
            "2",
            json!({"intent": "striking", "changed": 2, "staff": ["1", "2"]})
        ),
        "recorded 2 doctors as striking in walkout 2 (2 changed)"
    );
    assert_eq!(
        d("intent.import", "walkout", "2", json!({"file": "i.csv", "rows": 3, "striking": 2, "working": 1, "undeclared": 0, "changed": 3})),
        "imported intents from i.csv for walkout 2: 2 striking, 1 working, 0 not declared (3 changed)"
    );
    assert_eq!(
        d(
            "gap.mark",
            "gap",
            "2:17",
            json!({"walkout": 2, "duty": 17, "uncovered": false, "reason": "locum booked"})
        ),
        "marked the shift (duty 17) as not uncovered (walkout 2): locum booked"
    );
}

#[test]
fn describes_sourcing() {
    assert_eq!(
        d(
            "attempt.add",
            "attempt",
            "9",
            json!({"walkout": 2, "rung": "agency", "contact_kind": "agency", "asked": "Medics4U", "outcome": "declined", "duties": [1, 2, 3]})
        ),
        "logged: agency Medics4U declined 3 shifts (walkout 2) (attempt 9)"
    );
    assert_eq!(
        d(
            "attempt.add",
            "attempt",
            "10",
            json!({"walkout": 2, "contact_kind": "doctor", "asked": "Priya Patel", "outcome": "partly", "duties": [1, 2], "accepted": [1], "supersedes": 9})
        ),
        "logged: Dr Priya Patel accepted 1 of 2 shifts (walkout 2) (correcting attempt 9)"
    );
    assert_eq!(
        d(
            "rung.mark",
            "rung_mark",
            "3",
            json!({"walkout": 2, "rung": "bank", "not_applicable": true, "reason": "no bank", "duties": [4]})
        ),
        "marked the rung bank not applicable for 1 shift (walkout 2): no bank"
    );
    assert_eq!(
        d(
            "rung.mark",
            "rung_mark",
            "4",
            json!({"walkout": 2, "rung": "bank", "not_applicable": false, "reason": null, "duties": [4, 5]})
        ),
        "marked the rung bank applicable again for 2 shifts (walkout 2)"
    );
    assert_eq!(
        d("gap.fill", "gap", "2:4", json!({"walkout": 2, "duty": 4, "date": "14/03/2025", "rung": "agency", "staff": null, "external_name": "Dr Lee", "external_org": "Medics4U", "override": ["11 h rest"], "override_reason": "MD agreed"})),
        "filled the shift (duty 4) on 14/03/2025 with Dr Lee (Medics4U), rung agency (walkout 2), overriding 1 working-time rule: MD agreed"
    );
    assert_eq!(
        d(
            "gap.release",
            "gap",
            "2:4",
            json!({"walkout": 2, "duty": 4, "fill": 1, "covered_by": "Dr Lee", "reason": "sick"})
        ),
        "released the cover of the shift (duty 4) by Dr Lee (walkout 2): sick"
    );
    assert_eq!(
        d(
            "ladder.set",
            "ladder",
            "2",
            json!({"from_version": 1, "note": "bank first", "rungs": [{}, {}]})
        ),
        "changed the ladder of staffing sources to version 2 (2 rungs): bank first"
    );
    assert_eq!(
        d(
            "rules.set",
            "rules",
            "3",
            json!({"from_version": 2, "note": null, "changed": [{}]})
        ),
        "changed the working-time rules (version 3, 1 setting changed)"
    );
}

#[test]
fn describes_requests() {
    assert_eq!(
        d(
            "request.create",
            "request",
            "5",
            json!({"walkout": 2, "version": 1, "duties": [1, 2]})
        ),
        "created request 5 for 2 shifts (walkout 2)"
    );
    assert_eq!(
        d(
            "request.edit",
            "request",
            "5",
            json!({"version": 2, "was": "approved", "approval_voided": true})
        ),
        "changed request 5: now version 2; the approval of the earlier version no longer counts"
    );
    assert_eq!(
        d("request.submit", "request", "5", json!({"version": 2})),
        "submitted request 5 (version 2) for approval"
    );
    assert_eq!(
        d(
            "request.approve",
            "request",
            "5",
            json!({"version": 2, "comment": "agreed"})
        ),
        "approved request 5 (version 2): agreed"
    );
    assert_eq!(
        d(
            "request.return",
            "request",
            "5",
            json!({"version": 2, "comment": "add evidence"})
        ),
        "returned request 5 (version 2) without approving it: add evidence"
    );
    assert_eq!(
        d(
            "request.send",
            "request",
            "5",
            json!({"version": 2, "at": "14/03/2025 10:00", "to": "NHS England"})
        ),
        "recorded request 5 (version 2) as sent to NHS England at 14/03/2025 10:00"
    );
    assert_eq!(
        d(
            "request.granted",
            "request",
            "5",
            json!({"granted_doctors": 2, "granted_duties": [1, 2, 3]})
        ),
        "recorded that request 5 was granted: 2 doctors for 3 shifts"
    );
    assert_eq!(
        d(
            "request.declined",
            "request",
            "5",
            json!({"reason": "cover exists"})
        ),
        "recorded that request 5 was declined: cover exists"
    );
    assert_eq!(
        d("request.withdrawn", "request", "5", json!({})),
        "recorded that request 5 was withdrawn by the trust"
    );
    assert_eq!(
        d("request.not_decided", "request", "5", json!({})),
        "recorded that request 5 was not decided by the deadline"
    );
    assert_eq!(
        d("request.revoked", "request", "5", json!({})),
        "recorded that the grant of request 5 was revoked"
    );
    assert_eq!(
        d(
            "request.recall",
            "request",
            "5",
            json!({"recalls": [{}, {}]})
        ),
        "recalled 2 doctors for request 5"
    );
    let sha = "a".repeat(64);
    let detail = json!({"kind": "pdf", "version": 2, "sha256": sha, "approved": true});
    assert_eq!(
        d("request.export", "request", "5", detail.clone()),
        "exported request 5 (version 2) as PDF, approved, SHA-256 aaaaaaaaaaaaaaaa…"
    );
    assert_eq!(document_sha256("request.export", &detail), Some(sha));
    assert_eq!(document_sha256("request.edit", &detail), None);
}

#[test]
fn describes_profiles_and_unknown_actions() {
    assert_eq!(
        d(
            "user.add",
            "user",
            "3",
            json!({"username": "jo", "display_name": "Jo Smith", "role": "medical_director"})
        ),
        "added the profile jo (Jo Smith) as medical director"
    );
    assert_eq!(
        d(
            "user.change",
            "user",
            "3",
            json!({"username": "jo", "display_name": "Jo Smith", "role": "viewer", "was": "coordinator"})
        ),
        "changed the profile jo (Jo Smith): viewer (read only), was rota coordinator"
    );
    assert_eq!(
        d(
            "user.passphrase_set",
            "user",
            "3",
            json!({"username": "jo"})
        ),
        "set the passphrase of jo"
    );
    assert_eq!(
        d(
            "user.passphrase_change",
            "user",
            "3",
            json!({"username": "jo"})
        ),
        "changed the passphrase of jo"
    );
    assert_eq!(
        d("roster.frobnicate", "roster", "4", json!({"walkout": 2})),
        "recorded roster.frobnicate on roster 4 (walkout 2)"
    );
    assert_eq!(
        d(
            "report.export",
            "walkout_report",
            "2",
            json!({"sha256": "b".repeat(64)})
        ),
        "recorded report.export on walkout report 2, SHA-256 bbbbbbbbbbbbbbbb…"
    );
    assert_eq!(
        sentence("Jo Smith", "did a thing", "14/03/2025 14:02"),
        "Jo Smith did a thing, 14/03/2025 14:02"
    );
}

#[test]
fn the_actions_added_alongside_the_trail_read_as_sentences() {
    let d = |a: &str, e: &str, id: Option<&str>, v: serde_json::Value| describe(a, e, id, &v);
    assert_eq!(
        d(
            "impact.export",
            "walkout",
            Some("2"),
            json!({"walkout_id": 2, "kind": "pdf", "sha256": "c".repeat(64), "path": "/tmp/r.pdf"})
        ),
        "exported the impact report of walkout 2 as a PDF, SHA-256 cccccccccccccccc…"
    );
    assert_eq!(
        d(
            "impact.export",
            "walkout",
            Some("3"),
            json!({"kind": "csv"})
        ),
        "exported the impact report of walkout 3 as CSV, SHA-256 …"
    );
    assert_eq!(
        document_sha256("impact.export", &json!({"sha256": "c".repeat(64)})),
        Some("c".repeat(64))
    );
    assert_eq!(
        d(
            "incident.add",
            "incident",
            Some("4"),
            json!({"walkout_id": 2, "incident_id": 4, "department": "Emergency Department",
                   "occurred_utc": 1_729_857_600, "reference": "W12345", "harm": "moderate",
                   "near_miss": false, "request_id": 7, "gap_id": null, "version": 1})
        ),
        "logged patient safety incident 4 in Emergency Department at 25/10/2024 13:00: reference W12345, moderate harm, request 7 (walkout 2)"
    );
    assert_eq!(
        d(
            "incident.edit",
            "incident",
            Some("4"),
            json!({"version": 2, "harm": "none", "near_miss": true, "change_reason": "Datix id corrected"})
        ),
        "changed patient safety incident 4 (now version 2): no harm, near miss: Datix id corrected"
    );
    assert_eq!(
        d("incident.add", "incident", None, json!("odd")),
        "logged a patient safety incident"
    );
    assert_eq!(
        d(
            "walkout.create_from",
            "walkout",
            Some("5"),
            json!({"from": 2, "from_title": "March", "title": "April", "body": "bma",
                   "carried": {"ladder_version": 3, "contacts": 4, "contacts_from_attempts": 1,
                               "departments": 6, "critical_departments": 0, "wordings": 2}})
        ),
        "started walkout 5 from walkout 2 (March): April (carried over: 4 contacts, 6 department settings, ladder version 3, 2 request wordings)"
    );
    assert_eq!(
        d(
            "walkout.create_from",
            "walkout",
            Some("5"),
            json!({"carried": ["ladder", "contact_list"]})
        ),
        "started walkout 5 from a previous walkout (carried over: ladder, contact list)"
    );
    assert_eq!(
        d(
            "contact.add",
            "contact",
            Some("9"),
            json!({"walkout_id": 5, "kind": "agency", "name": "Medics4U"})
        ),
        "added agency Medics4U to the contact list (walkout 5)"
    );
    assert_eq!(
        d("contact.remove", "contact", Some("9"), json!({})),
        "removed contact 9 from the contact list"
    );
}
