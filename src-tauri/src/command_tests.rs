//! Command tests: the real commands, wired as in the app, on Tauri's mock runtime and a real
//! database file. They check the wire shapes the window relies on.

use crate::state::AppState;
use crate::with_commands;
use serde_json::{json, Value};
use std::path::Path;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

fn window(db: &Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = with_commands(mock_builder())
        .manage(AppState::open(db.to_path_buf(), "tester".into()))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window");
    (app, w)
}

fn invoke(w: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().expect("json response"))
}

#[test]
fn first_start_demo_then_rota_staff_and_grades() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(&dir.path().join("a.sqlite3"));

    let status = invoke(&w, "app_status", json!({})).unwrap();
    assert_eq!(status["duties"], 0);
    assert_eq!(status["user"], "tester");

    let summary = invoke(&w, "demo_load", json!({})).unwrap();
    assert!(summary["doctors"].as_i64().unwrap() >= 70, "{summary}");
    let first = summary["first_date"].as_str().unwrap().to_string();

    let sites = invoke(&w, "sites_list", json!({})).unwrap();
    let site_id = sites[0]["id"].as_i64().unwrap();
    let duties = invoke(
        &w,
        "rota_query",
        json!({ "query": { "site_id": site_id, "department_id": null, "from": first, "days": 7 } }),
    )
    .unwrap();
    let duties = duties.as_array().unwrap();
    assert!(!duties.is_empty());
    assert!(duties[0]["start_local"].as_str().unwrap().len() == 5);

    let staff = invoke(&w, "staff_list", json!({})).unwrap();
    assert!(staff.as_array().unwrap().len() >= 70);

    let grades = invoke(
        &w,
        "grade_set_group",
        json!({ "grade": "FY1", "staffGroup": "other" }),
    )
    .unwrap();
    let fy1 = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["grade"] == "FY1")
        .unwrap();
    assert_eq!(fy1["staff_group"], "other");

    let err = invoke(&w, "demo_load", json!({})).unwrap_err();
    assert_eq!(err["code"], "invalid");
}

#[test]
fn import_errors_carry_code_message_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(&dir.path().join("a.sqlite3"));
    let missing = dir.path().join("nope.csv");
    let err = invoke(&w, "import_preview", json!({ "path": missing })).unwrap_err();
    assert_eq!(err["code"], "import_read");
    assert!(err["message"].as_str().unwrap().contains("nope.csv"));

    let err = invoke(&w, "import_preview", json!({ "path": "  " })).unwrap_err();
    assert_eq!(err["field"], "path");

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "staff_id,name,grade,department,site,date,start,end,shift_type\n1,A,ST1,ED,North,32/01/2024,08:00,17:00,day\n",
    )
    .unwrap();
    let preview = invoke(&w, "import_preview", json!({ "path": bad })).unwrap();
    assert_eq!(preview["total_rows"], 1);
    assert_eq!(preview["missing_required"], json!([]));
    let err = invoke(
        &w,
        "import_run",
        json!({ "path": bad, "onProgress": "__CHANNEL__:7" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "import_bad_rows");
    assert_eq!(err["rows"][0]["row"], 2);
    assert_eq!(err["rows"][0]["column"], "date");
    assert_eq!(err["total"], 1);
    let status = invoke(&w, "app_status", json!({})).unwrap();
    assert_eq!(status["duties"], 0, "nothing imported");
}

#[test]
fn a_database_that_cannot_be_opened_is_reported_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.sqlite3");
    std::fs::write(
        &p,
        "not a database, only some text that is long enough to be read",
    )
    .unwrap();
    let (_app, w) = window(&p);
    let err = invoke(&w, "app_status", json!({})).unwrap_err();
    assert_eq!(err["code"], "db_not_ours");
    assert!(err["message"].as_str().unwrap().contains("notes.sqlite3"));
}

/// The demo trust and a 3-day resident walkout starting 8 days into it.
fn demo_walkout(w: &WebviewWindow<MockRuntime>) -> (Value, chrono::NaiveDate) {
    let summary = invoke(w, "demo_load", json!({})).unwrap();
    let first: chrono::NaiveDate = summary["first_date"].as_str().unwrap().parse().unwrap();
    let start = first + chrono::Duration::days(8);
    let walkout = invoke(
        w,
        "walkout_create",
        json!({ "input": {
            "body": "BMA", "title": "", "staff_groups": ["resident"], "grades": [],
            "start_date": start, "start_time": "07:00",
            "end_date": start + chrono::Duration::days(3), "end_time": "07:00",
            "notice_date": start - chrono::Duration::days(14), "undeclared_uncovered": true
        } }),
    )
    .unwrap();
    (walkout, start)
}

#[test]
fn walkout_intents_gaps_marks_and_dashboard_over_the_wire() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(&dir.path().join("a.sqlite3"));
    let (walkout, start) = demo_walkout(&w);
    let id = walkout["id"].as_i64().unwrap();
    assert_eq!(
        walkout["title"],
        format!("BMA action from {}", start.format("%d/%m/%Y"))
    );
    assert_eq!(
        walkout["start_local"],
        format!("{} 07:00", start.format("%d/%m/%Y"))
    );
    assert_eq!(walkout["created_by"], "tester");
    let affected = walkout["affected_staff"].as_i64().unwrap();
    assert!(affected > 20, "{walkout}");
    assert_eq!(walkout["undeclared"], affected);

    // The demo's own past walkout, and the one just made.
    let list = invoke(&w, "walkout_list", json!({})).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().any(|x| x["id"] == id));

    let intents = invoke(&w, "intent_list", json!({ "walkoutId": id })).unwrap();
    let intents = intents.as_array().unwrap();
    assert_eq!(intents.len() as i64, affected);
    assert_eq!(intents[0]["intent"], "undeclared");
    let two: Vec<i64> = intents[..2]
        .iter()
        .map(|i| i["staff_id"].as_i64().unwrap())
        .collect();
    let after = invoke(
        &w,
        "intent_set",
        json!({ "walkoutId": id, "staffIds": two, "intent": "working" }),
    )
    .unwrap();
    let working: Vec<&Value> = after
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["intent"] == "working")
        .collect();
    assert_eq!(working.len(), 2);
    assert_eq!(working[0]["set_by"], "tester");

    let gaps = invoke(&w, "gap_list", json!({ "walkoutId": id })).unwrap();
    let gaps = gaps.as_array().unwrap();
    assert!(!gaps.is_empty());
    let g = &gaps[0];
    for field in [
        "duty_id",
        "date",
        "start_local",
        "end_local",
        "start",
        "end",
        "hours",
        "overlap_hours",
        "night",
        "shift_type",
        "grade",
        "staff_group",
        "site_id",
        "site",
        "department_id",
        "department",
        "critical",
        "reason",
        "status",
        "manual",
    ] {
        assert!(!g[field].is_null(), "{field} in {g}");
    }
    assert_eq!(g["status"], "uncovered");

    let marked = invoke(
        &w,
        "gap_mark",
        json!({ "walkoutId": id, "mark": { "duty_id": g["duty_id"], "uncovered": false, "reason": "will work after all" } }),
    )
    .unwrap();
    assert_eq!(marked["manual"], true);
    assert_eq!(marked["status"], "covered");
    assert_eq!(marked["note"], "will work after all");
    assert_eq!(marked["marked_by"], "tester");
    let again = invoke(&w, "gap_list", json!({ "walkoutId": id })).unwrap();
    assert_eq!(again.as_array().unwrap().len(), gaps.len() - 1);

    let err = invoke(
        &w,
        "gap_mark",
        json!({ "walkoutId": id, "mark": { "duty_id": g["duty_id"], "uncovered": true, "reason": " " } }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "reason");

    let dept = g["department_id"].as_i64().unwrap();
    let sites = invoke(
        &w,
        "department_set_critical",
        json!({ "departmentId": dept, "critical": !g["critical"].as_bool().unwrap() }),
    )
    .unwrap();
    let flag = sites
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["departments"].as_array().unwrap())
        .find(|d| d["id"] == dept)
        .unwrap()["critical"]
        .clone();
    assert_eq!(flag, !g["critical"].as_bool().unwrap());

    let board = invoke(&w, "walkout_dashboard", json!({ "walkoutId": id })).unwrap();
    assert_eq!(board["days"].as_array().unwrap().len(), 3);
    assert_eq!(board["sitrep"].as_array().unwrap().len(), 3);
    let uncovered: i64 = board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap())
        .map(|c| c["uncovered"].as_i64().unwrap())
        .sum();
    assert_eq!(uncovered as usize, gaps.len() - 1);
    assert_eq!(board["walkout"]["working"], 2);

    let out = dir.path().join("sitrep.csv");
    let n = invoke(&w, "sitrep_export", json!({ "walkoutId": id, "path": out })).unwrap();
    assert_eq!(n, 3);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("date,staff_due,staff_taking_action,undeclared,vacant_shifts\n"));
    let err = invoke(&w, "sitrep_export", json!({ "walkoutId": id, "path": out })).unwrap_err();
    assert_eq!(err["code"], "io");
    assert!(err["message"].as_str().unwrap().contains("already exists"));
}

#[test]
fn walkout_errors_name_the_field_and_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(&dir.path().join("a.sqlite3"));
    let (walkout, start) = demo_walkout(&w);
    let id = walkout["id"].as_i64().unwrap();
    let err = invoke(
        &w,
        "walkout_create",
        json!({ "input": {
            "body": "BMA", "title": "", "staff_groups": ["resident"], "grades": [],
            "start_date": start, "start_time": "07:00", "end_date": start, "end_time": "07:00",
            "notice_date": null, "undeclared_uncovered": true
        } }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "end_date");

    let bad = dir.path().join("intents.csv");
    std::fs::write(&bad, "staff_id,intent\n00000000,striking\n,maybe\n").unwrap();
    let err = invoke(&w, "intent_import", json!({ "walkoutId": id, "path": bad })).unwrap_err();
    assert_eq!(err["code"], "import_bad_rows");
    assert_eq!(err["total"], 3);
    assert_eq!(err["rows"][0]["row"], 2);
    assert_eq!(err["rows"][0]["column"], "staff_id");

    let err = invoke(&w, "gap_list", json!({ "walkoutId": 999 })).unwrap_err();
    assert_eq!(err["code"], "not_found");
    let err = invoke(
        &w,
        "intent_set",
        json!({ "walkoutId": id, "staffIds": [], "intent": "striking" }),
    )
    .unwrap_err();
    assert_eq!(err["field"], "staff_ids");
}

#[test]
fn sourcing_ladder_attempts_candidates_and_fills_over_the_wire() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(&dir.path().join("a.sqlite3"));
    let (walkout, _) = demo_walkout(&w);
    let id = walkout["id"].as_i64().unwrap();
    let gaps = invoke(&w, "gap_list", json!({ "walkoutId": id })).unwrap();
    let duty = gaps[0]["duty_id"].as_i64().unwrap();

    let ladder = invoke(&w, "ladder_get", json!({})).unwrap();
    assert_eq!(ladder["rungs"].as_array().unwrap().len(), 9);
    let rules = invoke(&w, "rules_get", json!({})).unwrap();
    assert_eq!(rules["version"], 0);
    assert!(rules["settings"][0]["source"].as_str().unwrap().len() > 3);
    let levels = invoke(&w, "cover_levels_list", json!({})).unwrap();
    assert!(levels
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["grade"] == "FY1" && l["level"] == 1));

    let view = invoke(
        &w,
        "sourcing_get",
        json!({ "walkoutId": id, "dutyIds": [duty] }),
    )
    .unwrap();
    assert_eq!(view["gaps"][0]["exhausted"], false);
    assert_eq!(view["gaps"][0]["rungs"][0]["state"], "not_started");

    let attempt = |rate: &str| {
        json!({ "walkoutId": id, "input": {
            "duty_ids": [duty], "rung_code": "locum", "contact_kind": "agency",
            "asked": "Medics4U", "staff_id": null, "asked_at": "", "channel": "phone",
            "rate": rate, "outcome": "declined", "reply_by": "", "accepted_duty_ids": [],
            "notes": "", "supersedes": null
        } })
    };
    let e = invoke(&w, "attempt_add", attempt("-1")).unwrap_err();
    assert_eq!(e["code"], "invalid");
    assert_eq!(e["field"], "rate");
    let view = invoke(&w, "attempt_add", attempt("95")).unwrap();
    assert_eq!(view["attempts"][0]["rate_pence_per_hour"], 9500);
    let locum = view["gaps"][0]["rungs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "locum")
        .unwrap()
        .clone();
    assert_eq!(locum["state"], "exhausted");

    let c = invoke(
        &w,
        "candidates_get",
        json!({ "walkoutId": id, "dutyId": duty }),
    )
    .unwrap();
    let total = c["eligible"].as_array().unwrap().len() + c["excluded"].as_array().unwrap().len();
    assert!(total >= 70, "every doctor is listed: {total}");
    assert!(
        c["excluded"][0]["reasons"][0]["message"]
            .as_str()
            .unwrap()
            .len()
            > 5
    );

    let view = invoke(
        &w,
        "gap_fill",
        json!({ "walkoutId": id, "input": {
            "duty_id": duty, "rung_code": "locum", "staff_id": null,
            "external_name": "Jo Locum", "external_org": "Medics4U", "attempt_id": null,
            "override_reason": ""
        } }),
    )
    .unwrap();
    assert_eq!(view["gaps"][0]["fill"]["covered_by"], "Jo Locum (Medics4U)");
    assert_eq!(view["gaps"][0]["gap"]["status"], "covered");
}

#[test]
fn requests_and_profiles_over_the_wire() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(&dir.path().join("r.sqlite3"));
    invoke(&w, "demo_load", json!({})).unwrap();

    let users = invoke(&w, "users_list", json!({})).unwrap();
    let me = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["is_me"] == true)
        .unwrap();
    assert_eq!(me["username"], "tester");
    assert_eq!(me["role"], "coordinator");

    let saved = invoke(
        &w,
        "user_save",
        json!({ "input": { "username": "mdirector", "display_name": "Dr M Director",
            "role": "medical_director", "email": "", "phone": "",
            "authoriser": strikecover_core::demo::DEMO_DIRECTOR,
            "authoriser_passphrase": strikecover_core::demo::DEMO_PASSPHRASE } }),
    )
    .unwrap();
    assert_eq!(saved["has_passphrase"], false);
    let short = invoke(
        &w,
        "user_passphrase_set",
        json!({ "input": { "username": "mdirector", "current": "", "new": "short" } }),
    )
    .unwrap_err();
    assert_eq!(short["code"], "invalid");
    assert_eq!(short["field"], "new");

    // The demo's past walkout holds four requests, one of each outcome it tells.
    let listed = invoke(&w, "requests_list", json!({ "walkoutId": null })).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 4, "{listed}");
    let e = invoke(
        &w,
        "requests_propose",
        json!({ "walkoutId": 99, "dutyIds": [] }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "not_found", "{e}");
    let e = invoke(&w, "request_get", json!({ "requestId": 7 })).unwrap_err();
    assert_eq!(e["code"], "not_found");
    let e = invoke(
        &w,
        "request_verify",
        json!({ "path": dir.path().join("missing.pdf") }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "io");
}

#[test]
fn audit_viewer_and_verify_over_the_wire() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(&dir.path().join("au.sqlite3"));
    invoke(&w, "demo_load", json!({})).unwrap();
    invoke(&w, "trust_set_name", json!({ "name": "Audit Trust" })).unwrap();

    let v = invoke(&w, "audit_verify", json!({ "anchor": null })).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    let rows = v["rows_checked"].as_u64().unwrap();
    assert!(rows >= 2, "{v}");
    assert_eq!(v["head_id"].as_u64(), Some(rows));
    assert!(v["first_break"].is_null());
    let head = v["head_hash"].as_str().unwrap().to_string();
    let v = invoke(&w, "audit_verify", json!({ "anchor": head })).unwrap();
    assert_eq!(v["anchor"]["ok"], true, "{v}");

    let page = invoke(
        &w,
        "audit_list",
        json!({ "filter": { "walkout_id": null, "duty_id": null, "request_id": null,
            "user": "tester", "from": null, "to": null, "limit": 1, "before_id": null } }),
    )
    .unwrap();
    let e = &page["entries"][0];
    assert_eq!(e["action"], "trust.rename", "{page}");
    let sentence = e["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("tester ")
            && sentence.contains("the trust")
            && sentence.contains("\"Audit Trust\""),
        "{e}"
    );
    assert!(page["next_before"].as_i64().is_some(), "{page}");

    let err = invoke(
        &w,
        "audit_list",
        json!({ "filter": { "from": "31/02/2025" } }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "from");
}
