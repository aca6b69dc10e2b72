//! Byte offsets to Unicode code-point offsets, for output only.
//!
//! ## What it does
//! The library works in bytes; `claimscan/1` speaks code points (the
//! convention of Python and JavaScript strings and of ../shared/eval). A
//! `CharIndex` is built once per text and answers each conversion in constant
//! time: pure-ASCII texts (the common case) convert by identity, others keep
//! the code-point count at the start of every 64-byte block and count the
//! rest of the block by hand.

const BLOCK: usize = 64;

pub struct CharIndex<'a> {
    text: &'a str,
    /// Code points before each 64-byte block; empty for ASCII text.
    blocks: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex { text, blocks: Vec::new() };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0usize;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| !is_continuation(b)).count();
        }
        // The end of a text whose length is a multiple of BLOCK starts a
        // block of its own.
        blocks.push(count);
        CharIndex { text, blocks }
    }

    /// The code-point offset of byte offset `byte` (which must be on a char
    /// boundary; an offset past the end is clamped to the end).
    pub fn chars(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.blocks.is_empty() {
            return byte;
        }
        let block = byte / BLOCK;
        let base = block * BLOCK;
        let before = self.blocks.get(block).copied().unwrap_or(0);
        before + self.text.as_bytes()[base..byte].iter().filter(|&&b| !is_continuation(b)).count()
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::CharIndex;

    #[test]
    fn matches_char_indices_on_mixed_text() {
        let text = "“Quote,” he said — 2,500 €. ".repeat(10);
        let idx = CharIndex::new(&text);
        for (n, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.chars(b), n, "byte {b}");
        }
        assert_eq!(idx.chars(text.len()), text.chars().count());
    }

    #[test]
    fn end_of_a_whole_number_of_blocks() {
        let text = format!("é{}.", "a".repeat(61));
        assert_eq!(text.len(), 64);
        assert_eq!(CharIndex::new(&text).chars(64), 63);
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("plain text");
        assert_eq!(idx.chars(5), 5);
        assert_eq!(idx.chars(99), 10);
    }
}
