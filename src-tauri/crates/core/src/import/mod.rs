//! Reading rota exports. See `types.rs` for what comes out.
//!
//! A file is CSV (UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252; comma,
//! semicolon or tab separated) or an Excel .xlsx workbook (first worksheet), told apart by
//! content rather than name. The first non-blank row is the header; columns are matched by
//! name and synonym (`headers.rs`). Every row is checked and every problem collected: a file
//! imports whole or not at all.
//!
//! - [`preview_file`] / [`preview_bytes`]: format, encoding, columns and the first rows,
//!   without judging the rows.
//! - [`parse_file`] / [`parse_bytes`]: the validated duties, or every problem found.

mod decode;
mod headers;
mod source;
mod types;
mod validate;
mod values;

#[cfg(test)]
mod tests;

pub use types::*;

use std::path::Path;

/// Rows in the preview's sample.
const SAMPLE_ROWS: usize = 20;
/// Progress is reported every this many rows.
const PROGRESS_EVERY: u64 = 20_000;

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn read(path: &Path) -> Result<(String, Vec<u8>), ImportError> {
    let file = file_name_of(path);
    match std::fs::read(path) {
        Ok(bytes) => Ok((file, bytes)),
        Err(e) => {
            let message = match e.kind() {
                std::io::ErrorKind::NotFound => "the file does not exist".to_string(),
                std::io::ErrorKind::PermissionDenied => {
                    "permission denied (is it open in another program?)".to_string()
                }
                _ if path.is_dir() => "it is a folder, not a file".to_string(),
                _ => e.to_string(),
            };
            Err(ImportError::Read { file, message })
        }
    }
}

/// Number of lines in a text (at least the number of CSV records in it).
fn line_count(text: &[u8]) -> usize {
    let lf = text.iter().filter(|&&b| b == b'\n').count();
    if lf > 0 {
        lf + 1
    } else {
        text.iter().filter(|&&b| b == b'\r').count() + 1
    }
}

/// Reads a file for the import window. See [`preview_bytes`].
pub fn preview_file(path: &Path) -> Result<ImportPreview, ImportError> {
    let (file, bytes) = read(path)?;
    preview_bytes(&file, &bytes)
}

/// What the import window shows before importing: format, encoding, how each header was
/// understood, which required columns are missing, the first 20 data rows as text and the
/// number of data rows. Bad rows and missing columns are not errors here (the preview shows
/// them); only an unreadable or unrecognised file is.
pub fn preview_bytes(file_name: &str, bytes: &[u8]) -> Result<ImportPreview, ImportError> {
    let opened = decode::open(file_name, bytes)?;
    let mut header: Option<Vec<String>> = None;
    let mut sample: Vec<Vec<String>> = Vec::new();
    let mut total_rows = 0u64;
    source::for_each_row(file_name, &opened, &mut |_, row| {
        match &header {
            None => header = Some(row.texts(0)),
            Some(h) => {
                total_rows += 1;
                if sample.len() < SAMPLE_ROWS {
                    sample.push(row.texts(h.len()));
                }
            }
        }
        true
    })?;
    let header = header.unwrap_or_default();
    let (columns, index) = headers::map_headers(&header);
    Ok(ImportPreview {
        file_name: file_name.to_string(),
        format: opened.format,
        encoding: opened.encoding.to_string(),
        columns,
        missing_required: index.missing_required(),
        sample,
        total_rows,
    })
}

/// Reads and validates a rota file. See [`parse_bytes`].
pub fn parse_file(
    path: &Path,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ParsedRota, ImportError> {
    let (file, bytes) = read(path)?;
    parse_bytes(&file, &bytes, progress)
}

/// Reads and validates a whole rota file: every row good, no staff number with two names,
/// no doctor on two overlapping working duties. Otherwise returns every problem (the first
/// [`MAX_ROW_ERRORS`] in row order, and the count). `progress` gets
/// [`ImportProgress::Reading`] every 20,000 rows and at the end.
pub fn parse_bytes(
    file_name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ParsedRota, ImportError> {
    let opened = decode::open(file_name, bytes)?;
    let rows_hint = match &opened.body {
        decode::Body::Csv { text, .. } => line_count(text.as_bytes()),
        decode::Body::Xlsx(_) => 0,
    };
    let mut validator: Option<validate::Validator> = None;
    let mut missing: Option<ImportError> = None;
    source::for_each_row(file_name, &opened, &mut |n, row| match &mut validator {
        Some(v) => {
            v.row(n, row);
            if v.count % PROGRESS_EVERY == 0 {
                progress(ImportProgress::Reading { rows: v.count });
            }
            true
        }
        None => {
            let header = row.texts(0);
            let (_, index) = headers::map_headers(&header);
            let missing_required = index.missing_required();
            if missing_required.is_empty() {
                validator = Some(validate::Validator::new(index, rows_hint));
                true
            } else {
                missing = Some(ImportError::MissingColumns {
                    file: file_name.to_string(),
                    found: header.into_iter().filter(|h| !h.is_empty()).collect(),
                    missing: missing_required,
                    expected: Field::REQUIRED
                        .iter()
                        .map(|f| f.canonical().to_string())
                        .collect(),
                });
                false
            }
        }
    })?;
    if let Some(e) = missing {
        return Err(e);
    }
    let empty = || ImportError::Empty {
        file: file_name.to_string(),
    };
    let mut v = validator.ok_or_else(empty)?;
    progress(ImportProgress::Reading { rows: v.count });
    if v.count == 0 {
        return Err(empty());
    }
    v.check_overlaps();
    if v.errors.total > 0 {
        return Err(ImportError::BadRows {
            file: file_name.to_string(),
            errors: v.errors.kept,
            total: v.errors.total,
        });
    }
    Ok(ParsedRota {
        file_name: file_name.to_string(),
        format: opened.format,
        encoding: opened.encoding.to_string(),
        rows: v.rows,
    })
}
