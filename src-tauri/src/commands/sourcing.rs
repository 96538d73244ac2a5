//! Sourcing: the ladder, the attempt log, rung marks, the candidate finder, fills, the rules'
//! numbers and the grades' cover levels.

use crate::error::CmdResult;
use crate::state::AppState;
use strikecover_core::rules::RuleSetting;
use strikecover_core::sourcing::{
    AttemptInput, CandidatesView, CoverLevelView, FillInput, LadderView, ReleaseInput, RuleSetView,
    RungInput, RungMarkInput, SourcingView,
};
use strikecover_core::usecases;
use tauri::State;

#[tauri::command]
pub async fn ladder_get(state: State<'_, AppState>) -> CmdResult<LadderView> {
    state.with_db(|db, _| usecases::ladder(db)).await
}

#[tauri::command]
pub async fn ladder_set(
    state: State<'_, AppState>,
    rungs: Vec<RungInput>,
    note: String,
) -> CmdResult<LadderView> {
    state
        .with_db(move |db, ctx| usecases::ladder_set(db, &ctx, &rungs, &note))
        .await
}

#[tauri::command]
pub async fn sourcing_get(
    state: State<'_, AppState>,
    walkout_id: i64,
    duty_ids: Vec<i64>,
) -> CmdResult<SourcingView> {
    state
        .with_db(move |db, _| usecases::sourcing_view(db, walkout_id, &duty_ids))
        .await
}

#[tauri::command]
pub async fn attempt_add(
    state: State<'_, AppState>,
    walkout_id: i64,
    input: AttemptInput,
) -> CmdResult<SourcingView> {
    state
        .with_db(move |db, ctx| usecases::attempt_add(db, &ctx, walkout_id, &input))
        .await
}

#[tauri::command]
pub async fn rung_mark(
    state: State<'_, AppState>,
    walkout_id: i64,
    input: RungMarkInput,
) -> CmdResult<SourcingView> {
    state
        .with_db(move |db, ctx| usecases::rung_mark(db, &ctx, walkout_id, &input))
        .await
}

#[tauri::command]
pub async fn candidates_get(
    state: State<'_, AppState>,
    walkout_id: i64,
    duty_id: i64,
) -> CmdResult<CandidatesView> {
    state
        .with_db(move |db, _| usecases::candidates(db, walkout_id, duty_id))
        .await
}

#[tauri::command]
pub async fn gap_fill(
    state: State<'_, AppState>,
    walkout_id: i64,
    input: FillInput,
) -> CmdResult<SourcingView> {
    state
        .with_db(move |db, ctx| usecases::gap_fill(db, &ctx, walkout_id, &input))
        .await
}

#[tauri::command]
pub async fn gap_release(
    state: State<'_, AppState>,
    walkout_id: i64,
    input: ReleaseInput,
) -> CmdResult<SourcingView> {
    state
        .with_db(move |db, ctx| usecases::gap_release(db, &ctx, walkout_id, &input))
        .await
}

#[tauri::command]
pub async fn rules_get(state: State<'_, AppState>) -> CmdResult<RuleSetView> {
    state.with_db(|db, _| usecases::rules(db)).await
}

#[tauri::command]
pub async fn rules_set(
    state: State<'_, AppState>,
    settings: Vec<RuleSetting>,
    note: String,
) -> CmdResult<RuleSetView> {
    state
        .with_db(move |db, ctx| usecases::rules_set(db, &ctx, &settings, &note))
        .await
}

#[tauri::command]
pub async fn cover_levels_list(state: State<'_, AppState>) -> CmdResult<Vec<CoverLevelView>> {
    state.with_db(|db, _| usecases::cover_levels(db)).await
}

#[tauri::command]
pub async fn cover_level_set(
    state: State<'_, AppState>,
    grade: String,
    level: Option<u8>,
) -> CmdResult<Vec<CoverLevelView>> {
    state
        .with_db(move |db, ctx| usecases::set_cover_level(db, &ctx, &grade, level))
        .await
}
