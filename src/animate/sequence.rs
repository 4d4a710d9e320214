//! The dates of an animation: `--from`, `--to` and `--step` (`10D`, `1M`, `1Y`), each
//! frame covering the days from its date to the next frame's.

use crate::date::{DateSpan, Day};

/// The most frames one animation may have: beyond it, a typo in `--step` would keep the
/// machine busy for hours.
pub const MAX_FRAMES: usize = 2000;

/// A step between frames: a number of days, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// How many units.
    pub count: u32,
    /// Days, months or years.
    pub unit: Unit,
}

/// The unit of a [`Step`], and the precision a frame's date is written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// Days (finest).
    Day,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// One frame's date: the days it shows, and the date as written (`1931-09`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameDate {
    /// The days the frame shows: from its date until the next frame's.
    pub dates: DateSpan,
    /// Its date as written, at the precision of `--from` or of the step, whichever is finer.
    pub written: String,
    /// The last day as written, for a frame that stands for a written range (a phase's).
    pub written_end: Option<String>,
}

impl Step {
    /// Parses `1M`, `10D`, `2Y` (a positive count and D, M or Y).
    pub fn parse(s: &str) -> Result<Step, String> {
        let s = s.trim();
        let bad = || format!("invalid step '{s}': expected a count and a unit, such as 10D, 1M or 1Y");
        let (digits, unit) = s.split_at(s.len().saturating_sub(1));
        let unit = match unit {
            "D" | "d" => Unit::Day,
            "M" | "m" => Unit::Month,
            "Y" | "y" => Unit::Year,
            _ => return Err(bad()),
        };
        let count: u32 = digits.parse().map_err(|_| bad())?;
        if count == 0 {
            return Err(format!("invalid step '{s}': a step of zero never moves"));
        }
        Ok(Step { count, unit })
    }
}

/// The precision a date is written at: `1931` a year, `1931-09` a month.
fn precision(written: &str) -> Unit {
    match written.trim().split('-').count() {
        1 => Unit::Year,
        2 => Unit::Month,
        _ => Unit::Day,
    }
}

/// The day `n` steps after `from` (a month step from the 31st ends on a shorter month's last day).
fn after(from: Day, step: Step, n: u32) -> Option<Day> {
    let (y, m, d) = from.ymd();
    let k = i64::from(step.count) * i64::from(n);
    match step.unit {
        Unit::Day => Some(Day(from.0.checked_add(i32::try_from(k).ok()?)?)),
        Unit::Month | Unit::Year => {
            let months = if step.unit == Unit::Year { k * 12 } else { k };
            let total = i64::from(y) * 12 + i64::from(m - 1) + months;
            let (y, m) = (i32::try_from(total.div_euclid(12)).ok()?, total.rem_euclid(12) as u32 + 1);
            (1..=d).rev().find_map(|d| Day::from_ymd(y, m, d))
        }
    }
}

/// The frames from `from` to `to` (both as written, `to` included if a step lands in it),
/// `step` apart; refused, before any work, when `to` is before `from` or there would be
/// more than [`MAX_FRAMES`].
pub fn frames(from: &str, to: &str, step: Step) -> Result<Vec<FrameDate>, String> {
    let start = DateSpan::parse(from).map_err(|m| format!("--from: {m}"))?;
    let end = DateSpan::parse(to).map_err(|m| format!("--to: {m}"))?;
    if end.first < start.first {
        return Err(format!("--to {to} is before --from {from}"));
    }
    let unit = precision(from).min(step.unit);
    let mut out = Vec::new();
    let mut n = 0;
    while let Some(first) = after(start.first, step, n).filter(|d| *d <= end.first) {
        if out.len() == MAX_FRAMES {
            return Err(format!(
                "more than {MAX_FRAMES} frames from {from} to {to} by {}: take a longer step",
                describe(step)
            ));
        }
        let next = after(start.first, step, n + 1).ok_or("the dates run out of the calendar")?;
        let last = Day(next.0 - 1);
        let written = write(first, unit);
        // A frame that shows more than its date says (two years, ten days) is written as
        // the range it shows.
        let written_end = Some(write(last, unit)).filter(|end| *end != written);
        out.push(FrameDate { dates: DateSpan { first, last }, written, written_end });
        n += 1;
    }
    Ok(out)
}

/// A day as written at a precision: `1931`, `1931-09` or `1931-09-18`.
fn write(day: Day, unit: Unit) -> String {
    let (y, m, d) = day.ymd();
    match unit {
        Unit::Year => format!("{y:04}"),
        Unit::Month => format!("{y:04}-{m:02}"),
        Unit::Day => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn describe(step: Step) -> String {
    let unit = match step.unit {
        Unit::Day => "day",
        Unit::Month => "month",
        Unit::Year => "year",
    };
    format!("{} {unit}{}", step.count, if step.count == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_frames_cover_their_months() {
        let f = frames("1931-09", "1945-09", Step::parse("1M").unwrap()).unwrap();
        assert_eq!(f.len(), 169);
        assert_eq!(f[0].written, "1931-09");
        assert_eq!(
            (f[0].dates.first.to_string(), f[0].dates.last.to_string()),
            ("1931-09-01".into(), "1931-09-30".into())
        );
        assert_eq!(f[168].written, "1945-09");
        // Day steps from a month are written as days; a year step from a day keeps the day.
        let d = frames("1938-07", "1938-08-11", Step::parse("10D").unwrap()).unwrap();
        let written: Vec<&str> = d.iter().map(|f| f.written.as_str()).collect();
        assert_eq!(written, ["1938-07-01", "1938-07-11", "1938-07-21", "1938-07-31", "1938-08-10"]);
        // …each written as the range of days it shows; a month's frame shows just its month.
        assert_eq!(d[0].written_end.as_deref(), Some("1938-07-10"));
        assert_eq!(f[0].written_end, None);
        let two = frames("1931", "1945", Step::parse("2Y").unwrap()).unwrap();
        assert_eq!((two[0].written.as_str(), two[0].written_end.as_deref()), ("1931", Some("1932")));
        let y = frames("1932-03-01", "1935", Step::parse("1Y").unwrap()).unwrap();
        assert_eq!(
            y.iter().map(|f| f.written.as_str()).collect::<Vec<_>>(),
            ["1932-03-01", "1933-03-01", "1934-03-01"]
        );
        // A month step from the 31st keeps to each month's end.
        let m = frames("1944-01-31", "1944-03-31", Step::parse("1M").unwrap()).unwrap();
        assert_eq!(m[1].written, "1944-02-29");
        assert_eq!(m[2].written, "1944-03-31");
    }

    #[test]
    fn bad_sequences_are_refused() {
        assert!(Step::parse("0M").unwrap_err().contains("zero"));
        assert!(Step::parse("1W").unwrap_err().contains("invalid step '1W'"));
        assert!(Step::parse("M").is_err());
        let one = Step::parse("1D").unwrap();
        assert!(frames("1945", "1931", one).unwrap_err().contains("before --from"));
        assert!(frames("1931", "1945", one).unwrap_err().contains("more than 2000 frames"));
        assert!(frames("1931-13", "1945", one).unwrap_err().starts_with("--from: invalid date"));
    }
}
