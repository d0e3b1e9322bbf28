//! The till's money as integers of sen and its quantities as thousandths
//! (`domain::stored`), so reports and the dashboard add them up in SQL instead of loading
//! every row: each decimal text column of sales, lines, payments, refunds, shifts, cash
//! movements and voids becomes a `…_sen` / `…_milli` BIGINT, converted exactly. Sale lines
//! gain `cost_sen`, the product's cost when it was sold (unknown, NULL, for older sales),
//! and sales and refunds an index by tenant and time for reports over every outlet.
use sea_orm_migration::prelude::*;

use crate::kernel::migration::{text_to_units, units_to_text, RowKey, ToUnits};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: &[(&str, RowKey, &[ToUnits])] = &[
    (
        "sales",
        RowKey::Id,
        &[
            ToUnits::sen("subtotal", "subtotal_sen"),
            ToUnits::sen("discount_total", "discount_total_sen"),
            ToUnits::sen("service_charge", "service_charge_sen"),
            ToUnits::sen("tax_total", "tax_total_sen"),
            ToUnits::sen("rounding", "rounding_sen"),
            ToUnits::sen("grand_total", "grand_total_sen"),
            ToUnits::sen("paid_total", "paid_total_sen"),
            ToUnits::sen("change_due", "change_due_sen"),
        ],
    ),
    (
        "sale_lines",
        RowKey::Id,
        &[
            ToUnits::milli("quantity", "quantity_milli"),
            ToUnits::sen("unit_price", "unit_price_sen"),
            ToUnits::sen("discount", "discount_sen"),
            ToUnits::sen("net", "net_sen"),
        ],
    ),
    (
        "sale_payments",
        RowKey::Id,
        &[ToUnits::sen("amount", "amount_sen")],
    ),
    (
        "refunds",
        RowKey::TenantAndId,
        &[ToUnits::sen("total", "total_sen")],
    ),
    (
        "refund_lines",
        RowKey::Id,
        &[
            ToUnits::milli("quantity", "quantity_milli"),
            ToUnits::sen("amount", "amount_sen"),
        ],
    ),
    (
        "refund_payments",
        RowKey::Id,
        &[ToUnits::sen("amount", "amount_sen")],
    ),
    (
        "cash_movements",
        RowKey::TenantAndId,
        &[ToUnits::sen("amount", "amount_sen")],
    ),
    (
        "shifts",
        RowKey::TenantAndId,
        &[
            ToUnits::sen("opening_float", "opening_float_sen"),
            ToUnits::sen_or_null("counted_cash", "counted_cash_sen"),
            ToUnits::sen_or_null("expected_cash", "expected_cash_sen"),
            ToUnits::sen_or_null("difference", "difference_sen"),
        ],
    ),
    (
        "till_voids",
        RowKey::TenantAndId,
        &[ToUnits::sen("amount", "amount_sen")],
    ),
];

const INDEXES: [(&str, &str, &str); 2] = [
    ("ix_sales_tenant_time", "sales", "sold_at"),
    ("ix_refunds_tenant_time", "refunds", "refunded_at"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, key, columns) in TABLES {
            text_to_units(m, table, *key, columns).await?;
        }
        if !m.has_column("sale_lines", "cost_sen").await? {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("sale_lines"))
                    .add_column(ColumnDef::new(Alias::new("cost_sen")).big_integer().null())
                    .to_owned(),
            )
            .await?;
        }
        // A report over all of a tenant's outlets reads its period through these.
        for (name, table, time) in INDEXES {
            m.create_index(
                Index::create()
                    .if_not_exists()
                    .name(name)
                    .table(Alias::new(table))
                    .col(Alias::new("tenant_id"))
                    .col(Alias::new(time))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(
                Index::drop()
                    .if_exists()
                    .name(name)
                    .table(Alias::new(table))
                    .to_owned(),
            )
            .await?;
        }
        if m.has_column("sale_lines", "cost_sen").await? {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("sale_lines"))
                    .drop_column(Alias::new("cost_sen"))
                    .to_owned(),
            )
            .await?;
        }
        for (table, key, columns) in TABLES {
            units_to_text(m, table, *key, columns).await?;
        }
        Ok(())
    }
}
