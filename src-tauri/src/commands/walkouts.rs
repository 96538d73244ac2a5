//! Walkouts: create and list them, doctors' intents, the gaps and marks by hand, critical
//! departments, the dashboard and the situation report export.

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use std::path::PathBuf;
use strikecover_core::usecases;
use strikecover_core::views::SiteView;
use strikecover_core::walkouts::{
    DashboardView, GapMark, GapView, Intent, IntentImportSummary, IntentView, WalkoutInput,
    WalkoutView,
};
use tauri::State;

fn path_arg(path: &str, empty: &str) -> CmdResult<PathBuf> {
    let p = path.trim().trim_matches('"');
    if p.is_empty() {
        return Err(CommandError {
            field: Some("path".into()),
            ..CommandError::new("invalid", empty)
        });
    }
    Ok(PathBuf::from(p))
}

#[tauri::command]
pub async fn walkout_create(
    state: State<'_, AppState>,
    input: WalkoutInput,
) -> CmdResult<WalkoutView> {
    state
        .with_db(move |db, ctx| usecases::walkout_create(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn walkout_list(state: State<'_, AppState>) -> CmdResult<Vec<WalkoutView>> {
    state.with_db(|db, _| usecases::walkouts(db)).await
}

#[tauri::command]
pub async fn walkout_set_undeclared(
    state: State<'_, AppState>,
    walkout_id: i64,
    uncovered: bool,
) -> CmdResult<WalkoutView> {
    state
        .with_db(move |db, ctx| usecases::walkout_set_undeclared(db, &ctx, walkout_id, uncovered))
        .await
}

#[tauri::command]
pub async fn intent_list(
    state: State<'_, AppState>,
    walkout_id: i64,
) -> CmdResult<Vec<IntentView>> {
    state
        .with_db(move |db, _| usecases::intents(db, walkout_id))
        .await
}

#[tauri::command]
pub async fn intent_set(
    state: State<'_, AppState>,
    walkout_id: i64,
    staff_ids: Vec<i64>,
    intent: Intent,
) -> CmdResult<Vec<IntentView>> {
    state
        .with_db(move |db, ctx| usecases::intent_set(db, &ctx, walkout_id, &staff_ids, intent))
        .await
}

#[tauri::command]
pub async fn intent_import(
    state: State<'_, AppState>,
    walkout_id: i64,
    path: String,
) -> CmdResult<IntentImportSummary> {
    let path = path_arg(&path, "choose a file of intents to import")?;
    state
        .with_db(move |db, ctx| usecases::intent_import(db, &ctx, walkout_id, &path))
        .await
}

#[tauri::command]
pub async fn gap_list(state: State<'_, AppState>, walkout_id: i64) -> CmdResult<Vec<GapView>> {
    state
        .with_db(move |db, _| usecases::gaps(db, walkout_id))
        .await
}

#[tauri::command]
pub async fn gap_mark(
    state: State<'_, AppState>,
    walkout_id: i64,
    mark: GapMark,
) -> CmdResult<GapView> {
    state
        .with_db(move |db, ctx| usecases::gap_mark(db, &ctx, walkout_id, &mark))
        .await
}

#[tauri::command]
pub async fn department_set_critical(
    state: State<'_, AppState>,
    department_id: i64,
    critical: bool,
) -> CmdResult<Vec<SiteView>> {
    state
        .with_db(move |db, ctx| {
            usecases::department_set_critical(db, &ctx, department_id, critical)
        })
        .await
}

#[tauri::command]
pub async fn walkout_dashboard(
    state: State<'_, AppState>,
    walkout_id: i64,
) -> CmdResult<DashboardView> {
    state
        .with_db(move |db, _| usecases::dashboard(db, walkout_id))
        .await
}

/// Writes the situation report as CSV to a new file the user chose; returns the days written.
#[tauri::command]
pub async fn sitrep_export(
    state: State<'_, AppState>,
    walkout_id: i64,
    path: String,
) -> CmdResult<u64> {
    let path = path_arg(&path, "choose where to save the situation report")?;
    state
        .with_db(move |db, _| usecases::sitrep_export(db, walkout_id, &path))
        .await
}
