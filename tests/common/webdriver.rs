//! A real browser for the editor's tests: Chromium, headless, driven through ChromeDriver by
//! the W3C WebDriver protocol (JSON over HTTP, spoken here with [`super::http`]).
//!
//! The browser tests need `chromium` and `chromedriver` (Debian's `chromium` and
//! `chromium-driver`). Without them a test says so and passes, unless
//! `AMICUS_BROWSER_TESTS=required` (which `.ci/run` sets after installing them): then it fails.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::http;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// ChromeDriver and one browser session, both stopped when dropped.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    pub downloads: PathBuf,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http::try_request(self.port, "DELETE", &format!("/session/{}", self.session), &[], None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn found(program: &str) -> Option<PathBuf> {
    let candidates = [format!("/usr/bin/{program}"), format!("/usr/local/bin/{program}")];
    candidates.into_iter().map(PathBuf::from).find(|p| p.is_file())
}

impl Browser {
    /// A headless Chromium, or `None` (with the reason printed) when it is not installed and
    /// the tests were not told it must be.
    pub fn start(downloads: &Path) -> Option<Browser> {
        let (Some(chromium), Some(chromedriver)) = (found("chromium"), found("chromedriver")) else {
            let required = std::env::var("AMICUS_BROWSER_TESTS").is_ok_and(|v| v == "required");
            assert!(
                !required,
                "the browser tests need chromium and chromedriver: apt install chromium chromium-driver"
            );
            eprintln!(
                "SKIPPED: the browser tests need chromium and chromedriver (apt install chromium chromium-driver)"
            );
            return None;
        };
        // ChromeDriver once reset the connection that asked for the first session, on a CI
        // machine of 2 cores running other tests (1 run in about 30): a fresh driver is tried
        // before the test fails, and a failure shows what each driver logged.
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Browser::launch(&chromium, &chromedriver, downloads) {
                Ok(browser) => return Some(browser),
                Err(failure) => failures.push(failure),
            }
        }
        panic!("no browser session after 3 drivers:\n{}", failures.join("\n---\n"));
    }

    fn launch(chromium: &Path, chromedriver: &Path, downloads: &Path) -> Result<Browser, String> {
        let profile = tempfile::tempdir().unwrap();
        let log = profile.path().join("chromedriver.log");
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let chrome_profile = profile.path().join("chromium");
        // The flags a closed machine needs: no sandbox as root, no GPU, nothing fetched.
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1400,1000",
            &format!("--user-data-dir={}", chrome_profile.display()),
        ];
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                },
            },
        } } });
        // Dropped on failure, which stops the driver.
        let mut browser =
            Browser { driver, port, session: String::new(), downloads: downloads.to_path_buf(), _profile: profile };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("chromedriver did not listen on {port} in 20 s; it logged:\n{}", tail(&log)));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let body = capabilities.to_string();
        let headers = [("Content-Type", "application/json")];
        let answer = http::try_request(port, "POST", "/session", &headers, Some(body.as_bytes()))
            .map_err(|e| format!("POST /session: {e}; chromedriver logged:\n{}", tail(&log)))?;
        let value = answer.json()["value"].clone();
        match value["sessionId"].as_str() {
            Some(session) if answer.status == 200 => browser.session = session.to_owned(),
            _ => return Err(format!("no session: {} {value}; chromedriver logged:\n{}", answer.status, tail(&log))),
        }
        Ok(browser)
    }

    fn call(&self, method: &str, path: &str, body: &Value) -> Value {
        let body = body.to_string();
        let headers = [("Content-Type", "application/json")];
        let answer = http::request(self.port, method, path, &headers, Some(body.as_bytes()));
        let value = answer.json()["value"].clone();
        assert!(answer.status == 200, "WebDriver {method} {path}: {} {value}", answer.status);
        value
    }

    fn session(&self, method: &str, path: &str, body: &Value) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    pub fn open(&self, url: &str) {
        self.session("POST", "/url", &json!({ "url": url }));
    }

    pub fn url(&self) -> String {
        self.session("GET", "/url", &json!({})).as_str().unwrap_or_default().to_owned()
    }

    /// The element `css` selects, waited for up to 10 s.
    pub fn find(&self, css: &str) -> Element<'_> {
        self.wait_for(&format!("document.querySelector({css:?}) !== null"), css);
        let found = self.session("POST", "/element", &json!({ "using": "css selector", "value": css }));
        Element { browser: self, id: found[ELEMENT].as_str().unwrap().to_owned() }
    }

    /// Runs `script` (a function body) in the page with `args`, and returns what it returns.
    pub fn run(&self, script: &str, args: Value) -> Value {
        self.session("POST", "/execute/sync", &json!({ "script": script, "args": args }))
    }

    /// Waits until the JavaScript expression `condition` is true, up to 10 s.
    pub fn wait_for(&self, condition: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.run(&format!("return !!({condition});"), json!([])) == json!(true) {
                return;
            }
            assert!(Instant::now() < deadline, "waited 10 s for {what}; the page says: {}", self.text("body"));
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The visible text of what `css` selects.
    pub fn text(&self, css: &str) -> String {
        self.run("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", json!([css]))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Sets the window's size in CSS pixels: half the usual size is what a reader sees who
    /// zooms to 200%.
    pub fn resize(&self, width: u32, height: u32) {
        self.session("POST", "/window/rect", &json!({ "width": width, "height": height }));
    }

    /// A screenshot of the window, as PNG.
    pub fn screenshot(&self) -> Vec<u8> {
        http::base64_decode(self.session("GET", "/screenshot", &json!({})).as_str().unwrap())
    }

    /// Saves a screenshot under `target/screenshots/` (to be looked at), named `name`.
    pub fn keep_screenshot(&self, name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.screenshot()).unwrap();
        path
    }
}

/// An element of the page.
pub struct Element<'a> {
    browser: &'a Browser,
    id: String,
}

impl Element<'_> {
    fn call(&self, method: &str, path: &str, body: &Value) -> Value {
        self.browser.session(method, &format!("/element/{}{path}", self.id), body)
    }

    /// Clicks it, once scrolled to the middle of the window: WebDriver clicks where an element
    /// is, and the editor's sticky toolbar may be over it.
    pub fn click(&self) {
        let element = json!({ "element-6066-11e4-a52e-4f735466cecf": self.id });
        self.browser.run("arguments[0].scrollIntoView({ block: 'center' });", json!([element]));
        self.call("POST", "/click", &json!({}));
    }

    pub fn clear(&self) {
        self.call("POST", "/clear", &json!({}));
    }

    /// Types `text` as keystrokes.
    pub fn type_text(&self, text: &str) {
        self.call("POST", "/value", &json!({ "text": text }));
    }

    pub fn value(&self) -> String {
        self.call("GET", "/property/value", &json!({})).as_str().unwrap_or_default().to_owned()
    }
}

/// The end of a log, for a failure's message.
fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_else(|e| format!("(no log: {e})"));
    let start = text.char_indices().rev().nth(3000).map_or(0, |(i, _)| i);
    text[start..].to_owned()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port()
}
