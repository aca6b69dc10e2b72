//! `--resume`: what an earlier, possibly killed, run already wrote.
//!
//! A run writes whole JSONL lines in input order, so a killed run leaves an
//! output file of complete records followed by at most one truncated line.
//! [`prepare`] cuts that line off and counts the ids of the complete
//! records; the new run skips that many records of each id (a multiset, so
//! that inputs that repeat an id are neither lost nor duplicated) and
//! appends the rest.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::{self, BufRead, BufReader, Seek};
use std::path::Path;

use serde::Deserialize;

/// The records already in an output file.
#[derive(Debug, Default)]
pub struct Done {
    /// How many complete records carry each id.
    pub ids: HashMap<String, usize>,
    /// Complete records in the file.
    pub records: usize,
    /// Of those, error records.
    pub errors: usize,
    /// Bytes of a truncated last line that were cut off.
    pub dropped_bytes: u64,
}

/// The two fields of a record that resuming needs.
#[derive(Deserialize)]
struct Head {
    id: String,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

/// Reads the output file at `path`, truncates it after its last complete
/// line, and returns what it holds. A missing file holds nothing.
pub fn prepare(path: &Path) -> io::Result<Done> {
    let mut file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Done::default()),
        Err(e) => return Err(e),
    };
    let mut done = Done::default();
    let mut complete: u64 = 0;
    let mut reader = BufReader::with_capacity(1 << 16, &mut file);
    let mut line = Vec::new();
    let mut lineno = 0;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        if line.last() != Some(&b'\n') {
            // Only the last line can lack its newline: a killed run.
            done.dropped_bytes = n as u64;
            break;
        }
        lineno += 1;
        let head: Head = serde_json::from_slice(&line).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("line {lineno} is not a claimscan/1 JSONL record ({e}); --resume needs JSONL output"),
            )
        })?;
        *done.ids.entry(head.id).or_default() += 1;
        done.records += 1;
        done.errors += usize::from(head.error.is_some());
        complete += n as u64;
    }
    drop(reader);
    if done.dropped_bytes > 0 {
        file.set_len(complete)?;
    }
    file.seek(io::SeekFrom::End(0))?;
    Ok(done)
}

impl Done {
    /// Whether a record with `id` was already written; if so, it is
    /// counted off, so that a repeated id is skipped only as often as it
    /// was written.
    pub fn take(&mut self, id: &str) -> bool {
        match self.ids.get_mut(id) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_last_line_is_cut_and_ids_are_counted() {
        let dir = std::env::temp_dir().join(format!("claimscan-resume-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        let body = concat!(
            r#"{"schema":"claimscan/1","id":"a","sentences":[]}"#,
            "\n",
            r#"{"schema":"claimscan/1","id":"b","error":{"kind":"empty","message":"input is empty"}}"#,
            "\n",
            r#"{"schema":"claimscan/1","id":"a","sentences":[]}"#,
            "\n",
        );
        std::fs::write(&path, format!("{body}{{\"schema\":\"claimscan/1\",\"id\":\"c\",\"sen")).unwrap();
        let mut done = prepare(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), body, "the truncated line is cut off");
        assert_eq!((done.records, done.errors, done.dropped_bytes), (3, 1, 37));
        assert!(done.take("a") && done.take("a") && !done.take("a"), "an id is skipped as often as it was written");
        assert!(done.take("b") && !done.take("c"));

        assert_eq!(prepare(&dir.join("missing.jsonl")).unwrap().records, 0);
        std::fs::write(&path, "not json\n").unwrap();
        assert!(prepare(&path).is_err(), "a complete line that is not a record is an error");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
