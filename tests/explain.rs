//! `chaff explain` on the seed page and on a hostile page: the report shows the wire diff
//! and every reason with its weight, marks facts where they were read, and is one file that
//! loads nothing and runs nothing.

mod moderator;

use moderator::{HOSTILE, chaff_bin, seeds};
use std::process::Command;

fn explain(args: &[&str]) -> String {
    let out = Command::new(chaff_bin())
        .arg("explain")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_seed_pages_report_shows_the_wire_diff_and_all_seven_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let feed = seeds().join("wire-original.jsonl");
    let st = Command::new(chaff_bin())
        .args([
            "wire",
            "add",
            "--index",
            index.to_str().unwrap(),
            feed.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(st.success());
    let out = dir.path().join("report.html");
    let page = seeds().join("seed-page.html");
    let st = Command::new(chaff_bin())
        .args([
            "explain",
            page.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ])
        .args([
            "--wire",
            feed.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(st.success());
    let html = std::fs::read_to_string(&out).unwrap();

    // The verdict and all seven reasons, each with a weight.
    assert!(html.contains("FARM"));
    for code in [
        "wire_match",
        "restamped_date",
        "unrelated_breadcrumb",
        "stale_link_lists",
        "missing_byline",
        "uncredited_dateline",
        "engagement_widget",
    ] {
        assert!(
            html.contains(&format!("data-code=\"{code}\"")),
            "reason {code}"
        );
    }
    assert_eq!(html.matches("<tr class=\"reason\"").count(), 7);
    assert!(html.contains("<meter"), "weights are drawn");

    // The wire story side by side: the story's id, shared runs and the page's additions.
    assert!(html.contains("ap-20240127-iraq-us-coalition-talks"));
    assert!(html.contains("<div class=\"side story\">"));
    assert!(html.contains("<mark class=\"shared\">"));
    let shared: usize = html
        .split("<mark class=\"shared\">")
        .nth(1)
        .and_then(|s| s.split(" words shared").next())
        .and_then(|n| n.parse().ok())
        .expect("a count of shared words");
    assert!(
        shared > 400,
        "the farm copied the story: {shared} words shared"
    );
    // The farm's headline was glued to the body: added text, not in the story.
    assert!(html.contains("<ins class=\"added\""));

    // Facts marked where they were read, linked to their blocks.
    for kind in [
        "date",
        "breadcrumb",
        "widget",
        "link list",
        "dateline",
        "site name",
    ] {
        assert!(
            html.contains(&format!("data-kind=\"{kind}\"")),
            "fact {kind}"
        );
    }
    assert!(html.contains("View Date:2025-04-25"));
    assert!(html.contains("href=\"#b"));

    // Blocks shaded by probability, the figure on hover; the 12 body paragraphs are body.
    assert!(html.contains("body probability"));
    let body_blocks = html.matches("class=\"blk p").filter(|_| true).count();
    assert!(body_blocks > 20, "{body_blocks} blocks");
    assert!(html.matches(" body\" title=\"block ").count() >= 12);

    // Self-contained: no script, nothing loaded from elsewhere, and a policy that says so.
    assert!(!html.contains("<script"));
    assert!(!html.contains("src=\"http") && !html.contains("<link"));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn without_the_feed_the_report_says_how_to_get_the_side_by_side() {
    let page = seeds().join("seed-page.html");
    let html = explain(&[page.to_str().unwrap()]);
    assert!(html.contains("No wire story matched"));
    // Without an index the seed page is still flagged, on its chrome and dateline.
    assert!(html.contains("FARM"));
    assert!(html.contains("data-code=\"uncredited_dateline\""));
}

#[test]
fn a_hostile_page_is_text_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let t = HOSTILE.replace('&', "&amp;").replace('<', "&lt;");
    let page = dir.path().join("hostile.html");
    std::fs::write(
        &page,
        format!(
            "<html><head><title>{t}</title><script>alert(1)</script></head><body><h1>{t}</h1>\
             <p>BEIRUT (AP) — {t} and many more words of a story that goes on for a while.</p>\
             <img src=x onerror=alert(2)></body></html>"
        ),
    )
    .unwrap();
    let html = explain(&[page.to_str().unwrap()]);
    assert!(!html.contains("<script"), "no script element survives");
    assert!(!html.contains("<img"), "no image element survives");
    assert!(html.contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;"));
    assert!(html.contains("onerror=&quot;window.pwned = 2&quot;"));
}

#[test]
fn a_missing_page_is_an_error_naming_it() {
    let out = Command::new(chaff_bin())
        .args(["explain", "/nonexistent/page.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/page.html"));
}
