//! Byte spans into a document's text.
//!
//! ## What it does
//! `Span` is the one coordinate system of the library: a half-open byte range
//! `start..end` into the unmodified text of a `Document`. Code-point offsets
//! exist only in the output (see `offsets`), never inside a pass.
//!
//! ## Invariant
//! `start <= end`, and both lie on `char` boundaries of the text the span was
//! made for. `Span::new` checks the order; `Span::checked` also checks the
//! text, and passes build spans from regex matches and `char_indices`, which
//! are on boundaries by construction. `Span::slice` never panics: a span that
//! broke the invariant yields the empty string (and a debug assertion).

use std::fmt;
use std::ops::Range;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span over `start..end`. The order is checked in debug builds; release
    /// builds clamp `end` so that a bug can never produce a reversed range.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "reversed span {start}..{end}");
        Span { start, end: end.max(start) }
    }

    /// A span over `start..end` when it lies inside `text` on char boundaries.
    pub fn checked(text: &str, start: usize, end: usize) -> Option<Span> {
        (start <= end && text.is_char_boundary(start) && text.is_char_boundary(end)).then_some(Span { start, end })
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span names, or `""` when the span does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        let s = text.get(self.range());
        debug_assert!(s.is_some(), "span {self:?} does not fit a text of {} bytes", text.len());
        s.unwrap_or("")
    }

    /// This span with leading and trailing whitespace of `text` removed; a
    /// byte-order mark counts as whitespace.
    pub fn trim(self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start_matches(is_space).len();
        let trail = s.len() - s.trim_end_matches(is_space).len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Whitespace, and the byte-order mark that some files start with.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn checked_rejects_non_boundaries() {
        let text = "a—b";
        assert_eq!(Span::checked(text, 0, 1), Some(Span::new(0, 1)));
        assert_eq!(Span::checked(text, 0, 2), None, "inside the em dash");
        assert_eq!(Span::checked(text, 2, 1), None, "reversed");
        assert_eq!(Span::checked(text, 0, 99), None, "past the end");
    }

    #[test]
    fn trim_drops_surrounding_whitespace() {
        let text = "  Hi there. \n";
        let s = Span::new(0, text.len()).trim(text);
        assert_eq!(s.slice(text), "Hi there.");
        assert!(Span::new(0, 2).trim(text).is_empty());
        assert!(Span::new(0, 3).trim("\u{feff}").is_empty(), "a lone BOM");
    }
}
