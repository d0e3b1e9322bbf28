//! Demo data: a platform superadmin and the tenant "Toko Makmur" with one user per role;
//! each registered package then adds its outlet and its demo data (`Package::seed`).
//! Running it again changes nothing.
use chrono::Utc;
use domain::location::LocationKind;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::{hash_password, new_id, DEMO_PASSWORD};
use crate::kernel::error::ApiError;
use crate::kernel::package::SeedContext;
use crate::kernel::rbac::Role;
use crate::kernel::txn::{audited, Audit, Change};
use crate::platform::entity::{outlet, tenant};
use crate::platform::repo::{outlets, tenants, users};

pub const DEMO_TENANT: &str = "Toko Makmur";
/// The demo cashier's PIN for switching user on a registered till.
pub const DEMO_PIN: &str = "123456";
/// The demo manager's PIN, for approving discounts above the cashier's limit at the till.
pub const DEMO_MANAGER_PIN: &str = "246810";

pub const DEMO_USERS: [(&str, &str, Role); 7] = [
    ("owner@makmur.test", "Budi Santoso", Role::Owner),
    ("admin@makmur.test", "Sari Wulandari", Role::Admin),
    ("manager@makmur.test", "Agus Pratama", Role::Manager),
    ("kasir@makmur.test", "Dewi Lestari", Role::Cashier),
    ("anggota@makmur.test", "Siti Aminah", Role::Member),
    ("supplier@makmur.test", "Rina Hartati", Role::Supplier),
    ("supplier2@makmur.test", "Joko Susilo", Role::Supplier),
];

pub async fn seed_demo(db: &DatabaseConnection) -> Result<(), ApiError> {
    seed_demo_with(db, true).await
}

/// `with_catalogue: false` leaves the product catalogue empty (tests that build their own).
pub async fn seed_demo_with(db: &DatabaseConnection, with_catalogue: bool) -> Result<(), ApiError> {
    let password_hash = hash_password(DEMO_PASSWORD)?;
    let pin_hash = hash_password(DEMO_PIN)?;
    let manager_pin_hash = hash_password(DEMO_MANAGER_PIN)?;
    audited(db, Actor::system("seed-demo"), move |txn, audit| {
        Box::pin(async move {
            if users::find_by_email(txn, "superadmin@satu.test")
                .await?
                .is_none()
            {
                let u = users::insert(
                    txn,
                    users::NewUser {
                        tenant_id: None,
                        email: "superadmin@satu.test",
                        name: "Superadmin Satu",
                        password_hash: Some(password_hash.clone()),
                        platform_role: Some(Role::Superadmin),
                        status: "active",
                        is_demo: true,
                    },
                )
                .await?;
                audit
                    .record(
                        Change::new("user.create", "user", &u.id)
                            .tenant(None)
                            .after(json!({"email": u.email, "roles": ["superadmin"]})),
                    )
                    .await?;
            }

            let t = match tenant::Entity::find()
                .filter(tenant::Column::OwnerEmail.eq("owner@makmur.test"))
                .one(txn)
                .await?
            {
                Some(t) => t,
                None => {
                    let t = tenants::insert(txn, DEMO_TENANT, "owner@makmur.test", "pro").await?;
                    audit
                        .record(
                            Change::new("tenant.create", "tenant", &t.id)
                                .tenant(Some(&t.id))
                                .after(json!({"name": t.name, "plan": t.plan})),
                        )
                        .await?;
                    t
                }
            };

            for (email, name, role) in DEMO_USERS {
                if users::find_by_email(txn, email).await?.is_some() {
                    continue;
                }
                let u = users::insert(
                    txn,
                    users::NewUser {
                        tenant_id: Some(&t.id),
                        email,
                        name,
                        password_hash: Some(password_hash.clone()),
                        platform_role: None,
                        status: "active",
                        is_demo: true,
                    },
                )
                .await?;
                users::set_roles_and_outlets(txn, &t.id, &u.id, &[role], &[]).await?;
                let pin = match role {
                    Role::Cashier => Some(pin_hash.clone()),
                    Role::Manager => Some(manager_pin_hash.clone()),
                    _ => None,
                };
                if let Some(pin) = pin {
                    let mut active: crate::platform::entity::user::ActiveModel = u.clone().into();
                    active.pin_hash = Set(Some(pin));
                    sea_orm::ActiveModelTrait::update(active, txn).await?;
                }
                audit
                    .record(
                        Change::new("user.create", "user", &u.id)
                            .tenant(Some(&t.id))
                            .after(json!({"email": u.email, "roles": [role]})),
                    )
                    .await?;
            }
            // Each package adds its outlet and, with the catalogue, its demo data.
            let ctx = SeedContext {
                tenant_id: &t.id,
                audit: &audit,
                with_catalogue,
            };
            for p in crate::packages::all() {
                if let Some(seed) = p.seed {
                    seed(txn, &ctx).await?;
                }
            }
            Ok(())
        })
    })
    .await?;
    Ok(())
}

/// The demo tenant's store `code`, created (and audited) the first time.
pub async fn demo_outlet<C: sea_orm::ConnectionTrait>(
    txn: &C,
    audit: &Audit<'_>,
    tenant_id: &str,
    place: (&str, &str, &str, &str),
    settings: serde_json::Value,
) -> Result<(), ApiError> {
    demo_location(txn, audit, tenant_id, place, LocationKind::Store, settings).await
}

/// The demo tenant's location `code` of `kind`, created (and audited) the first time.
pub async fn demo_location<C: sea_orm::ConnectionTrait>(
    txn: &C,
    audit: &Audit<'_>,
    tenant_id: &str,
    (code, name, address, industry): (&str, &str, &str, &str),
    kind: LocationKind,
    settings: serde_json::Value,
) -> Result<(), ApiError> {
    if outlets::code_taken(txn, tenant_id, code, None).await? {
        return Ok(());
    }
    let o = outlets::insert(
        txn,
        outlet::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            code: Set(code.to_string()),
            name: Set(name.to_string()),
            address: Set(address.to_string()),
            timezone: Set("WIB".to_string()),
            industry: Set(industry.to_string()),
            kind: Set(kind.as_str().to_string()),
            archived: Set(false),
            settings: Set(settings.to_string()),
            created_at: Set(Utc::now()),
        },
    )
    .await?;
    audit
        .record(
            Change::new("outlet.create", "outlet", &o.id)
                .tenant(Some(tenant_id))
                .outlet(&o.id)
                .after(
                    json!({"code": o.code, "name": o.name, "industry": o.industry, "kind": o.kind}),
                ),
        )
        .await?;
    Ok(())
}
