//! What purchasing lets each role do. The supplier's own portal is the platform's
//! `SUPPLIER_PORTAL` permission, narrowed to the supplier the user belongs to.
use crate::kernel::rbac::{Permission, Role};

impl Permission {
    pub const VIEW_PURCHASING: Permission = Permission::new(
        "purchasing.view_purchasing",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const MANAGE_PURCHASING: Permission = Permission::new(
        "purchasing.manage_purchasing",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    /// Sending an order above the approval amount, and approving another's.
    pub const APPROVE_PURCHASE: Permission =
        Permission::new("purchasing.approve_purchase", &[Role::Owner, Role::Admin]);
    pub const RECEIVE_GOODS: Permission = Permission::new(
        "purchasing.receive_goods",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    /// Paying a supplier's invoice: money leaves the business.
    pub const PAY_SUPPLIERS: Permission =
        Permission::new("purchasing.pay_suppliers", &[Role::Owner, Role::Admin]);
}

pub const ALL: &[Permission] = &[
    Permission::VIEW_PURCHASING,
    Permission::MANAGE_PURCHASING,
    Permission::APPROVE_PURCHASE,
    Permission::RECEIVE_GOODS,
    Permission::PAY_SUPPLIERS,
];
