//! Bytes → text: gzip, BOM, charset declarations and detection, on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a transport hint, as a WARC's Content-Type would give one.
    let hints = [
        None,
        Some("utf-8"),
        Some("windows-1252"),
        Some("shift_jis"),
        Some("utf-16le"),
        Some("x-bogus"),
    ];
    let (hint, bytes) = match data.split_first() {
        Some((h, rest)) => (hints[*h as usize % hints.len()], rest),
        None => (None, data),
    };
    let _ = chaff::decode::decode_with_hint(bytes, hint);
});
