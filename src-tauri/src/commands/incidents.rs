//! The incident log of a walkout: log, change (a new version with a reason), list, show.

use crate::error::CmdResult;
use crate::state::AppState;
use strikecover_core::incidents::{IncidentInput, IncidentSummary, IncidentView};
use strikecover_core::usecases;
use tauri::State;

#[tauri::command]
pub async fn incident_add(
    state: State<'_, AppState>,
    input: IncidentInput,
) -> CmdResult<IncidentView> {
    state
        .with_db(move |db, ctx| usecases::incident_add(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn incident_update(
    state: State<'_, AppState>,
    incident_id: i64,
    input: IncidentInput,
) -> CmdResult<IncidentView> {
    state
        .with_db(move |db, ctx| usecases::incident_update(db, &ctx, incident_id, &input))
        .await
}

#[tauri::command]
pub async fn incidents_list(
    state: State<'_, AppState>,
    walkout_id: i64,
) -> CmdResult<Vec<IncidentSummary>> {
    state
        .with_db(move |db, _| usecases::incidents(db, walkout_id))
        .await
}

#[tauri::command]
pub async fn incident_get(state: State<'_, AppState>, incident_id: i64) -> CmdResult<IncidentView> {
    state
        .with_db(move |db, _| usecases::incident(db, incident_id))
        .await
}
