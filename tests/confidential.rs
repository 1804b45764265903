//! The confidential section of a case never reaches a public document: not its text, not its
//! metadata, not the kept Typst source. Restricted documents (appeal, UN submissions) do see it.

mod common;

use common::{Project, pdf_text};

const CONFIDENTIAL: &str = r#"
confidential:
  lawyer:
    name: { given: Lara, family: Secretlawyer }
    role: { en: defence counsel, ru: защитник }
    address: Secretaddress street 1
    email: lawyer@secretmail.example
    phone: "+7 700 000 0001"
  submitter:
    name: { given: Sam, family: Secretsubmitter }
    role: human rights defender
    organisation: Secretorganisation
    email: submitter@secretmail.example
  family:
    - name: { given: Fay, family: Secretfamily }
      role: mother
  witnesses:
    - name: { given: Wes, family: Secretwitness }
  notes: Secretnotes about the case
"#;

/// The words that must stay out of public documents.
const MARKERS: [&str; 9] = [
    "Secretlawyer",
    "Secretaddress",
    "secretmail",
    "700 000 0001",
    "Secretsubmitter",
    "Secretorganisation",
    "Secretfamily",
    "Secretwitness",
    "Secretnotes",
];

fn project_with_confidential_facts() -> Project {
    let project = Project::aktau();
    project.cut_block("cases/ismakova-2021.yaml", "confidential");
    let path = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}{CONFIDENTIAL}")).unwrap();
    project
}

fn leaks(haystack: &str) -> Vec<&'static str> {
    MARKERS.iter().copied().filter(|m| haystack.to_lowercase().contains(&m.to_lowercase())).collect()
}

#[test]
fn public_documents_never_hold_confidential_facts() {
    let project = project_with_confidential_facts();
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--recipients", &recipients]);
    assert_eq!(run.code(), 0, "{}\n{}", run.stdout(), run.stderr());

    // Each public document and its kept source (letters share one per case).
    let public = [
        ("ismakova-2021/fact-sheet.en.pdf", "ismakova-2021/fact-sheet.en.typ"),
        ("ismakova-2021/fact-sheet.ru.pdf", "ismakova-2021/fact-sheet.ru.typ"),
        ("ismakova-2021/fact-sheet.kk.pdf", "ismakova-2021/fact-sheet.kk.typ"),
        ("ismakova-2021/ep-brief.en.pdf", "ismakova-2021/ep-brief.en.typ"),
        ("ismakova-2021/mep-letter/hannah-testmann.en.pdf", "ismakova-2021/mep-letter.en.typ"),
        ("digests/aktau-2021-12.en.pdf", "digests/aktau-2021-12.en.typ"),
        ("digests/aktau-2021-12.ru.pdf", "digests/aktau-2021-12.ru.typ"),
    ];
    for (document, kept) in public {
        let pdf = project.out(document);
        let text = pdf_text(&pdf);
        let bytes = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
        let source = std::fs::read_to_string(project.out(kept)).unwrap();
        // The information dictionary (title, author, ...) as text, one `Key: value` a line.
        let info: String = common::pdf_info(&pdf).iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        for (what, haystack) in [("text", &text), ("bytes", &bytes), ("kept .typ", &source), ("metadata", &info)] {
            assert!(leaks(haystack).is_empty(), "{document} leaks {:?} in its {what}", leaks(haystack));
        }
    }

    // The message that carries the letter: its headers as written, its body decoded.
    let eml = std::fs::read(project.out("ismakova-2021/mep-letter/hannah-testmann.en.eml")).unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml).expect("the message parses");
    let headers: String = message.headers_raw().map(|(name, value)| format!("{name}: {value}\n")).collect();
    let body = message.body_text(0).unwrap_or_default().into_owned();
    for (what, haystack) in [("headers", &headers), ("body", &body)] {
        assert!(leaks(haystack).is_empty(), "the message leaks {:?} in its {what}", leaks(haystack));
    }

    // The restricted documents do carry them: the test above could fail.
    let appeal = pdf_text(&project.out("ismakova-2021/appeal.ru.pdf"));
    assert!(appeal.contains("Lara Secretlawyer"), "{appeal}");
    let wgad = pdf_text(&project.out("ismakova-2021/wgad.en.pdf"));
    assert!(wgad.contains("Sam Secretsubmitter") && wgad.contains("Secretorganisation"), "{wgad}");
}

#[test]
fn a_public_template_cannot_reach_the_confidential_section() {
    let project = project_with_confidential_facts();
    // No `audience` in kind.toml: the kind is public.
    project.write(
        "templates/sneaky/en.typ.j2",
        "#set document(title: \"Sneaky\")\n#set text(lang: \"en\")\n{{ case.confidential.notes }}\n",
    );
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "sneaky"]);
    assert_eq!(run.code(), 1);
    assert!(leaks(&run.stderr()).is_empty() && leaks(&run.stdout()).is_empty());
    assert!(!project.out("ismakova-2021/sneaky.en.pdf").exists());
    // Declared restricted, the same template may print them.
    project.write("templates/sneaky/kind.toml", "audience = \"restricted\"\n");
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "sneaky"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(pdf_text(&project.out("ismakova-2021/sneaky.en.pdf")).contains("Secretnotes"));
}

/// Diagnostics about a confidential field name the file, the line and the field, but never
/// quote the line: standard error ends up in logs and CI output.
#[test]
fn diagnostics_never_quote_a_confidential_line() {
    let project = project_with_confidential_facts();
    let path = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace("notes: Secretnotes about the case", "notes: \"TODO Secretnotes\\u0001\"")
        .replace("organisation: Secretorganisation", "organisation: \"TODO Secretorganisation\"");
    std::fs::write(&path, text).unwrap();
    let run = project.amicus(&["check", "cases/ismakova-2021.yaml"]);
    let stderr = run.stderr();
    for field in ["confidential.notes", "confidential.submitter.organisation"] {
        assert!(stderr.contains(&format!("(field `{field}`)")), "{field} is not named:\n{stderr}");
    }
    assert!(stderr.contains("[root]/cases/ismakova-2021.yaml:"), "the file and line are not named:\n{stderr}");
    assert!(leaks(&stderr).is_empty(), "stderr quotes {:?}:\n{stderr}", leaks(&stderr));
}

/// A YAML alias can copy a confidential value into a public field without anyone retyping
/// it: `check` says so, naming both fields.
#[test]
fn a_confidential_value_copied_into_a_public_field_is_warned_about() {
    let project = project_with_confidential_facts();
    let path = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The confidential section first, so that its anchor comes before the alias.
    let (public, secret) = text.split_at(text.find("\nconfidential:").unwrap());
    let secret = secret.replace("address: Secretaddress street 1", "address: &address Secretaddress street 1");
    let public = public.replacen("  address: unknown", "  address: *address", 1);
    std::fs::write(&path, format!("{secret}\n{public}")).unwrap();
    let run = project.amicus(&["check", "cases/ismakova-2021.yaml"]);
    let stderr = run.stderr();
    assert!(
        stderr.contains("this public field holds the same text as the confidential `confidential.lawyer.address`")
            && stderr.contains("(field `person.address`)"),
        "{stderr}"
    );
}

/// A relative shares the person's family name: one part of a name is no confidential copy.
#[test]
fn a_relative_sharing_the_family_name_is_no_copy() {
    let project = Project::aktau();
    project.replace(
        "cases/ismakova-2021.yaml",
        "confidential:\n",
        "confidential:\n  family:\n    - { name: { given: Testbrother, family: Ismakova }, role: { en: brother } }\n",
    );
    let run = project.amicus(&["check", "cases/ismakova-2021.yaml"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!run.stderr().contains("holds the same text as the confidential"), "{}", run.stderr());
}

/// A source's title that names someone the file keeps confidential is printed by every public
/// document that lists its sources: `check` says so without repeating the name.
#[test]
fn a_source_titled_with_a_confidential_name_is_warned_about() {
    let project = Project::aktau();
    project.replace(
        "cases/ismakova-2021.yaml",
        "confidential:\n",
        "confidential:\n  family:\n    - { name: { given: Testbrother, family: Ismakova }, role: { en: brother } }\n",
    );
    project.write("cases/_shared/sources/t-interview.yaml", "title: An interview with Testbrother Ismakova\n");
    project.replace("cases/ismakova-2021.yaml", "\nsources: [", "\nsources: [t-interview, ");
    let run = project.amicus(&["check", "cases/ismakova-2021.yaml"]);
    let stderr = run.stderr();
    assert!(
        stderr.contains(
            "the title of source `t-interview` names someone this file keeps confidential (`confidential.family[0]`)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("Testbrother"), "{stderr}");
}

/// An error inside the confidential section repeats neither its line nor its value: a name
/// written as plain text (the wrong type) or a syntax error on a confidential line.
#[test]
fn errors_in_the_confidential_section_withhold_its_values() {
    let project = project_with_confidential_facts();
    let path = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The case file with one replacement, checked: it fails, saying `expected`, and leaks nothing.
    let check_with = |from: &str, to: &str, expected: &str| {
        std::fs::write(&path, text.replace(from, to)).unwrap();
        let run = project.amicus(&["check", "cases/ismakova-2021.yaml"]);
        assert_eq!(run.code(), 1);
        assert!(run.stderr().contains(expected), "{}", run.stderr());
        assert!(leaks(&run.stderr()).is_empty(), "stderr repeats {:?}:\n{}", leaks(&run.stderr()), run.stderr());
    };
    check_with(
        "name: { given: Lara, family: Secretlawyer }",
        "name: Lara Secretlawyer",
        "(field `confidential.lawyer.name`)",
    );
    check_with(
        "notes: Secretnotes about the case",
        "notes: Secretnotes: about [the case",
        "[root]/cases/ismakova-2021.yaml:",
    );
}

/// A defendant's own confidential section is confidential: a lawyer's role written the same in
/// it and in the case's is no public copy, and an error inside it names the field it is about
/// (a second lawyer where the file takes one) without withholding the field's name.
#[test]
fn a_defendant_s_own_confidential_section_is_confidential() {
    let project = Project::examples();
    let own = "    confidential:\n      lawyer: { name: { given: Testa, family: Zashchitova }, role: { en: defence counsel of the family } }\n";
    project.replace("cases/viasna-2023.yaml", "  - id: stefanovich\n", &format!("  - id: stefanovich\n{own}"));
    project.replace(
        "cases/viasna-2023.yaml",
        "    role: { en: defence counsel, ru: защитник }\n",
        "    role: { en: defence counsel of the family, ru: защитник }\n",
    );
    let run = project.amicus(&["check", "cases/viasna-2023.yaml"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!run.stderr().contains("holds the same text as the confidential"), "{}", run.stderr());
    project.replace("cases/viasna-2023.yaml", "    confidential:\n      lawyer:", "    confidential:\n      lawyers:");
    let run = project.amicus(&["check", "cases/viasna-2023.yaml"]);
    assert_ne!(run.code(), 0);
    assert!(run.stderr().contains("unknown field `lawyers`"), "{}", run.stderr());
    assert!(!run.stderr().contains("Zashchitova"), "{}", run.stderr());
}
