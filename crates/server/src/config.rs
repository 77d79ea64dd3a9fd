//! Settings, from command-line flags or the environment variables they name (see `.env.example`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "njia-server",
    version,
    about = "Njia citizen-services portal: REST API and SPA server"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the API and the SPA (the default).
    Serve,
    /// Create the database if needed and apply pending migrations, then exit.
    Migrate,
    /// Migrate, then load the catalog and the demo data; running it again changes nothing.
    Seed,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "NJIA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Folder for the embedded database and stored files.
    #[arg(long, env = "NJIA_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// `sqlite://FILE` or `postgres://…`; default: `njia.db` in the data folder.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// The built SPA (trunk's `dist`).
    #[arg(long, env = "NJIA_SPA_DIR", default_value = "./dist")]
    pub spa_dir: PathBuf,

    /// The address people reach the portal at, e.g. `https://njia.example.go.ke`; used in links and SMS.
    #[arg(long, env = "NJIA_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,

    /// Log as JSON lines (for log collectors) instead of text.
    #[arg(long, env = "NJIA_LOG_JSON", default_value_t = false)]
    pub log_json: bool,

    #[command(flatten)]
    pub messages: crate::messages::MessagesConfig,
}

impl Config {
    pub fn database_url(&self) -> String {
        // An empty DATABASE_URL (e.g. `DATABASE_URL=` in an env file) means the default, as if unset.
        match self
            .database_url
            .as_deref()
            .filter(|url| !url.trim().is_empty())
        {
            Some(url) => url.to_owned(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("njia.db").display()
            ),
        }
    }

    /// Whether the portal is served over HTTPS, which decides HSTS and secure-only cookies.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Settings for tests and tools: everything default except what they pass.
    pub fn for_database(database_url: String, spa_dir: PathBuf) -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: PathBuf::from("./data"),
            database_url: Some(database_url),
            spa_dir,
            public_url: "http://127.0.0.1".into(),
            log_json: false,
            messages: crate::messages::MessagesConfig::default(),
        }
    }
}
