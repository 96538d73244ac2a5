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
pub(crate) mod values;

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

/// About how many lines a text has, from the first 64 KiB, erring high (room reserved but
/// never used costs nothing; a vector of duties outgrowing its room is copied).
fn rows_estimate(text: &[u8]) -> usize {
    let sample = &text[..text.len().min(64 * 1024)];
    let lf = sample.iter().filter(|&&b| b == b'\n').count();
    let lines = if lf > 0 {
        lf
    } else {
        sample.iter().filter(|&&b| b == b'\r').count()
    };
    if sample.len() == text.len() {
        return lines + 1;
    }
    let per_line = sample.len() / lines.max(1);
    text.len() / per_line.max(1) * 5 / 4 + 1024
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

/// Every non-blank row of a small CSV or xlsx table (such as a list of intents) as trimmed
/// text cells, with the row numbers a spreadsheet shows (the header is the first row).
pub(crate) fn read_table(
    file_name: &str,
    bytes: &[u8],
) -> Result<Vec<(u32, Vec<String>)>, ImportError> {
    let opened = decode::open(file_name, bytes)?;
    let mut rows = Vec::new();
    source::for_each_row(file_name, &opened, &mut |n, row| {
        rows.push((n, row.texts(0)));
        true
    })?;
    Ok(rows)
}

/// Reads a file as [`read`] does (the error names the file).
pub(crate) fn read_file(path: &Path) -> Result<(String, Vec<u8>), ImportError> {
    read(path)
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
/// [`ImportProgress::Reading`] about every 20,000 rows and at the end.
///
/// A large CSV file is cut into pieces read on several threads (up to 4); the result is the
/// same as reading it in one go.
pub fn parse_bytes(
    file_name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ParsedRota, ImportError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    parse_with(file_name, bytes, progress, threads, MIN_PIECE_BYTES)
}

/// Most threads one import uses.
const MAX_THREADS: usize = 4;
/// A CSV file is only cut into pieces of at least this size (about 25,000 rows).
const MIN_PIECE_BYTES: usize = 2 << 20;

fn parse_with(
    file_name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(ImportProgress),
    threads: usize,
    min_piece_bytes: usize,
) -> Result<ParsedRota, ImportError> {
    let opened = decode::open(file_name, bytes)?;
    let merged = match &opened.body {
        decode::Body::Csv { text, delimiter } => parse_csv(
            file_name,
            text,
            *delimiter,
            progress,
            threads,
            min_piece_bytes,
        )?,
        decode::Body::Xlsx(_) => parse_sequential(file_name, &opened, progress)?,
    };
    progress(ImportProgress::Reading { rows: merged.count });
    if merged.count == 0 {
        return Err(empty(file_name));
    }
    if merged.errors.total > 0 {
        return Err(ImportError::BadRows {
            file: file_name.to_string(),
            errors: merged.errors.kept,
            total: merged.errors.total,
        });
    }
    Ok(ParsedRota {
        file_name: file_name.to_string(),
        format: opened.format,
        encoding: opened.encoding.to_string(),
        rows: merged.rows,
    })
}

fn empty(file_name: &str) -> ImportError {
    ImportError::Empty {
        file: file_name.to_string(),
    }
}

/// The column index of a header row, or the missing-columns error.
fn column_index(file_name: &str, header: Vec<String>) -> Result<headers::ColumnIndex, ImportError> {
    let (_, index) = headers::map_headers(&header);
    let missing = index.missing_required();
    if missing.is_empty() {
        return Ok(index);
    }
    Err(ImportError::MissingColumns {
        file: file_name.to_string(),
        found: header.into_iter().filter(|h| !h.is_empty()).collect(),
        missing,
        expected: Field::REQUIRED
            .iter()
            .map(|f| f.canonical().to_string())
            .collect(),
    })
}

/// Reports progress when the row count passes the next multiple of [`PROGRESS_EVERY`].
struct Progress<'p> {
    callback: &'p mut dyn FnMut(ImportProgress),
    next: u64,
}

impl Progress<'_> {
    #[inline]
    fn update(&mut self, rows: u64) {
        if rows >= self.next {
            (self.callback)(ImportProgress::Reading { rows });
            self.next = (rows / PROGRESS_EVERY + 1) * PROGRESS_EVERY;
        }
    }
}

/// Any file, one row after another (used for xlsx).
fn parse_sequential(
    file_name: &str,
    opened: &decode::Opened<'_>,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<validate::Merged, ImportError> {
    let mut progress = Progress {
        callback: progress,
        next: PROGRESS_EVERY,
    };
    let mut validator: Option<validate::Validator> = None;
    let mut missing: Option<ImportError> = None;
    source::for_each_row(file_name, opened, &mut |n, row| match &mut validator {
        Some(v) => {
            v.row(n, row);
            progress.update(v.count);
            true
        }
        None => {
            match column_index(file_name, row.texts(0)) {
                Ok(index) => validator = Some(validate::Validator::new(index, 0)),
                Err(e) => missing = Some(e),
            }
            missing.is_none()
        }
    })?;
    if let Some(e) = missing {
        return Err(e);
    }
    let validator = validator.ok_or_else(|| empty(file_name))?;
    Ok(validate::merge(vec![validate::Piece {
        checked: validator,
        row_offset: 0,
    }]))
}

/// CSV: the header, then the data cut into pieces at record boundaries, the first read on
/// this thread (which reports progress for all) and the others on their own threads.
fn parse_csv(
    file_name: &str,
    text: &str,
    delimiter: u8,
    progress: &mut dyn FnMut(ImportProgress),
    threads: usize,
    min_piece_bytes: usize,
) -> Result<validate::Merged, ImportError> {
    use std::sync::atomic::{AtomicU64, Ordering};

    let mut cursor = source::RowCursor::default();
    let mut header = None;
    let header_end = source::csv_rows(file_name, text, delimiter, &mut cursor, &mut |_, row| {
        header = Some(row.texts(0));
        false
    })?;
    let header = header.ok_or_else(|| empty(file_name))?;
    let index = column_index(file_name, header)?;
    let data = &text[header_end..];
    let pieces = source::split_csv(data, delimiter, threads, min_piece_bytes);

    // Rows read by the other threads, for progress.
    let elsewhere = AtomicU64::new(0);
    const SHARE_EVERY: u64 = 1024;
    let read_piece = |piece: &str,
                      mut cursor: source::RowCursor,
                      hint: usize,
                      first: Option<&mut Progress<'_>>| {
        let mut v = validate::Validator::new(index.clone(), hint);
        match first {
            Some(p) => source::csv_rows(file_name, piece, delimiter, &mut cursor, &mut |n, row| {
                v.row(n, row);
                p.update(v.count + elsewhere.load(Ordering::Relaxed));
                true
            }),
            None => source::csv_rows(file_name, piece, delimiter, &mut cursor, &mut |n, row| {
                v.row(n, row);
                if v.count % SHARE_EVERY == 0 {
                    elsewhere.fetch_add(SHARE_EVERY, Ordering::Relaxed);
                }
                true
            }),
        }?;
        Ok::<_, ImportError>((v, cursor.row))
    };

    let results = std::thread::scope(|s| {
        // If a thread cannot be started, its piece is read here afterwards.
        let others: Vec<Result<_, &str>> = pieces[1..]
            .iter()
            .map(|&piece| {
                let read_piece = &read_piece;
                std::thread::Builder::new()
                    .name("rota-import".into())
                    .spawn_scoped(s, move || {
                        read_piece(
                            piece,
                            source::RowCursor::default(),
                            rows_estimate(piece.as_bytes()),
                            None,
                        )
                    })
                    .map_err(|_| piece)
            })
            .collect();
        let mut progress = Progress {
            callback: progress,
            next: PROGRESS_EVERY,
        };
        // The first piece reserves room for every row, so the others join it without the
        // vector of duties having to grow.
        let first = read_piece(
            pieces[0],
            cursor,
            rows_estimate(data.as_bytes()),
            Some(&mut progress),
        );
        let mut results = vec![first];
        for other in others {
            results.push(match other {
                Ok(handle) => match handle.join() {
                    Ok(r) => r,
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(piece) => read_piece(
                    piece,
                    source::RowCursor::default(),
                    rows_estimate(piece.as_bytes()),
                    None,
                ),
            });
        }
        results
    });

    // Row numbers in a later piece count from its start: add the rows before it.
    let mut checked = Vec::with_capacity(results.len());
    let mut offset = 0u32;
    for (k, r) in results.into_iter().enumerate() {
        let (v, rows_spanned) = r?;
        checked.push(validate::Piece {
            checked: v,
            row_offset: if k == 0 { 0 } else { offset },
        });
        offset = if k == 0 {
            rows_spanned
        } else {
            offset.saturating_add(rows_spanned)
        };
    }
    Ok(validate::merge(checked))
}
