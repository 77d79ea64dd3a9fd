//! `mpesa-standin`: a local Daraja (M-Pesa) stand-in for the demo. See README.md.

use std::time::Duration;

use clap::Parser;
use njia_mpesa_standin::{StandinConfig, serve};

/// A local stand-in for Safaricom's Daraja API (token, STK push and query, C2B).
#[derive(Parser)]
struct Args {
    #[arg(long, env = "MPESA_STANDIN_HOST", default_value = "127.0.0.1")]
    host: String,
    #[arg(long, env = "MPESA_STANDIN_PORT", default_value_t = 8089)]
    port: u16,
    #[arg(
        long,
        env = "MPESA_STANDIN_CONSUMER_KEY",
        default_value = "standin-key"
    )]
    consumer_key: String,
    #[arg(
        long,
        env = "MPESA_STANDIN_CONSUMER_SECRET",
        default_value = "standin-secret",
        hide_default_value = true,
        hide_env_values = true
    )]
    consumer_secret: String,
    #[arg(long, env = "MPESA_STANDIN_SHORTCODE", default_value = "174379")]
    shortcode: String,
    /// Defaults to the Daraja sandbox's published passkey.
    #[arg(
        long,
        env = "MPESA_STANDIN_PASSKEY",
        default_value = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
        hide_default_value = true,
        hide_env_values = true
    )]
    passkey: String,
    /// Delay before an STK or C2B callback, in milliseconds.
    #[arg(long, env = "MPESA_STANDIN_CALLBACK_DELAY_MS", default_value_t = 1000)]
    callback_delay_ms: u64,
    /// Delay before the callback of the "late" outcome (phone ending in 009), in milliseconds.
    #[arg(long, env = "MPESA_STANDIN_LATE_DELAY_MS", default_value_t = 5000)]
    late_delay_ms: u64,
    /// `expires_in` of the tokens handed out, in seconds.
    #[arg(long, env = "MPESA_STANDIN_TOKEN_LIFETIME", default_value_t = 3599)]
    token_lifetime_secs: u64,
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
    let config = StandinConfig {
        consumer_key: args.consumer_key,
        consumer_secret: args.consumer_secret,
        shortcode: args.shortcode,
        passkey: args.passkey,
        callback_delay: Duration::from_millis(args.callback_delay_ms),
        late_delay: Duration::from_millis(args.late_delay_ms),
        token_lifetime_secs: args.token_lifetime_secs,
    };
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await?;
    tracing::info!(address = %listener.local_addr()?, shortcode = %config.shortcode, "M-Pesa stand-in listening");
    serve(listener, config).await
}
