//! Payments of invoices (docs/PAYMENTS.md): the providers, the payment records, and the one place a payment
//! changes status ([`settle`]). Callbacks, the person's requests and the reconciliation worker all settle
//! through it, so a payment moves only forward and an invoice is paid once, whoever gets there first.

mod config;
mod reconcile;
mod record;
mod settle;

use std::sync::Arc;

pub use config::PaymentsConfig;
pub(crate) use reconcile::stk_settlement;
pub use reconcile::{reconcile_due, spawn_worker};
pub use record::{PaymentRow, find, find_by, of_invoice, of_owner, to_api};
pub use settle::{Settlement, settle};

use crate::accounts::secret::ServerSecret;

/// The configured providers and the reconciliation timings, built once at start.
pub struct Payments {
    pub mpesa: Option<njia_daraja::DarajaClient>,
    pub card: Option<njia_card::CardGateway>,
    /// The path segment that authenticates Daraja's callbacks.
    pub callback_secret: String,
    pub paybill_number: String,
    pub check_every_ms: i64,
    pub timeout_ms: i64,
    /// Where the card gateway sends the person back to.
    pub public_url: String,
}

impl Payments {
    pub fn from_config(
        config: &PaymentsConfig,
        public_url: &str,
        secret: &ServerSecret,
    ) -> anyhow::Result<Arc<Payments>> {
        // Derived rather than configured: one secret less to manage, and it changes with NJIA_SECRET_KEY.
        let callback_secret = secret.mac("mpesa-callback", "v1")[..32].to_string();
        let public_url = public_url.trim_end_matches('/').to_string();
        let mpesa = match &config.mpesa_base_url {
            Some(base_url) if !base_url.trim().is_empty() => {
                let required = |value: &Option<String>, name: &str| {
                    value.clone().filter(|v| !v.is_empty()).ok_or_else(|| {
                        anyhow::anyhow!("NJIA_MPESA_BASE_URL is set but {name} is not")
                    })
                };
                let callback_base = config
                    .mpesa_callback_url
                    .clone()
                    .filter(|u| !u.is_empty())
                    .unwrap_or_else(|| format!("{public_url}/api/callbacks/mpesa"));
                Some(njia_daraja::DarajaClient::new(njia_daraja::DarajaConfig {
                    base_url: base_url.clone(),
                    consumer_key: required(&config.mpesa_consumer_key, "NJIA_MPESA_CONSUMER_KEY")?,
                    consumer_secret: required(
                        &config.mpesa_consumer_secret,
                        "NJIA_MPESA_CONSUMER_SECRET",
                    )?,
                    shortcode: config.mpesa_shortcode.clone(),
                    passkey: required(&config.mpesa_passkey, "NJIA_MPESA_PASSKEY")?,
                    callback_base_url: format!(
                        "{}/{callback_secret}",
                        callback_base.trim_end_matches('/')
                    ),
                })?)
            }
            _ => None,
        };
        let card = match &config.card_base_url {
            Some(base_url) if !base_url.trim().is_empty() => {
                let secret_key = config
                    .card_secret_key
                    .clone()
                    .filter(|k| !k.is_empty())
                    .ok_or_else(|| {
                        anyhow::anyhow!("NJIA_CARD_BASE_URL is set but NJIA_CARD_SECRET_KEY is not")
                    })?;
                Some(njia_card::CardGateway::new(njia_card::CardConfig {
                    base_url: base_url.clone(),
                    secret_key,
                })?)
            }
            _ => None,
        };
        let seconds = |s: u64| i64::try_from(s.saturating_mul(1000)).unwrap_or(i64::MAX);
        Ok(Arc::new(Payments {
            mpesa,
            card,
            callback_secret,
            paybill_number: config.mpesa_shortcode.clone(),
            check_every_ms: seconds(config.check_seconds.max(1)),
            timeout_ms: seconds(config.timeout_seconds.max(1)),
            public_url,
        }))
    }

    /// Registers the C2B URLs with Daraja, retrying while Daraja (or the stand-in, started alongside) is not
    /// up yet. Runs in the background at start.
    pub async fn register_c2b(self: Arc<Self>) {
        let Some(mpesa) = &self.mpesa else { return };
        for attempt in 1..=30u64 {
            match mpesa
                .c2b_register_urls(njia_daraja::C2bResponseType::Cancelled)
                .await
            {
                Ok(_) => {
                    tracing::info!("M-Pesa C2B URLs registered");
                    return;
                }
                Err(error) => {
                    tracing::warn!(%error, attempt, "could not register the M-Pesa C2B URLs yet");
                    tokio::time::sleep(std::time::Duration::from_secs(attempt.min(10))).await;
                }
            }
        }
    }
}

/// What a card gateway's session says about a payment of `amount_cents`; `None` while the person is still on
/// its page. A "paid" for another amount or currency cannot pay the invoice: the money is to be refunded.
pub(crate) fn card_settlement(
    session: &njia_card::Session,
    amount_cents: i64,
) -> Option<Settlement> {
    use njia_card::{DeclineReason, SessionStatus};
    match &session.status {
        SessionStatus::Paid
            if session.amount_cents != amount_cents || session.currency != "KES" =>
        {
            tracing::warn!(
                session = session.id,
                "card gateway reports another amount than the payment's"
            );
            Some(Settlement::Unconfirmed {
                next_check_at: None,
            })
        }
        SessionStatus::Paid => Some(Settlement::Paid {
            mpesa_code: None,
            card_last4: session.card_last4.clone(),
        }),
        SessionStatus::Declined => Some(Settlement::Failed {
            problem: match session.decline_reason {
                Some(DeclineReason::InsufficientFunds) => {
                    njia_domain::api::payments::PaymentProblem::InsufficientFunds
                }
                _ => njia_domain::api::payments::PaymentProblem::CardDeclined,
            },
            result_code: None,
        }),
        SessionStatus::Cancelled => Some(Settlement::Failed {
            problem: njia_domain::api::payments::PaymentProblem::Cancelled,
            result_code: None,
        }),
        SessionStatus::Expired => Some(Settlement::Failed {
            problem: njia_domain::api::payments::PaymentProblem::Other,
            result_code: None,
        }),
        _ => None,
    }
}
