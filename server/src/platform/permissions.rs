//! What the platform side lets each role do: each permission with the roles that hold it
//! by default. Handlers ask `auth.require(Permission::…)`; the registry lists them in `ALL`.
use crate::kernel::rbac::{Permission, Role};

impl Permission {
    // What the app's menu asks for; no route checks them.
    pub const VIEW_DASHBOARD: Permission = Permission::new(
        "platform.view_dashboard",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const SUPPLIER_PORTAL: Permission =
        Permission::new("platform.supplier_portal", &[Role::Supplier]);
    pub const LIST_TENANTS: Permission = Permission::new(
        "platform.list_tenants",
        &[Role::Superadmin, Role::Developer],
    );
    pub const VIEW_PLATFORM_DASHBOARD: Permission = Permission::new(
        "platform.view_platform_dashboard",
        &[Role::Superadmin, Role::Developer],
    );
    pub const CREATE_TENANT: Permission =
        Permission::new("platform.create_tenant", &[Role::Superadmin]);
    pub const VIEW_OUTLETS: Permission = Permission::new(
        "platform.view_outlets",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const MANAGE_OUTLETS: Permission =
        Permission::new("platform.manage_outlets", &[Role::Owner, Role::Admin]);
    pub const VIEW_STAFF: Permission = Permission::new(
        "platform.view_staff",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const MANAGE_STAFF: Permission =
        Permission::new("platform.manage_staff", &[Role::Owner, Role::Admin]);
    pub const MANAGE_TOKENS: Permission =
        Permission::new("platform.manage_tokens", &[Role::Owner, Role::Admin]);
    pub const VIEW_AUDIT: Permission = Permission::new("platform.view_audit", &[Role::Owner]);
    pub const REGISTER_DEVICE: Permission = Permission::new(
        "platform.register_device",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const SET_STAFF_PIN: Permission = Permission::new(
        "platform.set_staff_pin",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const USE_TILL: Permission = Permission::new(
        "platform.use_till",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const APPROVE_DISCOUNT: Permission = Permission::new(
        "platform.approve_discount",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    // A login (staff or a member's portal account) hands out a secret that signs in:
    // only an owner or admin creates one.
    pub const CREATE_LOGIN: Permission =
        Permission::new("platform.create_login", &[Role::Owner, Role::Admin]);
}

pub const ALL: &[Permission] = &[
    Permission::VIEW_DASHBOARD,
    Permission::SUPPLIER_PORTAL,
    Permission::LIST_TENANTS,
    Permission::VIEW_PLATFORM_DASHBOARD,
    Permission::CREATE_TENANT,
    Permission::VIEW_OUTLETS,
    Permission::MANAGE_OUTLETS,
    Permission::VIEW_STAFF,
    Permission::MANAGE_STAFF,
    Permission::MANAGE_TOKENS,
    Permission::VIEW_AUDIT,
    Permission::REGISTER_DEVICE,
    Permission::SET_STAFF_PIN,
    Permission::USE_TILL,
    Permission::APPROVE_DISCOUNT,
    Permission::CREATE_LOGIN,
];
