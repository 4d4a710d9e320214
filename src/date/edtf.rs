//! Dates as the Extended Date/Time Format writes them (ISO 8601-2, EDTF level 1), for a
//! feature's `start` and `end`: `1938-04-29`, `1938-04~` (approximate), `1932?`
//! (uncertain), `1938-04%` (both), `193X` and `1938-XX` (unspecified digits), `1938-21`
//! (spring; 22 summer, 23 autumn, 24 winter), `-0044`, `Y-170000`, and the open end `..`
//! or the unknown one `""`.

use super::{days_in_month, DateSpan, Day};
use std::fmt;

/// How sure a date is, least sure last; a style reads it as `date-certainty`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub enum Certainty {
    /// Written plainly, or an open end (`..`).
    #[default]
    Certain,
    /// `~`, or digits left unspecified (`193X`, `1938-XX`).
    Approximate,
    /// `?` or `%`, or an unknown end (`""`).
    Uncertain,
}

impl Certainty {
    /// The word a style filters on.
    pub fn word(self) -> &'static str {
        match self {
            Certainty::Certain => "certain",
            Certainty::Approximate => "approximate",
            Certainty::Uncertain => "uncertain",
        }
    }
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// One EDTF date: the days it may stand for (`None` for an open or unknown end) and how sure it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edtf {
    /// The days covered: `193X` is 1930-01-01 to 1939-12-31; `None` for `..` or `""`.
    pub span: Option<DateSpan>,
    /// How sure the date is.
    pub certainty: Certainty,
    /// The days it may in truth fall on when it is not sure: those it covers if only digits
    /// are unspecified (`193X`); those and as many again on each side if it is approximate
    /// or uncertain (`1932-12~`: November 1932 to January 1933). `None` when it is sure, or
    /// has no days (`""`, whose doubt depends on the other end).
    pub doubt: Option<DateSpan>,
}

/// The largest year histmap counts days for (the day count is 32-bit).
const MAX_YEAR: i64 = 5_000_000;

impl Edtf {
    /// Parses one EDTF level 1 date; the message says what is wrong and what is allowed.
    pub fn parse(s: &str) -> Result<Edtf, String> {
        let t = s.trim();
        match t {
            ".." => return Ok(Edtf { span: None, certainty: Certainty::Certain, doubt: None }),
            "" => return Ok(Edtf { span: None, certainty: Certainty::Uncertain, doubt: None }),
            _ => {}
        }
        let bad = |why: &str| {
            format!("invalid date '{t}': {why} (expected an EDTF date such as 1938, 1938-04, 1938-04-29, 1938-04~, 1932?, 193X, 1938-XX, 1938-21 or ..)")
        };
        let (body, qualified) = match t.as_bytes()[t.len() - 1] {
            b'~' => (&t[..t.len() - 1], Certainty::Approximate),
            b'?' | b'%' => (&t[..t.len() - 1], Certainty::Uncertain),
            _ => (t, Certainty::Certain),
        };
        let (year_text, rest) = split_year(body).ok_or_else(|| bad("the year is missing"))?;
        let (first_year, last_year, mut unspecified) = year(year_text).map_err(|m| bad(&m))?;
        let parts: Vec<&str> = if rest.is_empty() { vec![] } else { rest.split('-').collect() };
        let day = |y: i64, m: u32, d: u32| Day::from_ymd(y as i32, m, d).ok_or_else(|| bad("no such day"));
        let span = match parts.as_slice() {
            [] => DateSpan { first: day(first_year, 1, 1)?, last: day(last_year, 12, 31)? },
            [_, ..] if first_year != last_year && parts.iter().any(|p| *p != "XX") => {
                return Err(bad("a month or day needs the year's every digit"))
            }
            ["XX"] | ["XX", "XX"] => {
                unspecified = true;
                DateSpan { first: day(first_year, 1, 1)?, last: day(last_year, 12, 31)? }
            }
            [m] => {
                let m = two_digits(m).ok_or_else(|| bad("the month must be two digits"))?;
                match m {
                    1..=12 => DateSpan {
                        first: day(first_year, m, 1)?,
                        last: day(first_year, m, days_in_month(first_year as i32, m))?,
                    },
                    21..=24 => season(first_year, m).ok_or_else(|| bad("no such season"))?,
                    _ => return Err(bad("the month must be 01 to 12, or a season 21 to 24")),
                }
            }
            [m, "XX"] => {
                let m = two_digits(m).filter(|m| (1..=12).contains(m)).ok_or_else(|| bad("no such month"))?;
                unspecified = true;
                DateSpan {
                    first: day(first_year, m, 1)?,
                    last: day(first_year, m, days_in_month(first_year as i32, m))?,
                }
            }
            [m, d] => {
                let (m, d) = (two_digits(m), two_digits(d));
                let (Some(m), Some(d)) = (m, d) else { return Err(bad("month and day must be two digits each")) };
                let one = day(first_year, m, d)?;
                DateSpan { first: one, last: one }
            }
            _ => return Err(bad("too many parts")),
        };
        let certainty = qualified.max(if unspecified { Certainty::Approximate } else { Certainty::Certain });
        let doubt = match (qualified, unspecified) {
            (Certainty::Certain, false) => None,
            (Certainty::Certain, true) => Some(span),
            _ => Some(widened(span)),
        };
        Ok(Edtf { span: Some(span), certainty, doubt })
    }
}

/// `span` and as many years, months or days again on each side as it covers, in the
/// calendar's own units: `1920` gives 1919 to 1921, `1932-12` November 1932 to January
/// 1933, a season the three months before and after.
fn widened(span: DateSpan) -> DateSpan {
    let ((fy, fm, fd), (ly, lm, ld)) = (span.first.ymd(), span.last.ymd());
    let whole_months = fd == 1 && ld == days_in_month(ly, lm);
    if !whole_months {
        let len = span.last.0 - span.first.0 + 1;
        return DateSpan { first: Day(span.first.0.saturating_sub(len)), last: Day(span.last.0.saturating_add(len)) };
    }
    // Months counted from year 0, so that a span of whole months moves by whole months.
    let (first, last) = (fy * 12 + fm as i32 - 1, ly * 12 + lm as i32 - 1);
    let n = last - first + 1;
    let month = |k: i32| (k.div_euclid(12), k.rem_euclid(12) as u32 + 1);
    let ((fy, fm), (ly, lm)) = (month(first - n), month(last + n));
    match (Day::from_ymd(fy, fm, 1), Day::from_ymd(ly, lm, days_in_month(ly, lm))) {
        (Some(first), Some(last)) => DateSpan { first, last },
        _ => span,
    }
}

/// The year part (with its sign or `Y` prefix) and what follows its `-`.
fn split_year(s: &str) -> Option<(&str, &str)> {
    let lead = usize::from(s.starts_with('-')) + usize::from(s.starts_with('Y'));
    let lead = if s.starts_with("Y-") { 2 } else { lead };
    let end = s[lead..].find('-').map_or(s.len(), |i| i + lead);
    (end > lead).then(|| (&s[..end], s[end..].strip_prefix('-').unwrap_or("")))
}

/// The first and last year a year part may mean, and whether digits were left unspecified.
fn year(s: &str) -> Result<(i64, i64, bool), String> {
    if let Some(digits) = s.strip_prefix('Y') {
        let (neg, digits) = digits.strip_prefix('-').map_or((false, digits), |d| (true, d));
        if digits.len() < 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err("a Y year has five or more digits".into());
        }
        let y: i64 = digits.parse().map_err(|_| "the year is too large".to_string())?;
        if y > MAX_YEAR {
            return Err(format!("years beyond {MAX_YEAR} are not supported"));
        }
        let y = if neg { -y } else { y };
        return Ok((y, y, false));
    }
    let (neg, digits) = s.strip_prefix('-').map_or((false, s), |d| (true, d));
    let known = digits.trim_end_matches('X');
    let unknown = digits.len() - known.len();
    if digits.len() != 4 || !known.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the year must be four digits, the last ones may be X".into());
    }
    if unknown == 4 || (neg && unknown > 0) {
        return Err("the year needs at least one known digit".into());
    }
    let scale = 10_i64.pow(unknown as u32);
    let lowest = known.parse::<i64>().unwrap_or(0) * scale;
    let (first, last) = if neg { (-lowest, -lowest) } else { (lowest, lowest + scale - 1) };
    Ok((first, last, unknown > 0))
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// The months of a northern season (21 spring: March–May; 22 summer; 23 autumn; 24 winter:
/// December to the end of February of the next year).
fn season(y: i64, code: u32) -> Option<DateSpan> {
    let first_month = 3 * (code - 21) + 3;
    let first = Day::from_ymd(y as i32, first_month, 1)?;
    let (ly, lm) = if code == 24 { (y + 1, 2) } else { (y, first_month + 2) };
    let last = Day::from_ymd(ly as i32, lm, days_in_month(ly as i32, lm))?;
    Some(DateSpan { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str) -> (String, String, Certainty) {
        let e = Edtf::parse(s).unwrap_or_else(|m| panic!("{s}: {m}"));
        let sp = e.span.unwrap();
        (sp.first.to_string(), sp.last.to_string(), e.certainty)
    }

    #[test]
    fn level_0_dates_are_certain() {
        use Certainty::*;
        assert_eq!(span("1938"), ("1938-01-01".into(), "1938-12-31".into(), Certain));
        assert_eq!(span("1938-04"), ("1938-04-01".into(), "1938-04-30".into(), Certain));
        assert_eq!(span("1938-04-29"), ("1938-04-29".into(), "1938-04-29".into(), Certain));
        assert_eq!(span("-0044-03-15").0, "-044-03-15");
    }

    #[test]
    fn qualifiers_unspecified_digits_and_seasons() {
        use Certainty::*;
        assert_eq!(span("1938-04~"), ("1938-04-01".into(), "1938-04-30".into(), Approximate));
        assert_eq!(span("1932?").2, Uncertain);
        assert_eq!(span("1938-04%").2, Uncertain);
        assert_eq!(span("2004-06-11%"), ("2004-06-11".into(), "2004-06-11".into(), Uncertain));
        assert_eq!(span("193X"), ("1930-01-01".into(), "1939-12-31".into(), Approximate));
        assert_eq!(span("19XX"), ("1900-01-01".into(), "1999-12-31".into(), Approximate));
        assert_eq!(span("1938-XX"), ("1938-01-01".into(), "1938-12-31".into(), Approximate));
        assert_eq!(span("1985-04-XX"), ("1985-04-01".into(), "1985-04-30".into(), Approximate));
        assert_eq!(span("1985-XX-XX").1, "1985-12-31");
        assert_eq!(span("193X?").2, Uncertain);
        assert_eq!(span("1938-21"), ("1938-03-01".into(), "1938-05-31".into(), Certain));
        assert_eq!(span("1943-24"), ("1943-12-01".into(), "1944-02-29".into(), Certain));
        assert_eq!(span("Y-17000").0, "-17000-01-01");
        assert_eq!(span("Y17000").1, "17000-12-31");
    }

    #[test]
    fn an_unsure_date_may_fall_on_days_around_it() {
        let doubt = |s: &str| Edtf::parse(s).unwrap().doubt.map(|d| (d.first.to_string(), d.last.to_string()));
        assert_eq!(doubt("1938-04-29"), None);
        assert_eq!(doubt("1932-12~"), Some(("1932-11-01".into(), "1933-01-31".into())));
        assert_eq!(doubt("1938-07-29?"), Some(("1938-07-28".into(), "1938-07-30".into())));
        assert_eq!(doubt("1920~"), Some(("1919-01-01".into(), "1921-12-31".into())));
        assert_eq!(doubt("1938-21?"), Some(("1937-12-01".into(), "1938-08-31".into())));
        assert_eq!(doubt("193X"), Some(("1930-01-01".into(), "1939-12-31".into())));
    }

    #[test]
    fn open_and_unknown_ends() {
        assert_eq!(Edtf::parse("..").unwrap(), Edtf { span: None, certainty: Certainty::Certain, doubt: None });
        assert_eq!(Edtf::parse("").unwrap(), Edtf { span: None, certainty: Certainty::Uncertain, doubt: None });
    }

    #[test]
    fn malformed_dates_say_why() {
        for (s, why) in [
            ("1938-13", "the month must be 01 to 12"),
            ("1938-02-30", "no such day"),
            ("38-01", "the year must be four digits"),
            ("XXXX", "at least one known digit"),
            ("193X-04", "every digit"),
            ("1938-XX-05", "two digits"),
            ("1938-4", "two digits"),
            ("1938-04-29-01", "too many parts"),
            ("Y1700", "five or more digits"),
            ("Y99999999", "not supported"),
            ("~", "the year is missing"),
            ("1938~?", "the year must be four digits"),
            ("1X38", "the year must be four digits"),
        ] {
            let e = Edtf::parse(s).unwrap_err();
            assert!(e.contains(why), "{s}: {e}");
            assert!(e.starts_with(&format!("invalid date '{s}'")), "{e}");
        }
    }
}
