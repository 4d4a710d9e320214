//! A feature as one map sees it: its own properties, plus those the map's dates give it —
//! `date-certainty` (how sure its being there is on the map's days: an unsure `start` or
//! `end` counts only when the days it may fall on reach them), `date-circa` (`c. ` for a
//! label when it is not sure, `ок. ` in Russian, else nothing) and `change` (what it did
//! since the date the map compares with), and `formerly` (the name it bore then, if it
//! was renamed since; `formerly_ru` in Russian).

use super::{Feature, Kin};
use crate::date::edtf::Certainty;
use crate::date::DateSpan;
use serde_json::Value;
use std::borrow::Cow;

/// What a feature did between the date a map compares with and the map's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// There now, and nothing of its `entity` then.
    New,
    /// There now, not then, but another form of its `entity` was (a state whose borders
    /// moved, a place renamed).
    Changed,
    /// There then, not now: drawn only by a layer whose filter asks for `change`.
    Gone,
    /// There then and now.
    Kept,
}

impl Change {
    /// The word a style filters on.
    pub fn word(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Changed => "changed",
            Change::Gone => "gone",
            Change::Kept => "kept",
        }
    }

    /// The change of a feature from the days `then` to the days `now`; `None` if it
    /// exists on neither.
    pub fn of(f: &Feature, now: &DateSpan, then: &DateSpan) -> Option<Change> {
        match (f.exists_during(now), f.exists_during(then)) {
            (true, true) => Some(Change::Kept),
            (true, false) if f.kin.iter().any(|k| then.overlaps(k.start, k.end)) => Some(Change::Changed),
            (true, false) => Some(Change::New),
            (false, true) => Some(Change::Gone),
            (false, false) => None,
        }
    }
}

/// The properties a map gives its features; a file's own property of the same name is
/// not read.
pub const DERIVED: [&str; 5] = ["date-certainty", "date-circa", "change", "formerly", "formerly_ru"];

/// A feature on one map: the feature, and its change if the map compares with a date.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'a> {
    /// The feature.
    pub feature: &'a Feature,
    /// Its change since the compared date (`None` when the map compares with none).
    pub change: Option<Change>,
    /// How sure its being there is on the map's days.
    pub certainty: Certainty,
    /// The form of its entity on the compared date, when that bore another name.
    pub formerly: Option<&'a Kin>,
}

impl<'a> Seen<'a> {
    /// The feature on a map of the days `now`, compared with `then`.
    pub fn on(feature: &'a Feature, now: &DateSpan, then: Option<&DateSpan>) -> Seen<'a> {
        let change = then.and_then(|then| Change::of(feature, now, then));
        let formerly = then.filter(|_| change == Some(Change::Changed)).and_then(|then| {
            let name = feature.text("name");
            feature.kin.iter().find(|k| then.overlaps(k.start, k.end) && k.name.is_some() && k.name != name)
        });
        Seen { feature, change, certainty: feature.certainty_during(now), formerly }
    }

    /// The feature on a map of no date in particular, comparing with none: as sure as its
    /// least sure date.
    pub fn plain(feature: &'a Feature) -> Seen<'a> {
        Seen { feature, change: None, certainty: feature.certainty(), formerly: None }
    }

    /// A property, derived or the feature's own; `None` if absent or null.
    pub fn value(&self, key: &str) -> Option<Cow<'a, Value>> {
        match key {
            "date-certainty" => Some(Cow::Owned(Value::from(self.certainty.word()))),
            "change" => self.change.map(|c| Cow::Owned(Value::from(c.word()))),
            "formerly" => self.formerly.and_then(|k| k.name.clone()).map(|n| Cow::Owned(Value::from(n))),
            "formerly_ru" => {
                self.formerly.and_then(|k| k.name_ru.clone().or(k.name.clone())).map(|n| Cow::Owned(Value::from(n)))
            }
            _ => self.feature.props.get(key).filter(|v| !v.is_null()).map(Cow::Borrowed),
        }
    }

    /// A property as text (numbers and booleans formatted), if present and not null.
    pub fn text(&self, key: &str) -> Option<String> {
        let sure = self.certainty == Certainty::Certain;
        match key {
            "date-certainty" | "change" | "formerly" | "formerly_ru" => {
                self.value(key).and_then(|v| v.as_str().map(str::to_string))
            }
            "date-circa" => Some(if sure { "" } else { "c. " }.to_string()),
            "date-circa_ru" => Some(if sure { "" } else { "ок. " }.to_string()),
            _ => self.feature.text(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::read;

    fn layer(src: &str) -> Vec<Feature> {
        read::features(src.as_bytes()).unwrap().0
    }

    #[test]
    fn change_is_classified_between_two_dates() {
        let fs = layer(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"old","end":"1933-03-01"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"jehol","start":"1933-03-01"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"always"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"between","start":"1934","end":"1935"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"m-1932","entity":"m","start":"1932-03-01","end":"1933-03-01"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"m-1933","entity":"m","start":"1933-03-01"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#,
        );
        let (then, now) = (DateSpan::parse("1932-03").unwrap(), DateSpan::parse("1938-04-29").unwrap());
        let words: Vec<Option<&str>> = fs.iter().map(|f| Change::of(f, &now, &then).map(Change::word)).collect();
        // Another form of the same entity then makes the new form "changed", not "new".
        assert_eq!(words, [Some("gone"), Some("new"), Some("kept"), None, Some("gone"), Some("changed")]);
        let before = DateSpan::parse("1931").unwrap();
        assert_eq!(Change::of(&fs[5], &now, &before), Some(Change::New));
        // A map that compares with nothing gives no change; the certainty is always there.
        let seen = Seen::on(&fs[1], &now, None);
        assert_eq!(seen.value("change"), None);
        assert_eq!(seen.text("date-certainty").as_deref(), Some("certain"));
        assert_eq!(seen.text("date-circa").as_deref(), Some(""));
        // A span that overlaps the feature's first days counts as "then".
        let then = DateSpan::parse("1933").unwrap();
        assert_eq!(Seen::on(&fs[1], &now, Some(&then)).text("change").as_deref(), Some("kept"));
    }

    #[test]
    fn certainty_is_the_less_sure_end() {
        let fs = layer(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"start":"1938-04~","end":"1945-08-20"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"start":"1920","end":"195X?"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"start":"..","end":"1945"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#,
        );
        let words: Vec<&str> = fs.iter().map(|f| f.certainty().word()).collect();
        assert_eq!(words, ["approximate", "uncertain", "certain"]);
        let circa = |f, key| Seen::plain(f).text(key);
        assert_eq!(
            (circa(&fs[0], "date-circa").as_deref(), circa(&fs[0], "date-circa_ru").as_deref()),
            (Some("c. "), Some("ок. "))
        );
        assert_eq!(fs[1].end.unwrap().to_string(), "1950-01-01");
        assert_eq!(fs[2].start, None);
    }

    #[test]
    fn a_renamed_place_knows_its_former_name_only_against_a_date_it_bore_it() {
        let fs = layer(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"a","entity":"u","name":"Nikolsk","name_ru":"Никольск","end":"1935"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"b","entity":"u","name":"Voroshilov","start":"1935"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"c","entity":"k","name":"Changchun","end":"1932-03-01"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"id":"d","entity":"k","name":"Changchun","start":"1932-03-01"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#,
        );
        let span = |s: &str| DateSpan::parse(s).unwrap();
        let on = |f, now: &str, then: &str| Seen::on(f, &span(now), Some(&span(then)));
        assert_eq!(on(&fs[1], "1938", "1932").text("formerly").as_deref(), Some("Nikolsk"));
        assert_eq!(on(&fs[1], "1938", "1932").text("formerly_ru").as_deref(), Some("Никольск"));
        // Against a date it already bore its new name, or on a map comparing with none: nothing.
        assert_eq!(on(&fs[1], "1938", "1936").text("formerly"), None);
        assert_eq!(Seen::on(&fs[1], &span("1938"), None).value("formerly"), None);
        // Another form of the place under the same name: changed, but not renamed.
        let d = on(&fs[3], "1932-03-01", "1932-02");
        assert_eq!((d.change, d.text("formerly")), (Some(Change::Changed), None));
    }

    #[test]
    fn a_map_doubts_a_date_only_on_the_days_it_may_fall_on() {
        let fs = layer(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"start":"1932-03-01","end":"1932-12~"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"start":"1920~","end":""},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#,
        );
        let on = |f, day: &str| Seen::on(f, &DateSpan::parse(day).unwrap(), None).text("date-certainty").unwrap();
        // Held until about December 1932: sure in March, not in November, nor for a span
        // of months that reaches November.
        assert_eq!(on(&fs[0], "1932-03-01"), "certain");
        assert_eq!(on(&fs[0], "1932-11"), "approximate");
        assert_eq!(
            Seen::on(
                &fs[0],
                &DateSpan { first: fs[0].start.unwrap(), last: DateSpan::parse("1932-11-01").unwrap().first },
                None
            )
            .certainty
            .word(),
            "approximate"
        );
        // Founded about 1920, an end not known: doubtful around 1920 and on every day after.
        assert_eq!(on(&fs[1], "1919"), "approximate");
        assert_eq!(on(&fs[1], "1925"), "uncertain");
        assert_eq!(Seen::plain(&fs[1]).text("date-circa").as_deref(), Some("c. "));
    }
}
