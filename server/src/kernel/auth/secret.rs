use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::kernel::error::ApiError;

pub const DEMO_PASSWORD: &str = "demo1234";

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("argon2: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a password nobody has, checked when the account does not exist so that
/// response time does not reveal which emails are registered.
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("not-a-real-password").unwrap_or_default());
    let _ = verify_password(password, hash);
}

pub fn validate_new_password(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < 8 {
        return Err(ApiError::validation(
            "password",
            "Kata sandi minimal 8 karakter.",
        ));
    }
    if password == DEMO_PASSWORD {
        return Err(ApiError::validation(
            "password",
            "Kata sandi demo tidak boleh dipakai untuk akun sungguhan.",
        ));
    }
    Ok(())
}

pub fn validate_pin(pin: &str) -> Result<(), ApiError> {
    if pin.len() != 6 || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::validation("pin", "PIN harus 6 angka."));
    }
    Ok(())
}

/// A random secret with a readable prefix; the prefix says what kind of secret a leaked
/// string is.
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{prefix}_{}", hex::encode(bytes))
}

pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
