//! E-mail messages for letters: beside each letter whose recipient has an address, an RFC 5322
//! message (`<recipient>.<lang>.eml`) that carries the letter's PDF, with a short plain-text
//! body from `templates/<kind>/email.<lang>.txt.j2`, ready to open in a desktop mail client as
//! a draft, check and send.
//!
//! Contract: [`message`] gives a message's bytes. Nothing from case data or a recipients list
//! can add a header or a recipient: every such value that reaches a header is first made one
//! plain line ([`one_line`]: line ends, which would start a header of their own, and every
//! other control or direction character become spaces), and an address is used only when it
//! is one plain `local@domain` ([`address`]); the header encoder (mail-builder) then quotes or
//! encodes what is left. The same inputs give the same bytes: the date is the letter's, and
//! the Message-ID and the MIME boundary are made from a hash of the letter, never from the
//! clock or the machine.

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::{BodyPart, MimePart};

/// One message: who sends it to whom, what it says, and the letter it carries.
pub struct Message<'a> {
    /// The sender's name as the From header gives it, and their address.
    pub from: (&'a str, &'a str),
    /// The recipient's name and address.
    pub to: (&'a str, &'a str),
    pub subject: &'a str,
    pub body: &'a str,
    /// The letter, and its file name in the message.
    pub pdf: &'a [u8],
    pub attachment: &'a str,
    /// The letter's date, as seconds since 1970 (UTC).
    pub date: i64,
    /// A hash of everything the letter was made from: the Message-ID and the boundary.
    pub hash: u128,
}

/// The message's bytes, lines ended by CRLF as RFC 5322 has them. `None` when an address is not
/// one [`address`] accepts.
pub fn message(message: &Message) -> Option<Vec<u8>> {
    let from = address(message.from.1)?;
    let to = address(message.to.1)?;
    let domain = from.rsplit_once('@').map_or("amicus.invalid", |(_, domain)| domain);
    let body = MimePart::new(
        ContentType::new("multipart/mixed").attribute("boundary", format!("{:032x}", message.hash)),
        BodyPart::Multipart(vec![
            MimePart::new(ContentType::new("text/plain").attribute("charset", "utf-8"), plain_text(message.body)),
            MimePart::new(ContentType::new("application/pdf"), BodyPart::Binary(message.pdf.into()))
                .attachment(one_line(message.attachment)),
        ]),
    );
    MessageBuilder::new()
        .from(Address::new_address(Some(one_line(message.from.0)), from))
        .reply_to(Address::new_address(Some(one_line(message.from.0)), from))
        .to(Address::new_address(Some(one_line(message.to.0)), to))
        .subject(one_line(message.subject))
        .date(message.date)
        .message_id(format!("{:032x}@{domain}", message.hash))
        // Desktop mail clients (Outlook, Apple Mail) open a message with this header as a draft
        // to send, not as one received.
        .header("X-Unsent", Raw::new("1"))
        .body(body)
        .write_to_vec()
        .ok()
}

/// `text` as one header line: every control character (line ends among them) and every
/// character that changes the direction of text becomes a space, runs of spaces one.
pub fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() || crate::render::escape::is_direction_control(c) { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A body's text as a message carries it: lines ended by CRLF, no other control character.
fn plain_text(text: &str) -> String {
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|line| line.chars().filter(|c| !c.is_control() || *c == '\t').collect::<String>().trim_end().to_owned())
        .collect();
    lines.join("\r\n") + "\r\n"
}

/// `text` when it is one plain e-mail address, `local@domain` in ASCII letters, digits and the
/// few signs addresses use, with a dot in the domain: the only form a message is written to.
pub fn address(text: &str) -> Option<&str> {
    let text = text.trim();
    let (local, domain) = text.split_once('@')?;
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let valid = !local.is_empty()
        && local.chars().all(allowed)
        && domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>(to_name: &'a str, subject: &'a str) -> Message<'a> {
        Message {
            from: ("Example Rights Network", "advocacy@example.org"),
            to: (to_name, "hannah.testmann@example.eu"),
            subject,
            body: "Dear Dr Testmann,\n\nPlease find our letter attached.\n",
            pdf: b"%PDF-1.7 letter",
            attachment: "Letter about Petr Probov.pdf",
            date: 1_748_736_000,
            hash: 0xabc,
        }
    }

    #[test]
    fn data_cannot_add_a_header_or_a_recipient() {
        let hostile = "Anna\r\nBcc: spy@example.com\r\nX-Evil: 1";
        let bytes = message(&sample(hostile, "Re: case\nBcc: spy@example.com")).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let headers = text.split("\r\n\r\n").next().unwrap();
        for line in headers.lines() {
            assert!(!line.starts_with("Bcc") && !line.starts_with("X-Evil"), "{headers}");
        }
        assert!(!headers.contains("\r\nBcc:"), "{headers}");
        for bad in ["a@b.c>, spy@example.com", "anna@example.eu\r\nBcc: x@y.z", "no-at-sign", "a@localhost", "a b@c.d"]
        {
            assert_eq!(address(bad), None, "{bad:?}");
        }
        assert_eq!(address(" hannah.testmann@example.eu "), Some("hannah.testmann@example.eu"));
    }

    #[test]
    fn the_same_letter_gives_the_same_bytes_with_its_pdf_and_a_draft_header() {
        let one = message(&sample("Dr Hannah Testmann", "The case of Petr Probov")).unwrap();
        assert_eq!(one, message(&sample("Dr Hannah Testmann", "The case of Petr Probov")).unwrap());
        let text = String::from_utf8_lossy(&one);
        for expected in [
            "Message-ID: <00000000000000000000000000000abc@example.org>",
            "X-Unsent: 1",
            "Content-Type: application/pdf",
            "To: \"Dr Hannah Testmann\" <hannah.testmann@example.eu>",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
        assert_eq!(one_line("Ann\u{202e}a\u{0}\n Smith"), "Ann a Smith");
    }
}
