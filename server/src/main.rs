//! `satu`: one binary for the whole server.
use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use clap::{Parser, Subcommand};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use satu_server::kernel::auth::secret::{hash_password, validate_new_password};
use satu_server::kernel::db;
use satu_server::kernel::rbac::Role;
use satu_server::kernel::state::{AppState, Settings};
use satu_server::platform::repo::users;
use satu_server::seed;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

#[derive(Parser)]
#[command(name = "satu", about = "Satu — satu otak untuk banyak bisnis")]
struct Cli {
    /// Database URL: SQLite file (default) or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (default).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo tenant and accounts (idempotent).
    SeedDemo,
    /// Add a busy history of sales to the demo tenant, for benchmarks (after seed-demo).
    SeedVolume {
        /// Days of sales, ending yesterday.
        #[arg(long, default_value_t = 365)]
        days: u32,
        /// Retail outlets to fill (the demo's, plus new ones up to this many).
        #[arg(long, default_value_t = 3)]
        outlets: u32,
        /// Sales per outlet per day (0: none).
        #[arg(long, default_value_t = 500)]
        sales_per_day: u32,
        /// Koperasi members to add, with their savings and loans over the days (0: none).
        #[arg(long, default_value_t = 5_000)]
        members: u32,
        /// Products the store's catalogue is brought up to, each with its stock movements
        /// over the days at the outlets, suppliers and orders (0: none).
        #[arg(long, default_value_t = 20_000)]
        products: u32,
    },
    /// Create a platform superadmin. The password is read from SATU_PASSWORD or stdin.
    CreateSuperadmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Superadmin")]
        name: String,
    },
}

#[derive(clap::Args, Default)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SATU_ADDR", default_value = "127.0.0.1:3000")]
    addr: String,
    /// Demo mode: the demo accounts may sign in with the demo password.
    #[arg(long, env = "SATU_DEMO", action = clap::ArgAction::Set, num_args = 0..=1, default_value = "false", default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    demo: bool,
    /// Mark cookies Secure (serve over HTTPS or behind a TLS proxy).
    #[arg(long, env = "SATU_SECURE_COOKIES", action = clap::ArgAction::Set, num_args = 0..=1, default_value = "false", default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    secure_cookies: bool,
    /// Trust X-Forwarded-For from a reverse proxy.
    #[arg(long, env = "SATU_TRUST_PROXY", action = clap::ArgAction::Set, num_args = 0..=1, default_value = "false", default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    trust_proxy: bool,
    /// Hours a session lasts.
    #[arg(long, env = "SATU_SESSION_TTL_HOURS", default_value_t = 12)]
    session_ttl_hours: i64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    // `satu` alone is `satu serve`, with the same settings read from the environment.
    let command = match cli.command {
        Some(c) => c,
        None => match Cli::parse_from(["satu", "serve"]).command {
            Some(c) => c,
            None => anyhow::bail!("serve command missing"),
        },
    };
    let db = db::connect(&cli.database_url)
        .await
        .with_context(|| format!("opening database {}", redact(&cli.database_url)))?;
    match command {
        Command::Migrate => {
            println!("Migrasi selesai ({}).", db::backend_name(&db));
        }
        Command::SeedDemo => {
            seed::seed_demo(&db)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("Data demo siap. Semua akun demo memakai kata sandi demo1234.");
        }
        Command::SeedVolume {
            days,
            outlets,
            sales_per_day,
            members,
            products,
        } => {
            let started = std::time::Instant::now();
            let args = satu_server::kernel::package::VolumeArgs {
                days,
                outlets,
                sales_per_day,
                members,
                products,
            };
            // Each package adds its own part (`Package::volume`).
            for p in satu_server::packages::all() {
                let Some(volume) = p.volume else {
                    continue;
                };
                let written = volume(&db, args)
                    .await
                    .map_err(|e| anyhow::anyhow!("{}: {e}", p.code))?;
                for (what, n) in written {
                    println!("{}: {n} {what}", p.code);
                }
            }
            println!(
                "Data volume ditulis dalam {:.1} s.",
                started.elapsed().as_secs_f64()
            );
        }
        Command::CreateSuperadmin { email, name } => {
            let password = match std::env::var("SATU_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    if std::io::stdin().is_terminal() {
                        eprint!("Kata sandi: ");
                    }
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            validate_new_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            if users::find_by_email(&db, &email)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?
                .is_some()
            {
                anyhow::bail!("Email {email} sudah terdaftar.");
            }
            let hash = hash_password(&password).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            users::insert(
                &db,
                users::NewUser {
                    tenant_id: None,
                    email: &email,
                    name: &name,
                    password_hash: Some(hash),
                    platform_role: Some(Role::Superadmin),
                    status: "active",
                    is_demo: false,
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("Superadmin {email} dibuat.");
        }
        Command::Serve(args) => serve(db, args).await?,
    }
    Ok(())
}

fn redact(url: &str) -> String {
    match url.split_once('@') {
        Some((before, after)) => match before.rsplit_once(':') {
            Some((user, _)) if before.contains("://") && user.contains("://") => {
                format!("{user}:***@{after}")
            }
            _ => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// The service worker with this build's version and files filled in, so every deployment
/// gets a new worker; the worker precaches all of them, because a till that opens a lazy
/// page offline must find that page's chunk of the same build.
fn service_worker(
    options: &leptos::config::LeptosOptions,
    build: &satu_server::kernel::web::Build,
) -> String {
    let root = std::path::Path::new(options.site_root.as_ref());
    let urls = build.urls(options.site_pkg_dir.as_ref());
    let template = std::fs::read_to_string(root.join("sw.js")).unwrap_or_default();
    template
        .replace("__SATU_VERSION__", &build.version)
        .replace(
            "\"__SATU_PKG_FILES__\"",
            &serde_json::to_string(&urls).unwrap_or_else(|_| "[]".into()),
        )
}

async fn serve(db: sea_orm::DatabaseConnection, args: ServeArgs) -> anyhow::Result<()> {
    let settings = Settings {
        demo_mode: args.demo,
        session_ttl_hours: args.session_ttl_hours,
        secure_cookies: args.secure_cookies,
        trust_proxy: args.trust_proxy,
        ..Settings::default()
    };
    let state = AppState {
        db,
        settings: Arc::new(settings),
        packages: satu_server::packages::all(),
    };

    let mut leptos_options = get_configuration(None)?.leptos_options;
    if leptos_options.output_name.is_empty() {
        leptos_options.output_name = Arc::from("satu");
    }
    let site_root = std::path::PathBuf::from(leptos_options.site_root.as_ref());
    let build = satu_server::kernel::web::Build::read(
        &site_root.join(leptos_options.site_pkg_dir.as_ref()),
    );
    app::set_asset_root(build.root());
    let pkg_dir = leptos_options.site_pkg_dir.to_string();
    let routes = generate_route_list(app::App);
    let worker = service_worker(&leptos_options, &build);
    let site = Router::new()
        .route(
            "/sw.js",
            axum::routing::get(move || {
                let body = worker.clone();
                async move {
                    (
                        [
                            (
                                axum::http::header::CONTENT_TYPE,
                                "text/javascript; charset=utf-8",
                            ),
                            // Browsers check for a new worker on navigation; never serve a stale one.
                            (axum::http::header::CACHE_CONTROL, "no-cache"),
                        ],
                        body,
                    )
                }
            }),
        )
        .leptos_routes(&leptos_options, routes, {
            let options = leptos_options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler(app::shell))
        .with_state(leptos_options);

    let router = satu_server::api_router(state.clone()).merge(site);
    let router = satu_server::kernel::web::delivered(router, &site_root, &pkg_dir, &build).layer(
        // One line per request: method, path, status, latency.
        TraceLayer::new_for_http()
            .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
            .on_request(())
            .on_response(DefaultOnResponse::new().level(Level::INFO)),
    );
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .with_context(|| format!("binding {}", args.addr))?;
    let mode = if state.settings.demo_mode {
        " (mode demo)"
    } else {
        ""
    };
    tracing::info!(database = db::backend_name(&state.db), "Satu siap{mode}");
    println!("Satu berjalan di http://{}{mode}", args.addr);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
