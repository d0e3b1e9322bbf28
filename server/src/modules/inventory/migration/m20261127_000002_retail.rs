//! Retail: catalogue, customers, sales and the stock ledger. Money and quantities are
//! exact decimal strings (SQLite has no exact decimal type); stock movements also carry the
//! quantity in thousandths as an integer so stock levels can be summed in SQL.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Outlets::Table)
                .add_column(text(Outlets::Settings).default("{}"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Categories::Table)
                .col(string(Categories::Id).primary_key())
                .col(string(Categories::TenantId))
                .col(string(Categories::Name))
                .col(timestamp_with_time_zone(Categories::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_categories_tenant_name")
                .table(Categories::Table)
                .col(Categories::TenantId)
                .col(Categories::Name)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Products::Table)
                .col(string(Products::Id).primary_key())
                .col(string(Products::TenantId))
                .col(string_null(Products::GroupId))
                .col(string(Products::Sku))
                .col(string(Products::Name))
                .col(string_null(Products::Variant))
                .col(string_null(Products::CategoryId))
                .col(string(Products::Unit))
                .col(string(Products::Cost))
                .col(string(Products::Price))
                .col(string(Products::Tax))
                .col(boolean(Products::Active).default(true))
                .col(string_null(Products::ImageUrl))
                .col(timestamp_with_time_zone(Products::CreatedAt))
                .col(timestamp_with_time_zone(Products::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_products_tenant_sku")
                .table(Products::Table)
                .col(Products::TenantId)
                .col(Products::Sku)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ProductBarcodes::Table)
                .col(string(ProductBarcodes::Id).primary_key())
                .col(string(ProductBarcodes::TenantId))
                .col(string(ProductBarcodes::ProductId))
                .col(string(ProductBarcodes::Code))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProductBarcodes::Table, ProductBarcodes::ProductId)
                        .to(Products::Table, Products::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_barcodes_tenant_code")
                .table(ProductBarcodes::Table)
                .col(ProductBarcodes::TenantId)
                .col(ProductBarcodes::Code)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OutletPrices::Table)
                .col(string(OutletPrices::Id).primary_key())
                .col(string(OutletPrices::TenantId))
                .col(string(OutletPrices::OutletId))
                .col(string(OutletPrices::ProductId))
                .col(string(OutletPrices::Price))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_outlet_prices")
                .table(OutletPrices::Table)
                .col(OutletPrices::OutletId)
                .col(OutletPrices::ProductId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Customers::Table)
                .col(string(Customers::Id).primary_key())
                .col(string(Customers::TenantId))
                .col(string(Customers::Name))
                .col(string_null(Customers::Phone))
                .col(string_null(Customers::MemberUserId))
                .col(timestamp_with_time_zone(Customers::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_customers_tenant_phone")
                .table(Customers::Table)
                .col(Customers::TenantId)
                .col(Customers::Phone)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sales::Table)
                .col(string(Sales::Id).primary_key())
                .col(string(Sales::TenantId))
                .col(string(Sales::OutletId))
                .col(string_null(Sales::DeviceId))
                .col(string(Sales::CashierId))
                .col(string(Sales::ClientSaleId))
                .col(string(Sales::ReceiptNo))
                .col(string_null(Sales::CustomerId))
                .col(string(Sales::Subtotal))
                .col(string(Sales::DiscountTotal))
                .col(string(Sales::ServiceCharge))
                .col(string(Sales::TaxTotal))
                .col(string(Sales::Rounding))
                .col(string(Sales::GrandTotal))
                .col(string(Sales::PaidTotal))
                .col(string(Sales::ChangeDue))
                .col(string(Sales::Status))
                .col(text_null(Sales::Flags))
                .col(string(Sales::SoldAt))
                .col(timestamp_with_time_zone(Sales::ReceivedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sales::Table, Sales::OutletId)
                        .to(Outlets::Table, Outlets::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_sales_client_id")
                .table(Sales::Table)
                .col(Sales::TenantId)
                .col(Sales::ClientSaleId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_sales_receipt_no")
                .table(Sales::Table)
                .col(Sales::TenantId)
                .col(Sales::ReceiptNo)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sales_outlet_time")
                .table(Sales::Table)
                .col(Sales::TenantId)
                .col(Sales::OutletId)
                .col(Sales::SoldAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SaleLines::Table)
                .col(string(SaleLines::Id).primary_key())
                .col(string(SaleLines::TenantId))
                .col(string(SaleLines::SaleId))
                .col(integer(SaleLines::LineNo))
                .col(string(SaleLines::ProductId))
                .col(string(SaleLines::Name))
                .col(string(SaleLines::Quantity))
                .col(string(SaleLines::UnitPrice))
                .col(string(SaleLines::Discount))
                .col(string(SaleLines::Net))
                .foreign_key(
                    ForeignKey::create()
                        .from(SaleLines::Table, SaleLines::SaleId)
                        .to(Sales::Table, Sales::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sale_lines_sale")
                .table(SaleLines::Table)
                .col(SaleLines::SaleId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SalePayments::Table)
                .col(string(SalePayments::Id).primary_key())
                .col(string(SalePayments::TenantId))
                .col(string(SalePayments::SaleId))
                .col(string(SalePayments::Method))
                .col(string(SalePayments::Amount))
                .col(string_null(SalePayments::Reference))
                .foreign_key(
                    ForeignKey::create()
                        .from(SalePayments::Table, SalePayments::SaleId)
                        .to(Sales::Table, Sales::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sale_payments_sale")
                .table(SalePayments::Table)
                .col(SalePayments::SaleId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(StockMovements::Table)
                .col(string(StockMovements::Id).primary_key())
                .col(string(StockMovements::TenantId))
                .col(string(StockMovements::OutletId))
                .col(string(StockMovements::ProductId))
                .col(string(StockMovements::Kind))
                .col(string(StockMovements::Quantity))
                .col(big_integer(StockMovements::QuantityMilli))
                .col(string_null(StockMovements::Reference))
                .col(string_null(StockMovements::Reason))
                .col(string_null(StockMovements::UserId))
                .col(string_null(StockMovements::DeviceId))
                .col(string(StockMovements::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_stock_outlet_product")
                .table(StockMovements::Table)
                .col(StockMovements::TenantId)
                .col(StockMovements::OutletId)
                .col(StockMovements::ProductId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            StockMovements::Table.into_iden(),
            SalePayments::Table.into_iden(),
            SaleLines::Table.into_iden(),
            Sales::Table.into_iden(),
            Customers::Table.into_iden(),
            OutletPrices::Table.into_iden(),
            ProductBarcodes::Table.into_iden(),
            Products::Table.into_iden(),
            Categories::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Outlets::Table)
                .drop_column(Outlets::Settings)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Outlets {
    Table,
    Id,
    Settings,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    TenantId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    TenantId,
    GroupId,
    Sku,
    Name,
    Variant,
    CategoryId,
    Unit,
    Cost,
    Price,
    Tax,
    Active,
    ImageUrl,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProductBarcodes {
    Table,
    Id,
    TenantId,
    ProductId,
    Code,
}

#[derive(DeriveIden)]
enum OutletPrices {
    Table,
    Id,
    TenantId,
    OutletId,
    ProductId,
    Price,
}

#[derive(DeriveIden)]
enum Customers {
    Table,
    Id,
    TenantId,
    Name,
    Phone,
    MemberUserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sales {
    Table,
    Id,
    TenantId,
    OutletId,
    DeviceId,
    CashierId,
    ClientSaleId,
    ReceiptNo,
    CustomerId,
    Subtotal,
    DiscountTotal,
    ServiceCharge,
    TaxTotal,
    Rounding,
    GrandTotal,
    PaidTotal,
    ChangeDue,
    Status,
    Flags,
    SoldAt,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum SaleLines {
    Table,
    Id,
    TenantId,
    SaleId,
    LineNo,
    ProductId,
    Name,
    Quantity,
    UnitPrice,
    Discount,
    Net,
}

#[derive(DeriveIden)]
enum SalePayments {
    Table,
    Id,
    TenantId,
    SaleId,
    Method,
    Amount,
    Reference,
}

#[derive(DeriveIden)]
enum StockMovements {
    Table,
    Id,
    TenantId,
    OutletId,
    ProductId,
    Kind,
    Quantity,
    QuantityMilli,
    Reference,
    Reason,
    UserId,
    DeviceId,
    At,
}
