//! Small building blocks every stage uses: dates with their precision, boilerplate patterns,
//! text normalisation for quote matching, a language's text direction and script, and HTML escaping. This module imports no other
//! module of the crate, so no two stages depend on each other through it.

pub mod boilerplate;
pub mod calendar;
pub mod direction;
pub mod html;
pub mod normalize;
pub mod script;
pub mod slug;
pub mod when;
