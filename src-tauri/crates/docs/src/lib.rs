//! The derogation request as an A4 PDF: tagged for accessibility (PDF/UA-1), laid out by typst
//! used as a library, with its fonts inside this binary.
//!
//! How it works: [`Renderer::new`] parses the embedded fonts and builds typst's standard library
//! once. [`Renderer::pdf`] turns the [`RequestDocument`] into a JSON file of ready-made labels and
//! values (`data.rs`), hands it to the template (`request.typ`) as a virtual file that the
//! template reads with `json(...)`, lays it out and writes the PDF. User text is only ever data:
//! it is never spliced into markup, so nothing typed into a request can run typst code.
//!
//! Nothing is read from the disk or the network, no system font is looked at, and the PDF's
//! date is the document's generation time, so the same document gives the same bytes on any
//! machine.

mod data;
mod impact_data;
pub mod sample;

use chrono::{NaiveDateTime, TimeZone as _, Utc};
use strikecover_core::impact::ImpactDocument;
use strikecover_core::requests::RequestDocument;
use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt as _, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The layout, in typst markup. It reads everything it prints from `/data.json`.
const TEMPLATE: &str = include_str!("request.typ");

/// The impact report's layout (A4, tables and charts drawn with typst shapes); it too reads
/// everything it prints from `/data.json`.
const IMPACT_TEMPLATE: &str = include_str!("impact.typ");

/// Liberation Sans (Arial's metrics, like the NHS's own fallback) and Liberation Mono for the
/// hash. SIL Open Font Licence 1.1: `fonts/LICENSE-OFL.txt`.
const FONTS: [&[u8]; 3] = [
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationMono-Regular.ttf"),
];

/// typst memoises layout work across compilations (so a second render of a similar request is
/// quicker). Entries unused for this many renders are dropped, so a long-running app does not
/// grow without bound.
const CACHE_RENDERS: usize = 4;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    /// The document's stated hash is not the hash of its content: it was altered or assembled
    /// wrongly, and printing it would give a false hash.
    #[error(
        "the document's content hash ({stated}) is not the SHA-256 of its content ({actual}); \
         it was changed after it was made"
    )]
    HashMismatch { stated: String, actual: String },
    /// The approval printed must be the approval of exactly this version and content.
    #[error(
        "the approval is for version {approved_version} ({approved_hash}) but this is version \
         {version} ({hash}); an approval cannot be printed on content it does not cover"
    )]
    ApprovalMismatch {
        approved_version: u32,
        approved_hash: String,
        version: u32,
        hash: String,
    },
    /// The generation time is the PDF's date; it must be readable.
    #[error("the document's generation time '{0}' is not a dd/mm/yyyy HH:MM time")]
    GeneratedAt(String),
    /// The layout failed (a fault in the template, not in the request).
    #[error("the PDF layout failed: {0}")]
    Layout(String),
    /// The PDF could not be written (for example it would not meet PDF/UA-1).
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Makes request PDFs. Build one and keep it: the fonts are parsed and typst's library is built
/// once. It is `Send + Sync`, so one can serve every thread.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    impact: Source,
    data: FileId,
    standards: PdfStandards,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    pub fn new() -> Renderer {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        assert_eq!(fonts.len(), FONTS.len(), "every embedded font parses");
        let book = FontBook::from_fonts(&fonts);
        let main = file_id("/request.typ");
        Renderer {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            main: Source::new(main, TEMPLATE.to_string()),
            impact: Source::new(file_id("/impact.typ"), IMPACT_TEMPLATE.to_string()),
            data: file_id("/data.json"),
            standards: PdfStandards::new(&[PdfStandard::Ua_1])
                .expect("PDF/UA-1 alone is a valid set of standards"),
        }
    }

    /// A4 PDF of the request, tagged for accessibility.
    pub fn pdf(&self, doc: &RequestDocument) -> Result<Vec<u8>, DocsError> {
        check(doc)?;
        let timestamp = timestamp(&doc.generated_at)?;
        let json = serde_json::to_vec(&data::build(doc)).expect("plain JSON values serialise");
        let world = DocWorld {
            renderer: self,
            main: &self.main,
            data: Bytes::new(json),
        };
        let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
        let document = output.map_err(|e| DocsError::Layout(diagnostics(&world, &e)))?;
        let options = PdfOptions {
            ident: Smart::Custom(format!("strikecover/{}", doc.content.reference)),
            creator: Smart::Custom(Some(format!("Strike Cover {}", env!("CARGO_PKG_VERSION")))),
            timestamp: Some(timestamp),
            standards: self.standards.clone(),
            tagged: true,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options)
            .map_err(|e| DocsError::Pdf(diagnostics(&world, &e)))?;
        typst::comemo::evict(CACHE_RENDERS);
        Ok(pdf)
    }

    /// A4 PDF of a walkout's impact report (tagged for accessibility): the figures as tables,
    /// charts drawn with typst shapes, page numbers and the audit trail's head in the footer.
    pub fn impact_pdf(&self, doc: &ImpactDocument) -> Result<Vec<u8>, DocsError> {
        let timestamp = timestamp(&doc.generated_local)?;
        let json =
            serde_json::to_vec(&impact_data::build(doc)).expect("plain JSON values serialise");
        let world = DocWorld {
            renderer: self,
            main: &self.impact,
            data: Bytes::new(json),
        };
        let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
        let document = output.map_err(|e| DocsError::Layout(diagnostics(&world, &e)))?;
        let options = PdfOptions {
            ident: Smart::Custom(format!("strikecover/impact-{}", doc.report.walkout_id)),
            creator: Smart::Custom(Some(format!("Strike Cover {}", env!("CARGO_PKG_VERSION")))),
            timestamp: Some(timestamp),
            standards: self.standards.clone(),
            tagged: true,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options)
            .map_err(|e| DocsError::Pdf(diagnostics(&world, &e)))?;
        typst::comemo::evict(CACHE_RENDERS);
        Ok(pdf)
    }
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a plain absolute path");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// The hash printed must be the content's, and an approval printed must cover this content.
fn check(doc: &RequestDocument) -> Result<(), DocsError> {
    let actual = doc.content.hash();
    if doc.content_hash != actual {
        return Err(DocsError::HashMismatch {
            stated: doc.content_hash.clone(),
            actual,
        });
    }
    if let Some(a) = &doc.approval {
        if a.version != doc.content.version || a.content_hash != doc.content_hash {
            return Err(DocsError::ApprovalMismatch {
                approved_version: a.version,
                approved_hash: a.content_hash.clone(),
                version: doc.content.version,
                hash: doc.content_hash.clone(),
            });
        }
    }
    Ok(())
}

/// The PDF's creation date: the document's generation time (Europe/London), as UTC.
fn timestamp(generated_at: &str) -> Result<Timestamp, DocsError> {
    let bad = || DocsError::GeneratedAt(generated_at.to_string());
    let local =
        NaiveDateTime::parse_from_str(generated_at.trim(), "%d/%m/%Y %H:%M").map_err(|_| bad())?;
    let utc = strikecover_core::time::london_to_utc(local.date(), local.time());
    let utc = Utc.timestamp_opt(utc, 0).single().ok_or_else(bad)?;
    let datetime = Datetime::from_ymd_hms(
        utc.format("%Y").to_string().parse().map_err(|_| bad())?,
        utc.format("%m").to_string().parse().map_err(|_| bad())?,
        utc.format("%d").to_string().parse().map_err(|_| bad())?,
        utc.format("%H").to_string().parse().map_err(|_| bad())?,
        utc.format("%M").to_string().parse().map_err(|_| bad())?,
        0,
    )
    .ok_or_else(bad)?;
    Ok(Timestamp::new_utc(datetime))
}

/// typst's messages, with the template line each points at.
fn diagnostics(world: &DocWorld, diags: &[SourceDiagnostic]) -> String {
    use typst::WorldExt as _;
    diags
        .iter()
        .map(|d| {
            let mut s = d.message.to_string();
            if d.span.id() == Some(world.main()) {
                if let Some(range) = world.range(d.span) {
                    let text = world.main.text();
                    let line = text[..range.start.min(text.len())].lines().count();
                    let name = world.main.id().vpath().get_with_slash().to_string();
                    s.push_str(&format!(" ({} line {line})", name.trim_start_matches('/')));
                }
            }
            for hint in &d.hints {
                s.push_str(&format!("; hint: {}", hint.v));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What one compilation sees: the template, this request's data and the embedded fonts.
struct DocWorld<'a> {
    renderer: &'a Renderer,
    main: &'a Source,
    data: Bytes,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.renderer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.renderer.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.renderer.data {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.renderer.fonts.get(index).cloned()
    }

    /// The template never asks for today's date: the document's own time is used.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
