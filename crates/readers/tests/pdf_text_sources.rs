//! The two readers of a PDF's text layer side by side: `pdf_oxide` in process (the default)
//! and poppler's `pdftotext`. On every real disclosure in ../shared both give the same
//! characters on every page (the evaluation in docs/ARCHITECTURE.md "Readers"); damaged and
//! random files end in bounded time without a panic; a file neither can read names both
//! reasons.
//!
//! The pdftotext side needs poppler-utils: installed when missing (as root) or skipped, saying
//! so; the real PDFs need ../shared: skipped, saying so, when it is absent.

use budgetlint_readers::{read, Format, PdfText, ReadOptions, Reading};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod support;
use support::pdftotext_available;

fn options(pdf_text: PdfText) -> ReadOptions {
    ReadOptions {
        pdf_text: Some(pdf_text),
        timeout: Duration::from_secs(20),
        ..ReadOptions::default()
    }
}

fn real_pdfs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real/docs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIPPED: ../shared/corpus/real/docs is absent (the real published disclosures)");
        return Vec::new();
    };
    let mut pdfs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

/// The text of each page without white space: what the two readers must agree on (the
/// spaces between words depend on where each sets a word's edge, to a hundredth of a point).
fn pages_without_spaces(reading: &Reading) -> Vec<String> {
    reading
        .text
        .split('\x0c')
        .map(|page| page.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

#[test]
fn both_readers_give_the_same_characters_on_every_page_of_the_real_pdfs() {
    let pdfs = real_pdfs();
    if pdfs.is_empty() || !pdftotext_available() {
        return;
    }
    for pdf in &pdfs {
        let bytes = std::fs::read(pdf).expect("the PDF");
        let oxide = read(pdf, &bytes, &options(PdfText::Oxide));
        let poppler = read(pdf, &bytes, &options(PdfText::Pdftotext));
        let name = pdf.file_name().unwrap().to_string_lossy();
        match (oxide, poppler) {
            (Ok(oxide), Ok(poppler)) => {
                let (a, b) = (pages_without_spaces(&oxide), pages_without_spaces(&poppler));
                assert_eq!(a.len(), b.len(), "{name}: pages");
                for (page, (a, b)) in a.iter().zip(&b).enumerate() {
                    assert_eq!(a, b, "{name} page {}", page + 1);
                }
                assert_eq!(oxide.notes, poppler.notes, "{name}: notes");
            }
            // The scanned disclosure: no text layer for either, the same message.
            (Err(oxide), Err(poppler)) => assert_eq!(oxide, poppler, "{name}"),
            (oxide, poppler) => panic!(
                "{name}: one reader failed: oxide {:?}, pdftotext {:?}",
                oxide.err(),
                poppler.err()
            ),
        }
    }
}

/// A deterministic stream of bytes (xorshift), so that a failure can be replayed.
fn noise(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed | 1;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Reads `bytes` with the built-in reader and returns how long it took; it must not panic.
fn read_damaged(name: &str, bytes: &[u8]) -> Duration {
    let started = Instant::now();
    match read(Path::new("damaged.pdf"), bytes, &options(PdfText::Oxide)) {
        Ok(reading) => assert_eq!(reading.format, Format::Pdf, "{name}"),
        Err(e) => assert_eq!(e.format, Format::Pdf, "{name}: {e}"),
    }
    started.elapsed()
}

#[test]
fn damaged_and_random_pdfs_end_without_a_panic_in_bounded_time() {
    let mut next = noise(0x9e37_79b9_7f4a_7c15);
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    // Random bytes after a PDF header (without one they are not read as a PDF), some ending
    // as a PDF ends, so that the reader looks for a cross-reference table.
    for k in 0..6 {
        let n = 1000 + (next() % 50_000) as usize;
        let mut bytes: Vec<u8> = (0..n).map(|_| next() as u8).collect();
        bytes[..8].copy_from_slice(b"%PDF-1.7");
        if k % 2 == 0 {
            bytes.extend_from_slice(b"\nstartxref\n100\n%%EOF\n");
        }
        inputs.push((format!("random #{k}"), bytes));
    }
    // The real PDFs cut short and with bytes changed, when ../shared is present.
    for pdf in real_pdfs().iter().take(4) {
        let bytes = std::fs::read(pdf).expect("the PDF");
        let name = pdf.file_name().unwrap().to_string_lossy().to_string();
        for percent in [1, 30, 70, 99] {
            let cut = bytes[..bytes.len() * percent / 100].to_vec();
            inputs.push((format!("{name} cut at {percent}%"), cut));
        }
        for k in 0..3 {
            let mut changed = bytes.clone();
            for _ in 0..20 {
                let at = (next() % changed.len() as u64) as usize;
                changed[at] = next() as u8;
            }
            inputs.push((format!("{name} changed #{k}"), changed));
        }
    }
    for (name, bytes) in &inputs {
        let took = read_damaged(name, bytes);
        // Each ends in well under a second here; the bound is the reader's own time limit
        // (20 s above) with a margin, because a contained panic resolving its backtrace on a
        // loaded 2-core CI machine can take seconds.
        assert!(took < Duration::from_secs(30), "{name}: {took:?}");
    }
}

#[test]
fn a_file_neither_reader_can_open_names_both_reasons() {
    if !pdftotext_available() {
        return;
    }
    let junk = b"%PDF-1.7\nnot a pdf at all";
    let err = read(Path::new("junk.pdf"), junk, &options(PdfText::Auto)).unwrap_err();
    assert!(
        err.message.contains("built-in PDF reader") && err.message.contains("pdftotext"),
        "{err}"
    );
    let zh = err.message_zh.expect("a Chinese reason");
    assert!(
        zh.contains("内置的 PDF 读取器") && zh.contains("pdftotext"),
        "{zh}"
    );
    // Asked for the built-in reader only, pdftotext is not tried.
    let err = read(Path::new("junk.pdf"), junk, &options(PdfText::Oxide)).unwrap_err();
    assert!(
        err.message.contains("built-in PDF reader") && !err.message.contains("pdftotext"),
        "{err}"
    );
}

/// Text drawn above the page (as WPS prints a spreadsheet cell that spans pages: the whole
/// cell's text on each page, clipped) is not on the page: neither reader keeps it.
#[test]
fn text_drawn_off_the_page_is_left_out_by_both_readers() {
    let bytes = support::one_page_pdf(
        "BT /F1 12 Tf 72 700 Td (Shown on the page) Tj ET\nBT /F1 12 Tf 72 900 Td (Drawn above the page) Tj ET\n",
    );
    let mut readers = vec![PdfText::Oxide];
    if pdftotext_available() {
        readers.push(PdfText::Pdftotext);
    }
    for reader in readers {
        let reading = read(Path::new("off.pdf"), &bytes, &options(reader)).expect("reads");
        assert_eq!(reading.text.trim(), "Shown on the page", "{reader:?}");
    }
}

/// A one-page PDF with the text `Shown on the page`.
fn one_page_pdf() -> Vec<u8> {
    support::one_page_pdf("BT /F1 12 Tf 72 700 Td (Shown on the page) Tj ET\n")
}

/// A stand-in for the `budgetlint` binary as the PDF worker: a shell script with `body`.
#[cfg(unix)]
fn fake_worker(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-budgetlint");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("the script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

/// A PDF that keeps the built-in reader busy past the time limit costs a process, which is
/// killed, not a thread that keeps running: the read ends at the limit with its reason.
#[cfg(unix)]
#[test]
fn a_pdf_worker_past_the_time_limit_is_killed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let worker = fake_worker(dir.path(), "exec sleep 60");
    let options = ReadOptions {
        pdf_worker: Some(worker),
        timeout: Duration::from_secs(1),
        ..options(PdfText::Oxide)
    };
    let started = Instant::now();
    let err = read(Path::new("slow.pdf"), &one_page_pdf(), &options).unwrap_err();
    assert!(err.message.contains("did not finish in time"), "{err}");
    // The limit, the grace the worker has to report its own time-out (2 s), and a margin.
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
}

/// A worker that stops without its whole record (killed for its memory, crashed) is a failure
/// of the built-in reader, named as such; pdftotext then reads the PDF (`Auto`).
#[cfg(unix)]
#[test]
fn a_pdf_worker_that_stops_midway_is_a_failure_of_the_built_in_reader() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let worker = fake_worker(
        dir.path(),
        "echo 'budgetlint-pdf-worker 1'\necho page\nexit 0",
    );
    let options = ReadOptions {
        pdf_worker: Some(worker),
        ..options(PdfText::Oxide)
    };
    let err = read(Path::new("cut.pdf"), &one_page_pdf(), &options).unwrap_err();
    assert!(err.message.contains("stopped without a result"), "{err}");
    if pdftotext_available() {
        let auto = ReadOptions {
            pdf_text: Some(PdfText::Auto),
            ..options
        };
        let reading = read(Path::new("cut.pdf"), &one_page_pdf(), &auto).expect("pdftotext");
        assert_eq!(reading.text.trim(), "Shown on the page");
        assert!(
            reading
                .notes
                .iter()
                .any(|n| n.en.contains("stopped without a result")),
            "{:?}",
            reading.notes
        );
    }
}

/// A worker that cannot be started (no such program) leaves the reading to this process.
#[test]
fn without_a_pdf_worker_to_start_the_pdf_is_read_in_process() {
    let options = ReadOptions {
        pdf_worker: Some(PathBuf::from("/no/such/budgetlint")),
        ..options(PdfText::Oxide)
    };
    let reading = read(Path::new("one.pdf"), &one_page_pdf(), &options).expect("reads");
    assert_eq!(reading.text.trim(), "Shown on the page");
}
