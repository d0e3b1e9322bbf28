//! Catalogue prices and costs as integers of sen (`domain::stored`), so the database can
//! add up stock value and margin: `products.cost`/`price` and `outlet_prices.price`
//! (decimal text) become `cost_sen`/`price_sen` (BIGINT), converted exactly.
use sea_orm_migration::prelude::*;

use crate::kernel::migration::{text_to_units, units_to_text, RowKey, ToUnits};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: &[(&str, RowKey, &[ToUnits])] = &[
    (
        "products",
        RowKey::Id,
        &[
            ToUnits::sen("cost", "cost_sen"),
            ToUnits::sen("price", "price_sen"),
        ],
    ),
    (
        "outlet_prices",
        RowKey::Id,
        &[ToUnits::sen("price", "price_sen")],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, key, columns) in TABLES {
            text_to_units(m, table, *key, columns).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, key, columns) in TABLES {
            units_to_text(m, table, *key, columns).await?;
        }
        Ok(())
    }
}
