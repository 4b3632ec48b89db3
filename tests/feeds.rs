//! `chaff wire add` on the feeds agencies publish: an IPTC ninjs item and a NewsML-G2 item,
//! written here after the public specifications, go into a real index and are found again by
//! their body; a binary file is one error line naming it, not one per line.

mod common;

use common::chaff;

const NINJS_BODY: [&str; 3] = [
    "MADRID (AP) — Spain's parliament approved a law on Thursday that lets tenants challenge rent rises above inflation in the courts, after months of protests over housing costs in the largest cities.",
    "The measure passed by a narrow margin, with two regional parties joining the governing coalition, and is expected to take effect in the spring once it is published in the official gazette.",
    "Landlords' associations said they would appeal to the constitutional court, arguing that the law limits the use of private property and will shrink the supply of homes for rent.",
];

const NEWSML_BODY: [&str; 3] = [
    "NAIROBI (Reuters) - Kenya's central bank held its benchmark lending rate steady on Tuesday, saying inflation had eased for a third month running while the shilling stayed firm against the dollar.",
    "The bank's monetary policy committee said it would keep watching food and fuel prices closely, as the short rains were forecast to arrive late in the eastern and coastal regions this year.",
    "Analysts polled before the decision had expected the rate to stay unchanged, though two of them had forecast a small cut to support lending to small businesses and farmers.",
];

/// A ninjs 2.0 item: `uri`, `firstcreated`, `headlines`, `bodies`, `copyrightholder`.
fn ninjs_item() -> String {
    serde_json::json!({
        "uri": "http://example.org/ap/2024/spain-rent-law",
        "type": "text",
        "version": "3",
        "firstcreated": "2024-03-14T09:30:00Z",
        "versioncreated": "2024-03-14T11:02:00Z",
        "pubstatus": "usable",
        "copyrightholder": "The Associated Press",
        "copyrightnotice": "Copyright 2024 The Associated Press. All rights reserved.",
        "language": "en",
        "headlines": [{"role": "main", "value": "Spain passes law letting tenants challenge rent rises"}],
        "bodies": [{"role": "main", "contenttype": "text/html",
                    "value": NINJS_BODY.map(|p| format!("<p>{p}</p>")).join("")}]
    })
    .to_string()
}

/// A NewsML-G2 `newsMessage` with one `newsItem`, body as XHTML in `inlineXML`.
fn newsml_message() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2024-05-21T10:00:00Z</sent></header>
  <itemSet>
    <newsItem guid="urn:newsml:example.org:20240521:kenya-rates" version="1" standard="NewsML-G2" standardversion="2.33" xml:lang="en">
      <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
      <rightsInfo><copyrightHolder literal="Thomson Reuters"/></rightsInfo>
      <itemMeta>
        <itemClass qcode="ninat:text"/>
        <provider qcode="nprov:REUTERS"/>
        <versionCreated>2024-05-21T09:58:00Z</versionCreated>
        <firstCreated>2024-05-21T09:40:00Z</firstCreated>
        <pubStatus qcode="stat:usable"/>
      </itemMeta>
      <contentMeta><headline>Kenya central bank holds rate steady</headline></contentMeta>
      <contentSet>
        <inlineXML contenttype="application/xhtml+xml">
          <html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body>{}</body></html>
        </inlineXML>
      </contentSet>
    </newsItem>
  </itemSet>
</newsMessage>"#,
        NEWSML_BODY.map(|p| format!("<p>{p}</p>")).join("\n")
    )
}

/// The index's match for a body text, through `chaff wire lookup`.
fn lookup(index: &std::path::Path, text: &str, dir: &std::path::Path) -> serde_json::Value {
    let body = dir.join("body.txt");
    std::fs::write(&body, text).unwrap();
    common::wire_lookup(index, &body)
}

#[test]
fn ninjs_and_newsml_items_become_stories() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let ninjs = dir.path().join("item.json");
    let newsml = dir.path().join("message.xml");
    std::fs::write(&ninjs, ninjs_item()).unwrap();
    std::fs::write(&newsml, newsml_message()).unwrap();
    let summary = common::wire_add(&index, &[&ninjs, &newsml]);
    assert_eq!(summary["added"], 2, "{summary}");

    let found = lookup(&index, &NINJS_BODY.join("\n\n"), dir.path());
    let m = &found["match"];
    assert_eq!(m["id"], "http://example.org/ap/2024/spain-rent-law");
    assert_eq!(m["agency"], "AP");
    assert_eq!(m["published"], "2024-03-14T09:30:00Z");
    assert_eq!(
        m["title"],
        "Spain passes law letting tenants challenge rent rises"
    );
    assert_eq!(m["exact"], true);

    let found = lookup(&index, &NEWSML_BODY.join("\n\n"), dir.path());
    let m = &found["match"];
    assert_eq!(m["id"], "urn:newsml:example.org:20240521:kenya-rates");
    assert_eq!(m["agency"], "Reuters");
    assert_eq!(m["published"], "2024-05-21T09:40:00Z");
    assert_eq!(m["title"], "Kenya central bank holds rate steady");
    assert_eq!(m["exact"], true);

    // The same items as ninjs JSON Lines (one item a line) change nothing: same ids.
    let lines = dir.path().join("items.jsonl");
    std::fs::write(&lines, format!("{}\n", ninjs_item())).unwrap();
    let summary = common::wire_add(&index, &[&lines]);
    assert_eq!(summary["already_present"], 1, "{summary}");
}

#[test]
fn a_bad_item_is_named_and_the_others_are_added() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let items = dir.path().join("items.json");
    let good: serde_json::Value = serde_json::from_str(&ninjs_item()).unwrap();
    let bad =
        serde_json::json!({"uri": "urn:x", "copyrightholder": "AFP", "firstcreated": "2024-01-01"});
    std::fs::write(&items, serde_json::json!([good, bad]).to_string()).unwrap();
    let out = chaff()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg(&items)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.starts_with("1 added, 0 already present, 1 errors"),
        "{stdout}"
    );
    assert!(
        stderr.contains("items.json item 2: ninjs item has no body text"),
        "{stderr}"
    );
}

#[test]
fn a_binary_file_is_one_error_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let binary = dir.path().join("photo.bin");
    // Bytes of every value, with many newlines: once one error per line.
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(bytes.iter().filter(|b| **b == b'\n').count() > 500);
    std::fs::write(&binary, bytes).unwrap();
    let out = chaff()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg(&binary)
        .arg(common::seeds().join("wire-original.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].contains("photo.bin: binary data, not a wire feed"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("1 added, 0 already present, 1 errors"),
        "{stdout}"
    );
}
