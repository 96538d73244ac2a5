//! Walking the rows of a CSV text or of an xlsx workbook's first worksheet, with row numbers
//! as a spreadsheet shows them. Completely blank rows are skipped (but keep their numbers).

use super::decode::{Body, Opened};
use super::types::ImportError;
use super::values::Cell;
use calamine::{DataRef, Reader, SheetType, Xlsx};
use std::io::Cursor;

/// One row of cells.
pub(crate) trait RowView {
    /// Number of cells in the row (missing trailing cells read as empty).
    fn width(&self) -> usize;
    /// The cell at a column, trimmed; `Cell::Empty` past the end of the row.
    fn cell(&self, i: usize) -> Cell<'_>;

    fn is_blank(&self) -> bool {
        (0..self.width()).all(|i| self.cell(i).is_empty())
    }

    /// Every cell as text, padded with empty cells to at least `min_width`.
    fn texts(&self, min_width: usize) -> Vec<String> {
        (0..self.width().max(min_width))
            .map(|i| self.cell(i).to_text().into_owned())
            .collect()
    }
}

struct CsvRow<'r>(&'r csv::StringRecord);

impl RowView for CsvRow<'_> {
    fn width(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn cell(&self, i: usize) -> Cell<'_> {
        match self.0.get(i) {
            Some(s) => Cell::text(s),
            None => Cell::Empty,
        }
    }
}

struct XlsxRow<'r, 'a>(&'r [DataRef<'a>]);

impl RowView for XlsxRow<'_, '_> {
    fn width(&self) -> usize {
        self.0.len()
    }
    fn cell(&self, i: usize) -> Cell<'_> {
        match self.0.get(i) {
            None | Some(DataRef::Empty) => Cell::Empty,
            Some(DataRef::String(s)) => Cell::text(s),
            Some(DataRef::SharedString(s)) => Cell::text(s),
            Some(DataRef::DateTimeIso(s)) | Some(DataRef::DurationIso(s)) => Cell::text(s),
            Some(DataRef::Int(n)) => Cell::Number(*n as f64),
            Some(DataRef::Float(f)) => Cell::Number(*f),
            Some(DataRef::Bool(b)) => Cell::Bool(*b),
            Some(DataRef::DateTime(dt)) => Cell::DateTime(*dt),
            Some(DataRef::Error(e)) => Cell::Text(match e {
                calamine::CellErrorType::Div0 => "#DIV/0!",
                calamine::CellErrorType::NA => "#N/A",
                calamine::CellErrorType::Name => "#NAME?",
                calamine::CellErrorType::Null => "#NULL!",
                calamine::CellErrorType::Num => "#NUM!",
                calamine::CellErrorType::Ref => "#REF!",
                calamine::CellErrorType::Value => "#VALUE!",
                calamine::CellErrorType::GettingData => "#GETTING_DATA",
            }),
        }
    }
}

/// Calls `f(row_number, row)` for every non-blank row, in order, until it returns false.
pub(crate) fn for_each_row(
    file: &str,
    opened: &Opened<'_>,
    f: &mut dyn FnMut(u32, &dyn RowView) -> bool,
) -> Result<(), ImportError> {
    match &opened.body {
        Body::Csv { text, delimiter } => {
            csv_rows(file, text, *delimiter, &mut RowCursor::default(), f).map(|_| ())
        }
        Body::Xlsx(bytes) => xlsx_rows(file, bytes, f),
    }
}

/// Where CSV row counting stands: the spreadsheet row number of the last line read, and
/// whether the last record ended with a lone CR (so a LF right after it is not a new line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RowCursor {
    pub(crate) row: u32,
    pub(crate) prev_ended_cr: bool,
}

/// Line breaks (LF, CRLF or a lone CR each count one) at the start of `bytes`, before the
/// first other byte.
fn leading_breaks(bytes: &[u8], prev_ended_cr: bool) -> u32 {
    let mut i = 0;
    if prev_ended_cr && bytes.first() == Some(&b'\n') {
        i = 1;
    }
    let mut n = 0u32;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' => {
                n += 1;
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {
                n += 1;
                i += 1;
            }
            _ => break,
        }
    }
    n
}

/// Walks the CSV records of `text`, numbering rows on from `cursor`. Returns the byte offset
/// just after the last record read. When it reads to the end, blank lines at the end are
/// counted into `cursor` too, so that a following piece of the same file numbers on from it.
///
/// The csv crate skips empty lines without counting them into a record's position, and a
/// quoted cell may span lines, so rows are counted here as a spreadsheet shows them: each
/// record is one row (however many lines its cells span), plus one per empty line before it
/// (found at the start of the bytes the record consumed).
pub(crate) fn csv_rows(
    file: &str,
    text: &str,
    delimiter: u8,
    cursor: &mut RowCursor,
    f: &mut dyn FnMut(u32, &dyn RowView) -> bool,
) -> Result<usize, ImportError> {
    let bytes = text.as_bytes();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(64 * 1024)
        .from_reader(bytes);
    // A StringRecord checks UTF-8 once per record (a fast all-ASCII check, usually); the
    // text is already UTF-8, so that never fails.
    let mut rec = csv::StringRecord::new();
    let mut end = 0;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(ImportError::Format {
                    file: file.to_string(),
                    message: format!("the CSV text cannot be read: {e}"),
                })
            }
        }
        let start = rec.position().map_or(0, |p| p.byte()) as usize;
        end = (rdr.position().byte() as usize).min(bytes.len());
        let blank_lines = leading_breaks(&bytes[start..end], cursor.prev_ended_cr);
        cursor.prev_ended_cr = end > start && bytes[end - 1] == b'\r';
        cursor.row = cursor.row.saturating_add(1 + blank_lines);
        let view = CsvRow(&rec);
        if view.is_blank() {
            continue;
        }
        if !f(cursor.row, &view) {
            return Ok(end);
        }
    }
    let trailing = leading_breaks(&bytes[end..], cursor.prev_ended_cr);
    cursor.row = cursor.row.saturating_add(trailing);
    Ok(bytes.len())
}

/// Cuts CSV text into up to `parts` pieces of at least `min_bytes` each, every cut just
/// after a line feed that ends a record (not inside a quoted cell), so that each piece can
/// be read on its own thread.
pub(crate) fn split_csv(text: &str, delimiter: u8, parts: usize, min_bytes: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let parts = parts.min(bytes.len() / min_bytes.max(1)).max(1);
    if parts == 1 {
        return vec![text];
    }
    let targets: Vec<usize> = (1..parts).map(|k| k * bytes.len() / parts).collect();
    let mut cuts = Vec::with_capacity(parts - 1);
    if !bytes.contains(&b'"') {
        // No quotes: every line feed ends a record.
        for &t in &targets {
            let from = t.max(cuts.last().copied().unwrap_or(0));
            if let Some(p) = bytes[from..].iter().position(|&b| b == b'\n') {
                cuts.push(from + p + 1);
            }
        }
    } else {
        // Follow the quoting as the csv crate reads it (RFC 4180 with doubled quotes).
        #[derive(PartialEq)]
        enum S {
            FieldStart,
            Unquoted,
            Quoted,
            QuoteInQuoted,
        }
        let mut state = S::FieldStart;
        let mut next = 0;
        for (i, &b) in bytes.iter().enumerate() {
            state = match state {
                S::Quoted => {
                    if b == b'"' {
                        S::QuoteInQuoted
                    } else {
                        S::Quoted
                    }
                }
                S::QuoteInQuoted if b == b'"' => S::Quoted,
                S::FieldStart if b == b'"' => S::Quoted,
                _ if b == delimiter || b == b'\n' || b == b'\r' => S::FieldStart,
                _ => S::Unquoted,
            };
            if b == b'\n' && state == S::FieldStart && i >= targets[next] {
                cuts.push(i + 1);
                next += 1;
                if next == targets.len() {
                    break;
                }
            }
        }
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for c in cuts {
        if c > from && c < bytes.len() {
            pieces.push(&text[from..c]);
            from = c;
        }
    }
    pieces.push(&text[from..]);
    pieces
}

fn xlsx_error(file: &str, e: impl std::fmt::Display) -> ImportError {
    ImportError::Format {
        file: file.to_string(),
        message: format!("the Excel workbook cannot be read ({e}); if it opens in Excel, save it again as .xlsx or as CSV"),
    }
}

fn xlsx_rows(
    file: &str,
    bytes: &[u8],
    f: &mut dyn FnMut(u32, &dyn RowView) -> bool,
) -> Result<(), ImportError> {
    let mut wb: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        ImportError::Format {
            file: file.to_string(),
            message: format!("it is a zip archive but not an Excel .xlsx workbook ({e}); open it in Excel and save it as an Excel workbook (.xlsx) or as CSV"),
        }
    })?;
    let sheet = wb
        .sheets_metadata()
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .ok_or_else(|| ImportError::Format {
            file: file.to_string(),
            message: "the workbook has no worksheet".to_string(),
        })?;
    let mut reader = wb
        .worksheet_cells_reader(&sheet)
        .map_err(|e| xlsx_error(file, e))?;
    let mut cells: Vec<DataRef<'_>> = Vec::new();
    let mut current: Option<u32> = None;
    let mut emit = |r: u32, cells: &[DataRef<'_>]| {
        let view = XlsxRow(cells);
        view.is_blank() || f(r.saturating_add(1), &view)
    };
    while let Some(cell) = reader.next_cell().map_err(|e| xlsx_error(file, e))? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(prev) = current {
                if !emit(prev, &cells) {
                    return Ok(());
                }
            }
            cells.clear();
            current = Some(r);
        }
        // Excel has at most 16,384 columns; ignore anything claiming more.
        let c = c as usize;
        if c >= 16_384 {
            continue;
        }
        if c >= cells.len() {
            cells.resize(c + 1, DataRef::Empty);
        }
        cells[c] = cell.get_value().clone();
    }
    if let Some(prev) = current {
        emit(prev, &cells);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::decode::open;
    use super::*;

    /// (row number, cells) of every non-blank row.
    fn rows(text: &str) -> Vec<(u32, Vec<String>)> {
        let opened = open("t.csv", text.as_bytes()).unwrap();
        let mut out = Vec::new();
        for_each_row("t.csv", &opened, &mut |r, v| {
            out.push((r, v.texts(0)));
            true
        })
        .unwrap();
        out
    }

    #[test]
    fn blank_lines_keep_row_numbers() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = [
                "h1,h2", "a,b", "", " , ", "", "c,d", "\"x", "y\",z", "e,f", "",
            ]
            .join(eol);
            let got: Vec<(u32, String)> = rows(&text)
                .into_iter()
                .map(|(r, c)| (r, c[0].clone()))
                .collect();
            let want = [
                (1, "h1"),
                (2, "a"),
                (6, "c"),
                (7, &format!("x{eol}y")),
                (8, "e"),
            ];
            let want: Vec<(u32, String)> = want.iter().map(|(r, s)| (*r, s.to_string())).collect();
            assert_eq!(got, want, "line ending {eol:?}");
        }
    }

    #[test]
    fn leading_blank_lines_and_commas_only() {
        let got = rows("\n,,\nh1,h2\n,,,\na,b");
        assert_eq!(got.iter().map(|(r, _)| *r).collect::<Vec<_>>(), vec![3, 5]);
    }

    #[test]
    fn many_crlf_rows_across_buffer_boundaries() {
        let mut text = String::from("h1,h2\r\n");
        for i in 0..20_000 {
            text.push_str(&format!("{i},x\r\n"));
            if i % 7 == 0 {
                text.push_str("\r\n");
            }
        }
        let got = rows(&text);
        let mut row = 1;
        for (i, (r, c)) in got.iter().enumerate().skip(1) {
            let n = i - 1;
            row += 1;
            assert_eq!((*r, c[0].as_str()), (row, n.to_string().as_str()));
            if n % 7 == 0 {
                row += 1;
            }
        }
    }
}
