//! Projection: PROJ strings (through proj4rs), the choice of one for an extent (`auto`),
//! and the frame that maps projected metres to the page.

use crate::error::{Error, Result};
use crate::extent::Extent;
use geo::{
    BoundingRect, Coord, Geometry, Intersects, LineString, MapCoords, MultiLineString, MultiPolygon, Polygon, Rect,
};
use proj4rs::proj::Proj;
use rayon::prelude::*;

mod auto;
pub use auto::{auto_projection, Choice};

/// A map projection given by a PROJ string, from WGS84 lon/lat to metres; parsed once
/// and cloned into each frame drawn with it.
#[derive(Clone)]
pub struct Projection {
    lonlat: Proj,
    map: Proj,
}

impl Projection {
    /// Parses a PROJ string such as `+proj=lcc +lat_1=38 +lat_2=50 +lon_0=125`.
    pub fn new(proj: &str) -> std::result::Result<Projection, String> {
        let lonlat =
            Proj::from_proj_string("+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs").map_err(|e| e.to_string())?;
        let map = Proj::from_proj_string(proj).map_err(|e| format!("invalid projection '{proj}': {e}"))?;
        if map.is_latlong() {
            return Err(format!("projection '{proj}' is not a map projection"));
        }
        Ok(Projection { lonlat, map })
    }

    /// Projects degrees to metres; `None` where the projection is undefined.
    pub fn forward(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(&self.lonlat, &self.map, &mut p).ok()?;
        (p.0.is_finite() && p.1.is_finite()).then_some((p.0, p.1))
    }

    /// Metres back to degrees.
    pub fn inverse(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let mut p = (x, y, 0.0);
        proj4rs::transform::transform(&self.map, &self.lonlat, &mut p).ok()?;
        (p.0.is_finite() && p.1.is_finite()).then_some((p.0.to_degrees(), p.1.to_degrees()))
    }
}

/// Where the map sits on the page: a projection, a page rectangle and a scale.
pub struct Frame {
    /// The map projection.
    pub projection: Projection,
    /// The map's rectangle on the page, in points (y down).
    pub rect: Rect<f64>,
    /// Page points per projected metre.
    pub scale: f64,
    centre: (f64, f64),
    /// Degrees of latitude per page point at the centre.
    degrees_per_point: f64,
}

impl Frame {
    /// A frame showing all of `extent` (west, south, east, north in degrees) inside `rect`,
    /// centred, at the largest scale that fits.
    pub fn fit(projection: Projection, extent: Extent, rect: Rect<f64>) -> Result<Frame> {
        let Extent { west: w, south: s, east: e, north: n } = extent;
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        const STEPS: usize = 32;
        for i in 0..=STEPS {
            let t = i as f64 / STEPS as f64;
            for (lon, lat) in [(w + t * (e - w), s), (w + t * (e - w), n), (w, s + t * (n - s)), (e, s + t * (n - s))] {
                if let Some((x, y)) = projection.forward(lon, lat) {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x);
                    y1 = y1.max(y);
                }
            }
        }
        if x1 <= x0 || y1 <= y0 {
            return Err(Error::msg(format!("extent {extent:?} cannot be projected")));
        }
        let scale = (rect.width() / (x1 - x0)).min(rect.height() / (y1 - y0));
        let mut frame =
            Frame { projection, rect, scale, centre: ((x0 + x1) / 2.0, (y0 + y1) / 2.0), degrees_per_point: 0.0 };
        frame.degrees_per_point = frame.km_per_point_at_centre() / 111.32;
        Ok(frame)
    }

    /// Projected metres to page points.
    pub fn metres_to_page(&self, x: f64, y: f64) -> Coord<f64> {
        let c = self.rect.center();
        Coord { x: c.x + (x - self.centre.0) * self.scale, y: c.y - (y - self.centre.1) * self.scale }
    }

    /// Degrees to page points.
    pub fn to_page(&self, lon: f64, lat: f64) -> Option<Coord<f64>> {
        let (x, y) = self.projection.forward(lon, lat)?;
        Some(self.metres_to_page(x, y))
    }

    /// Page points back to degrees.
    pub fn to_lonlat(&self, p: Coord<f64>) -> Option<(f64, f64)> {
        let c = self.rect.center();
        let x = self.centre.0 + (p.x - c.x) / self.scale;
        let y = self.centre.1 - (p.y - c.y) / self.scale;
        self.projection.inverse(x, y)
    }

    /// Projects a lon/lat geometry to page points; `None` if any point cannot be projected.
    /// Along lines and rings, points closer than about `thin` page points to the last one
    /// kept are skipped before projecting (the ends are always kept): dense data costs no
    /// more to project and simplify than the page can show.
    pub fn project(&self, g: &Geometry<f64>, thin: f64) -> Option<Geometry<f64>> {
        self.project_thinned(g, thin, None)
    }

    /// [`Frame::project`]; with `bounds` (the lon/lat box around the frame), points outside
    /// it are also skipped while they stay within half their distance from the box of the
    /// last one kept: the coast of a continent around a close-up costs a few dozen points,
    /// and the line between those kept still never comes near the box.
    fn project_thinned(&self, g: &Geometry<f64>, thin: f64, bounds: Option<&Rect<f64>>) -> Option<Geometry<f64>> {
        // Half the tolerance, in degrees of latitude: a degree of longitude is never longer
        // on the ground, and the margin covers the projection's change of scale in the frame.
        let t = 0.5 * thin * self.degrees_per_point;
        let tolerance = |c: Coord<f64>| match bounds {
            Some(b) => {
                let dx = (b.min().x - c.x).max(c.x - b.max().x);
                let dy = (b.min().y - c.y).max(c.y - b.max().y);
                t.max(dx.max(dy) / 2.0)
            }
            None => t,
        };
        let point = |c: Coord<f64>| self.to_page(c.x, c.y);
        let line = |l: &LineString<f64>| -> Option<LineString<f64>> {
            let Some((&last, rest)) = l.0.split_last() else { return Some(LineString(vec![])) };
            let mut out = Vec::with_capacity(if t > 0.0 { 16 } else { l.0.len() });
            let mut kept: Option<Coord<f64>> = None;
            for &c in rest {
                let t = tolerance(c);
                if kept.is_some_and(|k| (c.x - k.x).abs() < t && (c.y - k.y).abs() < t) {
                    continue;
                }
                kept = Some(c);
                out.push(point(c)?);
            }
            out.push(point(last)?);
            Some(LineString(out))
        };
        let polygon = |p: &Polygon<f64>| -> Option<Polygon<f64>> {
            Some(Polygon::new(line(p.exterior())?, p.interiors().iter().map(line).collect::<Option<_>>()?))
        };
        // Only the parts whose boxes meet `bounds`, each on any free core.
        let near = |g: &dyn BoundingRect<f64, Output = Option<Rect<f64>>>| {
            bounds.is_none_or(|b| g.bounding_rect().is_some_and(|r| r.intersects(b)))
        };
        Some(match g {
            Geometry::LineString(l) => Geometry::LineString(line(l)?),
            Geometry::MultiLineString(ml) => Geometry::MultiLineString(MultiLineString(
                ml.0.par_iter().filter(|l| near(*l)).map(line).collect::<Option<_>>()?,
            )),
            Geometry::Polygon(p) => Geometry::Polygon(polygon(p)?),
            Geometry::MultiPolygon(mp) => Geometry::MultiPolygon(MultiPolygon(
                mp.0.par_iter().filter(|p| near(*p)).map(polygon).collect::<Option<_>>()?,
            )),
            Geometry::GeometryCollection(gc) => Geometry::GeometryCollection(
                gc.iter()
                    .map(|g| self.project_thinned(g, thin, bounds))
                    .collect::<Option<Vec<_>>>()?
                    .into_iter()
                    .collect(),
            ),
            other => other.try_map_coords(|c| point(c).ok_or(())).ok()?,
        })
    }

    /// The lon/lat box the page rectangle covers, traced along its edges, grown by a tenth
    /// each way; `None` if an edge point has no lon/lat (the frame reaches past the globe).
    pub fn lonlat_bounds(&self) -> Option<Rect<f64>> {
        let r = self.rect;
        let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in 0..=32 {
            let t = f64::from(i) / 32.0;
            for p in [
                Coord { x: r.min().x + t * r.width(), y: r.min().y },
                Coord { x: r.min().x + t * r.width(), y: r.max().y },
                Coord { x: r.min().x, y: r.min().y + t * r.height() },
                Coord { x: r.max().x, y: r.min().y + t * r.height() },
            ] {
                let (lon, lat) = self.to_lonlat(p)?;
                (w, s, e, n) = (w.min(lon), s.min(lat), e.max(lon), n.max(lat));
            }
        }
        let (dx, dy) = ((e - w) * 0.1, (n - s) * 0.1);
        // Whole-world and antimeridian frames are not culled.
        (e - w < 180.0).then(|| Rect::new(Coord { x: w - dx, y: s - dy }, Coord { x: e + dx, y: n + dy }))
    }

    /// Projects only the parts of a geometry whose lon/lat boxes meet `bounds`: a close-up
    /// need not project a continent's coastline. `None` when no part is near.
    pub fn project_near(&self, g: &Geometry<f64>, bounds: Option<&Rect<f64>>, thin: f64) -> Option<Geometry<f64>> {
        if let Some(b) = bounds {
            if !g.bounding_rect().is_some_and(|r| r.intersects(b)) {
                return None;
            }
        }
        self.project_thinned(g, thin, bounds)
    }

    /// The MapLibre-style zoom of the map at its centre, taking one page point as one
    /// web pixel: 0 shows the equator's 40,075 km in 256 points, each step doubles the scale.
    pub fn zoom(&self) -> f64 {
        (40_075.016_686 / 256.0 / self.km_per_point_at_centre()).log2()
    }

    /// Kilometres on the ground per page point, measured along a short east-west line
    /// through the map's centre (geodesic distance on WGS84).
    pub fn km_per_point_at_centre(&self) -> f64 {
        use geo::{Distance, Geodesic, Point};
        let c = self.rect.center();
        let half = self.rect.width() / 20.0;
        let a = self.to_lonlat(Coord { x: c.x - half, y: c.y });
        let b = self.to_lonlat(Coord { x: c.x + half, y: c.y });
        match (a, b) {
            (Some(a), Some(b)) => Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1)) / 1000.0 / (2.0 * half),
            _ => 1.0 / self.scale / 1000.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::DEFAULT_PROJECTION;

    fn frame() -> Frame {
        let p = Projection::new(DEFAULT_PROJECTION).unwrap();
        Frame::fit(
            p,
            Extent::new(115.0, 38.0, 135.0, 52.0).unwrap(),
            Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 800.0, y: 600.0 }),
        )
        .unwrap()
    }

    #[test]
    fn round_trips_through_the_page() {
        let f = frame();
        let p = f.to_page(126.65, 45.75).unwrap();
        let (lon, lat) = f.to_lonlat(p).unwrap();
        assert!((lon - 126.65).abs() < 1e-6 && (lat - 45.75).abs() < 1e-6);
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let f = frame();
        let harbin = f.to_page(126.65, 45.75).unwrap();
        let mukden = f.to_page(123.43, 41.80).unwrap();
        let vladivostok = f.to_page(131.89, 43.12).unwrap();
        assert!(mukden.y > harbin.y);
        assert!(vladivostok.x > harbin.x);
    }

    #[test]
    fn bad_proj_string_is_an_error() {
        assert!(Projection::new("+proj=nonsense").is_err());
        assert!(Projection::new("+proj=longlat").is_err());
    }

    #[test]
    fn scale_matches_geodesic_distance() {
        // Harbin to Hsinking is about 233 km on the ground.
        let f = frame();
        let a = f.to_page(126.65, 45.75).unwrap();
        let b = f.to_page(125.32, 43.88).unwrap();
        let km = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() * f.km_per_point_at_centre();
        assert!((km - 233.0).abs() < 10.0, "{km}");
    }
}
