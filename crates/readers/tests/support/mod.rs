//! What the PDF tests share: poppler's `pdftotext` (installed with apt-get when missing and
//! run as root, else the test is skipped with a message), and a PDF file written byte by byte
//! from its objects, with the cross-reference table computed, so fixtures are readable in
//! review.

mod pdf_objects;
// Each test crate that includes this module uses some of these.
#[allow(unused_imports)]
pub use pdf_objects::{one_page_pdf, pdf_from_objects};

use std::process::Command;

/// Whether `pdftotext` can be run; tries to install Debian's poppler-utils first when not.
pub fn pdftotext_available() -> bool {
    let found = || Command::new("pdftotext").arg("-v").output().is_ok();
    if found() {
        return true;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root {
        let apt = |args: &[&str]| {
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .output()
        };
        let _ =
            apt(&["update", "-qq"]).and_then(|_| apt(&["install", "-y", "-qq", "poppler-utils"]));
    }
    if found() {
        return true;
    }
    eprintln!("SKIPPED: pdftotext (poppler-utils) is not installed and could not be installed");
    false
}
