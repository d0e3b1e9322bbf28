//! Catalogue persistence: categories, products, barcodes, outlet prices.
//! Every query is scoped to the caller's tenant. Bulk readers (snapshot, export, import)
//! load whole tables of one tenant in a handful of queries and join in memory.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func, LikeExpr, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::kernel::auth::secret::new_id;
use crate::kernel::money::Sen;
use crate::kernel::repo::DbResult;
use crate::modules::inventory::entity::{category, outlet_price, product, product_barcode};

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bind-parameter limits.
pub const BATCH: usize = 500;

/// `%q%` for a case-insensitive LIKE, with the wildcards in `q` escaped.
fn like_pattern(q: &str) -> LikeExpr {
    let mut p = String::with_capacity(q.len() + 2);
    p.push('%');
    for ch in q.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    LikeExpr::new(p).escape('\\')
}

pub(crate) fn lower_like<C: ColumnTrait>(col: C, q: &str) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(col))).like(like_pattern(q))
}

// ---------------------------------------------------------------- categories

pub async fn list_categories<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<category::Model>> {
    category::Entity::find()
        .filter(category::Column::TenantId.eq(tenant_id))
        .order_by_asc(category::Column::Name)
        .all(db)
        .await
}

pub async fn find_category<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<category::Model>> {
    category::Entity::find_by_id(id.to_string())
        .filter(category::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

/// Category names are unique per tenant, ignoring case.
pub async fn category_name_taken<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    name: &str,
    except_id: Option<&str>,
) -> DbResult<bool> {
    let mut q = category::Entity::find()
        .filter(category::Column::TenantId.eq(tenant_id))
        .filter(lower_name_eq(category::Column::Name, name));
    if let Some(id) = except_id {
        q = q.filter(category::Column::Id.ne(id));
    }
    Ok(q.one(db).await?.is_some())
}

fn lower_name_eq<C: ColumnTrait>(col: C, name: &str) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(col))).eq(name.to_lowercase())
}

pub async fn insert_category<C: ConnectionTrait>(
    db: &C,
    model: category::ActiveModel,
) -> DbResult<category::Model> {
    model.insert(db).await
}

pub async fn insert_categories<C: ConnectionTrait>(
    db: &C,
    models: Vec<category::ActiveModel>,
) -> DbResult<()> {
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let batch: Vec<_> = models.by_ref().take(BATCH).collect();
        category::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn update_category<C: ConnectionTrait>(
    db: &C,
    model: category::ActiveModel,
) -> DbResult<category::Model> {
    model.update(db).await
}

/// Deletes a category; its products stay, uncategorised.
pub async fn delete_category<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<()> {
    product::Entity::update_many()
        .col_expr(
            product::Column::CategoryId,
            Expr::value(Option::<String>::None),
        )
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::CategoryId.eq(id))
        .exec(db)
        .await?;
    category::Entity::delete_many()
        .filter(category::Column::TenantId.eq(tenant_id))
        .filter(category::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- products

#[derive(Default)]
pub struct ProductFilter {
    pub q: Option<String>,
    pub category_id: Option<String>,
    pub active: Option<bool>,
    pub limit: u64,
    pub offset: u64,
}

/// One page of products (parents and variants alike) and the total matching the filter.
pub async fn search_products<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    f: &ProductFilter,
) -> DbResult<(Vec<product::Model>, u64)> {
    let mut q = product::Entity::find().filter(product::Column::TenantId.eq(tenant_id));
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let barcode_hits = Query::select()
            .column(product_barcode::Column::ProductId)
            .from(product_barcode::Entity)
            .and_where(product_barcode::Column::TenantId.eq(tenant_id))
            .and_where(lower_like(product_barcode::Column::Code, text))
            .to_owned();
        q = q.filter(
            Condition::any()
                .add(lower_like(product::Column::Name, text))
                .add(lower_like(product::Column::Sku, text))
                .add(lower_like(product::Column::Variant, text))
                .add(product::Column::Id.in_subquery(barcode_hits)),
        );
    }
    if let Some(cat) = f.category_id.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(product::Column::CategoryId.eq(cat));
    }
    if let Some(active) = f.active {
        q = q.filter(product::Column::Active.eq(active));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_asc(product::Column::Name)
        .order_by_asc(product::Column::Variant)
        .order_by_asc(product::Column::Sku)
        .limit(f.limit)
        .offset(f.offset)
        .all(db)
        .await?;
    Ok((rows, total))
}

pub async fn find_product<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<product::Model>> {
    product::Entity::find_by_id(id.to_string())
        .filter(product::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn variants_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    parent_id: &str,
) -> DbResult<Vec<product::Model>> {
    product::Entity::find()
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::GroupId.eq(parent_id))
        .order_by_asc(product::Column::Variant)
        .order_by_asc(product::Column::Sku)
        .all(db)
        .await
}

/// Barcodes of the given products, keyed by product id.
pub async fn barcodes_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    product_ids: &[String],
) -> DbResult<HashMap<String, Vec<String>>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for chunk in product_ids.chunks(BATCH) {
        let rows = product_barcode::Entity::find()
            .filter(product_barcode::Column::TenantId.eq(tenant_id))
            .filter(product_barcode::Column::ProductId.is_in(chunk.iter().cloned()))
            .order_by_asc(product_barcode::Column::Code)
            .all(db)
            .await?;
        for r in rows {
            map.entry(r.product_id).or_default().push(r.code);
        }
    }
    Ok(map)
}

/// Every barcode of the tenant as `(product_id, code)`.
pub async fn all_barcodes<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<(String, String)>> {
    product_barcode::Entity::find()
        .select_only()
        .column(product_barcode::Column::ProductId)
        .column(product_barcode::Column::Code)
        .filter(product_barcode::Column::TenantId.eq(tenant_id))
        .order_by_asc(product_barcode::Column::Code)
        .into_tuple()
        .all(db)
        .await
}

/// Which of `codes` are already taken in the tenant, as (code, product id).
pub async fn barcode_owners<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    codes: &[String],
) -> DbResult<Vec<(String, String)>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    crate::kernel::repo::in_chunks(codes.iter().cloned(), |codes| {
        product_barcode::Entity::find()
            .select_only()
            .column(product_barcode::Column::Code)
            .column(product_barcode::Column::ProductId)
            .filter(product_barcode::Column::TenantId.eq(tenant_id))
            .filter(product_barcode::Column::Code.is_in(codes))
            .into_tuple()
            .all(db)
    })
    .await
}

/// The skus among `skus` already used in the tenant, with their product ids.
pub async fn sku_owners<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    skus: &[String],
) -> DbResult<Vec<(String, String)>> {
    if skus.is_empty() {
        return Ok(Vec::new());
    }
    crate::kernel::repo::in_chunks(skus.iter().cloned(), |skus| {
        product::Entity::find()
            .select_only()
            .column(product::Column::Sku)
            .column(product::Column::Id)
            .filter(product::Column::TenantId.eq(tenant_id))
            .filter(product::Column::Sku.is_in(skus))
            .into_tuple()
            .all(db)
    })
    .await
}

/// Every product row of the tenant (parents and variants, active or not).
pub async fn all_products<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<product::Model>> {
    product::Entity::find()
        .filter(product::Column::TenantId.eq(tenant_id))
        .order_by_asc(product::Column::Name)
        .order_by_asc(product::Column::Sku)
        .all(db)
        .await
}

pub async fn insert_product<C: ConnectionTrait>(
    db: &C,
    model: product::ActiveModel,
) -> DbResult<product::Model> {
    model.insert(db).await
}

pub async fn insert_products<C: ConnectionTrait>(
    db: &C,
    models: Vec<product::ActiveModel>,
) -> DbResult<()> {
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let batch: Vec<_> = models.by_ref().take(BATCH).collect();
        product::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn update_product<C: ConnectionTrait>(
    db: &C,
    model: product::ActiveModel,
) -> DbResult<product::Model> {
    model.update(db).await
}

/// Renames every variant of a group along with its parent.
pub async fn rename_variants<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    parent_id: &str,
    name: &str,
) -> DbResult<()> {
    product::Entity::update_many()
        .col_expr(product::Column::Name, Expr::value(name))
        .col_expr(product::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::GroupId.eq(parent_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deactivates a product and, when it is a parent, all of its variants.
pub async fn deactivate_group<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<()> {
    product::Entity::update_many()
        .col_expr(product::Column::Active, Expr::value(false))
        .col_expr(product::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(
            Condition::any()
                .add(product::Column::Id.eq(id))
                .add(product::Column::GroupId.eq(id)),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Removes every barcode of the given products.
pub async fn clear_barcodes<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    product_ids: &[String],
) -> DbResult<()> {
    for chunk in product_ids.chunks(BATCH) {
        product_barcode::Entity::delete_many()
            .filter(product_barcode::Column::TenantId.eq(tenant_id))
            .filter(product_barcode::Column::ProductId.is_in(chunk.iter().cloned()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Inserts `(product_id, code)` barcodes in batches.
pub async fn insert_barcodes<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    rows: Vec<(String, String)>,
) -> DbResult<()> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<product_barcode::ActiveModel> = rows
            .by_ref()
            .take(BATCH)
            .map(|(product_id, code)| product_barcode::ActiveModel {
                id: Set(new_id()),
                tenant_id: Set(tenant_id.to_string()),
                product_id: Set(product_id),
                code: Set(code),
            })
            .collect();
        product_barcode::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- outlet prices

pub async fn outlet_prices_of_product<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    product_id: &str,
) -> DbResult<Vec<outlet_price::Model>> {
    outlet_price::Entity::find()
        .filter(outlet_price::Column::TenantId.eq(tenant_id))
        .filter(outlet_price::Column::ProductId.eq(product_id))
        .all(db)
        .await
}

/// `product_id → price` for one outlet.
pub async fn outlet_prices_of_outlet<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
) -> DbResult<HashMap<String, Sen>> {
    let rows: Vec<(String, Sen)> = outlet_price::Entity::find()
        .select_only()
        .column(outlet_price::Column::ProductId)
        .column(outlet_price::Column::PriceSen)
        .filter(outlet_price::Column::TenantId.eq(tenant_id))
        .filter(outlet_price::Column::OutletId.eq(outlet_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Sets an outlet's price for a product; returns the previous price, if any.
pub async fn set_outlet_price<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    price: Sen,
) -> DbResult<Option<Sen>> {
    let existing = outlet_price::Entity::find()
        .filter(outlet_price::Column::TenantId.eq(tenant_id))
        .filter(outlet_price::Column::OutletId.eq(outlet_id))
        .filter(outlet_price::Column::ProductId.eq(product_id))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let before = row.price_sen;
            let mut active: outlet_price::ActiveModel = row.into();
            active.price_sen = Set(price);
            active.update(db).await?;
            Ok(Some(before))
        }
        None => {
            outlet_price::ActiveModel {
                id: Set(new_id()),
                tenant_id: Set(tenant_id.to_string()),
                outlet_id: Set(outlet_id.to_string()),
                product_id: Set(product_id.to_string()),
                price_sen: Set(price),
            }
            .insert(db)
            .await?;
            Ok(None)
        }
    }
}

/// Removes an outlet's price override; returns the removed price, if there was one.
pub async fn clear_outlet_price<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
) -> DbResult<Option<Sen>> {
    let existing = outlet_price::Entity::find()
        .filter(outlet_price::Column::TenantId.eq(tenant_id))
        .filter(outlet_price::Column::OutletId.eq(outlet_id))
        .filter(outlet_price::Column::ProductId.eq(product_id))
        .one(db)
        .await?;
    let Some(row) = existing else {
        return Ok(None);
    };
    outlet_price::Entity::delete_by_id(row.id.clone())
        .exec(db)
        .await?;
    Ok(Some(row.price_sen))
}

// ---------------------------------------------------------------- till snapshot

/// The columns the till needs, for every active product of the tenant.
pub struct SnapshotRow {
    pub id: String,
    pub group_id: Option<String>,
    pub sku: String,
    pub name: String,
    pub variant: Option<String>,
    pub category_id: Option<String>,
    pub unit: String,
    pub price: Sen,
    pub tax: String,
    pub image_url: Option<String>,
}

type SnapshotTuple = (
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Sen,
    String,
    Option<String>,
);

pub async fn active_products_for_till<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<SnapshotRow>> {
    let rows: Vec<SnapshotTuple> = product::Entity::find()
        .select_only()
        .columns([
            product::Column::Id,
            product::Column::GroupId,
            product::Column::Sku,
            product::Column::Name,
            product::Column::Variant,
            product::Column::CategoryId,
            product::Column::Unit,
            product::Column::PriceSen,
            product::Column::Tax,
            product::Column::ImageUrl,
        ])
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::Active.eq(true))
        .order_by_asc(product::Column::Name)
        .order_by_asc(product::Column::Variant)
        .order_by_asc(product::Column::Sku)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, group_id, sku, name, variant, category_id, unit, price, tax, image_url)| {
                SnapshotRow {
                    id,
                    group_id,
                    sku,
                    name,
                    variant,
                    category_id,
                    unit,
                    price,
                    tax,
                    image_url,
                }
            },
        )
        .collect())
}
