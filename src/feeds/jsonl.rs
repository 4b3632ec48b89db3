//! JSON Lines feeds: one JSON object a line, each a chaff story (`id`, `agency`, `published`,
//! `title`, `text`) or a ninjs item (told apart by its `uri`), streamed one line at a time.

use super::{At, FeedError, Item};
use crate::wire::{Story, StoryError};
use std::io::BufRead;

/// The items of a JSON Lines stream, in order; blank lines are passed over.
pub struct Lines<R: BufRead> {
    reader: R,
    buf: Vec<u8>,
    line: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            buf: Vec::new(),
            line: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let at = At::Line(self.line);
                    // Binary data past the first bytes: one error, and the rest is not read.
                    if self.buf.contains(&0) {
                        self.done = true;
                        return Some(Item {
                            at,
                            story: Err(FeedError::Binary),
                        });
                    }
                    let Ok(text) = std::str::from_utf8(&self.buf) else {
                        return Some(Item {
                            at,
                            story: Err(FeedError::NotUtf8),
                        });
                    };
                    let text = text.trim();
                    if !text.is_empty() {
                        return Some(Item {
                            at,
                            story: story(text),
                        });
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Item {
                        at: At::Line(self.line + 1),
                        story: Err(FeedError::Read(e)),
                    });
                }
            }
        }
        None
    }
}

/// One line: a ninjs item when it has a `uri` and no `text`, else a chaff story.
fn story(line: &str) -> Result<Story, FeedError> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| StoryError::Json(e.to_string()))?;
    if value.get("uri").is_some() && value.get("text").is_none() {
        return super::ninjs::story(&value);
    }
    let story: Story =
        serde_json::from_value(value).map_err(|e| StoryError::Json(e.to_string()))?;
    story.check()?;
    Ok(story)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &[u8]) -> Vec<Item> {
        Lines::new(text).collect()
    }

    #[test]
    fn stories_blank_lines_and_bad_lines() {
        let feed = b"{\"id\":\"a\",\"agency\":\"AP\",\"published\":\"2024-01-27\",\"text\":\"one two\"}\n\n{oops\n\xff\xfe\n";
        let got = items(feed);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].story.as_ref().unwrap().id, "a");
        assert_eq!(got[1].at, At::Line(3));
        assert!(matches!(
            got[1].story,
            Err(FeedError::Story(StoryError::Json(_)))
        ));
        assert!(matches!(got[2].story, Err(FeedError::NotUtf8)));
    }

    #[test]
    fn binary_stops_the_file_at_one_error() {
        let mut feed =
            b"{\"id\":\"a\",\"agency\":\"AP\",\"published\":\"2024-01-27\",\"text\":\"x\"}\n"
                .to_vec();
        feed.extend(std::iter::repeat_n(b"\x00\x01\x02\n".as_slice(), 500).flatten());
        let got = items(&feed);
        assert_eq!(got.len(), 2);
        assert!(matches!(got[1].story, Err(FeedError::Binary)));
    }
}
