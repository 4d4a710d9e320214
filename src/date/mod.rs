//! Historical dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each standing for a span of days,
//! and ([`edtf`]) the uncertain dates of the Extended Date/Time Format.

use std::fmt;

pub mod edtf;

/// A calendar day (proleptic Gregorian), counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

/// The days a written date covers: `1932` is all of 1932, `1932-03` all of March.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    /// First day covered.
    pub first: Day,
    /// Last day covered (inclusive).
    pub last: Day,
}

impl Day {
    /// The day for a year, month (1-12) and day of month, if it exists.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i32 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// Year, month and day of month.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl DateSpan {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<DateSpan, String> {
        let bad = || format!("invalid date '{s}': expected YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        let y = num(parts[0], 4)? as i32;
        match parts.len() {
            1 => Ok(DateSpan { first: Day::from_ymd(y, 1, 1).unwrap(), last: Day::from_ymd(y, 12, 31).unwrap() }),
            2 => {
                let m = num(parts[1], 2)?;
                let first = Day::from_ymd(y, m, 1).ok_or_else(bad)?;
                Ok(DateSpan { first, last: Day::from_ymd(y, m, days_in_month(y, m)).unwrap() })
            }
            3 => {
                let day = Day::from_ymd(y, num(parts[1], 2)?, num(parts[2], 2)?).ok_or_else(bad)?;
                Ok(DateSpan { first: day, last: day })
            }
            _ => Err(bad()),
        }
    }

    /// The span from the start of `self` to the end of `other`.
    pub fn through(self, other: DateSpan) -> DateSpan {
        DateSpan { first: self.first, last: other.last }
    }

    /// Whether a feature valid from `start` (inclusive) until `end` (exclusive) exists
    /// on any day of this span. A missing bound is open.
    pub fn overlaps(&self, start: Option<Day>, end: Option<Day>) -> bool {
        start.is_none_or(|s| s <= self.last) && end.is_none_or(|e| e > self.first)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const MONTHS_RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A written date in Russian: `1931-09-18` → `18 сентября 1931`, `1932-02` → `февраль 1932`.
pub fn describe_ru(s: &str) -> String {
    let p: Vec<&str> = s.trim().split('-').collect();
    let month = |m: &str, names: &[&'static str; 12]| {
        m.parse::<usize>().ok().and_then(|m| names.get(m.wrapping_sub(1))).copied().unwrap_or("?")
    };
    match p.len() {
        3 => format!("{} {} {}", p[2].trim_start_matches('0'), month(p[1], &MONTHS_RU_GENITIVE), p[0]),
        2 => format!("{} {}", month(p[1], &MONTHS_RU), p[0]),
        _ => p[0].to_string(),
    }
}

/// A written date in the Russian genitive, as after «после» or «с»: `1932-02` →
/// `февраля 1932`, `1932` → `1932 года`.
pub fn describe_genitive_ru(s: &str) -> String {
    let p: Vec<&str> = s.trim().split('-').collect();
    match p.len() {
        2 => {
            let m = p[1].parse::<usize>().ok().and_then(|m| MONTHS_RU_GENITIVE.get(m.wrapping_sub(1)));
            format!("{} {}", m.copied().unwrap_or("?"), p[0])
        }
        1 => format!("{} года", p[0]),
        _ => describe_ru(s),
    }
}

/// A date range in Russian.
pub fn describe_range_ru(from: &str, to: &str) -> String {
    let (from, to) = (from.trim(), to.trim());
    if from.len() == 10 && to.len() == 10 && from[..7] == to[..7] {
        return format!("{}–{}", from[8..].trim_start_matches('0'), describe_ru(to));
    }
    format!("{} – {}", describe_ru(from), describe_ru(to))
}

/// A written date for readers: `1931-09-18` → `18 September 1931`, `1932-02` → `February 1932`.
/// Call only on dates that parsed.
pub fn describe(s: &str) -> String {
    describe_parts(s, true)
}

fn describe_parts(s: &str, with_year: bool) -> String {
    let p: Vec<&str> = s.trim().split('-').collect();
    let month = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied().unwrap_or("?");
    let year = if with_year { format!(" {}", p[0]) } else { String::new() };
    match p.len() {
        3 => format!("{} {}{year}", p[2].trim_start_matches('0'), month(p[1])),
        2 => format!("{}{year}", month(p[1])),
        _ => p[0].to_string(),
    }
}

/// A date range for readers; the year is written once when both ends share it.
pub fn describe_range(from: &str, to: &str) -> String {
    let (from, to) = (from.trim(), to.trim());
    if from.len() == 10 && to.len() == 10 && from[..7] == to[..7] {
        // Same month: 9–20 August 1945.
        return format!("{}–{}", from[8..].trim_start_matches('0'), describe(to));
    }
    let same_year = from.get(..4) == to.get(..4) && from.len() > 4 && to.len() > 4;
    format!("{} – {}", describe_parts(from, !same_year), describe(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (1932, 2, 29), (1945, 8, 9), (2000, 12, 31), (1600, 3, 1)] {
            assert_eq!(Day::from_ymd(y, m, d).unwrap().ymd(), (y, m, d));
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(1933, 2, 29), None);
    }

    #[test]
    fn partial_dates_cover_their_span() {
        let feb = DateSpan::parse("1932-02").unwrap();
        assert_eq!(feb.first.to_string(), "1932-02-01");
        assert_eq!(feb.last.to_string(), "1932-02-29");
        let y = DateSpan::parse("1945").unwrap();
        assert_eq!(y.last.to_string(), "1945-12-31");
        assert!(DateSpan::parse("1945-13").is_err());
        assert!(DateSpan::parse("45-01-01").is_err());
        assert!(DateSpan::parse("1945-08-32").is_err());
    }

    #[test]
    fn dates_read_as_prose() {
        assert_eq!(describe("1931-09-18"), "18 September 1931");
        assert_eq!(describe("1932-02"), "February 1932");
        assert_eq!(describe_range("1931-09-18", "1932-02"), "18 September 1931 – February 1932");
        assert_eq!(describe_range("1938-07-29", "1938-08-11"), "29 July – 11 August 1938");
        assert_eq!(describe_range("1941", "1944-05"), "1941 – May 1944");
        assert_eq!(describe_range("1945-08-09", "1945-08-20"), "9–20 August 1945");
    }

    #[test]
    fn russian_dates() {
        assert_eq!(describe_ru("1931-09-18"), "18 сентября 1931");
        assert_eq!(describe_range_ru("1931-09-18", "1932-02"), "18 сентября 1931 – февраль 1932");
        assert_eq!(describe_range_ru("1945-08-09", "1945-08-20"), "9–20 августа 1945");
        assert_eq!(describe_genitive_ru("1932-02"), "февраля 1932");
        assert_eq!(describe_genitive_ru("1932-03-01"), "1 марта 1932");
        assert_eq!(describe_genitive_ru("1941"), "1941 года");
    }

    #[test]
    fn end_is_exclusive() {
        let proclaimed = DateSpan::parse("1932-03-01").unwrap();
        let start = DateSpan::parse("1931-09-18").unwrap().first;
        assert!(!proclaimed.overlaps(Some(start), Some(proclaimed.first)));
        assert!(proclaimed.overlaps(Some(proclaimed.first), None));
        assert!(proclaimed.overlaps(None, None));
    }
}
