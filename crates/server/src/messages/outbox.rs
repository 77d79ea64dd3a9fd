//! The senders picked by the configuration, one per channel, and the bell that wakes the worker.

use std::sync::Arc;

use njia_domain::api::accounts::Channel;
use tokio::sync::Notify;

use super::africastalking::{AfricasTalkingSender, ApiKey};
use super::config::MessagesConfig;
use super::local::LocalSender;
use super::sender::Sender;
use super::smtp::SmtpSender;

pub struct Outbox {
    sms: Arc<dyn Sender>,
    email: Arc<dyn Sender>,
    wake: Notify,
}

impl Outbox {
    pub fn new(sms: Arc<dyn Sender>, email: Arc<dyn Sender>) -> Outbox {
        Outbox {
            sms,
            email,
            wake: Notify::new(),
        }
    }

    /// Both channels kept in the database: development and tests.
    pub fn local() -> Outbox {
        Outbox::new(Arc::new(LocalSender), Arc::new(LocalSender))
    }

    /// Africa's Talking for SMS when its username and key are set, SMTP for email when its URL is set, the
    /// local sender for a channel that has neither. Half a configuration is an error, not a silent fallback.
    pub fn from_config(config: &MessagesConfig) -> anyhow::Result<Outbox> {
        let sms: Arc<dyn Sender> = match (set(&config.at_username), set(&config.at_api_key)) {
            (Some(username), Some(key)) => Arc::new(AfricasTalkingSender::new(
                &config.at_base_url,
                username,
                ApiKey::new(key),
                set(&config.at_sender_id).map(str::to_owned),
            )?),
            (None, None) => Arc::new(LocalSender),
            _ => anyhow::bail!(
                "set both NJIA_AT_USERNAME and NJIA_AT_API_KEY to send SMS through Africa's Talking, or neither"
            ),
        };
        let email: Arc<dyn Sender> = match set(&config.smtp_url) {
            Some(url) => Arc::new(SmtpSender::from_url(url, &config.email_from)?),
            None => Arc::new(LocalSender),
        };
        let outbox = Outbox::new(sms, email);
        if outbox.is_local_only() {
            tracing::warn!(
                "no SMS or email sender is configured: messages, one-time codes included, stay in the database \
                 and anyone can read them at /dev/outbox; never run a public server like this"
            );
        } else {
            tracing::info!(
                sms = outbox.sms.name(),
                email = outbox.email.name(),
                "message senders"
            );
        }
        Ok(outbox)
    }

    pub fn sender(&self, channel: Channel) -> &dyn Sender {
        match channel {
            Channel::Sms => self.sms.as_ref(),
            Channel::Email => self.email.as_ref(),
        }
    }

    /// True when no real sender is configured: then the development outbox endpoint exists.
    pub fn is_local_only(&self) -> bool {
        self.sms.is_local() && self.email.is_local()
    }

    /// Wakes the worker; call it after committing a transaction that enqueued messages, so a code goes out at
    /// once instead of at the next poll. A wake-up with no worker waiting is kept for its next wait.
    pub fn notify(&self) {
        self.wake.notify_one();
    }

    pub(crate) async fn notified(&self) {
        self.wake.notified().await;
    }
}

/// An empty setting (`NJIA_AT_API_KEY=` in an env file) counts as unset.
fn set(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn config() -> MessagesConfig {
        MessagesConfig {
            at_base_url: "https://api.sandbox.africastalking.com".into(),
            email_from: "Njia <no-reply@njia.local>".into(),
            ..MessagesConfig::default()
        }
    }

    #[test]
    fn nothing_configured_means_local_only() {
        let outbox = Outbox::from_config(&config()).unwrap();
        assert!(outbox.is_local_only());
        let blank = MessagesConfig {
            at_username: Some(String::new()),
            at_api_key: Some(" ".into()),
            smtp_url: Some(String::new()),
            ..config()
        };
        assert!(Outbox::from_config(&blank).unwrap().is_local_only());
    }

    #[test]
    fn one_real_sender_is_enough_to_leave_local_only() {
        let sms = MessagesConfig {
            at_username: Some("sandbox".into()),
            at_api_key: Some("key".into()),
            ..config()
        };
        let outbox = Outbox::from_config(&sms).unwrap();
        assert!(!outbox.is_local_only());
        assert_eq!(outbox.sender(Channel::Sms).name(), "africastalking");
        assert_eq!(outbox.sender(Channel::Email).name(), "local");

        let email = MessagesConfig {
            smtp_url: Some("smtp://127.0.0.1:2525".into()),
            ..config()
        };
        let outbox = Outbox::from_config(&email).unwrap();
        assert!(!outbox.is_local_only());
        assert_eq!(outbox.sender(Channel::Email).name(), "smtp");
    }

    #[test]
    fn half_a_configuration_is_refused_without_quoting_secrets() {
        let half = MessagesConfig {
            at_api_key: Some("atsk_secret".into()),
            ..config()
        };
        let error = Outbox::from_config(&half).err().unwrap().to_string();
        assert!(error.contains("NJIA_AT_USERNAME") && !error.contains("atsk_secret"));

        let bad_url = MessagesConfig {
            smtp_url: Some("ftp://user:hunter2@host".into()),
            ..config()
        };
        let error = Outbox::from_config(&bad_url).err().unwrap().to_string();
        assert!(error.contains("NJIA_SMTP_URL") && !error.contains("hunter2"));

        let bad_from = MessagesConfig {
            smtp_url: Some("smtp://127.0.0.1:2525".into()),
            email_from: "not an address".into(),
            ..config()
        };
        assert!(Outbox::from_config(&bad_from).is_err());
    }
}
