//! Crash points for the crash-safety tests (feature `fault-injection`, never in the app): a test
//! process whose `KABINET_CRASH_AT` names a point announces it on stdout and stops dead there,
//! waiting to be killed (SIGKILL), so the parent test sees exactly what a power cut at that point
//! would leave behind. Without the feature a crash point compiles to nothing.

/// Where a test may stop the process.
#[cfg(feature = "fault-injection")]
pub fn crash_point(name: &str) {
    use std::io::Write;
    if std::env::var("KABINET_CRASH_AT").ok().as_deref() != Some(name) {
        return;
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "KABINET_CRASH_POINT {name}");
    let _ = out.flush();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

/// Where a test may stop the process (a no-op in this build).
#[cfg(not(feature = "fault-injection"))]
pub fn crash_point(_name: &str) {}
