//! The inventory module's JSON that the till reads: its offline catalogue.
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// One sellable row in the till's offline cache. Absent keys are empty, so a catalogue
/// cached by an older till still reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TillProduct {
    pub id: String,
    pub sku: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// (`category_name` in catalogues cached before the field was renamed.)
    #[serde(
        default,
        alias = "category_name",
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<String>,
    #[serde(default)]
    pub unit: String,
    /// The outlet's price when set, else the product price.
    pub price: String,
    #[serde(default)]
    pub tax: String,
    #[serde(default)]
    pub barcodes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// Set when every unit the outlet holds is in a batch past its expiry (the latest
    /// such date): the till refuses to sell it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_on: Option<String>,
}

impl TillProduct {
    /// What the till and the receipt call it: the name, then the variant.
    pub fn label(&self) -> String {
        match &self.variant {
            Some(v) if !v.is_empty() => format!("{} {v}", self.name),
            _ => self.name.clone(),
        }
    }

    /// The unit price; zero when the text is not a number (never sold as such: the
    /// server writes the price from a decimal column).
    pub fn price_amount(&self) -> Decimal {
        Decimal::from_str(&self.price).unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TillCatalogue {
    pub outlet_id: String,
    pub generated_at: String,
    pub count: usize,
    pub products: Vec<TillProduct>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductView {
    pub id: String,
    /// The parent product's id when this row is a variant.
    pub group_id: Option<String>,
    pub sku: String,
    pub name: String,
    /// Variant label, e.g. `L / Merah`.
    pub variant: Option<String>,
    pub category_id: Option<String>,
    pub category: Option<String>,
    /// `pcs`, `kg`, `gram`, `liter`, `ml`, `pack`, `box`, `lusin` or `karton`.
    pub unit: String,
    /// Decimal string.
    pub cost: String,
    /// Decimal string, whole rupiah.
    pub price: String,
    /// `ppn` or `none`.
    pub tax: String,
    pub active: bool,
    pub image_url: Option<String>,
    pub barcodes: Vec<String>,
    /// Receipts record its batch and expiry; sales take the soonest expiry first.
    #[serde(default)]
    pub tracks_batches: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutletPriceView {
    pub outlet_id: String,
    pub price: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDetail {
    #[serde(flatten)]
    pub product: ProductView,
    pub variants: Vec<ProductView>,
    pub outlet_prices: Vec<OutletPriceView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductPage {
    pub items: Vec<ProductView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockLevel {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub quantity: String,
    /// The product's unit (`pcs`, `kg`, `liter`).
    #[serde(default)]
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockMovementView {
    pub product_id: String,
    /// `sale`, `adjustment`, …
    pub kind: String,
    /// Signed: negative takes stock out.
    pub quantity: String,
    pub reference: Option<String>,
    pub reason: Option<String>,
    pub user_id: Option<String>,
    pub device_id: Option<String>,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// Spreadsheet row number; the header is row 1.
    pub row: usize,
    /// Column name.
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub created: usize,
    pub updated: usize,
}

/// The 422 of an import: the usual error, and every bad cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportFailure {
    pub error: super::ErrorDetail,
    pub rows: Vec<RowError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(variant: Option<&str>) -> TillProduct {
        TillProduct {
            id: "p".into(),
            sku: "S".into(),
            name: "Kaos".into(),
            variant: variant.map(str::to_string),
            group_id: None,
            category: None,
            unit: "pcs".into(),
            price: "12500".into(),
            tax: "ppn".into(),
            barcodes: vec![],
            image_url: None,
            expired_on: None,
        }
    }

    #[test]
    fn label_adds_the_variant() {
        assert_eq!(product(Some("Merah L")).label(), "Kaos Merah L");
        assert_eq!(product(Some("")).label(), "Kaos");
        assert_eq!(product(None).label(), "Kaos");
        assert_eq!(product(None).price_amount(), Decimal::from(12500));
    }

    #[test]
    fn an_older_cached_row_still_reads() {
        let p: TillProduct =
            serde_json::from_str(r#"{"id":"p","sku":"S","name":"Kaos","price":"1000"}"#)
                .expect("reads");
        assert_eq!(p.unit, "");
        assert!(p.barcodes.is_empty());
    }
}

/// One product's stock at a location valued at its moving average cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValuationRow {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub quantity: String,
    /// The outlet's moving average cost (the product's cost until goods were received).
    pub unit_cost: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockValuation {
    pub outlet_id: String,
    pub items: Vec<ValuationRow>,
    /// Products with stock (positive or negative) at the location.
    pub total: u64,
    /// Every product's value, not only this page's.
    pub total_value: String,
    pub limit: u64,
    pub offset: u64,
}

pub use crate::stock::{CountStatus, TransferStatus};

/// A new stock count of a location (the whole of it, or one category).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountInput {
    pub outlet_id: String,
    pub category_id: Option<String>,
    /// Counters do not see the expected quantity.
    #[serde(default)]
    pub blind: bool,
    pub note: Option<String>,
}

/// One counted product: `quantity` sets the count; with `add` it is added (a scan).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountEntry {
    pub product_id: Option<String>,
    /// A scanned barcode, in place of `product_id`.
    pub barcode: Option<String>,
    pub quantity: String,
    #[serde(default)]
    pub add: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountLineView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    /// On hand by the ledger when the count began; absent on a blind count until approved.
    pub expected: Option<String>,
    pub counted: Option<String>,
    /// Counted − expected, once counted (and shown).
    pub variance: Option<String>,
    /// The variance at cost.
    pub variance_value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountView {
    pub id: String,
    pub number: String,
    pub outlet_id: String,
    pub status: CountStatus,
    pub blind: bool,
    /// Sales after this time are not part of the count (the count freeze).
    pub frozen_at: String,
    pub note: Option<String>,
    pub lines_total: u64,
    pub lines_counted: u64,
    /// Of the approved count: every difference at cost.
    pub variance_value: Option<String>,
    /// A page of the lines.
    pub lines: Vec<CountLineView>,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveCountInput {
    /// Written on each difference's ledger movement.
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferLineInput {
    pub product_id: String,
    pub quantity: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferInput {
    pub from_outlet_id: String,
    pub to_outlet_id: String,
    pub note: Option<String>,
    pub lines: Vec<TransferLineInput>,
}

/// What was sent or received, per product; products left out send or receive nothing.
/// Absent lines: as requested (send) or as sent (receive).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferStepInput {
    pub lines: Option<Vec<TransferLineInput>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferLineView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub requested: String,
    pub sent: String,
    pub received: String,
    /// Sent and not received (lost or broken on the way), once received.
    pub difference: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferView {
    pub id: String,
    pub number: String,
    pub from_outlet_id: String,
    pub to_outlet_id: String,
    pub status: TransferStatus,
    pub note: Option<String>,
    pub requested_at: String,
    pub sent_at: Option<String>,
    pub received_at: Option<String>,
    pub lines: Vec<TransferLineView>,
}

/// Every movement of one product at one location, newest first, with the quantity on
/// hand after each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockCardRow {
    pub at: String,
    pub kind: String,
    pub quantity: String,
    pub balance: String,
    /// The average cost per unit when it moved (absent for rows recorded before costs
    /// were kept per movement).
    #[serde(default)]
    pub unit_cost: Option<String>,
    /// Quantity × that cost, rupiah to the sen.
    #[serde(default)]
    pub value: Option<String>,
    pub reference: Option<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockCard {
    pub product_id: String,
    pub outlet_id: String,
    pub on_hand: String,
    pub unit_cost: String,
    pub rows: Vec<StockCardRow>,
    pub limit: u64,
    pub offset: u64,
}

/// One batch of a product at a location.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchView {
    pub id: String,
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub batch_no: String,
    /// `YYYY-MM-DD`; absent: no expiry.
    pub expires_on: Option<String>,
    /// Days from today in the location's zone; negative once expired.
    pub days_left: Option<i64>,
    pub expired: bool,
    pub quantity: String,
    /// At the location's average cost.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchPage {
    pub items: Vec<BatchView>,
    /// The list holds batches expiring on or before this day.
    pub until: String,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductBatches {
    pub product_id: String,
    pub tracks_batches: bool,
    pub on_hand: String,
    /// On hand that no batch covers (counted or adjusted in without a batch).
    pub without_batch: String,
    pub batches: Vec<BatchView>,
}

/// One component of a bundle as the recipe lists it (`PUT /products/{id}/components`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentInput {
    pub product_id: String,
    /// Units of the component in one bundle, in its own unit (`"2"`, `"0.5"`).
    pub quantity: String,
}

/// A bundle's whole recipe; an empty list makes the product an ordinary one again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentsInput {
    pub components: Vec<ComponentInput>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    /// Units in one bundle.
    pub quantity: String,
}

/// A bundle product and what one of it is made of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BundleView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub components: Vec<ComponentView>,
}

/// `POST /assemblies`: build bundles from their components at a location, or take them
/// apart again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssemblyInput {
    pub outlet_id: String,
    /// The bundle product.
    pub product_id: String,
    /// Bundles built or taken apart.
    pub quantity: String,
    /// `build` or `take_apart`.
    pub direction: String,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssemblyPartView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    /// Units of the component that left (build) or came back (take apart).
    pub quantity: String,
    /// Their value at cost, rupiah.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssemblyView {
    pub id: String,
    pub number: String,
    pub outlet_id: String,
    pub product_id: String,
    pub sku: String,
    pub name: String,
    /// `build` or `take_apart`.
    pub direction: String,
    pub quantity: String,
    /// The value that moved between the bundles and their components, rupiah.
    pub value: String,
    pub note: Option<String>,
    pub user_id: String,
    pub created_at: String,
    /// Filled on the answer to `POST`; the list leaves it empty.
    pub parts: Vec<AssemblyPartView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssemblyPage {
    pub items: Vec<AssemblyView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}
