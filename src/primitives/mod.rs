//! Small building blocks every stage uses: dates with their precision, boilerplate patterns,
//! text normalisation for quote matching, and HTML escaping. This module imports no other
//! module of the crate, so no two stages depend on each other through it.

pub mod boilerplate;
pub mod html;
pub mod normalize;
pub mod slug;
pub mod when;
