//! The owner's dashboard (`GET /api/v1/dashboard`): the sales figures of a period against a
//! comparison period, the charts' series, and the tiles each package adds. Money is a
//! decimal string, like everywhere in the API.
use serde::{Deserialize, Serialize};

use super::pos::Bucket;

/// The headline figures of a period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Kpis {
    /// Sales' grand totals (tax, service and rounding included).
    pub omzet_gross: String,
    /// `omzet_gross` less refunds made in the period.
    pub omzet_net: String,
    pub transactions: u64,
    /// `omzet_gross` ÷ transactions, to the rupiah.
    pub average_basket: String,
    /// Units sold ÷ transactions, two decimals.
    pub items_per_basket: String,
    /// Sales less tax less the cost stored with each line, over the lines whose cost is
    /// known; `None` when no line sold had a cost.
    pub gross_margin: Option<String>,
    /// Share of the lines' sales whose cost is known (percent, two decimals).
    pub margin_coverage_percent: String,
    pub discounts: String,
    pub refunds: String,
    /// PPN/PBJT on the sales, less its share of the refunds.
    pub tax: String,
}

/// One day of the chart: the period's day and the comparison period's matching day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayPoint {
    /// `YYYY-MM-DD` in the outlets' zone.
    pub date: String,
    pub omzet: String,
    pub transactions: u64,
    /// The comparison period's day at the same offset from its start.
    pub compare_date: String,
    pub compare_omzet: String,
}

/// Sales in one hour of one weekday (in the outlets' zone) over the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeatCell {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub hour: u8,
    pub transactions: u64,
    pub omzet: String,
}

/// A product with stock on hand and no sale in the 30 days before the period's end.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadStock {
    pub product_id: String,
    pub name: String,
    pub unit: String,
    pub quantity: String,
    /// Quantity × the product's cost.
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Series {
    pub by_day: Vec<DayPoint>,
    pub by_hour: Vec<HeatCell>,
    pub by_outlet: Vec<Bucket>,
    pub by_category: Vec<Bucket>,
    /// What each tender brought in (cash net of change), less refunds.
    pub by_tender: Vec<Bucket>,
    /// Best sellers by amount, at most 10.
    pub top_products: Vec<Bucket>,
    /// The period's weakest sellers by amount (of those sold), at most 10.
    pub bottom_products: Vec<Bucket>,
    pub dead_stock: Vec<DeadStock>,
}

/// How a tile's value reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TileKind {
    Money,
    Count,
    Percent,
}

/// A label in both languages, as the package that adds a tile words it (the app needs no
/// table of every package's tile words).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Label {
    pub id: String,
    pub en: String,
}

impl Label {
    pub fn new(id: &str, en: &str) -> Label {
        Label {
            id: id.to_string(),
            en: en.to_string(),
        }
    }

    /// A name that is the same in both languages (a savings product's).
    pub fn name(name: &str) -> Label {
        Label::new(name, name)
    }
}

/// A figure a package adds to the dashboard (the koperasi's members, loans, PAR…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tile {
    /// The package that adds it (`koperasi`).
    pub package: String,
    /// Its name among the package's tiles (`members`).
    pub key: String,
    pub label: Label,
    pub kind: TileKind,
    pub value: String,
    /// Figures under the value (`PAR 1`, `PAR 90`); may be empty.
    #[serde(default)]
    pub detail: Vec<TileDetail>,
    /// The page that explains it.
    pub link: Option<String>,
}

/// A labelled figure under a tile's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TileDetail {
    pub label: Label,
    pub kind: TileKind,
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardView {
    /// The period, `YYYY-MM-DD` inclusive, in the outlets' zone.
    pub from: String,
    pub to: String,
    /// `previous` (the same length just before) or `last_year`.
    pub compare_mode: String,
    pub compare_from: String,
    pub compare_to: String,
    pub timezone: String,
    /// The outlets the figures cover (the caller's, narrowed by the filter).
    pub outlet_ids: Vec<String>,
    /// The sales figures (when the tenant sells through the till).
    pub kpis: Option<Kpis>,
    pub compare: Option<Kpis>,
    pub series: Option<Series>,
    pub tiles: Vec<Tile>,
}

/// One day of the platform's sales across every tenant (counts and sums only).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlatformDay {
    /// `YYYY-MM-DD`, each outlet's own local day.
    pub date: String,
    /// Tenants that sold anything that day.
    pub tenants: u64,
    pub transactions: u64,
    /// Sales' grand totals, every tenant together.
    pub omzet: String,
}

/// A count under a name (`retail` → 12 outlets, `pro` → 3 tenants).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    pub key: String,
    pub count: u64,
}

/// The superadmin's platform dashboard (`GET /api/v1/platform/dashboard`): how much the
/// platform is used, as counts and sums across tenants — never one tenant's details.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlatformDashboard {
    pub tenants: u64,
    pub tenants_by_plan: Vec<Count>,
    /// Outlets that are not archived, per industry code.
    pub outlets_by_industry: Vec<Count>,
    /// Registered tills (devices) that recorded a sale in the last 24 hours.
    pub active_tills_24h: u64,
    /// The last `days` days, oldest first, every day present.
    pub by_day: Vec<PlatformDay>,
    /// Figures packages add (the koperasi's members across tenants…).
    pub tiles: Vec<Tile>,
}
