//! What the PDF tests share: poppler's `pdftotext` (installed with apt-get when missing and
//! run as root, else the test is skipped with a message), and a PDF file written byte by byte
//! from its objects, with the cross-reference table computed, so fixtures are readable in
//! review.

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

/// A PDF of `objects` (numbered from 1, the first the catalog), with a valid cross-reference
/// table and trailer.
pub fn pdf_from_objects(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}
