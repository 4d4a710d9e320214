//! Any bytes given to the GeoJSON loader (with its validity warnings), and whatever it
//! accepts projected, clipped and simplified as for a map, then framed as `histmap draw`
//! frames it, in the projection chosen for its extent: an error is fine, a panic is a bug,
//! and so is an automatic projection that cannot frame the data.
#![no_main]

use geo::{Coord, Rect};
use histmap::data::Layer;
use histmap::draw::data_extent;
use histmap::extent::Extent;
use histmap::geometry::prepare;
use histmap::project::{auto_projection, Frame, Projection};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(layer) = Layer::parse(Path::new("fuzz.geojson"), data) else { return };
    let projection = Projection::new("+proj=lcc +lat_1=40 +lat_2=50 +lat_0=45 +lon_0=125").unwrap();
    let rect = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 800.0, y: 600.0 });
    let frame = Frame::fit(projection, Extent::new(110.0, 35.0, 140.0, 55.0).unwrap(), rect).unwrap();
    let bounds = frame.lonlat_bounds();
    for f in &layer.features {
        if let Some(page) = frame.project_near(&f.geometry, bounds.as_ref(), 0.15) {
            prepare(&page, &rect, 0.15);
        }
    }
    if let Some(extent) = data_extent(std::iter::once(&layer)) {
        let choice = auto_projection(extent);
        let projection = Projection::new(&choice.proj).expect("the automatic projection builds");
        let frame = Frame::fit(projection, extent, rect).expect("the automatic projection frames the data");
        for f in &layer.features {
            if let Some(page) = frame.project(&f.geometry, 0.15) {
                prepare(&page, &rect, 0.15);
            }
        }
    }
});
