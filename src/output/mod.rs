//! Output formats. They read a finished [`Analysis`] and nothing else.
//!
//! * [`schema`]: the `claimscan/1` JSON record, written in this one place.
//! * [`show`]: the terminal view, each source line with its annotations
//!   drawn under it.

pub mod schema;
pub mod show;

pub use schema::{error_record, record, write_record};
pub use show::show;
