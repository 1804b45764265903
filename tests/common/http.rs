//! Plain HTTP/1.1 over a socket, for the editor's server and the WebDriver server: what the
//! tests send is exactly what is written, headers included (a wrong Host, a foreign Origin).

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;

pub struct Answer {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request to 127.0.0.1:`port` (with `Host: 127.0.0.1:port` unless a Host is given), on
/// its own connection.
pub fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Answer {
    try_request(port, method, path, headers, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// [`request`], with a failure of the connection returned rather than failing the test.
pub fn try_request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    // Nothing here takes long: a hung server fails the test instead of stopping the run.
    stream.set_read_timeout(Some(std::time::Duration::from_secs(60)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head += &format!("Host: 127.0.0.1:{port}\r\n");
    }
    for (k, v) in headers {
        head += &format!("{k}: {v}\r\n");
    }
    if let Some(body) = body {
        head += &format!("Content-Length: {}\r\n", body.len());
    }
    head += "\r\n";
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.unwrap_or_default())?;
    // Read up to the length the head gives: not every server closes the connection when asked
    // (ChromeDriver keeps it open).
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 65536];
    let (split, headers) = loop {
        if let Some(split) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break (split, String::from_utf8_lossy(&bytes[..split]).into_owned());
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the connection closed before a response",
            ));
        }
        bytes.extend_from_slice(&chunk[..n]);
    };
    let lower = headers.to_ascii_lowercase();
    let length =
        lower.lines().find_map(|l| l.strip_prefix("content-length:")).map(|v| v.trim().parse::<usize>().unwrap());
    let chunked = lower.contains("transfer-encoding: chunked");
    loop {
        let body = &bytes[split + 4..];
        let complete = match (length, chunked) {
            (Some(length), _) => body.len() >= length,
            (None, true) => body.ends_with(b"0\r\n\r\n"),
            (None, false) => false,
        };
        if complete || method == "HEAD" {
            break;
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    let status = headers[9..12].parse().unwrap();
    let mut body = bytes[split + 4..].to_vec();
    if chunked {
        body = unchunk(&body);
    }
    Ok(Answer { status, headers, body })
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&body[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 4 + size..];
    }
}

/// Standard base64 (screenshots come so from WebDriver).
pub fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}
