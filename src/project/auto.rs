//! The projection for an extent when none is given (`histmap draw` without `--proj`). The
//! rules, first match wins: near a pole, a polar stereographic; most of the world, Equal
//! Earth; across the equator, Mercator; else a Lambert conformal conic with standard
//! parallels at a sixth and five sixths of the latitudes. If the projection chosen cannot
//! be built or does not project the whole extent, plate carrée, with a warning.

use super::Projection;
use crate::extent::Extent;

/// The projection chosen, and why it is not the one the rules chose, if it is not.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The PROJ string.
    pub proj: String,
    /// Set when the rules' projection failed and plate carrée was used instead.
    pub warning: Option<String>,
}

/// A projection that can draw all of `extent`.
pub fn auto_projection(extent: Extent) -> Choice {
    choose(rules(extent), extent)
}

/// The projection the rules give for an extent.
fn rules(extent: Extent) -> String {
    let Extent { west: w, south: s, east: e, north: n } = extent;
    let lon0 = lon0(extent);
    if n >= 80.0 && s >= 20.0 || s <= -80.0 && n <= -20.0 {
        let lat0 = if n > 0.0 { 90 } else { -90 };
        return format!("+proj=stere +lat_0={lat0} +lon_0={lon0} +k=1 +datum=WGS84 +units=m +no_defs");
    }
    if e - w > 150.0 || n - s > 100.0 {
        return format!("+proj=eqearth +lon_0={lon0} +datum=WGS84 +units=m +no_defs");
    }
    let (lat1, lat2) = (s + (n - s) / 6.0, s + 5.0 * (n - s) / 6.0);
    if lat1.abs() < 3.0 && lat2.abs() < 3.0 || lat1 * lat2 <= 0.0 {
        // Straddling the equator, a conic degenerates (with parallels either side of it at
        // the same distance, PROJ refuses it): Mercator.
        return format!("+proj=merc +lon_0={lon0} +datum=WGS84 +units=m +no_defs");
    }
    let lat0 = (s + n) / 2.0;
    format!("+proj=lcc +lat_0={lat0} +lat_1={lat1} +lat_2={lat2} +lon_0={lon0} +datum=WGS84 +units=m +no_defs")
}

/// The central meridian: the extent's middle, within ±180°.
fn lon0(extent: Extent) -> f64 {
    let lon0 = (extent.west + extent.east) / 2.0;
    if lon0 > 180.0 {
        lon0 - 360.0
    } else if lon0 < -180.0 {
        lon0 + 360.0
    } else {
        lon0
    }
}

/// `proj` if it builds and projects every point of a grid over the extent, else plate
/// carrée centred on it, with a warning saying why.
fn choose(proj: String, extent: Extent) -> Choice {
    let problem = match Projection::new(&proj) {
        Err(e) => Some(e),
        Ok(p) => {
            let Extent { west: w, south: s, east: e, north: n } = extent;
            let grid = (0..=8).flat_map(|i| (0..=8).map(move |j| (f64::from(i) / 8.0, f64::from(j) / 8.0)));
            let outside =
                grid.map(|(u, v)| (w + u * (e - w), s + v * (n - s))).find(|&(x, y)| p.forward(x, y).is_none());
            outside.map(|(x, y)| format!("projection '{proj}' cannot project {x}, {y}"))
        }
    };
    match problem {
        None => Choice { proj, warning: None },
        Some(why) => Choice {
            proj: format!("+proj=eqc +lon_0={} +datum=WGS84 +units=m +no_defs", lon0(extent)),
            warning: Some(format!("{why}; drawn in plate carrée instead")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(w: f64, s: f64, e: f64, n: f64) -> String {
        let c = auto_projection(Extent::new(w, s, e, n).unwrap());
        assert_eq!(c.warning, None, "{w} {s} {e} {n}: {}", c.proj);
        c.proj
    }

    #[test]
    fn each_kind_of_extent_gets_a_projection_that_works() {
        let starts = |p: String, with: &str| assert!(p.starts_with(with), "{p} is not {with}");
        starts(chosen(115.0, 40.0, 135.0, 50.0), "+proj=lcc");
        starts(chosen(-40.0, -50.0, -10.0, -20.0), "+proj=lcc");
        // Across the equator, the conic's parallels would be symmetric: PROJ refuses that.
        starts(chosen(100.0, -30.0, 120.0, 30.0), "+proj=merc");
        starts(chosen(100.0, -5.0, 110.0, 5.0), "+proj=merc");
        starts(chosen(-10.0, -10.0, 30.0, 40.0), "+proj=merc");
        // Near a pole, whatever the width.
        starts(chosen(-180.0, 60.0, 180.0, 90.0), "+proj=stere +lat_0=90");
        starts(chosen(0.0, -90.0, 60.0, -65.0), "+proj=stere +lat_0=-90");
        // More than a hemisphere.
        starts(chosen(-180.0, -60.0, 180.0, 80.0), "+proj=eqearth");
        starts(chosen(-180.0, -90.0, 180.0, 90.0), "+proj=eqearth");
        starts(chosen(0.0, -70.0, 60.0, 60.0), "+proj=eqearth");
        // A single point's small box, at the equator, in the middle latitudes, at a pole.
        starts(chosen(-0.5, -0.5, 0.5, 0.5), "+proj=merc");
        starts(chosen(124.5, 44.5, 125.5, 45.5), "+proj=lcc");
        starts(chosen(-0.5, 89.5, 0.5, 90.0), "+proj=stere");
        // Across the antimeridian, centred on it.
        let p = chosen(170.0, 50.0, 200.0, 60.0);
        assert!(p.starts_with("+proj=lcc") && p.contains("+lon_0=-175"), "{p}");
    }

    #[test]
    fn a_projection_that_fails_falls_back_to_plate_carree() {
        let extent = Extent::new(100.0, -30.0, 120.0, 30.0).unwrap();
        // What histmap chose before for this extent.
        let refused = "+proj=lcc +lat_0=0 +lat_1=-20 +lat_2=20 +lon_0=110 +datum=WGS84 +units=m +no_defs";
        let c = choose(refused.into(), extent);
        assert!(c.proj.starts_with("+proj=eqc +lon_0=110"), "{}", c.proj);
        assert!(c.warning.is_some_and(|w| w.contains(refused) && w.ends_with("drawn in plate carrée instead")));
        let over_the_pole = choose("+proj=merc +lon_0=0".into(), Extent::new(-10.0, 80.0, 10.0, 90.0).unwrap());
        assert!(over_the_pole.proj.starts_with("+proj=eqc"), "{}", over_the_pole.proj);
        assert!(Projection::new(&c.proj).is_ok());
    }
}
