//! The kinds of file a user writes, and the JSON Schema of each that `amicus schema <kind>`
//! prints and `schema/<kind>.schema.json` keeps.
//!
//! Contract: every kind of data file under `cases/` has one [`FileKind`], which says where its
//! files live and which schema their first line names, and [`schema`] derives that schema from
//! the same types the loader parses into, so an editor flags what `amicus check` would refuse.
//! Recipients lists are not among them: they are CSV or the Parliament's XML, which the YAML
//! language server does not read, and a spreadsheet checks its own columns.

use std::path::PathBuf;

use clap::ValueEnum;

/// A kind of data file, as `amicus schema` and `amicus new` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileKind {
    /// A prosecution: `cases/<id>.yaml`
    Case,
    /// A country's law as documents print it: `cases/_shared/jurisdictions/<id>.yaml`
    Jurisdiction,
    /// A movement, party or union cases name: `cases/_shared/organisations/<id>.yaml`
    Organisation,
    /// What an international body said: `cases/_shared/statements/<id>.yaml`
    Statement,
    /// A document the facts come from: `cases/_shared/sources/<id>.yaml`
    Source,
    /// A report over several cases: `cases/_digests/<id>.yaml`
    Digest,
    /// Who sends and signs the documents: `cases/_shared/senders/<id>.yaml` (`default` unless a case names another)
    Sender,
}

impl FileKind {
    pub const ALL: [FileKind; 7] = [
        FileKind::Case,
        FileKind::Jurisdiction,
        FileKind::Organisation,
        FileKind::Statement,
        FileKind::Source,
        FileKind::Digest,
        FileKind::Sender,
    ];

    /// The kind's name on the command line and in `schema/<name>.schema.json`.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Case => "case",
            FileKind::Jurisdiction => "jurisdiction",
            FileKind::Organisation => "organisation",
            FileKind::Statement => "statement",
            FileKind::Source => "source",
            FileKind::Digest => "digest",
            FileKind::Sender => "sender",
        }
    }

    /// The folder under `cases/` that holds files of this kind (empty for cases, which may
    /// also sit in subfolders of their own).
    pub fn folder(self) -> PathBuf {
        match self {
            FileKind::Case => PathBuf::new(),
            FileKind::Digest => PathBuf::from("_digests"),
            shared => PathBuf::from("_shared").join(format!("{}s", shared.name())),
        }
    }

    /// The first line of a file of this kind in its folder: the YAML language server reads the
    /// schema from it, by a path relative to the file (`cases/_shared/sources/` is three
    /// folders below the project, where `schema/` is).
    pub fn schema_line(self) -> String {
        let up = "../".repeat(self.folder().components().count() + 1);
        format!("# yaml-language-server: $schema={up}schema/{}.schema.json", self.name())
    }
}

/// The JSON Schema of a kind of file, pretty-printed, as `schema/<kind>.schema.json` keeps it.
pub fn schema(kind: FileKind) -> String {
    use crate::case::{Case, Digest, Jurisdiction, Organisation, Sender, Source, Statement};
    let (mut schema, title) = match kind {
        FileKind::Case => (schemars::schema_for!(Case), "amicus case file"),
        FileKind::Jurisdiction => (schemars::schema_for!(Jurisdiction), "amicus jurisdiction file"),
        FileKind::Organisation => (schemars::schema_for!(Organisation), "amicus organisation file"),
        FileKind::Statement => (schemars::schema_for!(Statement), "amicus statement file"),
        FileKind::Source => (schemars::schema_for!(Source), "amicus source file"),
        FileKind::Digest => (schemars::schema_for!(Digest), "amicus digest file"),
        FileKind::Sender => (schemars::schema_for!(Sender), "amicus sender file"),
    };
    schema.insert("title".into(), title.into());
    serde_json::to_string_pretty(&schema).expect("a schema serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_line_climbs_to_the_project_from_each_folder() {
        assert_eq!(FileKind::Case.schema_line(), "# yaml-language-server: $schema=../schema/case.schema.json");
        assert_eq!(
            FileKind::Source.schema_line(),
            "# yaml-language-server: $schema=../../../schema/source.schema.json"
        );
        assert_eq!(FileKind::Digest.schema_line(), "# yaml-language-server: $schema=../../schema/digest.schema.json");
    }

    #[test]
    fn every_kind_is_named_as_clap_names_it() {
        for kind in FileKind::ALL {
            let value = kind.to_possible_value().expect("no kind is skipped");
            assert_eq!(value.get_name(), kind.name());
        }
    }
}
