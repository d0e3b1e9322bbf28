//! Payables: supplier invoices with the three-way match as it stood when each was recorded,
//! the receipts each bills (a receipt is billed once), and payments. Money in sen and
//! quantities in thousandths (BIGINT); dates as `YYYY-MM-DD` text, which orders as dates.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SupplierInvoices {
    Table,
    Id,
    TenantId,
    SupplierId,
    OutletId,
    PoId,
    Number,
    InvoiceOn,
    DueOn,
    SubtotalSen,
    PpnSen,
    ExpectedPpnSen,
    TotalSen,
    PaidSen,
    Status,
    Matched,
    Note,
    CreatedBy,
    DeviceId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SupplierInvoiceLines {
    Table,
    Id,
    TenantId,
    InvoiceId,
    LineNo,
    ProductId,
    OrderedBaseMilli,
    OrderedSen,
    ReceivedBaseMilli,
    ReceivedSen,
    InvoicedBaseMilli,
    InvoicedSen,
    Mismatches,
}

#[derive(DeriveIden, Clone, Copy)]
enum SupplierInvoiceReceipts {
    Table,
    Id,
    TenantId,
    InvoiceId,
    ReceiptId,
}

#[derive(DeriveIden, Clone, Copy)]
enum SupplierPayments {
    Table,
    Id,
    TenantId,
    InvoiceId,
    SupplierId,
    AmountSen,
    PaidOn,
    Method,
    Reference,
    UserId,
    DeviceId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SupplierInvoices::Table)
                .col(string(SupplierInvoices::Id).primary_key())
                .col(string(SupplierInvoices::TenantId))
                .col(string(SupplierInvoices::SupplierId))
                .col(string(SupplierInvoices::OutletId))
                .col(string_null(SupplierInvoices::PoId))
                .col(string(SupplierInvoices::Number))
                .col(string(SupplierInvoices::InvoiceOn))
                .col(string(SupplierInvoices::DueOn))
                .col(big_integer(SupplierInvoices::SubtotalSen))
                .col(big_integer(SupplierInvoices::PpnSen))
                .col(big_integer(SupplierInvoices::ExpectedPpnSen))
                .col(big_integer(SupplierInvoices::TotalSen))
                .col(big_integer(SupplierInvoices::PaidSen).default(0))
                .col(string(SupplierInvoices::Status))
                .col(boolean(SupplierInvoices::Matched))
                .col(string_null(SupplierInvoices::Note))
                .col(string(SupplierInvoices::CreatedBy))
                .col(string_null(SupplierInvoices::DeviceId))
                .col(string(SupplierInvoices::CreatedAt))
                .col(string(SupplierInvoices::UpdatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_supplier_invoices_number",
            SupplierInvoices::Table,
            &[
                SupplierInvoices::TenantId,
                SupplierInvoices::SupplierId,
                SupplierInvoices::Number,
            ],
            true,
        )
        .await?;
        // The aging and the open list: what is still owed, by due date.
        index(
            m,
            "ix_supplier_invoices_owed",
            SupplierInvoices::Table,
            &[
                SupplierInvoices::TenantId,
                SupplierInvoices::Status,
                SupplierInvoices::DueOn,
            ],
            false,
        )
        .await?;
        index(
            m,
            "ix_supplier_invoices_supplier",
            SupplierInvoices::Table,
            &[
                SupplierInvoices::TenantId,
                SupplierInvoices::SupplierId,
                SupplierInvoices::InvoiceOn,
            ],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SupplierInvoiceLines::Table)
                .col(string(SupplierInvoiceLines::Id).primary_key())
                .col(string(SupplierInvoiceLines::TenantId))
                .col(string(SupplierInvoiceLines::InvoiceId))
                .col(integer(SupplierInvoiceLines::LineNo))
                .col(string(SupplierInvoiceLines::ProductId))
                .col(big_integer(SupplierInvoiceLines::OrderedBaseMilli))
                .col(big_integer(SupplierInvoiceLines::OrderedSen))
                .col(big_integer(SupplierInvoiceLines::ReceivedBaseMilli))
                .col(big_integer(SupplierInvoiceLines::ReceivedSen))
                .col(big_integer(SupplierInvoiceLines::InvoicedBaseMilli))
                .col(big_integer(SupplierInvoiceLines::InvoicedSen))
                .col(string(SupplierInvoiceLines::Mismatches))
                .foreign_key(
                    ForeignKey::create()
                        .from(SupplierInvoiceLines::Table, SupplierInvoiceLines::InvoiceId)
                        .to(SupplierInvoices::Table, SupplierInvoices::Id),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_supplier_invoice_lines_invoice",
            SupplierInvoiceLines::Table,
            &[
                SupplierInvoiceLines::InvoiceId,
                SupplierInvoiceLines::LineNo,
            ],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SupplierInvoiceReceipts::Table)
                .col(string(SupplierInvoiceReceipts::Id).primary_key())
                .col(string(SupplierInvoiceReceipts::TenantId))
                .col(string(SupplierInvoiceReceipts::InvoiceId))
                .col(string(SupplierInvoiceReceipts::ReceiptId))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            SupplierInvoiceReceipts::Table,
                            SupplierInvoiceReceipts::InvoiceId,
                        )
                        .to(SupplierInvoices::Table, SupplierInvoices::Id),
                )
                .to_owned(),
        )
        .await?;
        // A receipt is billed once: two invoices recorded at once for one delivery collide here.
        index(
            m,
            "ux_supplier_invoice_receipts_receipt",
            SupplierInvoiceReceipts::Table,
            &[
                SupplierInvoiceReceipts::TenantId,
                SupplierInvoiceReceipts::ReceiptId,
            ],
            true,
        )
        .await?;
        index(
            m,
            "ix_supplier_invoice_receipts_invoice",
            SupplierInvoiceReceipts::Table,
            &[SupplierInvoiceReceipts::InvoiceId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SupplierPayments::Table)
                .col(string(SupplierPayments::Id).primary_key())
                .col(string(SupplierPayments::TenantId))
                .col(string(SupplierPayments::InvoiceId))
                .col(string(SupplierPayments::SupplierId))
                .col(big_integer(SupplierPayments::AmountSen))
                .col(string(SupplierPayments::PaidOn))
                .col(string(SupplierPayments::Method))
                .col(string_null(SupplierPayments::Reference))
                .col(string(SupplierPayments::UserId))
                .col(string_null(SupplierPayments::DeviceId))
                .col(string(SupplierPayments::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(SupplierPayments::Table, SupplierPayments::InvoiceId)
                        .to(SupplierInvoices::Table, SupplierInvoices::Id),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_supplier_payments_supplier",
            SupplierPayments::Table,
            &[
                SupplierPayments::TenantId,
                SupplierPayments::SupplierId,
                SupplierPayments::PaidOn,
            ],
            false,
        )
        .await?;
        index(
            m,
            "ix_supplier_payments_invoice",
            SupplierPayments::Table,
            &[SupplierPayments::InvoiceId],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Alias::new("supplier_payments"),
            Alias::new("supplier_invoice_receipts"),
            Alias::new("supplier_invoice_lines"),
            Alias::new("supplier_invoices"),
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
