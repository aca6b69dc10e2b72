//! Quotation marks: the quoted stretches of one paragraph.
//!
//! ## What it does
//! [`stretches`] scans a paragraph once and returns its double-quoted
//! stretches, each from its opening mark to its closing mark (inclusive).
//! Marks are “ „ « (open), ” » (close), the straight `"` and the doubled
//! apostrophe `''` (both toggle, as in NYT archive text), and a doubled
//! backtick (open). Single quotes are never marks: they double as
//! apostrophes and mark nested quotes (‘suicide’ inside “…”).
//!
//! ## Invariants
//! A paragraph end closes a stretch that is still open: a missing closing
//! mark costs at most the rest of its paragraph, never the document. This is
//! also the news convention for quotes over several paragraphs (each
//! paragraph opens a mark, only the last one closes), which the caller joins.
//! The scan mirrors the quoted-character rule of the scorer
//! (../shared/eval/score/score_quotes.py `quoted_mask`), so what this pass
//! calls direct is what the scorer calls direct.

use crate::span::Span;

/// One quoted stretch: marks included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub(crate) span: Span,
    /// Whether a closing mark ends it (false: the paragraph ended first).
    pub(crate) closed: bool,
}

/// The quoted stretches of `text[para]`, in order.
pub(crate) fn stretches(text: &str, para: Span) -> Vec<Stretch> {
    let mut out = Vec::new();
    let s = para.slice(text);
    let b = s.as_bytes();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Every mark is either ASCII or starts with a non-ASCII lead byte.
        if c == b'"' || (c == b'\'' && b.get(i + 1) == Some(&b'\'')) || (c == b'`' && b.get(i + 1) == Some(&b'`')) {
            let len = if c == b'"' { 1 } else { 2 };
            match (open, c) {
                (Some(o), b'"' | b'\'') => {
                    out.push(Stretch { span: Span::new(para.start + o, para.start + i + len), closed: true });
                    open = None;
                }
                (None, _) => open = Some(i),
                _ => {}
            }
            i += len;
            continue;
        }
        if c >= 0x80 {
            let ch = s[i..].chars().next().unwrap_or(' ');
            let len = ch.len_utf8();
            match ch {
                '\u{201c}' | '\u{201e}' | '\u{ab}' if open.is_none() => open = Some(i),
                '\u{201d}' | '\u{bb}' => {
                    if let Some(o) = open.take() {
                        out.push(Stretch { span: Span::new(para.start + o, para.start + i + len), closed: true });
                    }
                }
                _ => {}
            }
            i += len;
            continue;
        }
        i += 1;
    }
    if let Some(o) = open {
        out.push(Stretch { span: Span::new(para.start + o, para.end), closed: false });
    }
    out
}

/// Whether `c` is a double quotation mark character (for trimming and for
/// telling a quote's edge).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, want: &[&str]) {
        let got: Vec<&str> = stretches(text, Span::new(0, text.len())).iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn curly_straight_and_doubled() {
        check("He said “yes” and “no.”", &["“yes”", "“no.”"]);
        check("He said \"yes\" then \"no", &["\"yes\"", "\"no"]);
        check("''It's over,'' he said.", &["''It's over,''"]);
        check("“The ‘suicide’ belts”", &["“The ‘suicide’ belts”"]);
        check("a stray ” close", &[]);
        check("“open to the end", &["“open to the end"]);
    }
}
