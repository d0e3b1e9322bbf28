//! What the koperasi side lets each role do: each permission with the roles that hold it
//! by default. Handlers ask `auth.require(Permission::…)`; the registry lists them in `ALL`.
use crate::kernel::rbac::{Permission, Role};

impl Permission {
    // The member's own savings, loans and SHU (the portal's menu; the routes check that
    // the rows are hers).
    pub const OWN_SAVINGS: Permission = Permission::new("koperasi.own_savings", &[Role::Member]);
    pub const SIMULATE_LOAN: Permission = Permission::new("koperasi.simulate_loan", Role::ALL);
    pub const SIMULATE_SHU: Permission = Permission::new(
        "koperasi.simulate_shu",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const CHECK_NIK: Permission = Permission::new(
        "koperasi.check_nik",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    // Koperasi officers (staff) register members and work the teller.
    pub const MANAGE_MEMBERS: Permission = Permission::new(
        "koperasi.manage_members",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const MANAGE_SAVINGS_PRODUCTS: Permission = Permission::new(
        "koperasi.manage_savings_products",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const TELLER_SAVINGS: Permission = Permission::new(
        "koperasi.teller_savings",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const MANAGE_LOAN_PRODUCTS: Permission = Permission::new(
        "koperasi.manage_loan_products",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    // Loan officers (staff) take applications, analyse them and follow up arrears.
    pub const APPLY_LOAN: Permission = Permission::new(
        "koperasi.apply_loan",
        &[Role::Owner, Role::Admin, Role::Manager, Role::Cashier],
    );
    pub const APPROVE_LOAN: Permission = Permission::new(
        "koperasi.approve_loan",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const DISBURSE_LOAN: Permission = Permission::new(
        "koperasi.disburse_loan",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const WRITE_OFF_LOAN: Permission =
        Permission::new("koperasi.write_off_loan", &[Role::Owner, Role::Admin]);
    pub const VIEW_LOAN_PORTFOLIO: Permission = Permission::new(
        "koperasi.view_loan_portfolio",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    // The pengurus computes SHU; only an owner/admin records the RAT's approval and
    // pays it out.
    pub const CLOSE_SHU: Permission = Permission::new(
        "koperasi.close_shu",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
    pub const APPROVE_SHU: Permission =
        Permission::new("koperasi.approve_shu", &[Role::Owner, Role::Admin]);
    pub const EXIT_MEMBER: Permission = Permission::new(
        "koperasi.exit_member",
        &[Role::Owner, Role::Admin, Role::Manager],
    );
}

pub const ALL: &[Permission] = &[
    Permission::OWN_SAVINGS,
    Permission::SIMULATE_LOAN,
    Permission::SIMULATE_SHU,
    Permission::CHECK_NIK,
    Permission::MANAGE_MEMBERS,
    Permission::MANAGE_SAVINGS_PRODUCTS,
    Permission::TELLER_SAVINGS,
    Permission::MANAGE_LOAN_PRODUCTS,
    Permission::APPLY_LOAN,
    Permission::APPROVE_LOAN,
    Permission::DISBURSE_LOAN,
    Permission::WRITE_OFF_LOAN,
    Permission::VIEW_LOAN_PORTFOLIO,
    Permission::CLOSE_SHU,
    Permission::APPROVE_SHU,
    Permission::EXIT_MEMBER,
];
