use std::fmt;

use clap::Args;

/// How invoices are paid: M-Pesa through Daraja (or the local stand-in), a card gateway, and how often
/// unanswered payments are reconciled. Without `NJIA_MPESA_BASE_URL` the M-Pesa ways are off; without
/// `NJIA_CARD_BASE_URL` the card way is off.
#[derive(Clone, Args)]
pub struct PaymentsConfig {
    /// Daraja: `https://api.safaricom.co.ke`, the sandbox, or the local stand-in (`http://127.0.0.1:8089`).
    #[arg(long, env = "NJIA_MPESA_BASE_URL")]
    pub mpesa_base_url: Option<String>,

    #[arg(long, env = "NJIA_MPESA_CONSUMER_KEY", hide_env_values = true)]
    pub mpesa_consumer_key: Option<String>,

    #[arg(long, env = "NJIA_MPESA_CONSUMER_SECRET", hide_env_values = true)]
    pub mpesa_consumer_secret: Option<String>,

    /// The Paybill number invoices are paid to.
    #[arg(long, env = "NJIA_MPESA_SHORTCODE", default_value = "222222")]
    pub mpesa_shortcode: String,

    /// The Lipa na M-Pesa Online passkey.
    #[arg(long, env = "NJIA_MPESA_PASSKEY", hide_env_values = true)]
    pub mpesa_passkey: Option<String>,

    /// The public address Daraja calls back, up to `/api/callbacks/mpesa`; default: NJIA_PUBLIC_URL's. A
    /// secret path segment derived from NJIA_SECRET_KEY is added to it.
    #[arg(long, env = "NJIA_MPESA_CALLBACK_URL")]
    pub mpesa_callback_url: Option<String>,

    /// Register the C2B validation and confirmation URLs with Daraja at start (needed once per shortcode).
    #[arg(long, env = "NJIA_MPESA_REGISTER_C2B", default_value_t = true, action = clap::ArgAction::Set)]
    pub mpesa_register_c2b: bool,

    /// The card gateway's API, e.g. the local stand-in `http://127.0.0.1:8090`.
    #[arg(long, env = "NJIA_CARD_BASE_URL")]
    pub card_base_url: Option<String>,

    #[arg(long, env = "NJIA_CARD_SECRET_KEY", hide_env_values = true)]
    pub card_secret_key: Option<String>,

    /// How often unanswered payments are checked with the provider, in seconds.
    #[arg(long, env = "NJIA_PAYMENT_CHECK_SECONDS", default_value_t = 10)]
    pub check_seconds: u64,

    /// How long a payment may wait for its answer before the person is told it is unconfirmed, in seconds.
    #[arg(long, env = "NJIA_PAYMENT_TIMEOUT_SECONDS", default_value_t = 120)]
    pub timeout_seconds: u64,
}

impl Default for PaymentsConfig {
    fn default() -> Self {
        Self {
            mpesa_base_url: None,
            mpesa_consumer_key: None,
            mpesa_consumer_secret: None,
            mpesa_shortcode: "222222".into(),
            mpesa_passkey: None,
            mpesa_callback_url: None,
            mpesa_register_c2b: true,
            card_base_url: None,
            card_secret_key: None,
            check_seconds: 10,
            timeout_seconds: 120,
        }
    }
}

// Keys, secrets and the passkey must never reach a log line.
impl fmt::Debug for PaymentsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaymentsConfig")
            .field("mpesa_base_url", &self.mpesa_base_url)
            .field("mpesa_shortcode", &self.mpesa_shortcode)
            .field("mpesa_callback_url", &self.mpesa_callback_url)
            .field("card_base_url", &self.card_base_url)
            .field("check_seconds", &self.check_seconds)
            .field("timeout_seconds", &self.timeout_seconds)
            .finish_non_exhaustive()
    }
}
