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
