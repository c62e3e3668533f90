//! End-to-end tests of budgetlint's editor integrations (no library code).
//!
//! `tests/vscode.rs` runs `scripts/vscode-e2e.sh`: the VS Code extension from `editors/vscode`,
//! packaged as a .vsix with the server, installed into code-server and driven by headless
//! Chromium. It skips (passes with a message) when the package registries are not reachable,
//! and when `BUDGETLINT_SKIP_EDITOR_E2E` is set.
