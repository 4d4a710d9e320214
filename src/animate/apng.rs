//! The animated PNG, written as the frames come: each frame after the first is stored as
//! the rectangle in which it differs from the one before, so a month in which only the
//! date changes costs a few hundred bytes.

use crate::error::{Error, Result};
use std::io::Write;

/// A rectangle of the image: x, y, width, height in pixels.
pub type Region = (u32, u32, u32, u32);

/// An APNG being written to `W`, frame by frame.
pub struct Apng<W: Write> {
    writer: png::Writer<W>,
    width: u32,
    previous: Option<Vec<u8>>,
}

fn error(e: impl std::fmt::Display) -> Error {
    Error::msg(format!("animated PNG encoding failed: {e}"))
}

impl<W: Write> Apng<W> {
    /// Starts an APNG of `frames` frames of `width` × `height`, each shown `delay_ms`,
    /// played in a loop, with `dpi` recorded.
    pub fn new(out: W, width: u32, height: u32, frames: u32, delay_ms: u16, dpi: f64) -> Result<Apng<W>> {
        let mut enc = crate::encode::png_encoder(out, width, height, dpi);
        enc.set_animated(frames.max(1), 0).map_err(error)?;
        enc.set_frame_delay(delay_ms, 1000).map_err(error)?;
        enc.set_blend_op(png::BlendOp::Source).map_err(error)?;
        enc.set_dispose_op(png::DisposeOp::None).map_err(error)?;
        Ok(Apng { writer: enc.write_header().map_err(error)?, width, previous: None })
    }

    /// Adds a frame: opaque RGB rows, `width * height * 3` bytes.
    pub fn push(&mut self, rgb: &[u8]) -> Result<()> {
        let height = (rgb.len() / (self.width as usize * 3)) as u32;
        let region = match &self.previous {
            None => (0, 0, self.width, height),
            Some(before) => changed(before, rgb, self.width).unwrap_or((0, 0, 1, 1)),
        };
        let w = &mut self.writer;
        w.reset_frame_position().map_err(error)?;
        w.set_frame_dimension(region.2, region.3).map_err(error)?;
        w.set_frame_position(region.0, region.1).map_err(error)?;
        w.write_image_data(&crop(rgb, self.width, region, 3)).map_err(error)?;
        self.previous = Some(rgb.to_vec());
        Ok(())
    }

    /// Ends the file.
    pub fn finish(self) -> Result<()> {
        self.writer.finish().map_err(error)
    }
}

/// The smallest rectangle outside which two images of `width` pixels (3 bytes each) are
/// the same; `None` if they are the same everywhere.
pub fn changed(a: &[u8], b: &[u8], width: u32) -> Option<Region> {
    let row = width as usize * 3;
    let rows: Vec<usize> =
        (0..a.len() / row).filter(|&y| a[y * row..(y + 1) * row] != b[y * row..(y + 1) * row]).collect();
    let (&top, &bottom) = (rows.first()?, rows.last()?);
    let (mut left, mut right) = (width as usize, 0);
    for y in top..=bottom {
        let (ra, rb) = (&a[y * row..(y + 1) * row], &b[y * row..(y + 1) * row]);
        if let Some(x) = (0..width as usize).find(|x| ra[x * 3..x * 3 + 3] != rb[x * 3..x * 3 + 3]) {
            left = left.min(x);
            let x1 = (0..width as usize).rev().find(|x| ra[x * 3..x * 3 + 3] != rb[x * 3..x * 3 + 3]).unwrap_or(x);
            right = right.max(x1);
        }
    }
    Some((left as u32, top as u32, (right - left + 1) as u32, (bottom - top + 1) as u32))
}

/// The pixels of `region` of an image `width` pixels wide, `bpp` bytes each.
pub fn crop(pixels: &[u8], width: u32, (x, y, w, h): Region, bpp: usize) -> Vec<u8> {
    let row = width as usize * bpp;
    (y..y + h)
        .flat_map(|r| {
            let start = r as usize * row + x as usize * bpp;
            pixels[start..start + w as usize * bpp].iter().copied()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_changed_rectangle_is_stored() {
        let (w, h) = (8u32, 6u32);
        let a = vec![10u8; (w * h * 3) as usize];
        let mut b = a.clone();
        for (x, y) in [(2usize, 1usize), (5, 3)] {
            b[(y * w as usize + x) * 3] = 200;
        }
        assert_eq!(changed(&a, &b, w), Some((2, 1, 4, 3)));
        assert_eq!(changed(&a, &a, w), None);
        let mut out = Vec::new();
        let mut apng = Apng::new(&mut out, w, h, 3, 250, 96.0).unwrap();
        for frame in [&a, &b, &b] {
            apng.push(frame).unwrap();
        }
        apng.finish().unwrap();
        // Decoded, it is an animation of three frames, the second a 4×3 patch at (2, 1).
        let mut reader = png::Decoder::new(std::io::Cursor::new(out)).read_info().unwrap();
        assert_eq!(reader.info().animation_control().map(|c| c.num_frames), Some(3));
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        reader.next_frame(&mut buf).unwrap();
        let fc = reader.info().frame_control().unwrap();
        assert_eq!((fc.x_offset, fc.y_offset, fc.width, fc.height), (2, 1, 4, 3));
        assert_eq!((fc.delay_num, fc.delay_den), (250, 1000));
    }
}
