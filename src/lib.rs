//! amicus: case files about politically motivated prosecutions in, defence documents out.
//!
//! The stages, each a module with one contract: [`case`] loads files, [`check`] applies the
//! rules serde cannot, [`facts`] localises a case for one document, [`render`] fills a
//! minijinja template with Typst-escaped values and the words of [`locale`], [`typeset`]
//! compiles the Typst source in process, [`export`] turns it into files' bytes, [`output`]
//! writes files atomically. [`kind`] says what each document kind needs; [`document`] runs the
//! stages for one document, in memory; [`build`] plans every requested document, skips those
//! up to date, and writes the rest; [`clean`] withdraws the documents of what no longer exists;
//! [`diag`] is how every stage reports problems; [`cli`] and [`app`] drive it all.

pub mod app;
pub mod batch;
pub mod build;
pub mod case;
pub mod check;
pub mod clean;
pub mod cli;
pub mod deadlines;
pub mod diag;
pub mod document;
pub mod email;
pub mod export;
pub mod facts;
pub mod files;
pub mod kind;
pub mod locale;
pub mod manifest;
pub mod output;
pub mod recipients;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod send;
pub mod serve;
pub mod templates;
pub mod typeset;
pub mod watch;
pub mod yamledit;
