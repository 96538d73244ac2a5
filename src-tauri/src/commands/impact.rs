//! The impact report of a walkout, and saving it as PDF or CSV.

use crate::error::CmdResult;
use crate::state::AppState;
use std::path::PathBuf;
use strikecover_core::impact::{ImpactExport, ImpactFormat, ImpactReport};
use strikecover_core::usecases;
use tauri::State;

#[tauri::command]
pub async fn impact_report(state: State<'_, AppState>, walkout_id: i64) -> CmdResult<ImpactReport> {
    state
        .with_db(move |db, _| usecases::impact_report(db, walkout_id))
        .await
}

#[tauri::command]
pub async fn impact_export(
    state: State<'_, AppState>,
    walkout_id: i64,
    format: ImpactFormat,
    path: PathBuf,
) -> CmdResult<ImpactExport> {
    let renderer = state.renderer();
    state
        .with_db(move |db, ctx| {
            usecases::impact_export(db, &ctx, walkout_id, format, &path, &|doc| {
                renderer.impact_pdf(doc).map_err(|e| e.to_string())
            })
        })
        .await
}
