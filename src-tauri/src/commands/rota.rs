//! The rota, the staff list, the grade table, the trust's name.

use crate::error::CmdResult;
use crate::state::AppState;
use strikecover_core::model::StaffGroup;
use strikecover_core::usecases;
use strikecover_core::views::{AppStatus, DutyView, GradeView, RotaQuery, SiteView, StaffView};
use tauri::State;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let user = state.user.clone();
    state
        .with_db(move |db, _| usecases::status(db, &user))
        .await
}

#[tauri::command]
pub async fn sites_list(state: State<'_, AppState>) -> CmdResult<Vec<SiteView>> {
    state.with_db(|db, _| usecases::sites(db)).await
}

#[tauri::command]
pub async fn rota_query(state: State<'_, AppState>, query: RotaQuery) -> CmdResult<Vec<DutyView>> {
    state.with_db(move |db, _| usecases::rota(db, &query)).await
}

#[tauri::command]
pub async fn staff_list(state: State<'_, AppState>) -> CmdResult<Vec<StaffView>> {
    state.with_db(|db, _| usecases::staff(db)).await
}

#[tauri::command]
pub async fn grades_list(state: State<'_, AppState>) -> CmdResult<Vec<GradeView>> {
    state.with_db(|db, _| usecases::grades(db)).await
}

#[tauri::command]
pub async fn grade_set_group(
    state: State<'_, AppState>,
    grade: String,
    staff_group: StaffGroup,
) -> CmdResult<Vec<GradeView>> {
    state
        .with_db(move |db, ctx| usecases::set_grade_group(db, &ctx, &grade, staff_group))
        .await
}

#[tauri::command]
pub async fn trust_set_name(state: State<'_, AppState>, name: String) -> CmdResult<()> {
    state
        .with_db(move |db, ctx| usecases::set_trust_name(db, &ctx, &name))
        .await
}
