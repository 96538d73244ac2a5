//! The core's one error type. Every variant has a stable `code()` the window and the CLI use.

use crate::import::{ImportError, RowError};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A field of a user's input is wrong (names the field).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("{what} not found")]
    NotFound { what: String },
    /// The database file failed `PRAGMA quick_check`.
    #[error("the database {path} is damaged ({detail}). Restore it from a backup (see README: Backups); the file has not been changed")]
    Corrupt { path: String, detail: String },
    /// The database was written by a newer version of the app.
    #[error("the database {path} was written by a newer version of Strike Cover (schema {found}; this version knows up to {supported}). Use the newer version; the file has not been changed")]
    NewerSchema {
        path: String,
        found: u32,
        supported: u32,
    },
    #[error("{path} is not a Strike Cover database: {detail}")]
    NotOurs { path: String, detail: String },
    #[error("file {path}: {message}")]
    Io { path: String, message: String },
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("internal error: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Import(ImportError::Read { .. }) => "import_read",
            Error::Import(ImportError::Format { .. }) => "import_format",
            Error::Import(ImportError::MissingColumns { .. }) => "import_missing_columns",
            Error::Import(ImportError::Empty { .. }) => "import_empty",
            Error::Import(ImportError::BadRows { .. }) => "import_bad_rows",
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Corrupt { .. } => "db_corrupt",
            Error::NewerSchema { .. } => "db_newer",
            Error::NotOurs { .. } => "db_not_ours",
            Error::Io { .. } => "io",
            Error::Db(_) => "db",
            Error::Json(_) => "internal",
        }
    }

    /// The field a user should look at, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Row-level problems, for an import that failed on bad rows.
    pub fn row_errors(&self) -> &[RowError] {
        match self {
            Error::Import(ImportError::BadRows { errors, .. }) => errors,
            _ => &[],
        }
    }

    /// How many row-level problems there were in all (more than [`Error::row_errors`] holds
    /// when the list was capped).
    pub fn row_error_total(&self) -> usize {
        match self {
            Error::Import(ImportError::BadRows { total, .. }) => *total,
            _ => 0,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
