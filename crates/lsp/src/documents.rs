//! Open documents: their text (edited incrementally), version, and the latest analysis.
//!
//! Edits of one document are applied under its own lock, synchronously inside the
//! `didChange` handler before it first awaits anything, so they are applied in the order the
//! client sent them even though tower-lsp runs handlers concurrently. A change whose version is
//! not newer than the document's is dropped (and logged): applying it would corrupt the text.

use crate::analysis::{Analysis, Snapshot};
use crate::position::LineIndex;
use crate::position::{apply_change, Encoding};
use budgetlint_model::Document;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::watch;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// Whether a document is one budgetlint reads.
pub fn is_disclosure(uri: &Uri, language_id: &str) -> bool {
    let path = uri.path().as_str().to_ascii_lowercase();
    path.ends_with(".txt")
        || path.ends_with(".md")
        || path.ends_with(".markdown")
        || matches!(language_id, "plaintext" | "text" | "markdown")
}

pub fn is_markdown(uri: &Uri, language_id: &str) -> bool {
    let path = uri.path().as_str().to_ascii_lowercase();
    language_id == "markdown" || path.ends_with(".md") || path.ends_with(".markdown")
}

struct Text {
    version: i32,
    text: Arc<String>,
    index: Arc<LineIndex>,
}

pub struct DocHandle {
    pub uri: Uri,
    /// The file behind the document, for `file:` URIs.
    pub path: Option<PathBuf>,
    pub markdown: bool,
    /// Check it even when no rules.toml applies (`budgetlint.lintDocument`).
    pub forced: AtomicBool,
    text: Mutex<Text>,
    /// Bumped on every change that needs a new check; the document's worker waits on it.
    pub tick: watch::Sender<u64>,
    /// Set when the next check should skip the debounce (open, configuration change).
    pub immediate: AtomicBool,
    /// The latest analysis. The async lock also serializes checks of this document.
    pub analysis: tokio::sync::Mutex<Option<Arc<Analysis>>>,
    /// The parsed model of the latest version anyone asked for (hover, outline).
    pub model: Mutex<Option<(i32, Arc<Document>)>>,
    /// (version, generation) of the diagnostics last published, to publish each result once.
    pub published: Mutex<Option<(i32, u64)>>,
    pub worker: Mutex<Option<tokio::task::AbortHandle>>,
    /// Last, so that it drops after everything above (`crate::memory::ReleaseOnDrop`).
    _release: crate::memory::ReleaseOnDrop,
}

impl DocHandle {
    pub fn new(uri: Uri, language_id: &str, version: i32, text: String) -> DocHandle {
        let path = if uri.scheme().as_str() == "file" {
            uri.to_file_path().map(|p| p.into_owned())
        } else {
            None
        };
        let markdown = is_markdown(&uri, language_id);
        let index = Arc::new(LineIndex::new(&text));
        DocHandle {
            uri,
            path,
            markdown,
            forced: AtomicBool::new(false),
            text: Mutex::new(Text {
                version,
                text: Arc::new(text),
                index,
            }),
            tick: watch::channel(0).0,
            immediate: AtomicBool::new(true),
            analysis: tokio::sync::Mutex::new(None),
            model: Mutex::new(None),
            published: Mutex::new(None),
            worker: Mutex::new(None),
            _release: crate::memory::ReleaseOnDrop,
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        let t = crate::lock(&self.text);
        Snapshot {
            version: t.version,
            text: t.text.clone(),
            index: t.index.clone(),
        }
    }

    pub fn version(&self) -> i32 {
        crate::lock(&self.text).version
    }

    /// Applies the changes of one `didChange`. `Err` (nothing applied) for a version that is
    /// not newer than the current one.
    pub fn apply(
        &self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), budgetlint_engine::Message> {
        let mut t = crate::lock(&self.text);
        if version <= t.version {
            let current = t.version;
            return Err(budgetlint_engine::Message::new(
                format!(
                    "change to version {version} ignored: the document is already at version {current}"
                ),
                format!("已忽略对版本 {version} 的修改：文档已是版本 {current}"),
            ));
        }
        let t = &mut *t;
        let text = Arc::make_mut(&mut t.text);
        let mut index = (*t.index).clone();
        for change in changes {
            index = apply_change(text, &index, change.range, change.text, encoding);
        }
        t.index = Arc::new(index);
        t.version = version;
        Ok(())
    }

    /// Asks the worker for a new check (`immediate`: without waiting for the debounce).
    pub fn request_check(&self, immediate: bool) {
        if immediate {
            self.immediate.store(true, Ordering::SeqCst);
        }
        self.tick.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// The model of the current text, parsed at most once per version.
    pub fn model(&self) -> (Snapshot, Arc<Document>) {
        let snapshot = self.snapshot();
        if let Some((v, doc)) = crate::lock(&self.model).as_ref() {
            if *v == snapshot.version {
                return (snapshot, doc.clone());
            }
        }
        let doc = Arc::new(budgetlint_model::parse_text(snapshot.text.to_string()));
        *crate::lock(&self.model) = Some((snapshot.version, doc.clone()));
        (snapshot, doc)
    }

    /// The model of `snapshot`: the cached one when it is of the same version, else parsed
    /// (and cached when the snapshot is still the current version).
    pub fn model_of(&self, snapshot: &Snapshot) -> Arc<Document> {
        if let Some((v, doc)) = crate::lock(&self.model).as_ref() {
            if *v == snapshot.version {
                return doc.clone();
            }
        }
        let doc = Arc::new(budgetlint_model::parse_text(snapshot.text.to_string()));
        if self.version() == snapshot.version {
            *crate::lock(&self.model) = Some((snapshot.version, doc.clone()));
        }
        doc
    }

    pub fn stop(&self) {
        if let Some(worker) = crate::lock(&self.worker).take() {
            worker.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position {
                    line: l0,
                    character: c0,
                },
                end: Position {
                    line: l1,
                    character: c1,
                },
            }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_and_stale_versions_are_refused() {
        let uri: Uri = "file:///tmp/a.txt".parse().unwrap();
        let doc = DocHandle::new(uri, "plaintext", 1, "甲𠀀乙\n合计10\n".into());
        doc.apply(
            2,
            vec![change(0, 3, 0, 4, "丙"), change(1, 2, 1, 4, "20.5")],
            Encoding::Utf16,
        )
        .unwrap();
        assert_eq!(doc.snapshot().text.as_str(), "甲𠀀丙\n合计20.5\n");
        assert!(doc
            .apply(2, vec![change(0, 0, 0, 0, "x")], Encoding::Utf16)
            .is_err());
        doc.apply(3, vec![change(0, 0, 1, 0, "")], Encoding::Utf8)
            .unwrap();
        assert_eq!(doc.snapshot().text.as_str(), "合计20.5\n");
        doc.apply(
            4,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "新".into(),
            }],
            Encoding::Utf8,
        )
        .unwrap();
        assert_eq!((doc.version(), doc.snapshot().text.as_str()), (4, "新"));
    }

    #[test]
    fn a_version_is_parsed_once_for_outline_hovers_and_the_check() {
        let uri: Uri = "file:///tmp/a.txt".parse().unwrap();
        let doc = DocHandle::new(uri, "plaintext", 1, "合计10万元。\n".into());
        let (snapshot, outline) = doc.model();
        assert!(
            Arc::ptr_eq(&outline, &doc.model_of(&snapshot)),
            "the check reuses it"
        );
        doc.apply(2, vec![change(0, 0, 0, 0, "新")], Encoding::Utf8)
            .unwrap();
        let stale = doc.model_of(&snapshot);
        assert_eq!(
            stale.text,
            snapshot.text.as_str(),
            "an older snapshot gets its own model"
        );
        let current = doc.snapshot();
        let checked = doc.model_of(&current);
        assert!(
            Arc::ptr_eq(&checked, &doc.model().1),
            "and outline then reuses the check's"
        );
    }

    #[test]
    fn reversed_and_out_of_range_edits_do_not_panic() {
        let uri: Uri = "untitled:Untitled-1".parse().unwrap();
        let doc = DocHandle::new(uri, "plaintext", 0, "ab\n".into());
        doc.apply(
            1,
            vec![change(0, 2, 0, 0, "X"), change(99, 5, 120, 0, "末")],
            Encoding::Utf16,
        )
        .unwrap();
        assert_eq!(doc.snapshot().text.as_str(), "X\n末");
    }
}
