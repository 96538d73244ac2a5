//! The import's public types: what a parsed rota file is, and what can be wrong with one.

use crate::model::{ShiftType, StaffGroup};
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use std::sync::Arc;

/// One duty row of a rota export, validated and with its UTC span computed. Its texts are
/// shared (`Arc<str>`): half a million rows hold a few thousand distinct values.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyRow {
    /// Row number as a spreadsheet user sees it: the header is row 1, the first duty row 2.
    pub row: u32,
    /// ESR / assignment / employee number. `None` for a vacant slot.
    pub staff_number: Option<Arc<str>>,
    /// Doctor's name as exported. `None` for a vacant slot (or when the export leaves it blank).
    pub name: Option<Arc<str>>,
    pub grade: Arc<str>,
    pub department: Arc<str>,
    pub site: Arc<str>,
    /// Europe/London date on which the duty starts.
    pub date: NaiveDate,
    pub start_local: NaiveTime,
    pub end_local: NaiveTime,
    /// UTC unix seconds.
    pub start: i64,
    /// UTC unix seconds; `end > start`, `end - start <= 24 h`.
    pub end: i64,
    pub shift_type: ShiftType,
    pub shift_code: Option<Arc<str>>,
    /// Explicit staff group from the file, overriding the grade table for this doctor.
    pub staff_group: Option<StaffGroup>,
    /// Working Time Regulations opt-out, if the file says.
    pub wtr_opt_out: Option<bool>,
}

/// File formats the import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum FileFormat {
    Csv,
    Xlsx,
}

/// The canonical fields a column can map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Field {
    StaffId,
    Name,
    Grade,
    Department,
    Site,
    Date,
    Start,
    End,
    ShiftType,
    ShiftCode,
    StaffGroup,
    WtrOptOut,
}

impl Field {
    pub const REQUIRED: [Field; 9] = [
        Field::StaffId,
        Field::Name,
        Field::Grade,
        Field::Department,
        Field::Site,
        Field::Date,
        Field::Start,
        Field::End,
        Field::ShiftType,
    ];
    pub const OPTIONAL: [Field; 3] = [Field::ShiftCode, Field::StaffGroup, Field::WtrOptOut];

    /// The canonical column name (as in the documented import format).
    pub fn canonical(self) -> &'static str {
        match self {
            Field::StaffId => "staff_id",
            Field::Name => "name",
            Field::Grade => "grade",
            Field::Department => "department",
            Field::Site => "site",
            Field::Date => "date",
            Field::Start => "start",
            Field::End => "end",
            Field::ShiftType => "shift_type",
            Field::ShiftCode => "shift_code",
            Field::StaffGroup => "staff_group",
            Field::WtrOptOut => "wtr_opt_out",
        }
    }
}

/// How one header of the file was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ColumnMapping {
    /// The header exactly as in the file.
    pub header: String,
    /// The field it maps to, or `None` if the column is ignored.
    pub field: Option<Field>,
}

/// What the window shows before an import: detected format, encoding, columns and first rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportPreview {
    pub file_name: String,
    pub format: FileFormat,
    /// "UTF-8", "UTF-8 (BOM)", "UTF-16LE (BOM)", "UTF-16BE (BOM)", "Windows-1252", or "xlsx".
    pub encoding: String,
    pub columns: Vec<ColumnMapping>,
    /// Canonical names of required columns not found (empty when the file can be imported).
    pub missing_required: Vec<String>,
    /// The first rows (up to 20) as text cells, in file column order.
    pub sample: Vec<Vec<String>>,
    /// Number of data rows in the file (excluding the header and blank lines).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total_rows: u64,
}

/// A whole rota file, parsed and validated: every row good, no doctor double-booked in it.
#[derive(Debug, Clone)]
pub struct ParsedRota {
    pub file_name: String,
    pub format: FileFormat,
    pub encoding: String,
    pub rows: Vec<DutyRow>,
}

/// One problem with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RowError {
    /// Row number as a spreadsheet user sees it (header = 1).
    pub row: u32,
    /// Canonical column name (e.g. "date"), or the header as written in the file.
    pub column: String,
    /// The offending value as found (truncated to 80 characters).
    pub value: String,
    /// What was wrong, in plain British English.
    pub message: String,
}

/// Why a file could not be imported. Nothing is written when any of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read the file: {message}")]
    Read { file: String, message: String },
    #[error("{file}: not a rota export this app can read: {message}")]
    Format { file: String, message: String },
    #[error(
        "{file}: required column(s) missing: {}. Columns found: {}. Expected: {}",
        missing.join(", "), found.join(", "), expected.join(", ")
    )]
    MissingColumns {
        file: String,
        found: Vec<String>,
        missing: Vec<String>,
        expected: Vec<String>,
    },
    #[error("{file}: the file has no duty rows")]
    Empty { file: String },
    #[error("{file}: {total} problem(s) found, nothing imported. {}", summarise(errors, *total))]
    BadRows {
        file: String,
        /// The first problems, capped at [`MAX_ROW_ERRORS`], in row order.
        errors: Vec<RowError>,
        /// How many problems there were in all.
        total: usize,
    },
}

/// At most this many row errors are kept and shown.
pub const MAX_ROW_ERRORS: usize = 200;

fn summarise(errors: &[RowError], total: usize) -> String {
    let mut s: Vec<String> = errors
        .iter()
        .take(10)
        .map(|e| format!("row {}, {}: {}", e.row, e.column, e.message))
        .collect();
    if total > s.len() {
        s.push(format!("and {} more", total - s.len()));
    }
    s.join("; ")
}

/// Progress of a long import, reported to a callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ImportProgress {
    /// Rows read and checked so far.
    Reading {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        rows: u64,
    },
    /// Rows written to the database so far, out of `total`.
    Writing {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        done: u64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        total: u64,
    },
}
