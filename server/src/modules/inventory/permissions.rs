//! What the inventory side lets each role do: each permission with the roles that hold it
//! by default. Handlers ask `auth.require(Permission::…)`; the registry lists them in `ALL`.
use crate::kernel::rbac::{Permission, Role};

impl Permission {
    pub const VIEW_CATALOGUE: Permission = Permission::new(
        "inventory.view_catalogue",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const MANAGE_CATALOGUE: Permission = Permission::new(
        "inventory.manage_catalogue",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    /// Counting a stock opname's lines (the tablet's scanner on the shop floor); a
    /// manager starts and approves the count (`ADJUST_STOCK`).
    pub const COUNT_STOCK: Permission = Permission::new(
        "inventory.count_stock",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const ADJUST_STOCK: Permission = Permission::new(
        "inventory.adjust_stock",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
}

pub const ALL: &[Permission] = &[
    Permission::VIEW_CATALOGUE,
    Permission::MANAGE_CATALOGUE,
    Permission::COUNT_STOCK,
    Permission::ADJUST_STOCK,
];
