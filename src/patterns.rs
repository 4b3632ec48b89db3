//! Text patterns that several stages look for: engagement widgets, wire datelines.
//!
//! They live here, beside the page model and below everything else, so that the block
//! features and the page facts recognise the same widget the same way.

use regex::Regex;
use std::sync::LazyLock;

/// Short engagement widgets: a label with a counter (`veryGood! (136)`, `Like (12)`,
/// `Comments (3)`, `👍 12`, `Share 4.1K`) or a bare action word (`Share`, `Tweet`, `Print`).
static WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            [\p{L}\p{So}!?.\s]{1,24}\s*[(\[]\s*\d[\d.,]*\s*[kKmM]?\s*[)\]]   # label (136)
          | (?:like|likes|share|shares|comments?|views?|votes?|reactions?|tweet|retweet|pin|email|print|reply|replies|love|wow|haha|sad|angry|good|bad|verygood|interesting|useful)!?\s*:?\s*\d[\d.,]*\s*[kKmM]?  # Like 12
          | \d[\d.,]*\s*[kKmM]?\s*(?:likes|shares|comments|views|votes|reactions|replies)  # 12 comments
          | (?:share|tweet|print|email|like|follow|subscribe|reply|comment|save|pin\s+it|share\s+this|share\s+on\s+\w+|view)!?
        )\s*$",
    )
    .expect("widget pattern compiles")
});

/// True when a block's text is an engagement widget rather than writing.
pub fn is_widget(text: &str) -> bool {
    text.len() <= 48 && WIDGET.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widgets_with_counters_and_bare_actions() {
        for w in [
            "veryGood! (136)",
            "Like (12)",
            "Comments (3)",
            "Share",
            "12 comments",
            "Views: 4.1K",
            "View",
        ] {
            assert!(is_widget(w), "{w}");
        }
        for t in [
            "The council met on Tuesday (3 members were absent).",
            "Share prices fell 3% in Tokyo",
            "Iraq and the US begin talks",
        ] {
            assert!(!is_widget(t), "{t}");
        }
    }
}
