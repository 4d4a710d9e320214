//! Any bytes given to the GeoJSON loader, and whatever it accepts projected, clipped and
//! simplified as for a map: an error is fine, a panic is a bug.
#![no_main]

use geo::{Coord, Rect};
use histmap::data::Layer;
use histmap::geometry::prepare;
use histmap::project::{Frame, Projection};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(layer) = Layer::parse(Path::new("fuzz.geojson"), data) else { return };
    let projection = Projection::new("+proj=lcc +lat_1=40 +lat_2=50 +lat_0=45 +lon_0=125").unwrap();
    let rect = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 800.0, y: 600.0 });
    let frame = Frame::fit(projection, [110.0, 35.0, 140.0, 55.0], rect).unwrap();
    let bounds = frame.lonlat_bounds();
    for f in &layer.features {
        if let Some(page) = frame.project_near(&f.geometry, bounds.as_ref(), 0.15) {
            prepare(&page, &rect, 0.15);
        }
    }
});
