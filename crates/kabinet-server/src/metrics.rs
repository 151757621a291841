//! Prometheus metrics in the text exposition format, kept by hand (a handful of counters and one
//! histogram family do not need a metrics library): requests by command and status, the latency
//! histogram per command, requests refused by the address limit, job runs by job and outcome,
//! and at each scrape the delivery backlog read from the database. Labels are command names and
//! codes only — never an address, an identifier or a token.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use kabinet_core::api::COMMANDS;

/// The histogram's upper bounds, in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

/// One command's latency histogram.
#[derive(Default)]
struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    /// The sum in microseconds.
    sum_micros: AtomicU64,
}

/// Everything counted since the process started.
pub struct Metrics {
    latency: Vec<Histogram>,
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    jobs: Mutex<BTreeMap<(&'static str, &'static str), u64>>,
    limited: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            latency: COMMANDS.iter().map(|_| Histogram::default()).collect(),
            requests: Mutex::default(),
            jobs: Mutex::default(),
            limited: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    /// One served request: command `index` of the table (or `None` for an unknown name).
    pub fn request(&self, index: Option<usize>, status: u16, took: Duration) {
        let name = index.and_then(|i| COMMANDS.get(i)).map_or("unknown", |c| c.name);
        *self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry((name, status))
            .or_default() += 1;
        let Some(histogram) = index.and_then(|i| self.latency.get(i)) else { return };
        let seconds = took.as_secs_f64();
        for (bound, bucket) in BUCKETS.iter().zip(&histogram.buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        histogram.count.fetch_add(1, Ordering::Relaxed);
        histogram
            .sum_micros
            .fetch_add(u64::try_from(took.as_micros()).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// A request refused by the per-address limit.
    pub fn limited(&self) {
        self.limited.fetch_add(1, Ordering::Relaxed);
    }

    /// A run of a background job (`closure_jobs`, `delivery`, `prune`) and how it ended.
    pub fn job(&self, job: &'static str, ok: bool) {
        let outcome = if ok { "ok" } else { "failed" };
        *self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry((job, outcome))
            .or_default() += 1;
    }

    /// The exposition, with the backlog read just now (`None` when the database did not answer)
    /// and the streaming replica's reads (served there, fallen back to the primary).
    pub fn render(&self, backlog: Option<i64>, replica: Option<(u64, u64)>) -> String {
        let mut out = String::with_capacity(16 * 1024);
        out.push_str("# HELP kabinet_requests_total Requests served, by command and HTTP status.\n");
        out.push_str("# TYPE kabinet_requests_total counter\n");
        for ((command, status), count) in
            self.requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner).iter()
        {
            let _ =
                writeln!(out, "kabinet_requests_total{{command=\"{command}\",status=\"{status}\"}} {count}");
        }
        out.push_str("# HELP kabinet_request_duration_seconds Time to answer a command, in the server.\n");
        out.push_str("# TYPE kabinet_request_duration_seconds histogram\n");
        for (command, histogram) in COMMANDS.iter().zip(&self.latency) {
            let count = histogram.count.load(Ordering::Relaxed);
            if count == 0 {
                continue;
            }
            let name = command.name;
            for (bound, bucket) in BUCKETS.iter().zip(&histogram.buckets) {
                let _ = writeln!(
                    out,
                    "kabinet_request_duration_seconds_bucket{{command=\"{name}\",le=\"{bound}\"}} {}",
                    bucket.load(Ordering::Relaxed)
                );
            }
            let _ = writeln!(
                out,
                "kabinet_request_duration_seconds_bucket{{command=\"{name}\",le=\"+Inf\"}} {count}"
            );
            let sum = histogram.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
            let _ = writeln!(out, "kabinet_request_duration_seconds_sum{{command=\"{name}\"}} {sum}");
            let _ = writeln!(out, "kabinet_request_duration_seconds_count{{command=\"{name}\"}} {count}");
        }
        out.push_str("# HELP kabinet_requests_limited_total Requests refused by the per-address limit.\n");
        out.push_str("# TYPE kabinet_requests_limited_total counter\n");
        let _ = writeln!(out, "kabinet_requests_limited_total {}", self.limited.load(Ordering::Relaxed));
        out.push_str(
            "# HELP kabinet_job_runs_total Background job runs by this process, by job and outcome.\n",
        );
        out.push_str("# TYPE kabinet_job_runs_total counter\n");
        for ((job, outcome), count) in
            self.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).iter()
        {
            let _ = writeln!(out, "kabinet_job_runs_total{{job=\"{job}\",outcome=\"{outcome}\"}} {count}");
        }
        if let Some(backlog) = backlog {
            out.push_str("# HELP kabinet_outbox_backlog Messages waiting to be delivered (all processes).\n");
            out.push_str("# TYPE kabinet_outbox_backlog gauge\n");
            let _ = writeln!(out, "kabinet_outbox_backlog {backlog}");
        }
        if let Some((served, fell_back)) = replica {
            out.push_str(
                "# HELP kabinet_replica_reads_total Lag-tolerant reads, by where they were answered.\n",
            );
            out.push_str("# TYPE kabinet_replica_reads_total counter\n");
            let _ = writeln!(out, "kabinet_replica_reads_total{{answered=\"replica\"}} {served}");
            let _ = writeln!(out, "kabinet_replica_reads_total{{answered=\"primary\"}} {fell_back}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_lands_in_its_command_buckets_and_counts() {
        let metrics = Metrics::default();
        let index = Some(3);
        let name = COMMANDS[3].name;
        metrics.request(index, 200, Duration::from_micros(700));
        metrics.request(index, 401, Duration::from_millis(30));
        metrics.request(None, 404, Duration::from_micros(10));
        metrics.job("delivery", true);
        let text = metrics.render(Some(3), Some((5, 1)));
        assert!(
            text.contains(&format!("kabinet_requests_total{{command=\"{name}\",status=\"200\"}} 1")),
            "{text}"
        );
        assert!(text.contains("kabinet_requests_total{command=\"unknown\",status=\"404\"} 1"), "{text}");
        let bucket = |le: &str, n: u32| {
            format!("kabinet_request_duration_seconds_bucket{{command=\"{name}\",le=\"{le}\"}} {n}")
        };
        assert!(text.contains(&bucket("0.0005", 0)), "{text}");
        assert!(text.contains(&bucket("0.001", 1)));
        assert!(text.contains(&bucket("0.05", 2)));
        assert!(text.contains(&format!("kabinet_request_duration_seconds_count{{command=\"{name}\"}} 2")));
        assert!(text.contains("kabinet_job_runs_total{job=\"delivery\",outcome=\"ok\"} 1"));
        assert!(text.contains("kabinet_outbox_backlog 3"));
        assert!(text.contains("kabinet_replica_reads_total{answered=\"primary\"} 1"));
        assert!(!text.contains(COMMANDS[4].name), "commands never called are not listed");
    }
}
