//! Languages of the maps: English, and Russian editions (`--lang ru`), which label features
//! with `name_ru` (falling back to `name`) and take titles and captions from the story's
//! `*_ru` fields.

/// A language the maps can be drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
}

/// The words map furniture prints.
pub struct Words {
    /// Legend heading.
    pub legend: &'static str,
    /// Credits prefix.
    pub sources: &'static str,
    /// Note under the scale bar.
    pub scale_note: &'static str,
    /// Kilometre abbreviation.
    pub km: &'static str,
    /// After a degree of longitude east and west, and of latitude north and south.
    pub compass: [&'static str; 4],
    /// What an animation's legend says its changes are since (`{since}`).
    pub previous_frame: &'static str,
}

impl Lang {
    /// Parses `en` or `ru`.
    pub fn parse(s: &str) -> Result<Lang, String> {
        match s {
            "en" => Ok(Lang::En),
            "ru" => Ok(Lang::Ru),
            other => Err(format!("unknown language '{other}': expected en or ru")),
        }
    }

    /// The code [`Lang::parse`] reads: `en` or `ru`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The furniture's words in this language.
    pub fn words(self) -> Words {
        match self {
            Lang::En => Words {
                legend: "Legend",
                sources: "Sources",
                scale_note: "scale true at the map centre",
                km: "km",
                compass: ["E", "W", "N", "S"],
                previous_frame: "the previous frame",
            },
            Lang::Ru => Words {
                legend: "Условные обозначения",
                sources: "Источники",
                scale_note: "масштаб верен в центре карты",
                km: "км",
                compass: [" в. д.", " з. д.", " с. ш.", " ю. ш."],
                previous_frame: "предыдущего кадра",
            },
        }
    }

    /// Suffix of output file names: empty for English, `.ru` for Russian.
    pub fn suffix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Ru => ".ru",
        }
    }

    /// The properties to try for `key` in this language, in order: `key_ru`, then (for a
    /// short name) `name_ru`, then `key` itself.
    pub fn property_keys(self, key: &str) -> Vec<String> {
        match self {
            Lang::En => vec![key.to_string()],
            Lang::Ru => {
                let mut keys = vec![format!("{key}_ru")];
                if key == "name_short" {
                    keys.push("name_ru".into());
                }
                keys.push(key.to_string());
                keys
            }
        }
    }
}
