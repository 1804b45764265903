//! The embedded fonts draw every Kazakh letter in every style; a font that cannot is caught.

mod common;

use common::{Project, pdf_text};

const KAZAKH: &str = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";

fn kind_drawing_letters(font: &str) -> String {
    format!(
        r#"#import "/_lib/style.typ": *
#set document(title: "Kazakh letters")
#show: document-style.with(lang: "kk", font: "{font}")
#let letters = "{KAZAKH}"
#letters \
#text(weight: "bold", letters) \
#text(style: "italic", letters) \
#text(weight: "bold", style: "italic", letters) \
{{{{ case.id }}}}
"#
    )
}

#[test]
fn kazakh_letters_print_in_every_style_of_the_template_fonts() {
    let project = Project::examples();
    for (kind, font) in [("serif", "PT Serif"), ("sans", "PT Sans")] {
        project.write(&format!("templates/{kind}/en.typ.j2"), &kind_drawing_letters(font));
        let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", kind]);
        assert_eq!(run.code(), 0, "{font}: {}", run.stderr());
        let text = pdf_text(&project.out(&format!("kanaliyev-2021/{kind}.en.pdf")));
        assert_eq!(text.matches(KAZAKH).count(), 4, "{font}: {text}");
    }
}

#[test]
fn a_font_without_kazakh_bold_italic_is_caught() {
    // Typst's own Libertinus Serif lacks some Kazakh letters in bold italic: the missing glyph
    // must be an error, not an empty box.
    let project = Project::examples();
    let template = kind_drawing_letters("Libertinus Serif")
        .replace("#let letters", "#set text(font: \"Libertinus Serif\", fallback: false)\n#let letters");
    project.write("templates/libertinus/en.typ.j2", &template);
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "libertinus"]);
    assert_eq!(run.code(), 1, "{}", run.stdout());
    assert!(run.stderr().contains("no embedded font can draw"), "{}", run.stderr());
    assert!(run.stderr().contains("the character comes from the template"), "{}", run.stderr());
}
