//! Extents on the globe: west, south, east and north in degrees, checked by one rule
//! wherever they come from (a story's phase, `draw --bbox`, the data's own extent).

use geo::{Coord, Rect};

/// An area in lon/lat degrees. `east` may pass 180° for an area across the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Western edge.
    pub west: f64,
    /// Southern edge.
    pub south: f64,
    /// Eastern edge.
    pub east: f64,
    /// Northern edge.
    pub north: f64,
}

impl Extent {
    /// An extent, if its edges are finite, west of east by at most 360°, and south of
    /// north within ±90°.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<Extent, String> {
        let finite = [west, south, east, north].iter().all(|v| v.is_finite());
        if !(finite && west < east && east - west <= 360.0 && -90.0 <= south && south < north && north <= 90.0) {
            return Err(format!(
                "[{west}, {south}, {east}, {north}] is not an extent: expected west, south, east, north in degrees, \
                 west < east (at most 360° apart) and -90 ≤ south < north ≤ 90"
            ));
        }
        if !(-540.0..=540.0).contains(&west) || !(-540.0..=540.0).contains(&east) {
            return Err(format!(
                "[{west}, {south}, {east}, {north}] is not an extent: longitudes must lie within ±540°"
            ));
        }
        Ok(Extent { west, south, east, north })
    }

    /// An extent from a list of four numbers, as written in a story or on the command line.
    /// As in a GeoJSON bbox (RFC 7946, 5.2), a west edge east of the east edge means the
    /// extent crosses the antimeridian: `150,40,-160,60` is `150,40,200,60`.
    pub fn from_slice(v: &[f64]) -> Result<Extent, String> {
        match *v {
            [w, s, e, n] if w > e && e + 360.0 > w => Extent::new(w, s, e + 360.0, n),
            [w, s, e, n] => Extent::new(w, s, e, n),
            _ => Err(format!("expected four numbers (west, south, east, north), not {}", v.len())),
        }
    }

    /// The extent grown by `fx` of its width and `fy` of its height on each side.
    pub fn grown(&self, fx: f64, fy: f64) -> Extent {
        let (dx, dy) = ((self.east - self.west) * fx, (self.north - self.south) * fy);
        Extent { west: self.west - dx, south: self.south - dy, east: self.east + dx, north: self.north + dy }
    }

    /// As a geo rectangle (x longitude, y latitude).
    pub fn rect(&self) -> Rect<f64> {
        Rect::new(Coord { x: self.west, y: self.south }, Coord { x: self.east, y: self.north })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_extent() {
        assert!(Extent::new(114.0, 37.5, 136.0, 53.5).is_ok());
        assert!(Extent::new(170.0, 50.0, 190.0, 60.0).is_ok(), "across the antimeridian");
        assert!(Extent::new(130.0, 40.0, 120.0, 45.0).is_err(), "west of east");
        assert!(Extent::new(120.0, 45.0, 130.0, 40.0).is_err(), "south of north");
        assert!(Extent::new(0.0, -95.0, 10.0, 0.0).is_err());
        assert!(Extent::new(0.0, 0.0, f64::NAN, 1.0).is_err());
        assert!(Extent::new(-10.0, 0.0, 400.0, 1.0).is_err(), "more than the globe");
        assert!(Extent::from_slice(&[115.0, 40.0, 135.0]).unwrap_err().contains("four numbers"));
        assert_eq!(Extent::from_slice(&[150.0, 40.0, -160.0, 60.0]), Extent::new(150.0, 40.0, 200.0, 60.0));
        assert!(Extent::from_slice(&[150.0, 60.0, -160.0, 40.0]).is_err(), "still south of north");
        assert!(Extent::from_slice(&[400.0, 40.0, 10.0, 60.0]).is_err(), "more than the globe");
    }
}
