//! The one error shape every command returns: `{ code, message, field?, rows? }`.

use serde::Serialize;
use strikecover_core::import::RowError;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CommandError {
    /// Stable machine-readable code (see `strikecover_core::Error::code`).
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
    /// The input field concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every bad row of a refused import (capped), for the window's table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<RowError>>,
    /// How many row problems there were in all (`rows` holds the first 200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_string(),
            message: message.into(),
            field: None,
            rows: None,
            total: None,
        }
    }
}

impl From<strikecover_core::Error> for CommandError {
    fn from(e: strikecover_core::Error) -> Self {
        let rows = e.row_errors();
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
            field: e.field().map(str::to_string),
            rows: if rows.is_empty() {
                None
            } else {
                Some(rows.to_vec())
            },
            total: (!rows.is_empty()).then(|| e.row_error_total()),
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
