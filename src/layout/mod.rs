//! Layout: where labels and map furniture go on the page.

pub mod displace;
mod drawn;
pub mod furniture;
pub mod graticule;
pub mod labels;
pub mod page;
pub mod slots;

pub use drawn::{Drawn, Moved};
