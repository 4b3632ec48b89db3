//! The WARC reader on any byte stream: plain records, gzip members, lying lengths.
#![no_main]
use chaff::input::WarcReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut n = 0usize;
    for event in WarcReader::new("fuzz.warc", data) {
        n += 1;
        // A reader must make progress: never more events than bytes (plus a final error).
        assert!(n <= data.len() + 1, "reader loops on {} bytes", data.len());
        let _ = event;
    }
});
