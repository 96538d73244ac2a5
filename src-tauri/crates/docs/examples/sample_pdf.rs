//! Writes the sample request as PDFs to look at:
//! `cargo run -p strikecover-docs --example sample_pdf -- OUT_DIR [SHIFTS ATTEMPTS]`
//! gives OUT_DIR/approved.pdf and OUT_DIR/draft.pdf.

use std::path::PathBuf;
use strikecover_docs::{sample, Renderer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: sample_pdf OUT_DIR [SHIFTS ATTEMPTS]")?,
    );
    let shifts = args.next().map_or(Ok(6), |s| s.parse())?;
    let attempts = args.next().map_or(Ok(24), |s| s.parse())?;
    std::fs::create_dir_all(&dir)?;
    let renderer = Renderer::new();
    for (name, doc) in [
        ("approved", sample::document(shifts, attempts)),
        ("draft", sample::draft(shifts, attempts)),
    ] {
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, renderer.pdf(&doc)?)?;
        println!("{}", path.display());
    }
    Ok(())
}
