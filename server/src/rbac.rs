//! Roles and what each may do. The table below is the single source of truth: every
//! handler asks `Auth::require(Permission::…)`, and the role-matrix test walks the same table.
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    ListTenants,
    CreateTenant,
    ViewOutlets,
    ManageOutlets,
    ViewStaff,
    ManageStaff,
    ManageTokens,
    ViewAudit,
    RegisterDevice,
    SetStaffPin,
    UseTill,
    SimulateLoan,
    SimulateShu,
    CheckNik,
    ViewCatalogue,
    ManageCatalogue,
    ManageCustomers,
    RecordSale,
    ViewSales,
    AdjustStock,
    ViewReports,
    ApproveDiscount,
    OperateShift,
    ApproveRefund,
    ViewShifts,
    ManageMembers,
    ManageSavingsProducts,
    TellerSavings,
    ManageLoanProducts,
    ApplyLoan,
    ApproveLoan,
    DisburseLoan,
    WriteOffLoan,
    ViewLoanPortfolio,
    CloseShu,
    ApproveShu,
    ExitMember,
    CreateLogin,
}

impl Permission {
    pub const ALL: [Permission; 38] = [
        Permission::ListTenants,
        Permission::CreateTenant,
        Permission::ViewOutlets,
        Permission::ManageOutlets,
        Permission::ViewStaff,
        Permission::ManageStaff,
        Permission::ManageTokens,
        Permission::ViewAudit,
        Permission::RegisterDevice,
        Permission::SetStaffPin,
        Permission::UseTill,
        Permission::SimulateLoan,
        Permission::SimulateShu,
        Permission::CheckNik,
        Permission::ViewCatalogue,
        Permission::ManageCatalogue,
        Permission::ManageCustomers,
        Permission::RecordSale,
        Permission::ViewSales,
        Permission::AdjustStock,
        Permission::ViewReports,
        Permission::ApproveDiscount,
        Permission::OperateShift,
        Permission::ApproveRefund,
        Permission::ViewShifts,
        Permission::ManageMembers,
        Permission::ManageSavingsProducts,
        Permission::TellerSavings,
        Permission::ManageLoanProducts,
        Permission::ApplyLoan,
        Permission::ApproveLoan,
        Permission::DisburseLoan,
        Permission::WriteOffLoan,
        Permission::ViewLoanPortfolio,
        Permission::CloseShu,
        Permission::ApproveShu,
        Permission::ExitMember,
        Permission::CreateLogin,
    ];
}

pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    use Role::*;
    match permission {
        ListTenants => matches!(role, Superadmin | Developer),
        CreateTenant => role == Superadmin,
        ViewOutlets => matches!(role, Owner | Admin | Manager | Cashier),
        ManageOutlets => matches!(role, Owner | Admin),
        ViewStaff => matches!(role, Owner | Admin | Manager),
        ManageStaff => matches!(role, Owner | Admin),
        ManageTokens => matches!(role, Owner | Admin),
        ViewAudit => role == Owner,
        RegisterDevice => matches!(role, Owner | Admin | Manager),
        SetStaffPin => matches!(role, Owner | Admin | Manager),
        UseTill => matches!(role, Owner | Admin | Manager | Cashier),
        SimulateLoan => true,
        SimulateShu => matches!(role, Owner | Admin | Manager),
        CheckNik => matches!(role, Owner | Admin | Manager | Cashier),
        ViewCatalogue => matches!(role, Owner | Admin | Manager | Cashier),
        ManageCatalogue => matches!(role, Owner | Admin | Manager),
        ManageCustomers => matches!(role, Owner | Admin | Manager | Cashier),
        RecordSale => matches!(role, Owner | Admin | Manager | Cashier),
        ViewSales => matches!(role, Owner | Admin | Manager),
        AdjustStock => matches!(role, Owner | Admin | Manager),
        ViewReports => matches!(role, Owner | Admin | Manager),
        ApproveDiscount => matches!(role, Owner | Admin | Manager),
        OperateShift => matches!(role, Owner | Admin | Manager | Cashier),
        // Refunds and cash taken out above the limit.
        ApproveRefund => matches!(role, Owner | Admin | Manager),
        ViewShifts => matches!(role, Owner | Admin | Manager),
        // Koperasi officers (staff) register members and work the teller.
        ManageMembers => matches!(role, Owner | Admin | Manager | Cashier),
        ManageSavingsProducts => matches!(role, Owner | Admin | Manager),
        TellerSavings => matches!(role, Owner | Admin | Manager | Cashier),
        ManageLoanProducts => matches!(role, Owner | Admin | Manager),
        // Loan officers (staff) take applications, analyse them and follow up arrears.
        ApplyLoan => matches!(role, Owner | Admin | Manager | Cashier),
        ApproveLoan => matches!(role, Owner | Admin | Manager),
        DisburseLoan => matches!(role, Owner | Admin | Manager),
        WriteOffLoan => matches!(role, Owner | Admin),
        ViewLoanPortfolio => matches!(role, Owner | Admin | Manager),
        // The pengurus computes SHU; only an owner/admin records the RAT's approval and
        // pays it out.
        CloseShu => matches!(role, Owner | Admin | Manager),
        ApproveShu => matches!(role, Owner | Admin),
        ExitMember => matches!(role, Owner | Admin | Manager),
        // A login (staff or a member's portal account) hands out a secret that signs in:
        // only an owner or admin creates one.
        CreateLogin => matches!(role, Owner | Admin),
    }
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
