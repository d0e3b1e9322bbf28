//! What the pos side lets each role do: each permission with the roles that hold it
//! by default. Handlers ask `auth.require(Permission::…)`; the registry lists them in `ALL`.
use crate::kernel::rbac::{Permission, Role};

impl Permission {
    pub const MANAGE_CUSTOMERS: Permission = Permission::new(
        "pos.manage_customers",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const RECORD_SALE: Permission = Permission::new(
        "pos.record_sale",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const VIEW_SALES: Permission =
        Permission::new("pos.view_sales", &[Role::Owner, Role::Admin, Role::Manager]);
    pub const VIEW_REPORTS: Permission = Permission::new(
        "pos.view_reports",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const OPERATE_SHIFT: Permission = Permission::new(
        "pos.operate_shift",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    // Refunds and cash taken out above the limit.
    pub const APPROVE_REFUND: Permission = Permission::new(
        "pos.approve_refund",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const VIEW_SHIFTS: Permission = Permission::new(
        "pos.view_shifts",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
}

pub const ALL: &[Permission] = &[
    Permission::MANAGE_CUSTOMERS,
    Permission::RECORD_SALE,
    Permission::VIEW_SALES,
    Permission::VIEW_REPORTS,
    Permission::OPERATE_SHIFT,
    Permission::APPROVE_REFUND,
    Permission::VIEW_SHIFTS,
];
