//! Output formats. They read a finished [`Analysis`] and nothing else.
//!
//! * [`schema`]: the `claimscan/1` JSON record, written in this one place.
//! * [`show`]: the terminal view, each source line with its annotations
//!   drawn under it.
//! * [`text`]: the `show` view and the claims by check-worthiness, for
//!   reviewers at a terminal.
//! * [`html`]: a self-contained review page.
//! * [`claimreview`]: schema.org ClaimReview drafts (JSON-LD).
//! * [`label_studio`]: a Label Studio import file with pre-annotations.
//! * [`csv`]: one row per claim.

pub mod claimreview;
pub mod csv;
pub mod html;
pub mod label_studio;
pub mod schema;
pub mod show;
pub mod text;

pub use schema::{error_record, record, write_record};
pub use show::show;

use crate::document::{About, Analysis, Claim};

/// The ISO value of the date claim `c` is about, if known.
pub(crate) fn claim_date(a: &Analysis, c: &Claim) -> Option<String> {
    match c.about? {
        About::Date(i) => a.dates.dates.get(i)?.value.clone(),
        About::Dct => a.doc.dct.map(|d| d.to_string()),
    }
}
