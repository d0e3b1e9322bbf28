//! Demo data: a platform superadmin and the tenant "Toko Makmur" with a minimarket and a
//! koperasi outlet and one user per role. Running it again changes nothing.
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;

use crate::audit::{self, Actor, Event};
use crate::auth::secret::{hash_password, new_id, DEMO_PASSWORD};
use crate::entity::{outlet, tenant};
use crate::error::ApiError;
use crate::rbac::Role;
use crate::repo::{outlets, tenants, users};

pub const DEMO_TENANT: &str = "Toko Makmur";
/// The demo cashier's PIN for switching user on a registered till.
pub const DEMO_PIN: &str = "123456";

pub const DEMO_USERS: [(&str, &str, Role); 6] = [
    ("owner@makmur.test", "Budi Santoso", Role::Owner),
    ("admin@makmur.test", "Sari Wulandari", Role::Admin),
    ("manager@makmur.test", "Agus Pratama", Role::Manager),
    ("kasir@makmur.test", "Dewi Lestari", Role::Cashier),
    ("anggota@makmur.test", "Siti Aminah", Role::Member),
    ("supplier@makmur.test", "CV Sumber Rejeki", Role::Supplier),
];

pub async fn seed_demo(db: &DatabaseConnection) -> Result<(), ApiError> {
    let password_hash = hash_password(DEMO_PASSWORD)?;
    let pin_hash = hash_password(DEMO_PIN)?;
    db.transaction::<_, (), ApiError>(|txn| {
        Box::pin(async move {
            let actor = Actor::system("seed-demo");
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
                audit::record(
                    txn,
                    &actor,
                    Event {
                        tenant_id: None,
                        outlet_id: None,
                        action: "user.create",
                        entity: "user",
                        entity_id: &u.id,
                        before: None,
                        after: Some(json!({"email": u.email, "roles": ["superadmin"]})),
                    },
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
                    audit::record(
                        txn,
                        &actor,
                        Event {
                            tenant_id: Some(&t.id),
                            outlet_id: None,
                            action: "tenant.create",
                            entity: "tenant",
                            entity_id: &t.id,
                            before: None,
                            after: Some(json!({"name": t.name, "plan": t.plan})),
                        },
                    )
                    .await?;
                    t
                }
            };

            for (code, name, address, industry) in [
                (
                    "MKM1",
                    "Minimarket Makmur",
                    "Jl. Merdeka No. 10, Semarang",
                    "retail",
                ),
                (
                    "KSP1",
                    "Koperasi Makmur",
                    "Jl. Pemuda No. 5, Semarang",
                    "koperasi",
                ),
            ] {
                if !outlets::code_taken(txn, &t.id, code, None).await? {
                    let o = outlets::insert(
                        txn,
                        outlet::ActiveModel {
                            id: Set(new_id()),
                            tenant_id: Set(t.id.clone()),
                            code: Set(code.to_string()),
                            name: Set(name.to_string()),
                            address: Set(address.to_string()),
                            timezone: Set("WIB".to_string()),
                            industry: Set(industry.to_string()),
                            archived: Set(false),
                            settings: Set("{}".to_string()),
                            created_at: Set(Utc::now()),
                        },
                    )
                    .await?;
                    audit::record(
                        txn,
                        &actor,
                        Event {
                            tenant_id: Some(&t.id),
                            outlet_id: Some(&o.id),
                            action: "outlet.create",
                            entity: "outlet",
                            entity_id: &o.id,
                            before: None,
                            after: Some(
                                json!({"code": o.code, "name": o.name, "industry": o.industry}),
                            ),
                        },
                    )
                    .await?;
                }
            }

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
                if role == Role::Cashier {
                    let mut active: crate::entity::user::ActiveModel = u.clone().into();
                    active.pin_hash = Set(Some(pin_hash.clone()));
                    sea_orm::ActiveModelTrait::update(active, txn).await?;
                }
                audit::record(
                    txn,
                    &actor,
                    Event {
                        tenant_id: Some(&t.id),
                        outlet_id: None,
                        action: "user.create",
                        entity: "user",
                        entity_id: &u.id,
                        before: None,
                        after: Some(json!({"email": u.email, "roles": [role]})),
                    },
                )
                .await?;
            }
            Ok(())
        })
    })
    .await?;
    Ok(())
}
