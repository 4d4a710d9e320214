//! histmap renders a historical story as maps: GeoJSON layers styled by TOML files,
//! one SVG and PNG per phase of the story.
//!
//! The modules are the stages of the pipeline: [`story`] → [`data`] → [`project`] →
//! [`geometry`] → [`style`] → [`layout`] → [`scene`] → [`svg`] → [`encode`] → [`output`],
//! driven phase by phase by [`render`].

pub mod check;
pub mod data;
pub mod date;
pub mod draw;
pub mod encode;
pub mod error;
pub mod geometry;
pub mod index;
pub mod lang;
pub mod layout;
pub mod output;
pub mod project;
pub mod render;
pub mod scene;
pub mod size;
pub mod story;
pub mod style;
pub mod svg;
pub mod symbolize;
pub mod text;
pub mod watch;
