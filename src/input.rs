//! Input records: bytes to documents, with one typed error per bad record.
//!
//! ## What it does
//! [`decode_text`] turns the bytes of a plain-text input into a [`Record`],
//! [`parse_jsonl_line`] does the same for one JSONL line
//! (`{"id", "text", "date"?, ...}`; other fields are kept as `meta`). Both
//! reject what cannot be news text with an [`InputError`] whose `kind` is
//! the `error.kind` of the output record: empty input, binary content (a
//! known file signature, or many control bytes), NUL bytes in otherwise
//! textual input, invalid UTF-8 (with the byte offset), JSON that is not an
//! object with a string `text`, a malformed `date`.
//!
//! This module reads no files: `batch` does, and hands bytes here.

use jiff::civil::Date;
use serde_json::{Map, Value};

/// One input record, ready for the pipeline.
#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub text: String,
    pub date: Option<Date>,
    /// The other fields of a JSONL record, carried through untouched.
    pub meta: Option<Map<String, Value>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Empty,
    Binary,
    NulByte,
    InvalidUtf8,
    NotFound,
    Unreadable,
    InvalidJson,
    MissingText,
    InvalidDate,
    TooLarge,
}

impl ErrorKind {
    /// The `error.kind` value of the output record.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::NulByte => "nul_byte",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::MissingText => "missing_text",
            ErrorKind::InvalidDate => "invalid_date",
            ErrorKind::TooLarge => "too_large",
        }
    }
}

/// Why one record could not be processed. Messages are lowercase without a
/// final period, ripgrep style.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    pub kind: ErrorKind,
    pub message: String,
    pub byte_offset: Option<usize>,
}

impl InputError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> InputError {
        InputError { kind, message: message.into(), byte_offset: None }
    }
}

/// A plain-text input: must be non-empty, valid UTF-8 text without NUL bytes.
pub fn decode_text(id: &str, bytes: Vec<u8>, date: Option<Date>) -> Result<Record, InputError> {
    let text = decode(bytes)?;
    Ok(Record { id: id.to_string(), text, date, meta: None })
}

fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::new(ErrorKind::Empty, "input is empty"));
    }
    check_bytes(&bytes, "input")?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        InputError {
            kind: ErrorKind::InvalidUtf8,
            message: format!("input is not valid UTF-8 at byte offset {at}"),
            byte_offset: Some(at),
        }
    })
}

/// Signatures of common binary files: zip (docx, xlsx, epub), gzip, PDF,
/// PNG, JPEG, GIF, ELF, UTF-16 and UTF-32 byte order marks.
const SIGNATURES: &[&[u8]] =
    &[b"PK\x03\x04", b"\x1f\x8b", b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\xff\xfe", b"\xfe\xff"];

/// How much of the start of an input the control-byte count looks at.
const SNIFF: usize = 1024;

/// Binary content, then NUL bytes. Binary: a known signature, or more than
/// one control byte in ten (not counting tab, line breaks, form feed and
/// escape) in the first [`SNIFF`] bytes. Text that merely holds a NUL byte
/// is `nul_byte`: the pipeline would take it, but no news text has one and
/// it usually means a damaged file or a wrong encoding.
fn check_bytes(bytes: &[u8], what: &str) -> Result<(), InputError> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b)) || b == 0x7f;
    // An upper bound first, in a loop that vectorises: every byte below
    // 0x20 (news text has few: its line breaks); the exact count only when
    // the bound is high.
    let below_space: usize = head.iter().map(|&b| usize::from(b < 0x20 || b == 0x7f)).sum();
    let many_controls =
        below_space * 10 > head.len() && head.iter().filter(|&&b| is_control(b)).count() * 10 > head.len();
    if SIGNATURES.iter().any(|s| bytes.starts_with(s)) || many_controls {
        let at = head.iter().position(|&b| is_control(b)).unwrap_or(0);
        return Err(InputError {
            kind: ErrorKind::Binary,
            message: format!("{what} looks binary (a file signature or control bytes, the first at offset {at})"),
            byte_offset: Some(at),
        });
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(InputError {
            kind: ErrorKind::NulByte,
            message: format!("{what} holds a NUL byte at offset {at}"),
            byte_offset: Some(at),
        });
    }
    Ok(())
}

/// One JSONL line. `fallback_id` names the record when it has no `id`
/// (the file and line number), so that no record is ever anonymous.
pub fn parse_jsonl_line(line: &[u8], fallback_id: &str) -> Result<Record, (String, InputError)> {
    let fail = |e: InputError| (fallback_id.to_string(), e);
    let value: Value = serde_json::from_slice(line).map_err(|e| {
        let kind = if std::str::from_utf8(line).is_err() { ErrorKind::InvalidUtf8 } else { ErrorKind::InvalidJson };
        fail(InputError::new(kind, format!("line is not a JSON object: {e}")))
    })?;
    let Value::Object(mut map) = value else {
        return Err(fail(InputError::new(ErrorKind::InvalidJson, "line is JSON but not an object")));
    };
    let id = match map.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id.to_string(),
    };
    let fail = |e: InputError| (id.clone(), e);
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(fail(InputError::new(ErrorKind::MissingText, "field `text` is not a string"))),
        None => return Err(fail(InputError::new(ErrorKind::MissingText, "record has no `text` field"))),
    };
    if text.trim().is_empty() {
        return Err(fail(InputError::new(ErrorKind::Empty, "field `text` is empty")));
    }
    check_bytes(text.as_bytes(), "field `text`").map_err(fail)?;
    let date = match map.remove("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(parse_date(&s).ok_or_else(|| {
            fail(InputError::new(ErrorKind::InvalidDate, format!("field `date` is not a YYYY-MM-DD date: {s:?}")))
        })?),
        Some(other) => {
            return Err(fail(InputError::new(ErrorKind::InvalidDate, format!("field `date` is not a string: {other}"))))
        }
    };
    let meta = (!map.is_empty()).then_some(map);
    Ok(Record { id, text, date, meta })
}

/// A `YYYY-MM-DD` date, alone or at the start of a longer timestamp
/// ("2024-09-27T10:00:00Z").
pub fn parse_date(s: &str) -> Option<Date> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
        return None;
    }
    head.parse::<Date>().ok()
}

/// The first `YYYY-MM-DD` inside a file name ("wn-2019-06-01-story.txt").
pub fn date_in_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let shape = w.iter().enumerate().all(|(k, c)| if k == 4 || k == 7 { *c == b'-' } else { c.is_ascii_digit() });
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
        if shape && bounded {
            name[i..i + 10].parse::<Date>().ok()
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_get_their_kind() {
        let kind = |b: &[u8]| decode_text("x", b.to_vec(), None).unwrap_err().kind;
        assert_eq!(kind(b""), ErrorKind::Empty);
        assert_eq!(kind(b" \n\t"), ErrorKind::Empty);
        assert_eq!(kind(b"PK\x03\x04\x00\x00"), ErrorKind::Binary);
        assert_eq!(kind(b"\x01\x02\x03\x04 some text"), ErrorKind::Binary);
        assert_eq!(kind(b"It rained.\x00 We stayed in."), ErrorKind::NulByte);
        // Escapes (ANSI colours) and form feeds are not control bytes here.
        assert_eq!(
            decode_text("x", b"\x1b[1mBold\x1b[0m news.\x0c".to_vec(), None).map(|r| r.id).ok(),
            Some("x".into())
        );
        let e = decode_text("x", b"ok \xff bad".to_vec(), None).unwrap_err();
        assert_eq!((e.kind, e.byte_offset), (ErrorKind::InvalidUtf8, Some(3)));
    }

    #[test]
    fn jsonl_lines() {
        let r = parse_jsonl_line(br#"{"id": "a", "text": "Hi.", "date": "2024-09-27", "url": "u"}"#, "f:1").unwrap();
        assert_eq!((r.id.as_str(), r.date.map(|d| d.to_string())), ("a", Some("2024-09-27".into())));
        assert_eq!(r.meta.unwrap()["url"], "u");
        let err = |l: &[u8]| parse_jsonl_line(l, "f:2").unwrap_err();
        assert_eq!(err(b"{not json").1.kind, ErrorKind::InvalidJson);
        assert_eq!(err(b"[1]").1.kind, ErrorKind::InvalidJson);
        let (id, e) = err(br#"{"id": "b"}"#);
        assert_eq!((id.as_str(), e.kind), ("b", ErrorKind::MissingText));
        assert_eq!(err(br#"{"text": "x", "date": "soon"}"#).1.kind, ErrorKind::InvalidDate);
        assert_eq!(err(br#"{"text": "It \u0000 rained."}"#).1.kind, ErrorKind::NulByte);
        assert_eq!(err(br#"{"text": "\u0001\u0002\u0003"}"#).1.kind, ErrorKind::Binary);
        assert_eq!(err(br#"{"text": 7}"#).1.kind, ErrorKind::MissingText);
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(date_in_name("wn-2019-06-01-story.txt").map(|d| d.to_string()), Some("2019-06-01".into()));
        assert_eq!(date_in_name("seed_2024-09-27.txt").map(|d| d.to_string()), Some("2024-09-27".into()));
        assert_eq!(date_in_name("12019-06-01.txt"), None);
        assert_eq!(date_in_name("2019-13-01.txt"), None);
        assert_eq!(date_in_name("notes.txt"), None);
    }
}
