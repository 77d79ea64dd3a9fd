//! Argon2id with SECURITY.md's parameters (19 MiB, 2 iterations, 1 lane), run on the blocking pool so a
//! burst of sign-ins never stalls the async executor.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await?
    .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Whether `password` matches `stored`. With no stored hash (no such account) a dummy hash is checked
/// anyway, so the answer takes as long either way and timing does not tell whether an account exists.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let exists = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY.clone());
        let matches = PasswordHash::new(&stored).is_ok_and(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        exists && matches
    })
    .await
    .unwrap_or(false)
}

static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(b"no account has this password", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn hashes_verify_and_carry_the_parameters() {
        let stored = super::hash("correct horse battery".into())
            .await
            .expect("hash");
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(super::verify("correct horse battery".into(), Some(stored.clone())).await);
        assert!(!super::verify("wrong horse battery".into(), Some(stored)).await);
        assert!(
            !super::verify("no account has this password".into(), None).await,
            "the dummy never matches"
        );
    }
}
