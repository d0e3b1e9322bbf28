//! Returns to supplier: goods sent back to a supplier from an outlet, against one of its
//! receipts or not, each line at the outlet's average cost when it left. Stock leaves
//! through the ledger (`purchase_return`); these rows keep what, why and for how much.
//! Money in sen and quantities in thousandths (BIGINT), so the database sums them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PurchaseReturns {
    Table,
    Id,
    TenantId,
    Number,
    SupplierId,
    OutletId,
    PoId,
    ReceiptId,
    Reason,
    ValueSen,
    UserId,
    DeviceId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PurchaseReturnLines {
    Table,
    Id,
    TenantId,
    ReturnId,
    ProductId,
    QuantityBaseMilli,
    ValueSen,
    BatchNo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PurchaseReturns::Table)
                .col(string(PurchaseReturns::Id).primary_key())
                .col(string(PurchaseReturns::TenantId))
                .col(string(PurchaseReturns::Number))
                .col(string(PurchaseReturns::SupplierId))
                .col(string(PurchaseReturns::OutletId))
                .col(string_null(PurchaseReturns::PoId))
                .col(string_null(PurchaseReturns::ReceiptId))
                .col(text(PurchaseReturns::Reason))
                .col(big_integer(PurchaseReturns::ValueSen))
                .col(string(PurchaseReturns::UserId))
                .col(string_null(PurchaseReturns::DeviceId))
                .col(string(PurchaseReturns::CreatedAt))
                .to_owned(),
        )
        .await?;
        // Two returns numbered at the same instant: the second is refused and sent again.
        index(
            m,
            "ux_purchase_returns_number",
            PurchaseReturns::Table,
            &[PurchaseReturns::TenantId, PurchaseReturns::Number],
            true,
        )
        .await?;
        // A supplier's returns, newest first.
        index(
            m,
            "ix_purchase_returns_supplier",
            PurchaseReturns::Table,
            &[
                PurchaseReturns::TenantId,
                PurchaseReturns::SupplierId,
                PurchaseReturns::CreatedAt,
            ],
            false,
        )
        .await?;
        // What earlier returns took back from one receipt.
        index(
            m,
            "ix_purchase_returns_receipt",
            PurchaseReturns::Table,
            &[PurchaseReturns::TenantId, PurchaseReturns::ReceiptId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PurchaseReturnLines::Table)
                .col(string(PurchaseReturnLines::Id).primary_key())
                .col(string(PurchaseReturnLines::TenantId))
                .col(string(PurchaseReturnLines::ReturnId))
                .col(string(PurchaseReturnLines::ProductId))
                .col(big_integer(PurchaseReturnLines::QuantityBaseMilli))
                .col(big_integer(PurchaseReturnLines::ValueSen))
                .col(string_null(PurchaseReturnLines::BatchNo))
                .foreign_key(
                    ForeignKey::create()
                        .from(PurchaseReturnLines::Table, PurchaseReturnLines::ReturnId)
                        .to(PurchaseReturns::Table, PurchaseReturns::Id),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_purchase_return_lines_return",
            PurchaseReturnLines::Table,
            &[PurchaseReturnLines::ReturnId],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Alias::new("purchase_return_lines"),
            Alias::new("purchase_returns"),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

async fn index<T: Iden + 'static, C: Iden + Clone + 'static>(
    m: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
    unique: bool,
) -> Result<(), DbErr> {
    let mut idx = Index::create();
    idx.name(name).table(table);
    if unique {
        idx.unique();
    }
    for c in cols {
        idx.col(c.clone());
    }
    m.create_index(idx.to_owned()).await
}
