//! amicus: case files about politically motivated prosecutions in, defence documents out.
//!
//! The stages, each a module with one contract: [`case`] loads files, [`check`] applies the
//! rules serde cannot, [`facts`] localises a case for one document, [`render`] fills a
//! minijinja template with Typst-escaped values, [`typeset`] compiles the Typst source in
//! process, [`output`] writes files atomically. [`build`] runs them for every requested
//! document; [`diag`] is how every stage reports problems; [`cli`] and [`app`] drive it all.

pub mod app;
pub mod batch;
pub mod build;
pub mod case;
pub mod check;
pub mod cli;
pub mod deadlines;
pub mod diag;
pub mod facts;
pub mod manifest;
pub mod output;
pub mod recipients;
pub mod render;
pub mod scaffold;
pub mod typeset;
pub mod watch;
