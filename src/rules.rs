//! Rule files: the linguistic knowledge of every pass, as data.
//!
//! ## What it does
//! Each file in `rules/` is embedded with `include_str!` and listed once in
//! [`FILES`]. A file is plain text in named sections:
//!
//! ```text
//! # comment
//! [title]
//! Dr.
//! Gen.
//! [examples]
//! Gen. Austin arrived. He spoke. => Gen. Austin arrived. | He spoke.
//! ```
//!
//! Word-list sections hold one entry a line, sorted and without duplicates
//! (checked by the hygiene test). The `[examples]` section holds
//! `input => expected` lines that the owning pass turns into tests: for the
//! sentence pass `expected` is the list of sentences separated by ` | `.
//! Passes compile what they need from these lists once, behind `LazyLock`.
//!
//! ## Invariants
//! Parsing happens once per process. A malformed file is a bug in the binary,
//! not in the input, so the loader panics naming the file and line; the
//! `rules_parse` test makes sure no such binary ships.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Which pass checks a file's examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Sentences,
    Numbers,
    Dates,
    Quotes,
    Claims,
}

/// One embedded rule file.
pub struct FileDef {
    pub name: &'static str,
    pub owner: Owner,
    pub source: &'static str,
}

/// Every rule file, in alphabetical order so a new file has one obvious place.
pub static FILES: &[FileDef] = &[
    FileDef {
        name: "abbreviations.rules",
        owner: Owner::Sentences,
        source: include_str!("../rules/abbreviations.rules"),
    },
    FileDef { name: "claims.rules", owner: Owner::Claims, source: include_str!("../rules/claims.rules") },
    FileDef { name: "dates.rules", owner: Owner::Dates, source: include_str!("../rules/dates.rules") },
    FileDef { name: "months.rules", owner: Owner::Sentences, source: include_str!("../rules/months.rules") },
    FileDef { name: "numbers.rules", owner: Owner::Numbers, source: include_str!("../rules/numbers.rules") },
    FileDef { name: "quotes.rules", owner: Owner::Quotes, source: include_str!("../rules/quotes.rules") },
    FileDef {
        name: "sentence_starters.rules",
        owner: Owner::Sentences,
        source: include_str!("../rules/sentence_starters.rules"),
    },
    FileDef { name: "sentences.rules", owner: Owner::Sentences, source: include_str!("../rules/sentences.rules") },
];

pub struct RuleFile {
    pub name: &'static str,
    pub owner: Owner,
    pub sections: Vec<Section>,
    pub examples: Vec<Example>,
}

pub struct Section {
    pub name: &'static str,
    /// (1-based line number, entry) in file order.
    pub entries: Vec<(usize, &'static str)>,
}

pub struct Example {
    pub file: &'static str,
    pub line: usize,
    pub input: &'static str,
    pub expected: &'static str,
}

static PARSED: LazyLock<Vec<RuleFile>> = LazyLock::new(|| FILES.iter().map(parse).collect());

/// All rule files, parsed.
pub fn all() -> &'static [RuleFile] {
    &PARSED
}

/// The examples of the rule files of `owner` that `render` gets wrong, one
/// readable line each (empty when all pass). `render` maps an example's
/// input to the text its `=> expected` side is written in; each pass's
/// `rule_examples` test asserts that this list is empty.
pub fn failing_examples(owner: Owner, render: impl Fn(&str) -> String) -> Vec<String> {
    let mut failures = Vec::new();
    for f in all().iter().filter(|f| f.owner == owner) {
        for ex in &f.examples {
            let got = render(ex.input);
            if got != ex.expected {
                failures.push(format!(
                    "rules/{}:{}\n  input: {}\n  want:  {}\n  got:   {got}",
                    ex.file, ex.line, ex.input, ex.expected
                ));
            }
        }
    }
    failures
}

/// The parsed file called `name`. Panics when there is none: file names are
/// constants of the binary.
pub fn file(name: &str) -> &'static RuleFile {
    all().iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no rule file named {name}"))
}

impl RuleFile {
    /// The entries of section `name`. Panics naming the file when it is missing.
    pub fn section(&self, name: &str) -> impl Iterator<Item = &'static str> + '_ {
        self.sections
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("rules/{}: no [{name}] section", self.name))
            .entries
            .iter()
            .map(|&(_, e)| e)
    }

    /// The entries of section `name`, ASCII-lowercased, as a set.
    pub fn lowercase_set(&self, name: &str) -> HashSet<String> {
        self.section(name).map(|e| e.to_ascii_lowercase()).collect()
    }
}

fn parse(def: &FileDef) -> RuleFile {
    let mut sections: Vec<Section> = Vec::new();
    let mut examples = Vec::new();
    let mut in_examples = false;
    for (i, raw) in def.source.lines().enumerate() {
        let line = raw.trim();
        let lineno = i + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_examples = name == "examples";
            if !in_examples {
                sections.push(Section { name, entries: Vec::new() });
            }
            continue;
        }
        if in_examples {
            let (input, expected) = line
                .split_once(" => ")
                .unwrap_or_else(|| panic!("rules/{}:{lineno}: an example needs `input => expected`", def.name));
            examples.push(Example { file: def.name, line: lineno, input: input.trim(), expected: expected.trim() });
            continue;
        }
        let section =
            sections.last_mut().unwrap_or_else(|| panic!("rules/{}:{lineno}: entry before any [section]", def.name));
        section.entries.push((lineno, line));
    }
    RuleFile { name: def.name, owner: def.owner, sections, examples }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse() {
        for f in all() {
            assert!(!f.sections.is_empty() || !f.examples.is_empty(), "rules/{} is empty", f.name);
        }
    }

    #[test]
    fn every_rule_file_has_examples() {
        for f in all() {
            assert!(!f.examples.is_empty(), "rules/{} has no [examples]", f.name);
        }
    }

    /// Word lists stay canonical: sorted (case-insensitively), no duplicate
    /// within a section, so a reviewer sees each change in one place.
    #[test]
    fn hygiene_sorted_and_unique() {
        let mut problems = Vec::new();
        for f in all() {
            for s in &f.sections {
                let mut seen = HashSet::new();
                for pair in s.entries.windows(2) {
                    let (a, b) = (sort_key(pair[0].1), sort_key(pair[1].1));
                    if a > b {
                        problems.push(format!(
                            "rules/{}:{} [{}] {:?} sorts before {:?}",
                            f.name, pair[1].0, s.name, pair[1].1, pair[0].1
                        ));
                    }
                }
                for &(line, e) in &s.entries {
                    if !seen.insert(e) {
                        problems.push(format!("rules/{}:{line} [{}] duplicate {e:?}", f.name, s.name));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn sort_key(s: &str) -> (String, &str) {
        (s.to_lowercase(), s)
    }
}
