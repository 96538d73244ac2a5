//! What a file is (by its content, not its name) and, for text, its encoding and delimiter.

use super::types::{FileFormat, ImportError};
use std::borrow::Cow;

/// A file recognised as something the import can read.
pub(crate) struct Opened<'a> {
    pub(crate) format: FileFormat,
    /// As documented on `ImportPreview::encoding`.
    pub(crate) encoding: &'static str,
    pub(crate) body: Body<'a>,
}

pub(crate) enum Body<'a> {
    /// CSV text, decoded to UTF-8 (borrowed from the input when it already was UTF-8).
    Csv { text: Cow<'a, str>, delimiter: u8 },
    /// The raw bytes of an xlsx workbook.
    Xlsx(&'a [u8]),
}

const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn format_error(file: &str, message: impl Into<String>) -> ImportError {
    ImportError::Format {
        file: file.to_string(),
        message: message.into(),
    }
}

const SAVE_AS: &str = "open it in Excel and save it as an Excel workbook (.xlsx) or as CSV";

/// Recognises the file and decodes CSV text.
pub(crate) fn open<'a>(file: &str, bytes: &'a [u8]) -> Result<Opened<'a>, ImportError> {
    if bytes.starts_with(ZIP) {
        if bytes.len() > 38 + 30 && bytes[30..].starts_with(b"mimetypeapplication/vnd.oasis") {
            return Err(format_error(
                file,
                format!("it is an OpenDocument (LibreOffice) file; {SAVE_AS}"),
            ));
        }
        return Ok(Opened {
            format: FileFormat::Xlsx,
            encoding: "xlsx",
            body: Body::Xlsx(bytes),
        });
    }
    if bytes.starts_with(EMPTY_ZIP) {
        return Err(format_error(
            file,
            "it is an empty zip archive, not a spreadsheet",
        ));
    }
    if bytes.starts_with(OLE) {
        return Err(format_error(
            file,
            format!(
                "it is an old-style Excel 97-2003 workbook (.xls) or a password-protected workbook; {SAVE_AS} (without a password)"
            ),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(format_error(file, "it is a PDF document; export the rota from the rostering system as CSV or .xlsx instead"));
    }

    let (text, encoding): (Cow<'a, str>, &'static str) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            match std::str::from_utf8(rest) {
                Ok(s) => (Cow::Borrowed(s), "UTF-8 (BOM)"),
                Err(e) => {
                    return Err(format_error(
                        file,
                        format!(
                            "it is marked as UTF-8 text but byte {} is not valid UTF-8; {SAVE_AS}",
                            e.valid_up_to() + 3
                        ),
                    ))
                }
            }
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            (utf16(file, rest, encoding_rs::UTF_16LE)?, "UTF-16LE (BOM)")
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            (utf16(file, rest, encoding_rs::UTF_16BE)?, "UTF-16BE (BOM)")
        } else {
            match std::str::from_utf8(bytes) {
                Ok(s) => (Cow::Borrowed(s), "UTF-8"),
                Err(_) => (
                    encoding_rs::WINDOWS_1252
                        .decode_without_bom_handling(bytes)
                        .0,
                    "Windows-1252",
                ),
            }
        };

    check_text(file, &text)?;
    let (text, delimiter) = delimiter(text);
    Ok(Opened {
        format: FileFormat::Csv,
        encoding,
        body: Body::Csv { text, delimiter },
    })
}

fn utf16<'a>(
    file: &str,
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
) -> Result<Cow<'a, str>, ImportError> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok(Cow::Owned(s.into_owned())),
        None => Err(format_error(
            file,
            format!(
                "it is marked as {} text but is not valid UTF-16; {SAVE_AS}",
                enc.name()
            ),
        )),
    }
}

/// Rejects binary files and web pages posing as spreadsheets.
fn check_text(file: &str, text: &str) -> Result<(), ImportError> {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in head.chars() {
        chars += 1;
        if c == '\0' {
            controls = usize::MAX;
            break;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    if controls == usize::MAX || controls * 100 > chars {
        return Err(format_error(
            file,
            format!("it is not a text (CSV) file or an Excel .xlsx workbook; {SAVE_AS}"),
        ));
    }
    let start: String = head
        .trim_start()
        .chars()
        .take(20)
        .flat_map(char::to_lowercase)
        .collect();
    if ["<!doctype", "<html", "<table", "<?xml"]
        .iter()
        .any(|p| start.starts_with(p))
    {
        return Err(format_error(
            file,
            format!("it is a web page or XML document, not a CSV file or an Excel .xlsx workbook (some systems give these an .xls name); {SAVE_AS}"),
        ));
    }
    Ok(())
}

/// The delimiter: an Excel "sep=;" first line if there is one (the line is then dropped, as
/// Excel hides it), else whichever of comma, semicolon and tab is most common outside quotes
/// in the header line (comma on a tie).
fn delimiter(text: Cow<'_, str>) -> (Cow<'_, str>, u8) {
    let first_line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let first = &text[..first_line_end];
    let sep_line = first.trim_end().strip_prefix("sep=").and_then(|rest| {
        let b = rest.as_bytes();
        (b.len() == 1 && matches!(b[0], b',' | b';' | b'\t' | b'|')).then_some(b[0])
    });
    if let Some(d) = sep_line {
        let mut skip = first_line_end;
        if text[skip..].starts_with("\r\n") {
            skip += 2;
        } else if skip < text.len() {
            skip += 1;
        }
        let rest = match text {
            Cow::Borrowed(s) => Cow::Borrowed(&s[skip..]),
            Cow::Owned(s) => Cow::Owned(s[skip..].to_string()),
        };
        return (rest, d);
    }
    let header = text
        .split(['\n', '\r'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let (mut comma, mut semi, mut tab) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semi += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    let d = if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    };
    (text, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(bytes: &[u8]) -> (String, &'static str, u8) {
        let o = open("f.csv", bytes).unwrap();
        match o.body {
            Body::Csv { text, delimiter } => (text.into_owned(), o.encoding, delimiter),
            Body::Xlsx(_) => panic!("not csv"),
        }
    }

    #[test]
    fn encodings() {
        assert_eq!(csv("a,Siân".as_bytes()), ("a,Siân".into(), "UTF-8", b','));
        assert_eq!(
            csv("\u{feff}a,Zoë".as_bytes()),
            ("a,Zoë".into(), "UTF-8 (BOM)", b',')
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a,Ló".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(csv(&le), ("a,Ló".into(), "UTF-16LE (BOM)", b','));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("a,Ló".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(csv(&be), ("a,Ló".into(), "UTF-16BE (BOM)", b','));
        assert_eq!(
            csv(b"a,Si\xE2n,Zo\xEB,Jos\xE9,\x80"),
            ("a,Siân,Zoë,José,€".into(), "Windows-1252", b',')
        );
    }

    #[test]
    fn borrowed_when_already_utf8() {
        let o = open("f.csv", b"a,b\n1,2\n").unwrap();
        assert!(matches!(
            o.body,
            Body::Csv {
                text: Cow::Borrowed(_),
                ..
            }
        ));
    }

    #[test]
    fn delimiters() {
        assert_eq!(csv(b"a;b;c\n1;2;3").2, b';');
        assert_eq!(csv(b"a\tb\tc\n").2, b'\t');
        assert_eq!(csv(b"a,b;c,d\n").2, b',');
        assert_eq!(csv(b"\"x;y;z\",b\n").2, b',');
        assert_eq!(csv(b"\n\na;b\n").2, b';');
        assert_eq!(
            csv(b"sep=;\r\na,b;c\r\n"),
            ("a,b;c\r\n".into(), "UTF-8", b';')
        );
    }

    #[test]
    fn not_spreadsheets() {
        let err = |b: &[u8]| match open("x.xls", b) {
            Err(ImportError::Format { message, .. }) => message,
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("accepted"),
        };
        assert!(err(b"%PDF-1.7\n...").contains("PDF"));
        assert!(err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0").contains(".xls"));
        assert!(err(b"\x00\x01\x02\x03\x89PNG\x00\x00\x00").contains("not a text"));
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(err(&junk).contains("not a text"));
        assert!(err(b"<html><body><table><tr><td>x</td></tr></table>").contains("web page"));
        assert!(err(b"\xEF\xBB\xBFa,\xFF\n").contains("UTF-8"));
        assert!(err(b"\xFF\xFEa").contains("UTF-16"));
    }
}
