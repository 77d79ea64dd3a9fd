//! The server's secret key: peppers the hashes of one-time codes and tokens, so a copy of the database alone
//! cannot be used to find a live code. From `NJIA_SECRET_KEY`, or else a random key kept in the data folder.

use std::fmt;
use std::path::Path;

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub struct ServerSecret(Vec<u8>);

impl fmt::Debug for ServerSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerSecret(***)")
    }
}

impl ServerSecret {
    pub fn new(key: &[u8]) -> anyhow::Result<ServerSecret> {
        anyhow::ensure!(
            key.len() >= 32,
            "NJIA_SECRET_KEY must be at least 32 characters"
        );
        Ok(ServerSecret(key.to_vec()))
    }

    /// The configured key, or the one in `<data>/secret.key`, created (readable by the owner only) if missing.
    /// Several servers sharing one PostgreSQL database must be given the same `NJIA_SECRET_KEY`.
    pub fn load(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<ServerSecret> {
        if let Some(key) = configured.filter(|k| !k.is_empty()) {
            return ServerSecret::new(key.as_bytes());
        }
        let path = data_dir.join("secret.key");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            return ServerSecret::new(existing.trim().as_bytes());
        }
        std::fs::create_dir_all(data_dir)?;
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        let text = hex::encode(key);
        write_private(&path, &text)?;
        ServerSecret::new(text.as_bytes())
    }

    /// HMAC-SHA-256 of `value` under a purpose label, as lower-case hex.
    pub fn mac(&self, purpose: &str, value: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC accepts any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// A random token of 128 bits as 32 hex characters: session cookies, challenges, reset tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Eight characters from the references' alphabet (no 0/O, 1/I/L), from the OS's random source: the body
/// of application references, receipt numbers, licence numbers and share codes, easy to read out and type.
pub fn random_reference_body() -> String {
    use njia_domain::api::applications::REFERENCE_ALPHABET;
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..8)
        .map(|_| char::from(REFERENCE_ALPHABET[rng.gen_range(0..REFERENCE_ALPHABET.len())]))
        .collect()
}

/// Constant-time equality of two hex digests.
pub fn same_digest(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macs_depend_on_key_purpose_and_value() {
        let a = ServerSecret::new(&[1; 32]).expect("key");
        let b = ServerSecret::new(&[2; 32]).expect("key");
        assert_eq!(a.mac("otp", "123456"), a.mac("otp", "123456"));
        assert_ne!(a.mac("otp", "123456"), b.mac("otp", "123456"));
        assert_ne!(a.mac("otp", "123456"), a.mac("session", "123456"));
        assert!(format!("{a:?}").contains("***"));
        assert!(ServerSecret::new(b"short").is_err());
    }

    #[test]
    fn a_generated_key_is_kept_and_reused() {
        let dir = std::env::temp_dir().join(format!("njia-secret-{}", random_token()));
        let first = ServerSecret::load(None, &dir).expect("created");
        let second = ServerSecret::load(None, &dir).expect("read back");
        assert_eq!(first.mac("x", "y"), second.mac("x", "y"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn tokens_are_random_hex_of_128_bits() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same_digest(&a, &a.clone()) && !same_digest(&a, &b));
    }
}
