//! Polygons written across the antimeridian without being cut there (RFC 7946 asks for the
//! cut, but old files and some tools skip it): a ring that jumps from 170° to −170° is
//! unwrapped so that the polygon's longitudes run on past 180°, and its holes can be
//! tested and its area drawn as one piece.

use geo::LineString;

/// Unwraps the rings of one polygon, all in the same way: if any edge jumps more than 180°
/// of longitude, every negative longitude gets 360° added. Returns whether it did.
pub fn unwrap(rings: &mut [LineString<f64>]) -> bool {
    let jumps = rings.iter().any(|r| r.0.windows(2).any(|w| (w[1].x - w[0].x).abs() > 180.0));
    if jumps {
        for c in rings.iter_mut().flat_map(|r| r.0.iter_mut()).filter(|c| c.x < 0.0) {
            c.x += 360.0;
        }
    }
    jumps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_jumping_across_180_are_unwrapped_together() {
        let shell = LineString::from(vec![(170.0, 60.0), (-170.0, 60.0), (-170.0, 65.0), (170.0, 65.0), (170.0, 60.0)]);
        let hole = LineString::from(vec![(-179.0, 61.0), (179.0, 61.0), (179.0, 62.0), (-179.0, 61.0)]);
        let mut rings = vec![shell, hole];
        assert!(unwrap(&mut rings));
        assert_eq!(rings[0].0[1].x, 190.0);
        assert_eq!(rings[1].0[0].x, 181.0);
        assert!(rings.iter().flat_map(|r| r.0.iter()).all(|c| c.x >= 170.0));
        // Rings that do not jump are left as written, west of Greenwich or not.
        let mut west = vec![LineString::from(vec![(-10.0, 0.0), (-5.0, 0.0), (-5.0, 5.0), (-10.0, 0.0)])];
        assert!(!unwrap(&mut west));
        assert_eq!(west[0].0[0].x, -10.0);
    }
}
