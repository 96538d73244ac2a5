//! The audit trail: the plain-English viewer and the chain check. Reading only.

use crate::error::CmdResult;
use crate::state::AppState;
use strikecover_core::audit::{AuditFilter, AuditPage, AuditVerifyView};
use strikecover_core::usecases;
use tauri::State;

#[tauri::command]
pub async fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> CmdResult<AuditPage> {
    state
        .with_db(move |db, _| usecases::audit_list(db, &filter))
        .await
}

#[tauri::command]
pub async fn audit_verify(
    state: State<'_, AppState>,
    anchor: Option<String>,
) -> CmdResult<AuditVerifyView> {
    state
        .with_db(move |db, _| usecases::audit_verify(db, anchor.as_deref()))
        .await
}
