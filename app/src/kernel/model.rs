//! The shapes the app reads from the API, declared once for server and app in
//! `domain::api`.
pub use domain::api::{
    AuditView as AuditEntry, CurrentDevice, DeviceView as Device, LoginRequest as Credentials,
    OutletView as Outlet, PinUser, SessionView as Session, TenantView as Tenant,
    TokenView as Token, UserView as User, Verification,
};
pub use domain::role::Role;
