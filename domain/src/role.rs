//! Who someone is to Satu. The server decides what each role may do (its permission
//! registry); the app only shows it.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn every_role_reads_back_from_its_name_and_its_json() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
            let json = serde_json::to_string(r).expect("serialise");
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
    }
}
