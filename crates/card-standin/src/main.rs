//! `card-standin`: a local card payment gateway with a hosted checkout page, for the demo. See README.md.

use clap::Parser;
use njia_card_standin::{CardStandinConfig, serve};

/// A local stand-in for a card payment gateway (checkout sessions API and hosted checkout page).
#[derive(Parser)]
struct Args {
    #[arg(long, env = "CARD_STANDIN_HOST", default_value = "127.0.0.1")]
    host: String,
    #[arg(long, env = "CARD_STANDIN_PORT", default_value_t = 8090)]
    port: u16,
    /// The API key callers must send as `Authorization: Bearer …`.
    #[arg(
        long,
        env = "CARD_STANDIN_SECRET_KEY",
        default_value = "standin-card-key",
        hide_default_value = true,
        hide_env_values = true
    )]
    secret_key: String,
    /// Where browsers reach this server: the base of each checkout session's `url`.
    #[arg(
        long,
        env = "CARD_STANDIN_PUBLIC_URL",
        default_value = "http://127.0.0.1:8090"
    )]
    public_url: String,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    let config = CardStandinConfig {
        secret_key: args.secret_key,
        public_url: args.public_url,
        ..CardStandinConfig::default()
    };
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await?;
    tracing::info!(address = %listener.local_addr()?, public_url = %config.public_url, "card stand-in listening");
    serve(listener, config).await
}
