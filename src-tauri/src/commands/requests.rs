//! Derogation requests: build, check, approve, send, decide, recall, export, verify; user
//! profiles and passphrases.

use crate::error::CmdResult;
use crate::state::AppState;
use std::path::PathBuf;
use strikecover_core::requests::{
    ApproveInput, DecisionInput, DocKind, ExportResult, PassphraseInput, RecallChoice, RecallInput,
    RequestInput, RequestProposal, RequestSummary, RequestView, SendInput, UserInput, UserView,
    VerifyResult,
};
use strikecover_core::usecases;
use tauri::State;

#[tauri::command]
pub async fn requests_propose(
    state: State<'_, AppState>,
    walkout_id: i64,
    duty_ids: Vec<i64>,
) -> CmdResult<Vec<RequestProposal>> {
    state
        .with_db(move |db, _| usecases::requests_propose(db, walkout_id, &duty_ids))
        .await
}

#[tauri::command]
pub async fn request_create(
    state: State<'_, AppState>,
    input: RequestInput,
) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_create(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn request_update(
    state: State<'_, AppState>,
    request_id: i64,
    input: RequestInput,
) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_update(db, &ctx, request_id, &input))
        .await
}

#[tauri::command]
pub async fn requests_list(
    state: State<'_, AppState>,
    walkout_id: Option<i64>,
) -> CmdResult<Vec<RequestSummary>> {
    state
        .with_db(move |db, ctx| usecases::requests_list(db, &ctx, walkout_id))
        .await
}

#[tauri::command]
pub async fn request_get(state: State<'_, AppState>, request_id: i64) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_get(db, &ctx, request_id))
        .await
}

#[tauri::command]
pub async fn request_submit(
    state: State<'_, AppState>,
    request_id: i64,
    version: u32,
) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_submit(db, &ctx, request_id, version))
        .await
}

#[tauri::command]
pub async fn request_approve(
    state: State<'_, AppState>,
    input: ApproveInput,
) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_approve(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn request_send(state: State<'_, AppState>, input: SendInput) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_send(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn request_decide(
    state: State<'_, AppState>,
    input: DecisionInput,
) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_decide(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn request_recall_choices(
    state: State<'_, AppState>,
    request_id: i64,
) -> CmdResult<Vec<RecallChoice>> {
    state
        .with_db(move |db, _| usecases::request_recall_choices(db, request_id))
        .await
}

#[tauri::command]
pub async fn request_recall(
    state: State<'_, AppState>,
    input: RecallInput,
) -> CmdResult<RequestView> {
    state
        .with_db(move |db, ctx| usecases::request_recall(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn request_export(
    state: State<'_, AppState>,
    request_id: i64,
    kind: DocKind,
    path: PathBuf,
) -> CmdResult<ExportResult> {
    let renderer = state.renderer();
    state
        .with_db(move |db, ctx| {
            usecases::request_export(db, &ctx, request_id, kind, &path, &|doc| {
                renderer.pdf(doc).map_err(|e| e.to_string())
            })
        })
        .await
}

#[tauri::command]
pub async fn request_verify(state: State<'_, AppState>, path: PathBuf) -> CmdResult<VerifyResult> {
    state
        .with_db(move |db, _| usecases::request_verify(db, &path))
        .await
}

#[tauri::command]
pub async fn users_list(state: State<'_, AppState>) -> CmdResult<Vec<UserView>> {
    state
        .with_db(|db, ctx| usecases::users_list(db, &ctx))
        .await
}

#[tauri::command]
pub async fn user_save(state: State<'_, AppState>, input: UserInput) -> CmdResult<UserView> {
    state
        .with_db(move |db, ctx| usecases::user_save(db, &ctx, &input))
        .await
}

#[tauri::command]
pub async fn user_passphrase_set(
    state: State<'_, AppState>,
    input: PassphraseInput,
) -> CmdResult<UserView> {
    state
        .with_db(move |db, ctx| usecases::user_passphrase_set(db, &ctx, &input))
        .await
}
