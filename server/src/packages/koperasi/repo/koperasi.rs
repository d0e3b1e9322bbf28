//! Members, savings products, accounts and the savings ledger.
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::DbResult;
use crate::packages::koperasi::entity::{
    member, member_document, savings_account, savings_interest_posting, savings_movement,
    savings_product,
};

pub async fn find_member<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<member::Model>> {
    member::Entity::find_by_id(id.to_string())
        .filter(member::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn member_of_user<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    user_id: &str,
) -> DbResult<Option<member::Model>> {
    member::Entity::find()
        .filter(member::Column::TenantId.eq(tenant_id))
        .filter(member::Column::UserId.eq(user_id))
        .one(db)
        .await
}

pub async fn nik_taken<C: ConnectionTrait>(db: &C, tenant_id: &str, nik: &str) -> DbResult<bool> {
    Ok(member::Entity::find()
        .filter(member::Column::TenantId.eq(tenant_id))
        .filter(member::Column::Nik.eq(nik))
        .count(db)
        .await?
        > 0)
}

pub async fn member_count<C: ConnectionTrait>(db: &C, tenant_id: &str) -> DbResult<u64> {
    member::Entity::find()
        .filter(member::Column::TenantId.eq(tenant_id))
        .count(db)
        .await
}

pub async fn insert_member<C: ConnectionTrait>(db: &C, row: member::Model) -> DbResult<()> {
    member::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

/// Members by name, member number, NIK or phone; newest first.
pub async fn members<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    q: Option<&str>,
    limit: u64,
) -> DbResult<Vec<member::Model>> {
    let mut query = member::Entity::find().filter(member::Column::TenantId.eq(tenant_id));
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        query = query.filter(
            sea_orm::Condition::any()
                .add(crate::modules::inventory::repo::catalogue::lower_like(
                    member::Column::Name,
                    q,
                ))
                .add(member::Column::MemberNo.eq(q.to_uppercase()))
                .add(member::Column::Nik.eq(q))
                .add(member::Column::Phone.contains(q)),
        );
    }
    query
        .order_by_desc(member::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await
}

pub async fn products<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<savings_product::Model>> {
    savings_product::Entity::find()
        .filter(savings_product::Column::TenantId.eq(tenant_id))
        .order_by_asc(savings_product::Column::Code)
        .all(db)
        .await
}

pub async fn find_product<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<savings_product::Model>> {
    savings_product::Entity::find_by_id(id.to_string())
        .filter(savings_product::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn insert_product<C: ConnectionTrait>(
    db: &C,
    row: savings_product::Model,
) -> DbResult<()> {
    savings_product::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn insert_account<C: ConnectionTrait>(
    db: &C,
    row: savings_account::Model,
) -> DbResult<()> {
    savings_account::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn find_account<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<savings_account::Model>> {
    savings_account::Entity::find_by_id(id.to_string())
        .filter(savings_account::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn accounts_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    member_id: &str,
) -> DbResult<Vec<savings_account::Model>> {
    savings_account::Entity::find()
        .filter(savings_account::Column::TenantId.eq(tenant_id))
        .filter(savings_account::Column::MemberId.eq(member_id))
        .order_by_asc(savings_account::Column::AccountNo)
        .all(db)
        .await
}

/// Adds `delta` (negative for a withdrawal) unless that would leave less than `floor`.
/// One statement, so two tellers at once cannot both take the last of it. False when
/// refused.
/// `domain::bounds::BALANCE_MAX` as the integer balances are stored as.
pub const BALANCE_CEILING: i64 = 1_000_000_000_000_000;

pub async fn change_balance<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    account_id: &str,
    delta: i64,
    floor: Option<i64>,
) -> DbResult<bool> {
    let mut q = savings_account::Entity::update_many()
        .col_expr(
            savings_account::Column::Balance,
            Expr::col(savings_account::Column::Balance).add(delta),
        )
        .filter(savings_account::Column::TenantId.eq(tenant_id))
        .filter(savings_account::Column::Id.eq(account_id));
    if let Some(floor) = floor {
        q = q.filter(savings_account::Column::Balance.gte(floor.saturating_sub(delta)));
    }
    if delta > 0 {
        // The ceiling of `domain::bounds::BALANCE_MAX`, in the same statement so parallel
        // deposits cannot pass it together.
        q = q.filter(savings_account::Column::Balance.lt(BALANCE_CEILING.saturating_sub(delta)));
    }
    Ok(q.exec(db).await?.rows_affected == 1)
}

pub async fn insert_movement<C: ConnectionTrait>(
    db: &C,
    row: savings_movement::Model,
) -> DbResult<()> {
    savings_movement::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn movements<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    account_id: &str,
) -> DbResult<Vec<savings_movement::Model>> {
    savings_movement::Entity::find()
        .filter(savings_movement::Column::TenantId.eq(tenant_id))
        .filter(savings_movement::Column::AccountId.eq(account_id))
        .order_by_asc(savings_movement::Column::At)
        .order_by_asc(savings_movement::Column::Id)
        .all(db)
        .await
}

pub async fn link_user<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    member_id: &str,
    user_id: &str,
) -> DbResult<()> {
    member::Entity::update_many()
        .col_expr(member::Column::UserId, Expr::value(user_id))
        .filter(member::Column::TenantId.eq(tenant_id))
        .filter(member::Column::Id.eq(member_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_member_status<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    member_id: &str,
    status: &str,
) -> DbResult<()> {
    member::Entity::update_many()
        .col_expr(member::Column::Status, Expr::value(status))
        .filter(member::Column::TenantId.eq(tenant_id))
        .filter(member::Column::Id.eq(member_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records (or, with `None`, clears) a berjangka placement. Placing only succeeds on an
/// account without one, so two tellers cannot place the same account at once.
pub async fn set_placement<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    account_id: &str,
    placement: Option<(String, String)>,
) -> DbResult<bool> {
    let mut q = savings_account::Entity::update_many()
        .filter(savings_account::Column::TenantId.eq(tenant_id))
        .filter(savings_account::Column::Id.eq(account_id));
    match placement {
        Some((placed, matures)) => {
            q = q
                .col_expr(savings_account::Column::PlacedOn, Expr::value(placed))
                .col_expr(savings_account::Column::MaturityDate, Expr::value(matures))
                .filter(savings_account::Column::PlacedOn.is_null());
        }
        None => {
            q = q
                .col_expr(
                    savings_account::Column::PlacedOn,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    savings_account::Column::MaturityDate,
                    Expr::value(Option::<String>::None),
                )
                .filter(savings_account::Column::PlacedOn.is_not_null());
        }
    }
    Ok(q.exec(db).await?.rows_affected == 1)
}

/// The koperasi's business day follows its desk's zone (the tenant's first open koperasi
/// outlet; WIB when it has none): due dates, "today" and month ends are that zone's.
pub async fn zone<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<crate::kernel::business_day::Zone> {
    use crate::platform::entity::outlet;
    use sea_orm::QueryOrder;
    let desk = outlet::Entity::find()
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Industry.eq("koperasi"))
        .filter(outlet::Column::Archived.eq(false))
        .order_by_asc(outlet::Column::CreatedAt)
        .one(db)
        .await?;
    Ok(desk.map_or_else(Default::default, |o| {
        crate::kernel::business_day::Zone::parse(&o.timezone)
    }))
}

/// A member's KTP photo replaces the one before it, and the member links to it.
pub async fn replace_ktp<C: ConnectionTrait>(
    db: &C,
    row: member_document::Model,
    url: String,
) -> DbResult<()> {
    member_document::Entity::delete_many()
        .filter(member_document::Column::TenantId.eq(&row.tenant_id))
        .filter(member_document::Column::MemberId.eq(&row.member_id))
        .filter(member_document::Column::Kind.eq(&row.kind))
        .exec(db)
        .await?;
    let (tenant_id, member_id) = (row.tenant_id.clone(), row.member_id.clone());
    member_document::ActiveModel::from(row).insert(db).await?;
    member::Entity::update_many()
        .col_expr(member::Column::KtpPhotoUrl, Expr::value(url))
        .filter(member::Column::TenantId.eq(&tenant_id))
        .filter(member::Column::Id.eq(&member_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn ktp_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    member_id: &str,
) -> DbResult<Option<member_document::Model>> {
    member_document::Entity::find()
        .filter(member_document::Column::TenantId.eq(tenant_id))
        .filter(member_document::Column::MemberId.eq(member_id))
        .filter(member_document::Column::Kind.eq("ktp"))
        .one(db)
        .await
}

/// The accounts whose interest for `month` (`YYYY-MM`) is already posted.
pub async fn interest_posted_accounts<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    month: &str,
) -> DbResult<Vec<String>> {
    Ok(savings_interest_posting::Entity::find()
        .filter(savings_interest_posting::Column::TenantId.eq(tenant_id))
        .filter(savings_interest_posting::Column::Month.eq(month))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.account_id)
        .collect())
}

pub async fn insert_interest_posting<C: ConnectionTrait>(
    db: &C,
    posting: savings_interest_posting::Model,
) -> DbResult<()> {
    savings_interest_posting::ActiveModel::from(posting)
        .insert(db)
        .await?;
    Ok(())
}
