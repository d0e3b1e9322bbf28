//! A manager standing next to the cashier confirms an action (a large discount, a refund,
//! a large cash movement) with her PIN. The server checks it: PIN hashes never go to
//! tablets, where a 6-digit PIN would be brute-forced offline. Wrong PINs count against
//! the same limit as PIN sign-in, so guessing here is no easier.
use crate::kernel::auth::secret;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::rbac::{allows, Permission};
use crate::kernel::state::AppState;
use crate::platform::entity::user;
use crate::platform::repo::users;

pub struct PinCheck<'a> {
    pub tenant_id: &'a str,
    pub outlet_id: &'a str,
    pub approver_id: &'a str,
    pub pin: &'a str,
    /// What the approver must be allowed to do.
    pub permission: Permission,
    /// The person asking; she may not approve her own request unless `allow_self`.
    pub requested_by: &'a str,
    pub allow_self: bool,
    pub client_ip: &'a str,
}

/// The approving manager, when the PIN is hers and she may approve this at this outlet.
pub async fn verify(state: &AppState, check: PinCheck<'_>) -> ApiResult<user::Model> {
    secret::validate_pin(check.pin)?;
    let key = format!("pin:{}", check.approver_id);
    let attempt =
        crate::platform::api::auth::Attempt::reserve(state, &key, check.client_ip).await?;

    let candidate = users::find_in_tenant(&state.db, check.tenant_id, check.approver_id).await?;
    let mut ok = false;
    if let Some(u) = &candidate {
        let (roles, outlet_ids) = users::roles_and_outlets(&state.db, u).await?;
        let may = roles.iter().any(|r| allows(*r, check.permission));
        let at_outlet = outlet_ids.is_none_or(|ids| ids.iter().any(|o| o == check.outlet_id));
        ok = u.status == "active"
            && may
            && at_outlet
            && (check.allow_self || u.id != check.requested_by)
            && u.pin_hash
                .as_deref()
                .is_some_and(|h| secret::verify_password(check.pin, h));
    } else {
        secret::dummy_verify(check.pin);
    }
    let Some(approver) = candidate.filter(|_| ok) else {
        attempt.failed(state).await?;
        return Err(ApiError::BadCredentials);
    };
    attempt.succeeded(state).await?;
    Ok(approver)
}
