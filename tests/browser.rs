//! The moderator's web view in a real browser: Debian's chromium, headless, driven over
//! WebDriver (chromedriver) with fantoccini. The test loads the list, opens an item with the
//! keyboard, presses `c`, and checks the queue file: the item is `confirmed`, with its
//! history. A hostile page (script and `<img onerror>` in its title and body) shows as text
//! and runs nothing. Screenshots of the list and of the items go to target/screenshots/ for
//! a person to look at. `.ci/browser.sh` installs chromium and chromium-driver.

mod moderator;

use chaff::moderation::{Queue, Status};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use moderator::{HOSTILE, Server, add_hostile, seed_queue};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver process on a free port of 127.0.0.1, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Driver {
        for bin in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(bin).exists(),
                "{bin} is missing: run .ci/browser.sh (apt-get install chromium chromium-driver)"
            );
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(format!("{url}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, url }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn browser(driver: &Driver, profile: &Path) -> Client {
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()), "--window-size=1280,1100"
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone().into_iter().collect();
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a chromium session")
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn press(c: &Client, key: char) {
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    c.perform_actions(keys).await.unwrap();
}

async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.unwrap()
}

/// Poll until `f` holds, for at most 15 s.
async fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_open_confirm_with_the_keyboard_and_hostile_pages_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let (index, queue) = seed_queue(dir.path());
    let hostile = add_hostile(&queue);
    let seed_id = Queue::open_read_only(&queue)
        .unwrap()
        .list(None)
        .unwrap()
        .iter()
        .find(|i| i.id != hostile)
        .unwrap()
        .id;
    let srv = Server::start(&queue, Some(&index), Some("browser-test-token"));
    let driver = Driver::start();
    let c = browser(&driver, &dir.path().join("profile")).await;

    // The list, with the token handed over in the fragment (and then dropped from the URL).
    c.goto(&format!("{}/#token={}", srv.base, srv.token))
        .await
        .unwrap();
    let rows = c.find_all(Locator::Css("tr.item")).await.unwrap();
    assert_eq!(rows.len(), 2, "two pending items");
    assert!(!c.current_url().await.unwrap().as_str().contains("token"));
    std::fs::write(
        screenshots().join("list.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();

    // j moves to the second row (the seed page: the list is newest first), Enter opens it.
    press(&c, 'j').await;
    let selected = js(
        &c,
        "return document.querySelector('tr.item.sel').dataset.id",
    )
    .await;
    assert_eq!(selected.as_str().unwrap(), seed_id.to_string());
    press(&c, '\u{e007}').await; // Enter
    c.wait().for_element(Locator::Css("#item")).await.unwrap();
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .ends_with(&format!("/items/{seed_id}"))
    );
    let reasons = c.find_all(Locator::Css("tr.reason")).await.unwrap();
    assert_eq!(reasons.len(), 7, "the seed page's seven reasons");
    c.find(Locator::Css(".side.story"))
        .await
        .expect("the wire story side by side");
    std::fs::write(
        screenshots().join("item.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();

    // A name and a note, then c: the item is confirmed in the queue file, with history.
    c.find(Locator::Css("#by"))
        .await
        .unwrap()
        .send_keys("maria")
        .await
        .unwrap();
    c.find(Locator::Css("#note"))
        .await
        .unwrap()
        .send_keys("AP copy on a finance farm")
        .await
        .unwrap();
    js(&c, "document.activeElement.blur(); return null").await;
    press(&c, 'c').await;
    let q = Queue::open_read_only(&queue).unwrap();
    eventually("the item confirmed", || {
        q.get(seed_id).is_ok_and(|i| i.status == Status::Confirmed)
    })
    .await;
    let h = q.history(seed_id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[1].from, h[1].to),
        (Some(Status::Pending), Status::Confirmed)
    );
    assert_eq!(h[1].by, "maria");
    assert_eq!(h[1].note.as_deref(), Some("AP copy on a finance farm"));
    // The page reloads showing the decision; d on a decided item changes nothing.
    c.wait()
        .for_element(Locator::Css("#item[data-status=confirmed]"))
        .await
        .unwrap();
    press(&c, 'd').await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(q.get(seed_id).unwrap().status, Status::Confirmed);
    std::fs::write(
        screenshots().join("item-confirmed.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();

    // The hostile page: its markup is text, nothing of it runs, no image of it exists.
    c.goto(&format!("{}/items/{hostile}", srv.base))
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("#item")).await.unwrap();
    let title = js(&c, "return document.title").await;
    assert!(title.as_str().unwrap().contains(HOSTILE), "{title}");
    let shown = js(&c, "return document.querySelector('#item').textContent").await;
    assert!(shown.as_str().unwrap().contains(HOSTILE));
    assert_eq!(js(&c, "return typeof window.pwned").await, "undefined");
    assert_eq!(
        js(&c, "return document.querySelectorAll('img').length").await,
        0
    );
    assert_eq!(
        js(&c, "return document.querySelectorAll('script').length").await,
        1,
        "only the server's own script"
    );
    // The raw page is only in a sandboxed iframe that allows nothing.
    let sandbox = js(
        &c,
        "var f = document.querySelector('iframe'); return f && f.getAttribute('sandbox')",
    )
    .await;
    assert_eq!(sandbox, "");
    js(
        &c,
        "document.querySelector('details').open = true; return null",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(js(&c, "return typeof window.pwned").await, "undefined");
    std::fs::write(
        screenshots().join("hostile.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    c.close().await.unwrap();
}
