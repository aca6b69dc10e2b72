//! Calendar arithmetic and TIMEX3 value formatting for the date pass.
//!
//! Everything here is a pure function of its arguments: the document date
//! comes in as a parameter, never from the clock. Arithmetic that leaves the
//! range jiff supports yields `None` (the value then stays unresolved).

use jiff::civil::Date;
use jiff::ToSpan;

/// A time unit as the grammar knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub(crate) fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "TS" => Unit::Second,
            "TM" => Unit::Minute,
            "TH" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }
}

/// The ISO-TimeML duration of `n` units (`None`: an unknown amount, "PXY").
pub(crate) fn duration(n: Option<f64>, unit: Unit) -> String {
    let Some(n) = n else {
        return match unit {
            Unit::Second => "PTXS",
            Unit::Minute => "PTXM",
            Unit::Hour => "PTXH",
            Unit::Day => "PXD",
            Unit::Week => "PXW",
            Unit::Weekend => "PXWE",
            Unit::Month => "PXM",
            Unit::Quarter => "PXQ",
            Unit::Year => "PXY",
            Unit::Decade => "PXDE",
            Unit::Century => "PXCE",
        }
        .to_string();
    };
    let whole = n.trunc();
    let frac = n - whole;
    let w = whole as i64;
    // A fraction goes into the next smaller unit: "2 1/2 years" = P2Y6M.
    let (big, small): ((i64, &str), Option<(i64, &str)>) = match unit {
        Unit::Second => ((w, "S"), None),
        Unit::Minute => ((w, "M"), Some(((frac * 60.0).round() as i64, "S"))),
        Unit::Hour => ((w, "H"), Some(((frac * 60.0).round() as i64, "M"))),
        Unit::Day => ((w, "D"), Some(((frac * 24.0).round() as i64, "H"))),
        Unit::Week => ((w, "W"), Some(((frac * 7.0).round() as i64, "D"))),
        Unit::Weekend => ((2 * w, "D"), None),
        Unit::Month => ((w, "M"), Some(((frac * 30.0).round() as i64, "D"))),
        Unit::Quarter => (((n * 3.0).round() as i64, "M"), None),
        Unit::Year => ((w, "Y"), Some(((frac * 12.0).round() as i64, "M"))),
        Unit::Decade => (((n * 10.0).round() as i64, "Y"), None),
        Unit::Century => (((n * 100.0).round() as i64, "Y"), None),
    };
    let time = matches!(unit, Unit::Second | Unit::Minute | Unit::Hour);
    let small = small.filter(|s| s.0 > 0);
    let mut out = String::from(if time { "PT" } else { "P" });
    if big.0 > 0 || small.is_none() {
        out.push_str(&big.0.to_string());
        out.push_str(big.1);
    }
    if let Some((v, u)) = small {
        if unit == Unit::Day {
            out.push('T');
        }
        out.push_str(&v.to_string());
        out.push_str(u);
    }
    out
}

pub(crate) fn ymd(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

/// Weekday 1 (Monday) ..= 7 (Sunday).
pub(crate) fn weekday(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

/// (year, month) shifted by `n` months.
pub(crate) fn add_months(y: i32, m: u8, n: i32) -> (i32, u8) {
    let t = y * 12 + (m as i32 - 1) + n;
    (t.div_euclid(12), (t.rem_euclid(12) + 1) as u8)
}

pub(crate) fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub(crate) fn fmt_month(y: i32, m: u8) -> String {
    format!("{y:04}-{m:02}")
}

pub(crate) fn fmt_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub(crate) fn quarter_of(m: u8) -> u8 {
    (m - 1) / 3 + 1
}

/// (year, quarter) shifted by `n` quarters.
pub(crate) fn add_quarters(y: i32, q: u8, n: i32) -> (i32, u8) {
    let t = y * 4 + (q as i32 - 1) + n;
    (t.div_euclid(4), (t.rem_euclid(4) + 1) as u8)
}

/// Season index in the year (spring 1 .. winter 4) of a month; January and
/// February belong to the winter of the year before.
pub(crate) fn season_of(y: i32, m: u8) -> (i32, u8) {
    match m {
        3..=5 => (y, 1),
        6..=8 => (y, 2),
        9..=11 => (y, 3),
        12 => (y, 4),
        _ => (y - 1, 4),
    }
}

pub(crate) fn season_index(code: &str) -> u8 {
    match code {
        "SP" => 1,
        "SU" => 2,
        "FA" => 3,
        _ => 4,
    }
}

/// A resolved absolute value, parsed back for anchoring ("two years later").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Point {
    Year(i32),
    Month(i32, u8),
    Day(Date),
    Quarter(i32, u8),
}

impl Point {
    pub(crate) fn parse(v: &str) -> Option<Point> {
        let b = v.as_bytes();
        if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let y: i32 = v[..4].parse().ok()?;
        let rest = &v[4..];
        if rest.is_empty() {
            return Some(Point::Year(y));
        }
        if let Some(q) = rest.strip_prefix("-Q") {
            let q: u8 = q.parse().ok()?;
            return (1..=4).contains(&q).then_some(Point::Quarter(y, q));
        }
        let m: u8 = rest.get(1..3)?.parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        if rest.len() == 3 {
            return Some(Point::Month(y, m));
        }
        let d: u8 = rest.get(4..6)?.parse().ok()?;
        ymd(y, m, d).map(Point::Day)
    }

    pub(crate) fn year(self) -> i32 {
        match self {
            Point::Year(y) | Point::Month(y, _) | Point::Quarter(y, _) => y,
            Point::Day(d) => d.year() as i32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(Some(3.0), Unit::Year), "P3Y");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Some(1.5), Unit::Minute), "PT1M30S");
        assert_eq!(duration(Some(24.0), Unit::Hour), "PT24H");
        assert_eq!(duration(Some(2.0), Unit::Decade), "P20Y");
        assert_eq!(duration(Some(3.0), Unit::Quarter), "P9M");
        assert_eq!(duration(None, Unit::Year), "PXY");
        assert_eq!(duration(Some(0.5), Unit::Hour), "PT30M");
    }

    #[test]
    fn arithmetic() {
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_quarters(1989, 1, -1), (1988, 4));
        let d = ymd(2024, 9, 27).unwrap();
        assert_eq!(weekday(d), 5);
        assert_eq!(fmt_week(d), "2024-W39");
        assert_eq!(Point::parse("2017"), Some(Point::Year(2017)));
        assert_eq!(Point::parse("1989-Q3"), Some(Point::Quarter(1989, 3)));
        assert_eq!(Point::parse("2024-09"), Some(Point::Month(2024, 9)));
        assert_eq!(Point::parse("PRESENT_REF"), None);
    }
}
