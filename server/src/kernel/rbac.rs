//! Roles, and the shape of a permission. The permissions themselves belong to the packages
//! and modules that use them (`*/permissions.rs`).
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Developer,
    Superadmin,
    Owner,
    Admin,
    Manager,
    Cashier,
    Supplier,
    Member,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Developer,
        Role::Superadmin,
        Role::Owner,
        Role::Admin,
        Role::Manager,
        Role::Cashier,
        Role::Supplier,
        Role::Member,
    ];

    pub const TENANT_ROLES: [Role; 6] = [
        Role::Owner,
        Role::Admin,
        Role::Manager,
        Role::Cashier,
        Role::Supplier,
        Role::Member,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Developer => "developer",
            Role::Superadmin => "superadmin",
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Cashier => "cashier",
            Role::Supplier => "supplier",
            Role::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "developer" => Role::Developer,
            "superadmin" => Role::Superadmin,
            "owner" => Role::Owner,
            "admin" => Role::Admin,
            "manager" => Role::Manager,
            "cashier" | "staff" => Role::Cashier,
            "supplier" => Role::Supplier,
            "member" => Role::Member,
            _ => return None,
        })
    }

    pub fn is_platform(self) -> bool {
        matches!(self, Role::Developer | Role::Superadmin)
    }

    /// Ordering used to pick a user's home screen when they hold several roles.
    pub fn rank(self) -> u8 {
        match self {
            Role::Superadmin => 0,
            Role::Developer => 1,
            Role::Owner => 2,
            Role::Admin => 3,
            Role::Manager => 4,
            Role::Cashier => 5,
            Role::Supplier => 6,
            Role::Member => 7,
        }
    }
}

/// One thing a role may do. Each package and module declares its own (in its
/// `permissions.rs`, as associated constants, so handlers say `Permission::RECORD_SALE`)
/// with the roles that hold it by default; the registry lists them, and the role-matrix
/// test and `GET /auth/me` walk that list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Permission {
    /// `<package>.<what>`, e.g. `koperasi.approve_loan`: what the app's menu asks for.
    pub code: &'static str,
    pub roles: &'static [Role],
}

impl Permission {
    pub const fn new(code: &'static str, roles: &'static [Role]) -> Permission {
        Permission { code, roles }
    }

    pub fn allows(self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

pub fn allows(role: Role, permission: Permission) -> bool {
    permission.allows(role)
}

/// Which roles an inviter may hand out: nobody grants a role above their own, and only an
/// Owner creates Admins or other Owners.
pub fn may_grant(granter: Role, role: Role) -> bool {
    match granter {
        Role::Owner => !role.is_platform(),
        Role::Admin => matches!(
            role,
            Role::Manager | Role::Cashier | Role::Supplier | Role::Member
        ),
        _ => false,
    }
}
