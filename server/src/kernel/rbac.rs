//! Roles, and the shape of a permission. The permissions themselves belong to the packages
//! and modules that use them (`*/permissions.rs`).
pub use domain::role::Role;

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
