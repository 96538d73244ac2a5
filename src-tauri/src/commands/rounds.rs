//! Rounds: start a walkout from a previous one, its contact list, carried request wording,
//! per-walkout criticality and the walkout's ladder.

use crate::error::CmdResult;
use crate::state::AppState;
use strikecover_core::rounds::{CarriedWording, CarryPreview, ContactInput, ContactView};
use strikecover_core::sourcing::LadderView;
use strikecover_core::usecases;
use strikecover_core::walkouts::{WalkoutInput, WalkoutView};
use tauri::State;

#[tauri::command]
pub async fn walkout_carry_preview(
    state: State<'_, AppState>,
    previous_id: i64,
) -> CmdResult<CarryPreview> {
    state
        .with_db(move |db, _| usecases::walkout_carry_preview(db, previous_id))
        .await
}

#[tauri::command]
pub async fn walkout_create_from(
    state: State<'_, AppState>,
    previous_id: i64,
    input: WalkoutInput,
) -> CmdResult<WalkoutView> {
    state
        .with_db(move |db, ctx| usecases::walkout_create_from(db, &ctx, previous_id, &input))
        .await
}

#[tauri::command]
pub async fn walkout_ladder(state: State<'_, AppState>, walkout_id: i64) -> CmdResult<LadderView> {
    state
        .with_db(move |db, _| usecases::walkout_ladder(db, walkout_id))
        .await
}

#[tauri::command]
pub async fn contacts_list(
    state: State<'_, AppState>,
    walkout_id: i64,
) -> CmdResult<Vec<ContactView>> {
    state
        .with_db(move |db, _| usecases::contacts(db, walkout_id))
        .await
}

#[tauri::command]
pub async fn contact_add(
    state: State<'_, AppState>,
    walkout_id: i64,
    input: ContactInput,
) -> CmdResult<Vec<ContactView>> {
    state
        .with_db(move |db, ctx| usecases::contact_add(db, &ctx, walkout_id, &input))
        .await
}

#[tauri::command]
pub async fn contact_remove(
    state: State<'_, AppState>,
    walkout_id: i64,
    contact_id: i64,
) -> CmdResult<Vec<ContactView>> {
    state
        .with_db(move |db, ctx| usecases::contact_remove(db, &ctx, walkout_id, contact_id))
        .await
}

#[tauri::command]
pub async fn request_wording(
    state: State<'_, AppState>,
    walkout_id: i64,
    department_id: i64,
    role: String,
) -> CmdResult<Option<CarriedWording>> {
    state
        .with_db(move |db, _| usecases::request_wording(db, walkout_id, department_id, &role))
        .await
}
