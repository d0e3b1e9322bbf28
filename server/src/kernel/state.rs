use std::sync::Arc;

use sea_orm::DatabaseConnection;

/// Runtime settings. Everything else the server knows lives in the database, so several
/// servers with the same settings can stand behind one load balancer.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Demo mode lets the seeded demo accounts sign in with the shared demo password.
    pub demo_mode: bool,
    pub session_ttl_hours: i64,
    /// Set when served over HTTPS (or behind a TLS-terminating proxy): cookies get `Secure`.
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub max_failures_per_account: u64,
    pub max_failures_per_ip: u64,
    pub failure_window_minutes: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            demo_mode: false,
            session_ttl_hours: 12,
            secure_cookies: false,
            trust_proxy: false,
            max_failures_per_account: 5,
            max_failures_per_ip: 30,
            failure_window_minutes: 15,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// The packages this server serves: `packages::all()`, or more in a test.
    pub packages: crate::kernel::package::Registry,
}
