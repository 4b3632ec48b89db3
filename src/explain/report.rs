//! The explanation as HTML: one self-contained file (`chaff explain --out`), or the middle
//! of an item page in `chaff serve`.
//!
//! Templates are maud: markup is Rust code checked at compile time, and every string put in
//! it is HTML-escaped unless wrapped in `PreEscaped`, which this module never does with page
//! text. Every string here comes from a hostile page. The file carries a
//! Content-Security-Policy that forbids every script and every load from outside, so even a
//! bug in escaping could not run anything or call home.

use super::diff::{Run, RunKind};
use super::{Explanation, FactMark};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The report's style sheet: inlined in the file, served as `/static/chaff.css` by `serve`.
pub const CSS: &str = include_str!("report.css");

/// The policy of the stand-alone file: no script, no external anything.
const FILE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Body-probability bands for shading; the hover shows the exact figure.
const BANDS: f32 = 10.0;

/// The whole report as one HTML document.
pub fn standalone(x: &Explanation) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(FILE_CSP);
                meta name="referrer" content="no-referrer";
                title { "chaff explain: " (x.title.as_deref().unwrap_or(&x.source)) }
                // The style sheet is this crate's own text, not the page's.
                style { (PreEscaped(CSS)) }
            }
            body { (view(x, &[])) }
        }
    }
    .into_string()
}

/// The report's sections. `marked` lists the blocks a moderator has marked
/// (block index, body?), shown beside the model's label.
pub fn view(x: &Explanation, marked: &[(usize, bool)]) -> Markup {
    html! {
        section.verdict {
            h1 { (x.title.as_deref().unwrap_or("(no title)")) }
            p.source { (x.source) @if let Some(s) = &x.site { " · site name " q { (s) } } }
            p {
                @if x.verdict.flagged {
                    span.badge.farm { "FARM" }
                } @else {
                    span.badge.ok { "not flagged" }
                }
                " score " strong { (format!("{:.3}", x.verdict.score)) }
                " (flagged from " (format!("{:.3}", x.threshold)) ")"
            }
        }
        (reasons(x))
        (wire(x))
        (facts(&x.facts))
        (blocks(x, marked))
    }
}

fn reasons(x: &Explanation) -> Markup {
    let max = x
        .reasons
        .iter()
        .map(|r| r.weight)
        .fold(0.0f32, f32::max)
        .max(1.0);
    html! {
        section #reasons {
            h2 { "Reasons (" (x.reasons.len()) ")" }
            table {
                thead { tr { th { "reason" } th { "what the page shows" } th.num { "weight (log-odds)" } } }
                tbody {
                    @for r in &x.reasons {
                        tr.reason data-code=(r.code) {
                            td { code { (r.code) } }
                            td { (r.message) }
                            td.num {
                                (format!("{:+.2}", r.weight)) " "
                                meter min="0" max=(max) value=(r.weight.max(0.0)) {}
                            }
                        }
                    }
                }
            }
            p.note { "Weight: the log-odds the reason's feature columns added to the score (negative: they pulled it down on their own). On a flagged copy the wire match is listed first whatever its weight: every other reason is read against the story; its interaction with the date counts under restamped_date." }
        }
    }
}

fn runs(runs: &[Run]) -> Markup {
    html! {
        @for r in runs {
            @match r.kind {
                RunKind::Shared => mark.shared { (r.text) }
                RunKind::Added => ins.added title="added by the page" { (r.text) }
                RunKind::Cut => del.cut title="in the wire story, cut by the page" { (r.text) }
            }
            " "
        }
    }
}

fn wire(x: &Explanation) -> Markup {
    html! {
        section #wire {
            h2 { "Wire match" }
            @match &x.wire {
                None => p { "No wire story matched (or no wire index was given)." },
                Some(w) => {
                    p {
                        (w.matched.wire.agency) " story " code { (w.matched.wire.id) }
                        " “" (w.matched.title) "”, published " (w.matched.published) ": "
                        (format!("{:.0}%", w.matched.wire.containment * 100.0)) " of the story is in the page body, "
                        (format!("{:.0}%", w.matched.body_in_story * 100.0)) " of the body is in the story."
                    }
                    @match &w.diff {
                        None => p.note { "The wire index keeps no story text: give the feed it was built from (--wire FEED.jsonl) to see the copy side by side." },
                        Some(d) => {
                            p.diffsum {
                                mark.shared { (d.shared_words) " words shared" } " · "
                                del.cut { (d.cut_words) " words cut by the page" } " · "
                                ins.added { (d.added_words) " words added by the page" }
                            }
                            div.sidebyside {
                                div.side.page { h3 { "The page's body" } p { (runs(&d.page)) } }
                                div.side.story { h3 { "The wire story" } p { (runs(&d.story)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn facts(facts: &[FactMark]) -> Markup {
    html! {
        section #facts {
            h2 { "Facts, and where each was read" }
            @if facts.is_empty() { p { "None found." } }
            table {
                tbody {
                    @for f in facts {
                        tr.fact data-kind=(f.kind.label()) {
                            th { (f.kind.label()) }
                            td { (f.value) }
                            td {
                                @match f.location.block() {
                                    Some(b) => a href=(format!("#b{b}")) { (f.location.describe()) },
                                    None => (f.location.describe()),
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn blocks(x: &Explanation, marked: &[(usize, bool)]) -> Markup {
    html! {
        section #blocks {
            h2 { "The page's blocks, in order" }
            p.note { "Shaded by body probability: green is article body, grey boilerplate; hover a block for its figure. A thick left border is the final body label." }
            ol.blocks start="0" {
                @for b in &x.blocks {
                    @let band = ((b.probability * BANDS) as usize).min(BANDS as usize - 1);
                    @let mark = marked.iter().find(|(i, _)| *i == b.index).map(|(_, body)| *body);
                    li id=(format!("b{}", b.index))
                        class=(format!("blk p{band}{}", if b.body { " body" } else { "" }))
                        title=(format!("block {} <{}>: body probability {:.2}{}", b.index, b.tag, b.probability,
                            match mark { Some(true) => ", marked body", Some(false) => ", marked boilerplate", None => "" }))
                        data-block=(b.index) data-probability=(format!("{:.3}", b.probability)) {
                        @for f in x.facts.iter().filter(|f| f.location.covers(b.index)) {
                            span.factmark { (f.kind.label()) }
                        }
                        @match mark {
                            Some(true) => span.moderated { "marked body" },
                            Some(false) => span.moderated { "marked boilerplate" },
                            None => {},
                        }
                        span.tag { (b.tag) }
                        " " (b.text)
                    }
                }
            }
        }
    }
}
