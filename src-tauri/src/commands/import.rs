//! Importing rota exports and loading the demo trust. Progress goes back over a channel.

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use std::path::PathBuf;
use strikecover_core::import::{self, ImportPreview, ImportProgress};
use strikecover_core::usecases;
use strikecover_core::views::ImportSummary;
use tauri::ipc::Channel;
use tauri::State;

fn path_arg(path: &str) -> CmdResult<PathBuf> {
    let p = path.trim().trim_matches('"');
    if p.is_empty() {
        return Err(CommandError {
            field: Some("path".into()),
            ..CommandError::new("invalid", "choose a file to import")
        });
    }
    Ok(PathBuf::from(p))
}

#[tauri::command]
pub async fn import_preview(path: String) -> CmdResult<ImportPreview> {
    let path = path_arg(&path)?;
    tauri::async_runtime::spawn_blocking(move || import::preview_file(&path))
        .await
        .map_err(|e| CommandError::new("internal", e.to_string()))?
        .map_err(|e| CommandError::from(strikecover_core::Error::from(e)))
}

#[tauri::command]
pub async fn import_run(
    state: State<'_, AppState>,
    path: String,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ImportSummary> {
    let path = path_arg(&path)?;
    state
        .with_db(move |db, ctx| {
            usecases::import_file(db, &ctx, &path, &mut |p| {
                let _ = on_progress.send(p);
            })
        })
        .await
}

#[tauri::command]
pub async fn demo_load(state: State<'_, AppState>) -> CmdResult<ImportSummary> {
    state
        .with_db(|db, ctx| usecases::load_demo(db, &ctx, &mut |_| {}))
        .await
}
