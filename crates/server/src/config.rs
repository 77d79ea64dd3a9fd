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
    /// Create an officer or administrator account (contacts confirmed; SMS code at every sign-in).
    /// The password is read from the NJIA_STAFF_PASSWORD environment variable or from standard input.
    CreateStaff(StaffArgs),
}

#[derive(Debug, Clone, Args)]
pub struct StaffArgs {
    /// `officer` (needs --agency) or `administrator`.
    #[arg(long)]
    pub role: String,
    /// The officer's agency id from the catalog, e.g. `ntsa`.
    #[arg(long)]
    pub agency: Option<String>,
    #[arg(long)]
    pub id_number: String,
    #[arg(long)]
    pub first_name: String,
    #[arg(long)]
    pub surname: String,
    /// YYYY-MM-DD
    #[arg(long)]
    pub date_of_birth: String,
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub phone: String,
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

    /// Key (32 or more characters) that peppers stored hashes of codes and tokens. Without it, a random key
    /// is kept in the data folder; servers sharing one PostgreSQL database must all be given the same key.
    #[arg(long, env = "NJIA_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,

    #[command(flatten)]
    pub messages: crate::messages::MessagesConfig,

    #[command(flatten)]
    pub documents: crate::document_store::DocumentStoreConfig,

    #[command(flatten)]
    pub payments: crate::payments::PaymentsConfig,
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
            secret_key: Some("test-secret-key-test-secret-key-test-secret".into()),
            messages: crate::messages::MessagesConfig::default(),
            documents: crate::document_store::DocumentStoreConfig {
                location: "files".into(),
                region: "us-east-1".into(),
                ..Default::default()
            },
            payments: crate::payments::PaymentsConfig::default(),
        }
    }
}
