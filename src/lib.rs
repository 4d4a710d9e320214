//! histmap renders a historical story as maps: GeoJSON layers styled by TOML files,
//! one SVG and PNG per phase of the story.
//!
//! The modules are the stages of the pipeline: [`story`] and [`atlas`] (loading) →
//! [`data`] → [`project`] → [`geometry`] → [`style`] → [`symbolize`] → [`layout`] →
//! [`compose`] (one phase's [`scene`]) → [`svg`] → [`encode`] → [`publish`] (files and
//! the index, written by [`output`]). `check`, `draw` and `watch` drive the same stages.

pub mod animate;
pub mod atlas;
pub mod check;
pub mod compose;
pub mod credits;
pub mod data;
pub mod date;
pub mod draw;
pub mod encode;
pub mod error;
pub mod extent;
pub mod geometry;
pub mod index;
pub mod lang;
pub mod layout;
pub mod locator;
pub mod output;
pub mod project;
pub mod publish;
pub mod scene;
pub mod series;
pub mod serve;
pub mod size;
pub mod stop;
pub mod story;
pub mod style;
pub mod svg;
pub mod symbolize;
pub mod text;
pub mod watch;
