//! `amicus serve` started in a throwaway project, and spoken to over HTTP with its cookie.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use serde_json::{Value, json};

use super::Project;
use super::http::{self, Answer};

/// A running editor, stopped when dropped.
pub struct Editor {
    child: Child,
    pub port: u16,
    pub token: String,
    pub project: Project,
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `amicus serve` in the project: the process, and the port and token of the address it printed.
fn serve(project: &Project) -> (Child, u16, String) {
    let mut child = project.command(&["serve"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(url) = line.trim().strip_prefix("open ") {
            break url.to_owned();
        }
    };
    let rest = url.strip_prefix("http://127.0.0.1:").expect("an address on 127.0.0.1");
    let (port, token) = rest.split_once("/?token=").unwrap();
    (child, port.parse().unwrap(), token.to_owned())
}

impl Editor {
    pub fn start(project: Project) -> Editor {
        let (child, port, token) = serve(&project);
        Editor { child, port, token, project }
    }

    /// Stops the editor and starts it again on the same project (a new address).
    pub fn restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        (self.child, self.port, self.token) = serve(&self.project);
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A request with the given headers (the Host is 127.0.0.1 unless given).
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Answer {
        http::request(self.port, method, path, headers, body)
    }

    pub fn get(&self, path: &str) -> Answer {
        let cookie = format!("amicus_editor_{}={}", self.port, self.token);
        self.raw("GET", path, &[("Cookie", &cookie)], None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Answer {
        let (cookie, origin) = (format!("amicus_editor_{}={}", self.port, self.token), self.origin());
        let headers = [("Cookie", cookie.as_str()), ("Origin", origin.as_str()), ("Content-Type", "application/json")];
        self.raw("POST", path, &headers, Some(body.to_string().as_bytes()))
    }

    /// A file the page sends as it is (a recipients list).
    pub fn post_text(&self, path: &str, body: &[u8]) -> Answer {
        let (cookie, origin) = (format!("amicus_editor_{}={}", self.port, self.token), self.origin());
        let headers = [("Cookie", cookie.as_str()), ("Origin", origin.as_str()), ("Content-Type", "text/plain")];
        self.raw("POST", path, &headers, Some(body))
    }

    pub fn case(&self, file: &str) -> Value {
        let answer = self.get(&format!("/api/case?file={file}"));
        assert_eq!(answer.status, 200, "{}", answer.text());
        answer.json()
    }

    pub fn preview(&self, file: &str, kind: &str, value: &Value) -> Value {
        let answer = self.post("/api/preview", &json!({ "file": file, "kind": kind, "lang": "en", "value": value }));
        assert_eq!(answer.status, 200, "{}", answer.text());
        answer.json()
    }
}
