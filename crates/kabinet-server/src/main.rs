//! `kabinet-server`: Кабинет's command table over HTTPS, in front of one PostgreSQL database that
//! any number of these processes share.
//!
//! Why a server at all: the embedded app keeps one citizen's portal on one computer. A real
//! portal has citizens at home and operators at service centres working on the same accounts;
//! each runs the app, and the app in its remote mode sends every command here. The server adds
//! no rule of its own: it is the same core (`kabinet_core::Client`, authorising every call) behind
//! a transport, and keeps nothing between requests — any request can go to any process, so they
//! scale behind a load balancer. What several processes must agree on (the sign-in lockout, the
//! one-time-code limits, the per-address request limit, the outbox, document numbers, who runs
//! the scheduler) is agreed in the database, as issue 14 built it.
//!
//! Each process also runs the background work (the closure scheduler every minute, the delivery
//! worker every 30 seconds, pruning the request counts); the database's advisory locks and
//! `FOR UPDATE SKIP LOCKED` claims make two processes doing it at once harmless.

mod config;
mod http;
mod metrics;
mod tls;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use kabinet_core::{Config, Kabinet};

use crate::config::ServerConfig;
use crate::http::Served;

/// Кабинет's server.
#[derive(Parser)]
#[command(version, about = "Кабинет's commands over HTTPS, in front of PostgreSQL")]
struct Args {
    /// A TOML configuration file (the environment overrides it; see docs/scale.md).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Prints a new random master key (64 hex digits) and exits.
    #[arg(long)]
    new_master_key: bool,
    /// Checks the configuration and the database, then exits.
    #[arg(long)]
    check: bool,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if args.new_master_key {
        println!("{}", kabinet_core::vault::MasterKey::generate_hex().as_str());
        return std::process::ExitCode::SUCCESS;
    }
    install_log();
    let config = match config::load(args.config.as_deref(), |name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("kabinet-server: {problem}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("kabinet-server: no runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(config, args.check)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("kabinet-server: {problem}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: ServerConfig, check_only: bool) -> Result<(), String> {
    let tls = config.tls.as_ref().map(tls::server_config).transpose()?;
    let mut core_config = Config::with_data_dir(&config.data_dir)
        .with_database_url(config.database_url.clone())
        .with_master_key(config.master_key.as_str());
    core_config.replica_url = config.replica_url.clone();
    let kabinet = Kabinet::open(core_config).await.map_err(|error| {
        format!(
            "the data cannot be opened: {} ({})",
            error.message,
            kabinet_core::support::code_name(error.code)
        )
    })?;
    if check_only {
        kabinet.close().await;
        println!("kabinet-server: the configuration and the database are in order");
        return Ok(());
    }
    let served = Arc::new(Served {
        kabinet,
        metrics: metrics::Metrics::default(),
        requests_per_minute: config.requests_per_minute,
        body_bytes: config.body_bytes,
        trusted_proxies: config.trusted_proxies.clone(),
        spool: spool(&config.data_dir),
    });
    let workers = config.workers.then(|| tokio::spawn(background(served.clone())));
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("{} cannot be listened on: {error}", config.listen))?;
    let local = listener.local_addr().map_err(|error| error.to_string())?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    // The one line a script waits for (the port may have been 0: the system's choice).
    println!("kabinet-server: listening on {scheme}://{local}");
    tracing::info!(%local, scheme, workers = config.workers, "listening");
    let app = http::router(served.clone()).into_make_service_with_connect_info::<http::Peer>();
    let served_until = match tls {
        Some(tls) => {
            let listener = tls::TlsListener::new(listener, tls).map_err(|error| error.to_string())?;
            axum::serve(listener, app).with_graceful_shutdown(stop_signal()).await
        }
        None => axum::serve(listener, app).with_graceful_shutdown(stop_signal()).await,
    };
    if let Some(workers) = workers {
        workers.abort();
    }
    served_until.map_err(|error| error.to_string())?;
    tracing::info!("stopped");
    if let Ok(served) = Arc::try_unwrap(served) {
        served.kabinet.close().await;
    }
    Ok(())
}

/// The background work of this process, for its whole life: the closure scheduler (requests
/// whose 24 hours are over, purges due) every minute, the delivery worker every 30 seconds, and
/// the request counts of finished minutes pruned every minute.
async fn background(served: Arc<Served>) {
    let kabinet = &served.kabinet;
    for tick in 0u64.. {
        if tick % 2 == 0 {
            let jobs = kabinet.run_jobs().await;
            served.metrics.job("closure_jobs", jobs.is_ok());
            let pruned = kabinet.serving().prune().await;
            served.metrics.job("prune", pruned.is_ok());
        }
        let delivered = kabinet.notifications().deliver_due().await;
        if let Err(error) = &delivered {
            tracing::warn!(code = %kabinet_core::support::code_name(error.code), "delivery failed");
        }
        served.metrics.job("delivery", delivered.is_ok());
        tokio::time::sleep(Duration::from_secs(30)).await;
    }
}

async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => return interrupt.await.unwrap_or_default(),
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await.unwrap_or_default();
}

/// Structured logs on stderr (a unit's journal or a container's log): Кабинет's own events at
/// info — each request as its command, status and time; never arguments, addresses or tokens.
fn install_log() {
    use tracing_subscriber::prelude::*;
    let mut targets =
        tracing_subscriber::filter::Targets::new().with_target("kabinet_server", tracing::Level::INFO);
    for target in kabinet_core::support::LOG_TARGETS {
        targets = targets.with_target(*target, tracing::Level::INFO);
    }
    let quiet = std::env::var("KABINET_LOG").is_ok_and(|level| level == "warn");
    let targets = if quiet {
        tracing_subscriber::filter::Targets::new()
            .with_target("kabinet_server", tracing::Level::WARN)
            .with_target("kabinet_core", tracing::Level::WARN)
    } else {
        targets
    };
    let layer =
        tracing_subscriber::fmt::layer().with_ansi(false).with_writer(std::io::stderr).with_filter(targets);
    let _ = tracing_subscriber::registry().with(layer).try_init();
}

/// The folder exports are written to before they are streamed: `<data dir>/spool`, private to
/// the server's user; files an earlier process left behind (it was killed mid-answer) go once
/// they are an hour old — another process sharing the folder may be streaming a newer one.
fn spool(data_dir: &std::path::Path) -> std::path::PathBuf {
    let dir = data_dir.join("spool");
    let _ = std::fs::create_dir_all(&dir);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let hour = std::time::Duration::from_secs(3600);
        for entry in entries.flatten() {
            let old = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            if old.is_some_and(|age| age >= hour) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    dir
}
