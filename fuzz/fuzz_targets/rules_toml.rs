//! Any bytes as a rules.toml, loaded by the engine (`Config::load`: TOML, the schema, severity
//! names, rule options, paths): an error names the file, and nothing panics.
#![no_main]

use budgetlint_engine::Config;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A folder of this process under the temporary directory, for the one file written.
static DIR: OnceLock<PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    // `extends` could name a device or a huge file; the fuzzer's files name only themselves.
    if data.windows(7).any(|w| w == b"extends") {
        return;
    }
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("budgetlint-fuzz-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    });
    let path = dir.join("rules.toml");
    std::fs::write(&path, data).unwrap();
    match Config::load(&path) {
        Ok(config) => {
            let _ = config.digest();
            for id in config.rules.keys() {
                let _ = config.level(id);
                let _ = config.options(id);
            }
        }
        Err(e) => assert_eq!(e.path, path),
    }
});
