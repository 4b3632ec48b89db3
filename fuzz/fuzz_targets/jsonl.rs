//! The JSON Lines reader on any byte stream.
#![no_main]
use chaff::input::JsonlReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut n = 0usize;
    for event in JsonlReader::new("fuzz.jsonl", data) {
        n += 1;
        assert!(n <= data.len() + 1, "reader loops on {} bytes", data.len());
        let _ = event;
    }
});
