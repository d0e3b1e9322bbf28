//! Sales from the till. The till prices a sale offline with the `domain` crate; the server
//! prices it again with the same code and refuses a sale whose totals differ. A resent sale
//! (same `client_sale_id`) returns the sale already stored, never a second one.
pub use domain::api::pos::{PaymentView, SaleLineView, SaleView};
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{SecondsFormat, Utc};
use domain::payment::{settle, Tender, TenderKind};
use domain::pricing::{price_cart, Cart, CartLine, Discount, PricingSettings};
use domain::tax::TaxSettings;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::audited;
use crate::modules::inventory::repo::stock;
use crate::modules::pos::entity::{sale, sale_line, sale_payment};
use crate::modules::pos::repo::{discount_approvals, sales};
use crate::platform::entity::outlet;
use crate::platform::repo::outlets;
use domain::bounds;

#[derive(Deserialize, ToSchema)]
pub struct SaleLineInput {
    pub product_id: String,
    #[schema(value_type = String, example = "2")]
    pub quantity: Decimal,
    /// The unit price the till charged.
    #[schema(value_type = String, example = "5000")]
    pub unit_price: Decimal,
    /// `{"percent":"10"}` or `{"amount":"500"}`.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub discount: Option<Discount>,
}

#[derive(Deserialize, Serialize, ToSchema, Clone)]
pub struct PaymentInput {
    /// `cash`, `qris`, `e_wallet`, `debit_card`, `credit_card`, `transfer`, `member_savings`.
    #[schema(value_type = String, example = "cash")]
    pub method: TenderKind,
    #[schema(value_type = String)]
    pub amount: Decimal,
    #[serde(default)]
    pub reference: Option<String>,
}

/// What the till computed; compared to the server's own figures.
#[derive(Deserialize, Serialize, ToSchema, Clone, Debug, PartialEq)]
pub struct SaleTotals {
    #[schema(value_type = String)]
    pub subtotal: Decimal,
    #[schema(value_type = String)]
    pub discount_total: Decimal,
    #[schema(value_type = String)]
    pub service_charge: Decimal,
    #[schema(value_type = String)]
    pub tax: Decimal,
    #[schema(value_type = String)]
    pub rounding: Decimal,
    #[schema(value_type = String)]
    pub grand_total: Decimal,
    #[schema(value_type = String)]
    pub paid_total: Decimal,
    #[schema(value_type = String)]
    pub change: Decimal,
}

#[derive(Deserialize, ToSchema)]
pub struct SaleInput {
    /// UUID made by the till; the idempotency key.
    pub client_sale_id: String,
    pub outlet_id: String,
    /// Outlet code + device code + per-device counter, e.g. `MKM1-D01-000042`.
    pub receipt_no: String,
    /// When the sale was made on the till (RFC 3339).
    pub sold_at: String,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub is_member: bool,
    pub lines: Vec<SaleLineInput>,
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub cart_discount: Option<Discount>,
    pub payments: Vec<PaymentInput>,
    pub totals: SaleTotals,
    /// From `POST /discount-approvals`, when a cashier's discounts exceed her limit.
    #[serde(default)]
    pub discount_approval_id: Option<String>,
    /// The till's open shift (`POST /shifts`), so the sale's cash counts in its drawer.
    #[serde(default)]
    pub shift_id: Option<String>,
}

pub fn sale_view(
    s: sale::Model,
    lines: Vec<sale_line::Model>,
    payments: Vec<sale_payment::Model>,
) -> SaleView {
    SaleView {
        flags: s
            .flags
            .as_deref()
            .map(|f| {
                f.split(',')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        id: s.id,
        client_sale_id: s.client_sale_id,
        receipt_no: s.receipt_no,
        outlet_id: s.outlet_id,
        device_id: s.device_id,
        cashier_id: s.cashier_id,
        customer_id: s.customer_id,
        discount_approved_by: s.discount_approved_by,
        shift_id: s.shift_id,
        sold_at: s.sold_at,
        received_at: s.received_at.to_rfc3339(),
        status: s.status,
        subtotal: s.subtotal_sen.text(),
        discount_total: s.discount_total_sen.text(),
        service_charge: s.service_charge_sen.text(),
        tax_total: s.tax_total_sen.text(),
        rounding: s.rounding_sen.text(),
        grand_total: s.grand_total_sen.text(),
        paid_total: s.paid_total_sen.text(),
        change: s.change_due_sen.text(),
        lines: lines
            .into_iter()
            .map(|l| SaleLineView {
                product_id: l.product_id,
                name: l.name,
                quantity: l.quantity_milli.text(),
                unit_price: l.unit_price_sen.text(),
                discount: l.discount_sen.text(),
                net: l.net_sen.text(),
            })
            .collect(),
        payments: payments
            .into_iter()
            .map(|p| PaymentView {
                method: p.method,
                amount: p.amount_sen.text(),
                reference: p.reference,
            })
            .collect(),
    }
}

/// The outlet's pricing rules: its saved settings, else the default tax of the package
/// its industry runs (none when no package says).
pub fn pricing_settings(o: &outlet::Model) -> PricingSettings {
    let saved = serde_json::from_str::<serde_json::Value>(&o.settings)
        .ok()
        .and_then(|v| v.get("pricing").cloned())
        .and_then(|p| serde_json::from_value::<PricingSettings>(p).ok());
    saved.unwrap_or_else(|| PricingSettings {
        tax: crate::packages::all()
            .iter()
            .find(|p| p.industries.contains(&o.industry.as_str()))
            .and_then(|p| p.default_tax)
            .map_or_else(TaxSettings::none, |tax| tax()),
        ..PricingSettings::default()
    })
}

async fn load_view(state: &AppState, s: sale::Model) -> ApiResult<SaleView> {
    let lines = sales::lines_of(&state.db, &s.id).await?;
    let payments = sales::payments_of(&state.db, &s.id).await?;
    Ok(sale_view(s, lines, payments))
}

/// The answer to a resend: the stored sale, under the same outlet scope as reading it, so
/// a known `client_sale_id` never shows a sale of an outlet the caller may not see.
async fn resent(
    state: &AppState,
    auth: &Auth,
    existing: crate::modules::pos::entity::sale::Model,
) -> ApiResult<(StatusCode, Json<SaleView>)> {
    if !auth.can_access_outlet(&existing.outlet_id) {
        return Err(ApiError::conflict(
            "client_id_taken",
            "client_sale_id ini sudah dipakai; buat id baru.",
        ));
    }
    Ok((StatusCode::OK, Json(load_view(state, existing).await?)))
}

#[utoipa::path(post, path = "/sales", tag = "sales", request_body = SaleInput,
    responses(
        (status = 201, description = "Recorded", body = SaleView),
        (status = 200, description = "Already recorded earlier (same client_sale_id): the stored sale", body = SaleView),
        (status = 409, description = "Receipt number used by another sale"),
        (status = 422, description = "Invalid, or totals differ from the server's (`totals_mismatch`)")))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<SaleInput>,
) -> ApiResult<(StatusCode, Json<SaleView>)> {
    auth.require(Permission::RECORD_SALE)?;
    let tenant_id = auth.tenant()?.to_string();
    let client_id = req.client_sale_id.trim().to_string();
    if uuid::Uuid::parse_str(&client_id).is_err() {
        return Err(ApiError::validation(
            "client_sale_id",
            "client_sale_id harus UUID.",
        ));
    }
    if let Some(existing) = sales::find_by_client_id(&state.db, &tenant_id, &client_id).await? {
        return resent(&state, &auth, existing).await;
    }

    let outlet = outlets::find(&state.db, &tenant_id, &req.outlet_id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let receipt_no = req.receipt_no.trim().to_string();
    if receipt_no.is_empty() || receipt_no.len() > 40 || receipt_no.chars().any(char::is_control) {
        return Err(ApiError::validation(
            "receipt_no",
            "Nomor struk wajib diisi (maks. 40 karakter).",
        ));
    }
    let sold_at = input::till_time("sold_at", &req.sold_at)?;
    if req.lines.is_empty() {
        return Err(ApiError::validation("lines", "Penjualan tanpa barang."));
    }
    // Before any lookup: a sale's lines become one `IN (…)` and one insert.
    bounds::check_count(req.lines.len(), bounds::LINES_PER_SALE_MAX)
        .map_err(|e| input::bound("lines", e))?;
    if req.payments.is_empty() {
        return Err(ApiError::validation("payments", "Pembayaran wajib diisi."));
    }
    bounds::check_count(req.payments.len(), bounds::TENDERS_PER_SALE_MAX)
        .map_err(|e| input::bound("payments", e))?;
    for (i, p) in req.payments.iter().enumerate() {
        if let Some(r) = &p.reference {
            input::text(
                &format!("payments[{i}].reference"),
                r,
                input::REFERENCE_CHARS_MAX,
                false,
            )?;
        }
    }

    let customer_id = match req.customer_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(
            crate::modules::pos::repo::customers::find_customer(&state.db, &tenant_id, id)
                .await?
                .ok_or_else(|| ApiError::validation("customer_id", "Pelanggan tidak ditemukan."))?
                .id,
        ),
    };
    let shift = match req.shift_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(
            crate::modules::pos::repo::till::find_shift(&state.db, &tenant_id, id)
                .await?
                .filter(|sh| sh.outlet_id == outlet.id)
                .ok_or_else(|| ApiError::validation("shift_id", "Shift tidak ditemukan."))?,
        ),
    };
    let ids: Vec<String> = req.lines.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, &tenant_id, &ids).await?;
    let outlet_prices = stock::outlet_prices(&state.db, &tenant_id, &outlet.id, &ids).await?;
    // The outlet's moving average cost where goods were received (`purchasing`).
    let unit_costs = crate::modules::inventory::repo::costs::unit_costs(
        &state.db,
        &tenant_id,
        &outlet.id,
        ids.clone(),
    )
    .await?;
    let mut cart_lines = Vec::with_capacity(req.lines.len());
    let mut flags: Vec<String> = Vec::new();
    if shift.as_ref().is_some_and(|sh| sh.status != "open") {
        // Counted already: keep the sale, but its cash was not in that count.
        flags.push("shift_closed".into());
    }
    for (i, line) in req.lines.iter().enumerate() {
        let product = products.get(&line.product_id).ok_or_else(|| {
            ApiError::validation(format!("lines[{i}].product_id"), "Produk tidak ditemukan.")
        })?;
        input::quantity(&format!("lines[{i}].quantity"), line.quantity)?;
        input::amount(&format!("lines[{i}].unit_price"), line.unit_price)?;
        let list_price = outlet_prices
            .get(&product.id)
            .copied()
            .unwrap_or(product.price_sen);
        if list_price.dec() != line.unit_price && !flags.iter().any(|f| f == "price_changed") {
            // Sold offline at a price that has since changed (or was overridden): keep the
            // sale as charged, and let a manager see it.
            flags.push("price_changed".into());
        }
        cart_lines.push(CartLine {
            id: i.to_string(),
            unit_price: line.unit_price,
            quantity: line.quantity,
            member_price: None,
            time_prices: Vec::new(),
            discount: line.discount.clone(),
            tax_exempt: product.tax == "none",
        });
    }
    let tenders: Vec<Tender> = req
        .payments
        .iter()
        .map(|p| Tender {
            kind: p.method,
            amount: p.amount,
            reference: p.reference.clone(),
        })
        .collect();
    let mut settings = pricing_settings(&outlet);
    if tenders.iter().any(|t| !t.kind.is_cash()) {
        settings.cash_rounding = None;
    }
    let cart = Cart {
        lines: cart_lines,
        cart_discount: req.cart_discount.clone(),
        is_member: req.is_member,
        local_time: None,
    };
    let totals =
        price_cart(&cart, &settings).map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let settlement = settle(totals.grand_total, &tenders)
        .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let server = SaleTotals {
        subtotal: totals.subtotal,
        discount_total: totals.discount_total,
        service_charge: totals.service_charge,
        tax: totals.tax,
        rounding: totals.rounding,
        grand_total: totals.grand_total,
        paid_total: settlement.paid_total,
        change: settlement.change,
    };
    if !same_totals(&server, &req.totals) {
        return Err(ApiError::Rejected {
            code: "totals_mismatch",
            message: format!(
                "Total dari kasir berbeda dengan hitungan server (kasir {}, server {}).",
                req.totals.grand_total.normalize(),
                server.grand_total.normalize()
            ),
        });
    }

    let approval = crate::modules::pos::api::discounts::check_sale_discount(
        &state,
        &auth,
        &outlet,
        &totals,
        req.discount_approval_id.as_deref(),
    )
    .await?;

    let levels = stock::stock_levels(&state.db, &tenant_id, &outlet.id, Some(&ids)).await?;
    let mut remaining: HashMap<&str, i64> = levels.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    for line in &req.lines {
        let left = remaining.entry(line.product_id.as_str()).or_insert(0);
        *left = left.saturating_sub(stock::to_milli(line.quantity)?);
        if *left < 0 && !flags.iter().any(|f| f == "negative_stock") {
            flags.push("negative_stock".into());
        }
    }

    let sale_id = new_id();
    let received_at = Utc::now();
    let sale_row = sale::Model {
        id: sale_id.clone(),
        tenant_id: tenant_id.clone(),
        outlet_id: outlet.id.clone(),
        device_id: auth.device_id.clone(),
        cashier_id: auth.user.id.clone(),
        client_sale_id: client_id.clone(),
        receipt_no: receipt_no.clone(),
        customer_id,
        subtotal_sen: Sen::of(server.subtotal)?,
        discount_total_sen: Sen::of(server.discount_total)?,
        service_charge_sen: Sen::of(server.service_charge)?,
        tax_total_sen: Sen::of(server.tax)?,
        rounding_sen: Sen::of(server.rounding)?,
        grand_total_sen: Sen::of(server.grand_total)?,
        paid_total_sen: Sen::of(server.paid_total)?,
        change_due_sen: Sen::of(server.change)?,
        status: if flags.is_empty() {
            "completed".into()
        } else {
            "flagged".into()
        },
        flags: if flags.is_empty() {
            None
        } else {
            Some(flags.join(","))
        },
        sold_at: sold_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        received_at,
        discount_approved_by: approval.as_ref().map(|a| a.approved_by.clone()),
        shift_id: shift.map(|sh| sh.id),
    };
    let line_rows: Vec<sale_line::Model> = req
        .lines
        .iter()
        .zip(totals.lines.iter())
        .enumerate()
        .map(|(i, (input, priced))| {
            let product = products.get(&input.product_id);
            Ok(sale_line::Model {
                id: new_id(),
                tenant_id: tenant_id.clone(),
                sale_id: sale_id.clone(),
                line_no: i as i32 + 1,
                product_id: input.product_id.clone(),
                name: product
                    .map(|p| match &p.variant {
                        Some(v) => format!("{} {v}", p.name),
                        None => p.name.clone(),
                    })
                    .unwrap_or_default(),
                quantity_milli: Milli::of(input.quantity)?,
                unit_price_sen: Sen::of(priced.unit_price)?,
                discount_sen: Sen::of(priced.line_discount + priced.cart_discount)?,
                net_sen: Sen::of(priced.net)?,
                // The cost now (the outlet's moving average, else the catalogue's), kept
                // with the line so its margin does not move when the cost does; a zero
                // cost means none was entered.
                cost_sen: product
                    .map(|p| unit_costs.get(&p.id).copied().unwrap_or(p.cost_sen))
                    .filter(|c| *c != Sen::ZERO),
            })
        })
        .collect::<ApiResult<_>>()?;
    let payment_rows: Vec<sale_payment::Model> = req
        .payments
        .iter()
        .map(|p| {
            Ok(sale_payment::Model {
                id: new_id(),
                tenant_id: tenant_id.clone(),
                sale_id: sale_id.clone(),
                method: serde_json::to_value(p.method)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                amount_sen: Sen::of(p.amount)?,
                reference: p.reference.clone(),
            })
        })
        .collect::<ApiResult<_>>()?;

    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let outlet_id = outlet.id.clone();
    // What the sale adds to the dashboard's rollups, written in its transaction.
    let mut rollup = crate::modules::pos::repo::rollups::Deltas::default();
    rollup.add_sale(
        crate::kernel::business_day::Zone::parse(&outlet.timezone).offset_hours(),
        &sale_row,
        &line_rows,
        &payment_rows,
    );
    let quantities: Vec<(String, Decimal)> = req
        .lines
        .iter()
        .map(|l| (l.product_id.clone(), l.quantity))
        .collect();
    let stored = audited(&state.db, Actor::of(&auth), {
        let tenant_id = tenant_id.clone();
        let receipt = receipt_no.clone();
        let sale_id = sale_id.clone();
        move |txn, _audit| {
            Box::pin(async move {
                if let Some(a) = &approval {
                    if !discount_approvals::claim(txn, &tenant_id, &a.id, &sale_id).await? {
                        return Err(ApiError::Rejected {
                            code: "discount_needs_approval",
                            message: "Persetujuan diskon sudah dipakai penjualan lain.".into(),
                        });
                    }
                }
                sales::insert_sale(txn, sale_row, line_rows, payment_rows).await?;
                for (product_id, quantity) in &quantities {
                    stock::record_movement(
                        txn,
                        stock::Movement {
                            tenant_id: &tenant_id,
                            outlet_id: &outlet_id,
                            product_id,
                            kind: "sale",
                            quantity: -*quantity,
                            reference: Some(&receipt),
                            reason: None,
                            user_id: Some(&user_id),
                            device_id: device_id.as_deref(),
                        },
                    )
                    .await?;
                }
                // Last, so the rollup rows every sale of this outlet and hour shares are
                // locked (PostgreSQL) only from here to the commit.
                rollup.write(txn).await?;
                Ok(())
            })
        }
    })
    .await;
    match stored {
        Ok(()) => {
            let s = sales::find(&state.db, &tenant_id, &sale_id)
                .await?
                .ok_or(ApiError::NotFound("Penjualan"))?;
            Ok((StatusCode::CREATED, Json(load_view(&state, s).await?)))
        }
        Err(err) if err.is_duplicate() => {
            // Sent twice at once: the other request stored it first.
            if let Some(existing) =
                sales::find_by_client_id(&state.db, &tenant_id, &client_id).await?
            {
                return resent(&state, &auth, existing).await;
            }
            if sales::receipt_taken(&state.db, &tenant_id, &receipt_no).await? {
                return Err(ApiError::conflict(
                    "receipt_no_taken",
                    "Nomor struk sudah dipakai penjualan lain.",
                ));
            }
            Err(err)
        }
        Err(err) => Err(err),
    }
}

fn same_totals(a: &SaleTotals, b: &SaleTotals) -> bool {
    a.subtotal == b.subtotal
        && a.discount_total == b.discount_total
        && a.service_charge == b.service_charge
        && a.tax == b.tax
        && a.rounding == b.rounding
        && a.grand_total == b.grand_total
        && a.paid_total == b.paid_total
        && a.change == b.change
}

#[derive(Deserialize, IntoParams)]
pub struct SalesFilter {
    pub outlet_id: Option<String>,
    /// `YYYY-MM-DD`, in the outlet's time zone (WIB when no outlet is given).
    pub from: Option<String>,
    pub to: Option<String>,
}

#[utoipa::path(get, path = "/sales", tag = "sales", params(SalesFilter),
    responses((status = 200, body = [SaleView])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(filter): Query<SalesFilter>,
) -> ApiResult<Json<Vec<SaleView>>> {
    auth.require(Permission::VIEW_SALES)?;
    let tenant_id = auth.tenant()?.to_string();
    let (outlet, from, to) = crate::modules::pos::api::reports::period(
        &state,
        &auth,
        filter.outlet_id,
        filter.from,
        filter.to,
    )
    .await?;
    let rows = sales::list(
        &state.db,
        &tenant_id,
        outlet.as_ref().map(|o| o.id.as_str()),
        &from,
        &to,
    )
    .await?;
    let rows: Vec<sale::Model> = rows
        .into_iter()
        .filter(|s| auth.can_access_outlet(&s.outlet_id))
        .collect();
    let ids: Vec<String> = rows.iter().map(|s| s.id.clone()).collect();
    let mut lines: HashMap<String, Vec<sale_line::Model>> = HashMap::new();
    for l in sales::lines_of_many(&state.db, &ids).await? {
        lines.entry(l.sale_id.clone()).or_default().push(l);
    }
    let mut payments: HashMap<String, Vec<sale_payment::Model>> = HashMap::new();
    for p in sales::payments_of_many(&state.db, &ids).await? {
        payments.entry(p.sale_id.clone()).or_default().push(p);
    }
    Ok(Json(
        rows.into_iter()
            .map(|s| {
                let mut l = lines.remove(&s.id).unwrap_or_default();
                l.sort_by_key(|x| x.line_no);
                let p = payments.remove(&s.id).unwrap_or_default();
                sale_view(s, l, p)
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/sales/{id}", tag = "sales", params(("id" = String, Path)),
    responses((status = 200, body = SaleView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<SaleView>> {
    auth.require(Permission::VIEW_SALES)?;
    let s = sales::find(&state.db, auth.tenant()?, &id)
        .await?
        .filter(|s| auth.can_access_outlet(&s.outlet_id))
        .ok_or(ApiError::NotFound("Penjualan"))?;
    Ok(Json(load_view(&state, s).await?))
}

/// The outlet's pricing rules, so the till computes exactly what the server will.
#[utoipa::path(get, path = "/outlets/{id}/pricing", tag = "sales", params(("id" = String, Path)),
    responses((status = 200, description = "domain::pricing::PricingSettings as JSON", body = Object), (status = 404)))]
pub async fn outlet_pricing(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PricingSettings>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let o = outlets::find(&state.db, auth.tenant()?, &id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .ok_or(ApiError::NotFound("Outlet"))?;
    Ok(Json(pricing_settings(&o)))
}
