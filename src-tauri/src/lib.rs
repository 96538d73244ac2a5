//! The Tauri shell: opens the database, registers the commands, nothing else. Every decision
//! lives in `strikecover_core`.

pub mod commands;
pub mod error;
pub mod state;

#[cfg(test)]
mod command_tests;

use state::AppState;
use std::path::PathBuf;
use strikecover_core::store::DB_ENV;
use tauri::Manager;

/// The database file: `--db PATH` (or `--db=PATH`) on the command line, else the
/// `STRIKECOVER_DB` environment variable, else `strikecover.sqlite3` in the app's local data
/// directory.
pub fn db_path_from(
    args: &[String],
    env: Option<String>,
    data_dir: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--db" {
            if let Some(p) = it.next() {
                return Some(PathBuf::from(p));
            }
        } else if let Some(p) = a.strip_prefix("--db=") {
            return Some(PathBuf::from(p));
        }
    }
    if let Some(e) = env.filter(|e| !e.trim().is_empty()) {
        return Some(PathBuf::from(e));
    }
    data_dir().map(|d| d.join("strikecover.sqlite3"))
}

/// Registers the commands on a builder (used by `run` and by the command tests).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::rota::app_status,
        commands::rota::sites_list,
        commands::rota::rota_query,
        commands::rota::staff_list,
        commands::rota::grades_list,
        commands::rota::grade_set_group,
        commands::rota::trust_set_name,
        commands::import::import_preview,
        commands::import::import_run,
        commands::import::demo_load,
        commands::walkouts::walkout_create,
        commands::walkouts::walkout_list,
        commands::rounds::walkout_carry_preview,
        commands::rounds::walkout_create_from,
        commands::rounds::walkout_ladder,
        commands::rounds::contacts_list,
        commands::rounds::contact_add,
        commands::rounds::contact_remove,
        commands::rounds::request_wording,
        commands::walkouts::walkout_set_undeclared,
        commands::walkouts::intent_list,
        commands::walkouts::intent_set,
        commands::walkouts::intent_import,
        commands::walkouts::gap_list,
        commands::walkouts::gap_mark,
        commands::walkouts::department_set_critical,
        commands::walkouts::walkout_dashboard,
        commands::walkouts::sitrep_export,
        commands::sourcing::ladder_get,
        commands::sourcing::ladder_set,
        commands::sourcing::sourcing_get,
        commands::sourcing::attempt_add,
        commands::sourcing::rung_mark,
        commands::sourcing::candidates_get,
        commands::sourcing::gap_fill,
        commands::sourcing::gap_release,
        commands::sourcing::rules_get,
        commands::sourcing::rules_set,
        commands::sourcing::cover_levels_list,
        commands::sourcing::cover_level_set,
        commands::requests::requests_propose,
        commands::requests::request_create,
        commands::requests::request_update,
        commands::requests::requests_list,
        commands::requests::request_get,
        commands::requests::request_submit,
        commands::requests::request_approve,
        commands::requests::request_send,
        commands::requests::request_decide,
        commands::requests::request_recall_choices,
        commands::requests::request_recall,
        commands::requests::request_export,
        commands::requests::request_verify,
        commands::requests::users_list,
        commands::requests::user_save,
        commands::requests::user_passphrase_set,
        commands::audit::audit_list,
        commands::audit::audit_verify,
        commands::incidents::incident_add,
        commands::incidents::incident_update,
        commands::incidents::incidents_list,
        commands::incidents::incident_get,
        commands::impact::impact_report,
        commands::impact::impact_export,
    ])
}

pub fn run() {
    let args: Vec<String> = std::env::args().collect();
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let path = db_path_from(&args, std::env::var(DB_ENV).ok(), || {
                app.path().app_local_data_dir().ok()
            })
            .ok_or("no local data directory for the database; start with --db PATH")?;
            log::info!("database: {}", path.display());
            app.manage(AppState::open(path, strikecover_core::usecases::os_user()));
            Ok(())
        });
    with_commands(builder)
        .run(tauri::generate_context!())
        .expect("error while running Strike Cover");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn db_flag_wins_over_env_and_default() {
        let p = db_path_from(
            &s(&["app", "--db", "/tmp/x.sqlite3"]),
            Some("/tmp/env.sqlite3".into()),
            || None,
        );
        assert_eq!(p, Some(PathBuf::from("/tmp/x.sqlite3")));
        let p = db_path_from(&s(&["app", "--db=/tmp/y.sqlite3"]), None, || None);
        assert_eq!(p, Some(PathBuf::from("/tmp/y.sqlite3")));
        let p = db_path_from(&s(&["app"]), Some("/tmp/env.sqlite3".into()), || {
            Some(PathBuf::from("/data"))
        });
        assert_eq!(p, Some(PathBuf::from("/tmp/env.sqlite3")));
        let p = db_path_from(&s(&["app"]), None, || Some(PathBuf::from("/data")));
        assert_eq!(p, Some(PathBuf::from("/data/strikecover.sqlite3")));
    }
}
