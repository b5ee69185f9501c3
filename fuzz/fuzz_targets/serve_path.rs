//! serve's request paths and alias URLs: any request target maps to a key inside the built
//! site or to nothing, and never to a way out of it.
#![no_main]
use careerpress::serve::http::site_key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|path: &str| {
    if let Some(key) = site_key(path) {
        assert!(!key.split('/').any(|s| s == ".." || s == "."), "{path:?} -> {key:?}");
        assert!(!key.contains('\0') && !key.contains('\\'), "{path:?} -> {key:?}");
    }
    let _ = careerpress::content::alias::output_file(path);
});
