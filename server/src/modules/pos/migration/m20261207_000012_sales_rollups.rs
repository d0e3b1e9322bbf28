//! Daily rollups of the till's sales (`repo::rollups`): per outlet and local day, by hour,
//! by product and by tender. Filled from the sales and refunds already stored, page by
//! page, in each outlet's zone; from then on every sale and refund adds to them in its own
//! transaction.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use sea_orm_migration::prelude::*;

use crate::modules::pos::entity::{
    refund, refund_line, refund_payment, sale, sale_line, sale_payment,
};
use crate::modules::pos::repo::rollups::{
    Deltas, HOURS, HOUR_COLUMNS, PRODUCTS, PRODUCT_COLUMNS, TENDERS, TENDER_COLUMNS,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Sales read per round trip while filling.
const PAGE: u64 = 2_000;

fn figure(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .not_null()
        .default(0)
        .to_owned()
}

fn key(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .string()
        .not_null()
        .to_owned()
}

/// A rollup table's shape: its name, its own key column, its figures, whether it has a
/// label (`name`).
pub(super) struct Shape {
    pub table: &'static str,
    pub dimension: fn() -> ColumnDef,
    pub figures: &'static [&'static str],
    pub label: bool,
}

fn hour_column() -> ColumnDef {
    ColumnDef::new(Alias::new("hour"))
        .integer()
        .not_null()
        .to_owned()
}

fn product_column() -> ColumnDef {
    key("product_id")
}

fn method_column() -> ColumnDef {
    key("method")
}

pub(super) const SHAPES: [Shape; 3] = [
    Shape {
        table: HOURS,
        dimension: hour_column,
        figures: &HOUR_COLUMNS,
        label: false,
    },
    Shape {
        table: PRODUCTS,
        dimension: product_column,
        figures: &PRODUCT_COLUMNS,
        label: true,
    },
    Shape {
        table: TENDERS,
        dimension: method_column,
        figures: &TENDER_COLUMNS,
        label: false,
    },
];

/// Creates `name` in `shape`, with the `slot` column in its key (what the code writes
/// since migration 000013) or without it (what this migration first created). The
/// primary key is named after the table and the shape, so a table rebuilt under another
/// name and renamed never clashes with it (PostgreSQL names constraints per schema).
pub(super) async fn create(
    m: &SchemaManager<'_>,
    name: &str,
    shape: &Shape,
    with_slot: bool,
) -> Result<(), DbErr> {
    let dimension = (shape.dimension)();
    let dim_name = dimension.get_column_name();
    let mut t = Table::create();
    t.table(Alias::new(name))
        .if_not_exists()
        .col(key("tenant_id"))
        .col(key("outlet_id"))
        .col(key("day"))
        .col(dimension);
    if shape.label {
        t.col(
            ColumnDef::new(Alias::new("name"))
                .string()
                .not_null()
                .default(""),
        );
    }
    for f in shape.figures {
        t.col(figure(f));
    }
    let mut pk = Index::create();
    pk.col(Alias::new("tenant_id"))
        .col(Alias::new("day"))
        .col(Alias::new("outlet_id"))
        .col(Alias::new(dim_name));
    if with_slot {
        t.col(figure("slot"));
        pk.col(Alias::new("slot"));
    }
    pk.name(format!(
        "pk_{}{}",
        shape.table,
        if with_slot { "_slot" } else { "" }
    ));
    t.primary_key(&mut pk);
    m.create_table(t.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Created as the code writes them today (with their slots), so the rows filled
        // below fit; a database that ran the first version is rebuilt by 000013.
        for shape in &SHAPES {
            create(m, shape.table, shape, true).await?;
        }
        fill(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [HOURS, PRODUCTS, TENDERS] {
            m.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

/// The rollups of everything stored so far (an empty table when the migration is run
/// again after a cut-short run: what it finds is replaced, not added to).
async fn fill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    for t in [HOURS, PRODUCTS, TENDERS] {
        db.execute_unprepared(&format!("DELETE FROM \"{t}\""))
            .await?;
    }
    // Only the columns this migration knew: the outlet entity grows after it (its
    // `kind` came in migration 22), and a run on an old database must not ask for those.
    use crate::platform::entity::outlet;
    let zones: HashMap<String, i64> = outlet::Entity::find()
        .select_only()
        .column(outlet::Column::Id)
        .column(outlet::Column::Timezone)
        .into_tuple::<(String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, timezone)| {
            let hours = crate::kernel::business_day::Zone::parse(&timezone).offset_hours();
            (id, hours)
        })
        .collect();
    let offset = |outlet: &str| zones.get(outlet).copied().unwrap_or(7);
    let mut last: Option<String> = None;
    loop {
        let mut q = sale::Entity::find()
            .order_by_asc(sale::Column::Id)
            .limit(PAGE);
        if let Some(id) = &last {
            q = q.filter(sale::Column::Id.gt(id.clone()));
        }
        let sales = q.all(db).await?;
        let Some(tail) = sales.last() else {
            break;
        };
        last = Some(tail.id.clone());
        let ids: Vec<String> = sales.iter().map(|s| s.id.clone()).collect();
        let mut lines: HashMap<String, Vec<sale_line::Model>> = HashMap::new();
        for l in sale_line::Entity::find()
            .filter(sale_line::Column::SaleId.is_in(ids.clone()))
            .all(db)
            .await?
        {
            lines.entry(l.sale_id.clone()).or_default().push(l);
        }
        let mut payments: HashMap<String, Vec<sale_payment::Model>> = HashMap::new();
        for p in sale_payment::Entity::find()
            .filter(sale_payment::Column::SaleId.is_in(ids))
            .all(db)
            .await?
        {
            payments.entry(p.sale_id.clone()).or_default().push(p);
        }
        let mut d = Deltas::default();
        for s in &sales {
            d.add_sale(
                offset(&s.outlet_id),
                s,
                lines.get(&s.id).map(Vec::as_slice).unwrap_or_default(),
                payments.get(&s.id).map(Vec::as_slice).unwrap_or_default(),
            );
        }
        d.write(db).await?;
    }
    // Refunds are few beside sales: each with its sale's lines and figures.
    for r in refund::Entity::find().all(db).await? {
        let rl = refund_line::Entity::find()
            .filter(refund_line::Column::TenantId.eq(r.tenant_id.clone()))
            .filter(refund_line::Column::RefundId.eq(r.id.clone()))
            .all(db)
            .await?;
        let rp = refund_payment::Entity::find()
            .filter(refund_payment::Column::TenantId.eq(r.tenant_id.clone()))
            .filter(refund_payment::Column::RefundId.eq(r.id.clone()))
            .all(db)
            .await?;
        let Some(s) = sale::Entity::find_by_id(r.sale_id.clone()).one(db).await? else {
            continue;
        };
        let sold = sale_line::Entity::find()
            .filter(sale_line::Column::SaleId.eq(s.id.clone()))
            .all(db)
            .await?;
        let share = crate::modules::pos::api::reports::tax_share_sen(
            r.total_sen.0,
            s.tax_total_sen.0,
            s.grand_total_sen.0,
        );
        let mut d = Deltas::default();
        d.add_refund(offset(&r.outlet_id), &r, &rl, &rp, share, &sold);
        d.write(db).await?;
    }
    Ok(())
}
