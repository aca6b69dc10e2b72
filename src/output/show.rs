//! The terminal view: each source line, then the annotations under it.
//!
//! ## What it does
//! [`show`] prints the text line by line (long lines in chunks of
//! [`WIDTH`] characters) with a gutter of line numbers. Under each chunk it
//! draws every annotation that overlaps it as a bracket over its characters,
//! `├s3 body──────┤`, packing annotations of one layer into as few rows as
//! possible. A bracket that goes on in the next chunk has no closing `┤`.
//!
//! ```text
//!    3 │ BAGHDAD — The U.S.-led international coalition ...
//!      │ ├s2 body──────────────────────────────────────────
//!      │ ├dateline BAGHDAD┤
//! ```

use std::fmt::Write;

use crate::document::Analysis;
use crate::span::Span;

/// Characters of source text per displayed chunk.
pub const WIDTH: usize = 100;

struct Mark {
    span: Span,
    label: String,
}

/// The annotated text of `a`, ending with a newline.
pub fn show(a: &Analysis) -> String {
    let text = a.doc.text.as_str();
    let layers = marks(a);
    let mut out = String::new();
    let dct = a.doc.dct.map_or_else(|| "unknown".to_string(), |d| d.to_string());
    let _ = writeln!(out, "── {} · dct {} · {} sentences", a.doc.id, dct, a.sentences.sentences.len());
    let mut line_no = 0;
    let mut start = 0;
    while start <= text.len() {
        line_no += 1;
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let line = Span::new(start, end);
        let chunks = chunks(text, line);
        for (k, chunk) in chunks.iter().enumerate() {
            let gutter = if k == 0 { format!("{line_no:>4}") } else { "    ".to_string() };
            let shown: String = chunk.slice(text).chars().map(visible).collect();
            let _ = writeln!(out, "{gutter} │ {}", shown.trim_end());
            for layer in &layers {
                for row in rows(text, *chunk, layer) {
                    let _ = writeln!(out, "     │ {}", row.trim_end());
                }
            }
        }
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    out
}

/// One list of marks per layer, in drawing order.
fn marks(a: &Analysis) -> Vec<Vec<Mark>> {
    let sentences = a
        .sentences
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| Mark { span: s.span, label: format!("s{i} {}", s.kind.as_str()) })
        .collect();
    let text = a.doc.text.as_str();
    let dateline = a
        .sentences
        .dateline
        .iter()
        .map(|d| Mark { span: d.span, label: format!("dateline {}", d.place.slice(text)) })
        .collect();
    let claims = a
        .claims
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| Mark { span: c.span, label: format!("c{i} {:.3} {}", c.checkworthy_3dp(), c.category) })
        .collect();
    vec![sentences, dateline, claims]
}

/// The line cut into chunks of at most `WIDTH` characters, at the last
/// space of a chunk when there is one in its second half.
fn chunks(text: &str, line: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = line.start;
    let mut count = 0;
    let mut last_space = None;
    for (i, c) in line.slice(text).char_indices() {
        let at = line.start + i;
        if count == WIDTH {
            let cut = last_space.filter(|&(_, n)| n >= WIDTH / 2).map_or(at, |(pos, _)| pos);
            out.push(Span::new(start, cut));
            count = text[cut..at].chars().count();
            start = cut;
            last_space = None;
        }
        count += 1;
        if c == ' ' {
            last_space = Some((at + 1, count));
        }
    }
    out.push(Span::new(start, line.end));
    out
}

/// The rows drawn under `chunk` for the marks of one layer. A label that
/// does not fit inside its bracket follows it.
fn rows(text: &str, chunk: Span, marks: &[Mark]) -> Vec<String> {
    let col = |byte: usize| text[chunk.start..byte.clamp(chunk.start, chunk.end)].chars().count();
    let mut rows: Vec<Vec<char>> = Vec::new();
    for m in marks {
        let touches = m.span.start < chunk.end.max(chunk.start + 1) && m.span.end > chunk.start;
        if !touches || m.span.is_empty() {
            continue;
        }
        let (a, b) = (col(m.span.start), col(m.span.end).max(col(m.span.start) + 1));
        let starts_here = m.span.start >= chunk.start;
        let ends_here = m.span.end <= chunk.end;
        let mut cells: Vec<char> = vec!['─'; b - a];
        if ends_here {
            let last = cells.len() - 1;
            cells[last] = if cells.len() == 1 && starts_here { '│' } else { '┤' };
        }
        if starts_here {
            cells[0] = if cells.len() == 1 && ends_here { '│' } else { '├' };
            let label: Vec<char> = m.label.chars().collect();
            let room = cells.len().saturating_sub(1 + usize::from(ends_here));
            if label.len() <= room {
                cells[1..=label.len()].copy_from_slice(&label);
            } else {
                cells.push(' ');
                cells.extend(label);
            }
        }
        let end = a + cells.len();
        let row = match rows.iter().position(|r| r.iter().skip(a).take(cells.len() + 1).all(|&c| c == ' ')) {
            Some(r) => r,
            None => {
                rows.push(Vec::new());
                rows.len() - 1
            }
        };
        if rows[row].len() < end + 1 {
            rows[row].resize(end + 1, ' ');
        }
        rows[row][a..end].copy_from_slice(&cells);
    }
    rows.into_iter().map(|r| r.into_iter().collect()).collect()
}

/// Control characters drawn visibly so that columns stay aligned.
fn visible(c: char) -> char {
    match c {
        '\t' => '→',
        '\r' => '␍',
        c if c.is_control() => '␀',
        c => c,
    }
}
