//! Editors' tools: commands that write into content/ on request (never a build).

pub mod import;
pub mod new_story;
pub mod suggest;
