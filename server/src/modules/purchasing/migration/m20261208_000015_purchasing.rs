//! Purchasing: suppliers (and the users who sign in for them), what each supplies, purchase
//! orders and their lines, goods receipts with batches. Money in sen and quantities in thousandths (BIGINT), so the database sums them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Suppliers {
    Table,
    Id,
    TenantId,
    Name,
    ContactName,
    Phone,
    Address,
    Npwp,
    Pkp,
    PaymentTerms,
    BankAccount,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SupplierUsers {
    Table,
    UserId,
    TenantId,
    SupplierId,
}

#[derive(DeriveIden)]
enum SupplierProducts {
    Table,
    Id,
    TenantId,
    SupplierId,
    ProductId,
    SupplierCode,
    PurchaseUnit,
    PerBaseMilli,
    LastPriceSen,
}

#[derive(DeriveIden)]
enum PurchaseOrders {
    Table,
    Id,
    TenantId,
    Number,
    SupplierId,
    OutletId,
    Status,
    ExpectedOn,
    SupplierPkp,
    SubtotalSen,
    PpnSen,
    TotalSen,
    Note,
    CreatedBy,
    CreatedAt,
    SentAt,
    ApprovedBy,
    ConfirmedAt,
    DeliveryOn,
    SupplierNote,
    ShippedAt,
    DeliveryNote,
    ClosedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PurchaseOrderLines {
    Table,
    Id,
    TenantId,
    PoId,
    LineNo,
    ProductId,
    PurchaseUnit,
    PerBaseMilli,
    QuantityMilli,
    UnitPriceSen,
    DiscountSen,
    NetSen,
    OrderedBaseMilli,
    ReceivedBaseMilli,
}

#[derive(DeriveIden)]
enum GoodsReceipts {
    Table,
    Id,
    TenantId,
    Number,
    PoId,
    SupplierId,
    OutletId,
    ValueSen,
    Note,
    UserId,
    DeviceId,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum GoodsReceiptLines {
    Table,
    Id,
    TenantId,
    ReceiptId,
    PoLineId,
    ProductId,
    QuantityBaseMilli,
    ValueSen,
    BatchNo,
    ExpiresOn,
    Flag,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Suppliers::Table)
                .col(string(Suppliers::Id).primary_key())
                .col(string(Suppliers::TenantId))
                .col(string(Suppliers::Name))
                .col(string_null(Suppliers::ContactName))
                .col(string_null(Suppliers::Phone))
                .col(string_null(Suppliers::Address))
                .col(string_null(Suppliers::Npwp))
                .col(boolean(Suppliers::Pkp).default(false))
                .col(string(Suppliers::PaymentTerms))
                .col(string_null(Suppliers::BankAccount))
                .col(boolean(Suppliers::Active).default(true))
                .col(timestamp_with_time_zone(Suppliers::CreatedAt))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "ux_suppliers_tenant_name",
            Suppliers::Table,
            [Suppliers::TenantId, Suppliers::Name],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SupplierUsers::Table)
                .col(string(SupplierUsers::UserId).primary_key())
                .col(string(SupplierUsers::TenantId))
                .col(string(SupplierUsers::SupplierId))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SupplierProducts::Table)
                .col(string(SupplierProducts::Id).primary_key())
                .col(string(SupplierProducts::TenantId))
                .col(string(SupplierProducts::SupplierId))
                .col(string(SupplierProducts::ProductId))
                .col(string_null(SupplierProducts::SupplierCode))
                .col(string(SupplierProducts::PurchaseUnit))
                .col(big_integer(SupplierProducts::PerBaseMilli))
                .col(big_integer_null(SupplierProducts::LastPriceSen))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "ux_supplier_products",
            SupplierProducts::Table,
            [
                SupplierProducts::TenantId,
                SupplierProducts::SupplierId,
                SupplierProducts::ProductId,
            ],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PurchaseOrders::Table)
                .col(string(PurchaseOrders::Id).primary_key())
                .col(string(PurchaseOrders::TenantId))
                .col(string(PurchaseOrders::Number))
                .col(string(PurchaseOrders::SupplierId))
                .col(string(PurchaseOrders::OutletId))
                .col(string(PurchaseOrders::Status))
                .col(string_null(PurchaseOrders::ExpectedOn))
                .col(boolean(PurchaseOrders::SupplierPkp).default(false))
                .col(big_integer(PurchaseOrders::SubtotalSen))
                .col(big_integer(PurchaseOrders::PpnSen))
                .col(big_integer(PurchaseOrders::TotalSen))
                .col(string_null(PurchaseOrders::Note))
                .col(string(PurchaseOrders::CreatedBy))
                .col(string(PurchaseOrders::CreatedAt))
                .col(string_null(PurchaseOrders::SentAt))
                .col(string_null(PurchaseOrders::ApprovedBy))
                .col(string_null(PurchaseOrders::ConfirmedAt))
                .col(string_null(PurchaseOrders::DeliveryOn))
                .col(string_null(PurchaseOrders::SupplierNote))
                .col(string_null(PurchaseOrders::ShippedAt))
                .col(string_null(PurchaseOrders::DeliveryNote))
                .col(string_null(PurchaseOrders::ClosedAt))
                .col(string(PurchaseOrders::UpdatedAt))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "ux_purchase_orders_number",
            PurchaseOrders::Table,
            [PurchaseOrders::TenantId, PurchaseOrders::Number],
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_purchase_orders_supplier")
                .table(PurchaseOrders::Table)
                .col(PurchaseOrders::TenantId)
                .col(PurchaseOrders::SupplierId)
                .col(PurchaseOrders::CreatedAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PurchaseOrderLines::Table)
                .col(string(PurchaseOrderLines::Id).primary_key())
                .col(string(PurchaseOrderLines::TenantId))
                .col(string(PurchaseOrderLines::PoId))
                .col(integer(PurchaseOrderLines::LineNo))
                .col(string(PurchaseOrderLines::ProductId))
                .col(string(PurchaseOrderLines::PurchaseUnit))
                .col(big_integer(PurchaseOrderLines::PerBaseMilli))
                .col(big_integer(PurchaseOrderLines::QuantityMilli))
                .col(big_integer(PurchaseOrderLines::UnitPriceSen))
                .col(big_integer(PurchaseOrderLines::DiscountSen))
                .col(big_integer(PurchaseOrderLines::NetSen))
                .col(big_integer(PurchaseOrderLines::OrderedBaseMilli))
                .col(big_integer(PurchaseOrderLines::ReceivedBaseMilli).default(0))
                .foreign_key(
                    ForeignKey::create()
                        .from(PurchaseOrderLines::Table, PurchaseOrderLines::PoId)
                        .to(PurchaseOrders::Table, PurchaseOrders::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_purchase_order_lines_po")
                .table(PurchaseOrderLines::Table)
                .col(PurchaseOrderLines::PoId)
                .col(PurchaseOrderLines::LineNo)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(GoodsReceipts::Table)
                .col(string(GoodsReceipts::Id).primary_key())
                .col(string(GoodsReceipts::TenantId))
                .col(string(GoodsReceipts::Number))
                .col(string_null(GoodsReceipts::PoId))
                .col(string_null(GoodsReceipts::SupplierId))
                .col(string(GoodsReceipts::OutletId))
                .col(big_integer(GoodsReceipts::ValueSen))
                .col(string_null(GoodsReceipts::Note))
                .col(string(GoodsReceipts::UserId))
                .col(string_null(GoodsReceipts::DeviceId))
                .col(string(GoodsReceipts::ReceivedAt))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "ux_goods_receipts_number",
            GoodsReceipts::Table,
            [GoodsReceipts::TenantId, GoodsReceipts::Number],
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_goods_receipts_po")
                .table(GoodsReceipts::Table)
                .col(GoodsReceipts::TenantId)
                .col(GoodsReceipts::PoId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(GoodsReceiptLines::Table)
                .col(string(GoodsReceiptLines::Id).primary_key())
                .col(string(GoodsReceiptLines::TenantId))
                .col(string(GoodsReceiptLines::ReceiptId))
                .col(string_null(GoodsReceiptLines::PoLineId))
                .col(string(GoodsReceiptLines::ProductId))
                .col(big_integer(GoodsReceiptLines::QuantityBaseMilli))
                .col(big_integer(GoodsReceiptLines::ValueSen))
                .col(string_null(GoodsReceiptLines::BatchNo))
                .col(string_null(GoodsReceiptLines::ExpiresOn))
                .col(string_null(GoodsReceiptLines::Flag))
                .foreign_key(
                    ForeignKey::create()
                        .from(GoodsReceiptLines::Table, GoodsReceiptLines::ReceiptId)
                        .to(GoodsReceipts::Table, GoodsReceipts::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_goods_receipt_lines_receipt")
                .table(GoodsReceiptLines::Table)
                .col(GoodsReceiptLines::ReceiptId)
                .to_owned(),
        )
        .await?;

        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Alias::new("goods_receipt_lines"),
            Alias::new("goods_receipts"),
            Alias::new("purchase_order_lines"),
            Alias::new("purchase_orders"),
            Alias::new("supplier_products"),
            Alias::new("supplier_users"),
            Alias::new("suppliers"),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

async fn unique<T: Iden + 'static, C: Iden + 'static, const N: usize>(
    m: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: [C; N],
) -> Result<(), DbErr> {
    let mut idx = Index::create();
    idx.name(name).table(table).unique();
    for c in cols {
        idx.col(c);
    }
    m.create_index(idx.to_owned()).await
}
