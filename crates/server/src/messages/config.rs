use clap::Args;

/// Where messages go. With nothing configured, both channels use the local sender, which keeps every message
/// in the database for the development outbox page (`/dev/outbox`); that page and its endpoint exist only
/// then.
#[derive(Debug, Clone, Default, Args)]
pub struct MessagesConfig {
    /// Africa's Talking username; with the API key, SMS goes through Africa's Talking.
    #[arg(long, env = "NJIA_AT_USERNAME")]
    pub at_username: Option<String>,

    /// Africa's Talking API key.
    #[arg(long, env = "NJIA_AT_API_KEY", hide_env_values = true)]
    pub at_api_key: Option<String>,

    /// Registered sender ID (alphanumeric or short code), if any.
    #[arg(long, env = "NJIA_AT_SENDER_ID")]
    pub at_sender_id: Option<String>,

    /// Africa's Talking API base URL (the sandbox is https://api.sandbox.africastalking.com).
    #[arg(
        long,
        env = "NJIA_AT_BASE_URL",
        default_value = "https://api.africastalking.com"
    )]
    pub at_base_url: String,

    /// SMTP server for email, e.g. `smtps://user:password@smtp.example.go.ke:465` or
    /// `smtp://user:password@host:587?tls=required`.
    #[arg(long, env = "NJIA_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The From address of emails.
    #[arg(
        long,
        env = "NJIA_EMAIL_FROM",
        default_value = "Njia <no-reply@njia.local>"
    )]
    pub email_from: String,
}
