//! Hostile and extreme pages: time grows linearly with the page, and text at any depth is
//! still extracted. The tests hold the *shape* (four times the input takes less than four
//! times as long, best of several runs, in the CPU time of the thread that does the work, so
//! that other work on the machine does not count); how fast is for the benchmarks
//! (`chaff bench`).

use chaff::extract::Extractor;
use std::sync::Mutex;
use std::time::Duration;

/// The timed tests (and the heavy untimed one) run one at a time: the test harness runs tests
/// in parallel threads, and a neighbour's work landing in one measurement and not the other
/// distorts the shape.
static TIMED: Mutex<()> = Mutex::new(());

/// CPU time this thread has used. Wall-clock time on a shared 2-core machine measures the
/// load as much as the code (a run that waits for a core looks slower); the thread's own
/// CPU clock counts only the work, which is what the shape of the growth is about.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant Linux defines.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Best CPU time of a few runs of extracting `html`, and what was extracted.
fn best_time(extractor: &Extractor, html: &str) -> (Duration, String) {
    let mut best = Duration::MAX;
    let mut text = String::new();
    for _ in 0..5 {
        let t = thread_cpu_time();
        let x = extractor.extract(html);
        best = best.min(thread_cpu_time() - t);
        text = x.text;
    }
    (best, text)
}

/// Extract a page built at size `n` and at `4 n`: the larger must take under `bound` times
/// as long (linear is four, a quadratic step would take sixteen), and both keep `needle`.
fn linear(make: impl Fn(usize) -> String, n: usize, needle: &str, bound: u32) {
    let e = Extractor::embedded().unwrap();
    let _alone = TIMED.lock().unwrap_or_else(|p| p.into_inner());
    let (small, small_text) = best_time(&e, &make(n));
    let (large, large_text) = best_time(&e, &make(4 * n));
    assert!(small_text.contains(needle), "{n}: {needle:?} missing");
    assert!(large_text.contains(needle), "{}: {needle:?} missing", 4 * n);
    assert!(
        large < small * bound,
        "{n} took {small:?}, {} took {large:?}: not linear",
        4 * n
    );
}

/// Bound on the time of four times the input where the steps are plainly linear in bytes
/// (the time is then close to four times, and a loaded machine adds noise): far below the
/// sixteen a quadratic step would take.
const LINEAR: u32 = 6;

const PARAGRAPH: &str = "The council met on Monday to discuss the budget and the plans for \
    the new library in the town centre, which many residents said they had wanted for years.";

#[test]
fn deep_nesting_is_linear_and_its_text_extracted() {
    let page = |n: usize| {
        format!(
            "<title>Budget</title>{}<p>{}</p>",
            "<div>".repeat(n),
            PARAGRAPH.repeat(8)
        )
    };
    // The issue asked for 200k deep in under four times the time of 50k. Linear time *is*
    // four times, so that bound fails on noise alone (4.2x was seen on an idle machine, best
    // of five); the bound of the other linear steps still tells linear from the quadratic
    // parse of before (16x; over 20 s at 100k).
    linear(page, 50_000, "plans for the new library", LINEAR);
}

#[test]
fn a_long_paragraph_deep_in_divs_is_article_text() {
    let words: Vec<&str> = PARAGRAPH.repeat(20).leak().split_whitespace().collect();
    let para = words[..249].join(" ");
    let e = Extractor::embedded().unwrap();
    // Not timed, but heavy (a 1,000-deep page three times): run alone too, so that it is not
    // the neighbour in another test's measurement (shared caches and memory bandwidth count
    // even in a thread's own CPU time).
    let _alone = TIMED.lock().unwrap_or_else(|p| p.into_inner());
    for depth in [30, 40, 1000] {
        let html = format!(
            "<html><head><title>Budget</title></head><body>{}<p>{para}</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let x = e.extract(&html);
        assert_eq!(chaff::page::count_words(&x.text), 249, "at depth {depth}");
    }
}

#[test]
fn a_tag_with_a_million_attributes_is_linear() {
    let page = |n: usize| {
        let attrs: String = (0..n).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
        format!("<div{attrs}><p>{}</p></div>", PARAGRAPH.repeat(3))
    };
    linear(page, 250_000, "plans for the new library", LINEAR);
}

#[test]
fn a_huge_text_node_is_linear() {
    // 4 x 7.5 MB: a 30 MB text node, under the 32 MB page limit.
    let page = |n: usize| format!("<p>{}</p>", PARAGRAPH.repeat(n / PARAGRAPH.len()));
    linear(page, 7_500_000, "plans for the new library", LINEAR);
}

#[test]
fn many_sibling_blocks_are_linear() {
    let page = |n: usize| {
        let mut html = String::from("<title>Budget</title><div>");
        for i in 0..n {
            html.push_str(&format!("<p>{PARAGRAPH} Item {i}.</p>"));
        }
        html + "</div>"
    };
    linear(page, 25_000, "plans for the new library", LINEAR);
}
