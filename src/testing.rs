//! What unit tests share: a small seeded random source, so that property tests compare
//! against a plain rule over many cases and still fail the same way on every run.

/// Numbers below the one asked for, from a xorshift generator started at `seed`.
pub fn random(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |below| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    }
}
