//! Helpers shared by the integration tests (`mod common;` in each).
//!
//! * [`violations`] / [`assert_invariants`]: the invariants of DESIGN.md
//!   ("Invariants") checked on a `claimscan/1` record against the text it
//!   was made from, in plain code, so that any test that gets a record (from
//!   the library or from the binary's output) can check it.
//! * [`TempDir`]: a fresh folder under Cargo's test scratch space, removed
//!   when dropped.

// Each test crate uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

mod invariants;
#[allow(unused_imports)]
pub(crate) use invariants::{assert_invariants, is_gap, violations};

/// The gold file `../shared/eval/<name>` beside the project, or `None`
/// (saying so) when it is absent, as on a laptop checkout without ../shared.
pub(crate) fn eval_gold(name: &str) -> Option<Vec<serde_json::Value>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval").join(name);
    if !path.exists() {
        eprintln!("skipping: {} is absent", path.display());
        return None;
    }
    Some(claimscan::eval::read_gold(&path).expect("gold file reads"))
}

/// A quality floor: fails when `value` fell below `floor`.
#[track_caller]
pub(crate) fn at_least(what: &str, value: f64, floor: f64) {
    assert!(value >= floor, "{what}: {value:.4} fell below its floor {floor}");
}

/// A fresh, empty folder under `CARGO_TARGET_TMPDIR`, removed on drop.
pub(crate) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir { path }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to `name` inside the folder and returns its path.
    pub(crate) fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path.join(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
