//! Editors' tools: commands that write into content/ on request (never a build)

pub mod suggest;
