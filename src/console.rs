//! Lines for the person at the terminal that never panic: `println!` and `eprintln!` panic
//! when the write fails, so `careerpress import ... | head` stopped half-way through the
//! import, with exit code 101, once `head` had closed the pipe. A reader who closed it has
//! what they wanted; the command goes on to its end and exits as it would have.

/// `println!`, leaving out what cannot be written.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!`, leaving out what cannot be written.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
