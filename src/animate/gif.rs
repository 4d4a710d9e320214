//! The GIF, for slide software that plays no animated PNG: each frame quantised to its own
//! 256 colours, stored, like the APNG's, as the rectangle that changed.

use super::apng::{changed, crop};
use crate::error::{Error, Result};
use std::io::Write;

/// A GIF being written to `W`, frame by frame.
pub struct Gif<W: Write> {
    encoder: gif::Encoder<W>,
    width: u32,
    delay_cs: u16,
    previous: Option<Vec<u8>>,
}

fn error(e: impl std::fmt::Display) -> Error {
    Error::msg(format!("GIF encoding failed: {e}"))
}

impl<W: Write> Gif<W> {
    /// Starts a looping GIF of `width` × `height`, each frame shown `delay_ms`.
    pub fn new(out: W, width: u32, height: u32, delay_ms: u16) -> Result<Gif<W>> {
        let too_big = || Error::msg(format!("a GIF is at most 65535 pixels wide and high, not {width}x{height}"));
        let (w, h) = (u16::try_from(width).map_err(|_| too_big())?, u16::try_from(height).map_err(|_| too_big())?);
        let mut encoder = gif::Encoder::new(out, w, h, &[]).map_err(error)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(error)?;
        Ok(Gif { encoder, width, delay_cs: (delay_ms / 10).max(2), previous: None })
    }

    /// Adds a frame: opaque RGB rows.
    pub fn push(&mut self, rgb: &[u8]) -> Result<()> {
        let height = (rgb.len() / (self.width as usize * 3)) as u32;
        let region = match &self.previous {
            None => (0, 0, self.width, height),
            Some(before) => changed(before, rgb, self.width).unwrap_or((0, 0, 1, 1)),
        };
        let patch = crop(rgb, self.width, region, 3);
        // Speed 10 of NeuQuant's 1 to 30: good colours at a tenth of the slowest's time.
        let mut frame = gif::Frame::from_rgb_speed(region.2 as u16, region.3 as u16, &patch, 10);
        (frame.left, frame.top, frame.delay) = (region.0 as u16, region.1 as u16, self.delay_cs);
        frame.dispose = gif::DisposalMethod::Keep;
        self.encoder.write_frame(&frame).map_err(error)?;
        self.previous = Some(rgb.to_vec());
        Ok(())
    }

    /// Ends the file.
    pub fn finish(self) -> Result<()> {
        self.encoder.into_inner().map(|_| ()).map_err(error)
    }
}
