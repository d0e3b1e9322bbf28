//! Loan products: what a koperasi lends, at what rate, fees and penalty.
use super::*;
pub use domain::api::koperasi::LoanProductView;

#[derive(Deserialize, ToSchema)]
pub struct LoanProductInput {
    pub code: String,
    pub name: String,
    /// `flat`, `effective` or `annuity`.
    pub method: String,
    #[schema(value_type = String, example = "1.5")]
    pub rate_percent: Decimal,
    /// `month` or `year`.
    #[serde(default = "default_rate_period")]
    pub rate_period: String,
    pub min_tenor: u32,
    pub max_tenor: u32,
    #[schema(value_type = String, example = "500000")]
    pub min_amount: Decimal,
    #[schema(value_type = String, example = "50000000")]
    pub max_amount: Decimal,
    /// Rupiah charged once at disbursement.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "50000")]
    pub admin_fee: Option<Decimal>,
    /// Percent of the amount charged once at disbursement.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "1")]
    pub provision_percent: Option<Decimal>,
    /// Denda: percent of the overdue amount per day late.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "0.1")]
    pub penalty_rate_percent: Option<Decimal>,
    #[serde(default)]
    pub penalty_grace_days: Option<u32>,
    /// A member may borrow at most this many times her savings (0: no limit).
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "5")]
    pub savings_multiple: Option<Decimal>,
    #[serde(default)]
    pub collateral_required: bool,
    /// Loans above this need a second approver.
    #[schema(value_type = String, example = "10000000")]
    pub single_approval_limit: Decimal,
    /// Early payoff charges the interest of this many instalments not yet due.
    #[serde(default = "one")]
    pub payoff_interest_periods: u32,
    /// Order a repayment pays: default `["penalty","interest","principal"]`.
    #[serde(default)]
    pub allocation_order: Option<Vec<String>>,
}

pub(super) fn default_rate_period() -> String {
    "month".into()
}

pub(super) fn one() -> u32 {
    1
}

pub(super) fn product_view(p: loan_product::Model) -> LoanProductView {
    LoanProductView {
        allocation_order: p.allocation_order.split(',').map(str::to_string).collect(),
        id: p.id,
        code: p.code,
        name: p.name,
        method: p.method,
        rate_percent: p.rate_percent,
        rate_period: p.rate_period,
        min_tenor: p.min_tenor,
        max_tenor: p.max_tenor,
        min_amount: p.min_amount.to_string(),
        max_amount: p.max_amount.to_string(),
        admin_fee: p.admin_fee.to_string(),
        provision_percent: p.provision_percent,
        penalty_rate_percent: p.penalty_rate_percent,
        penalty_grace_days: p.penalty_grace_days,
        savings_multiple: p.savings_multiple,
        collateral_required: p.collateral_required,
        single_approval_limit: p.single_approval_limit.to_string(),
        payoff_interest_periods: p.payoff_interest_periods,
        active: p.active,
    }
}

pub(super) fn percent(field: &str, v: Decimal) -> ApiResult<String> {
    if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
        return Err(ApiError::validation(field, "Persentase 0–100."));
    }
    Ok(v.normalize().to_string())
}

pub fn allocation_order(text: &str) -> AllocationOrder {
    let parts: Vec<Component> = text.split(',').filter_map(from_json).collect();
    if parts.len() == 3 {
        AllocationOrder(parts)
    } else {
        AllocationOrder::default()
    }
}

/// Builds a product row from the request, or says what is wrong with it.
pub fn product_row(tenant_id: &str, req: LoanProductInput) -> ApiResult<loan_product::Model> {
    let code = req.code.trim().to_uppercase();
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::validation(
            "code",
            "Kode 1–8 huruf/angka, mis. PU.",
        ));
    }
    let name = text("name", &req.name, 80, "Nama produk")?;
    let method: LoanMethod = from_json(req.method.trim())
        .ok_or_else(|| ApiError::validation("method", "Metode: flat, effective atau annuity."))?;
    let period: RatePeriod = from_json(req.rate_period.trim())
        .ok_or_else(|| ApiError::validation("rate_period", "Periode bunga: month atau year."))?;
    let rate = percent("rate_percent", req.rate_percent)?;
    if req.min_tenor == 0 || req.min_tenor > req.max_tenor || req.max_tenor > 360 {
        return Err(ApiError::validation(
            "max_tenor",
            "Jangka waktu 1–360 bulan, minimum tidak melebihi maksimum.",
        ));
    }
    let min_amount = crate::kernel::input::whole_rupiah("min_amount", req.min_amount)?;
    let max_amount = crate::kernel::input::whole_rupiah("max_amount", req.max_amount)?;
    if min_amount == 0 || min_amount > max_amount {
        return Err(ApiError::validation(
            "max_amount",
            "Plafon minimum harus lebih dari nol dan tidak melebihi maksimum.",
        ));
    }
    let order = req
        .allocation_order
        .unwrap_or_else(|| vec!["penalty".into(), "interest".into(), "principal".into()]);
    let parsed: Vec<Component> = order.iter().filter_map(|c| from_json(c)).collect();
    if parsed.len() != 3
        || domain::loan::allocate_payment(
            Decimal::ZERO,
            &Default::default(),
            &AllocationOrder(parsed.clone()),
        )
        .is_err()
    {
        return Err(ApiError::validation(
            "allocation_order",
            "Urutan alokasi harus memuat penalty, interest dan principal masing-masing sekali.",
        ));
    }
    Ok(loan_product::Model {
        id: new_id(),
        tenant_id: tenant_id.to_string(),
        code,
        name,
        method: label(&method),
        rate_percent: rate,
        rate_period: label(&period),
        min_tenor: req.min_tenor as i32,
        max_tenor: req.max_tenor as i32,
        min_amount,
        max_amount,
        admin_fee: crate::kernel::input::whole_rupiah(
            "admin_fee",
            req.admin_fee.unwrap_or_default(),
        )?,
        provision_percent: percent(
            "provision_percent",
            req.provision_percent.unwrap_or_default(),
        )?,
        penalty_rate_percent: percent(
            "penalty_rate_percent",
            req.penalty_rate_percent.unwrap_or_default(),
        )?,
        penalty_grace_days: req.penalty_grace_days.unwrap_or(0).min(365) as i32,
        savings_multiple: percent("savings_multiple", req.savings_multiple.unwrap_or_default())?,
        collateral_required: req.collateral_required,
        single_approval_limit: crate::kernel::input::whole_rupiah(
            "single_approval_limit",
            req.single_approval_limit,
        )?,
        payoff_interest_periods: req.payoff_interest_periods.min(360) as i32,
        allocation_order: parsed.iter().map(label).collect::<Vec<_>>().join(","),
        active: true,
        created_at: Utc::now(),
    })
}

#[utoipa::path(get, path = "/loan-products", tag = "koperasi",
    responses((status = 200, body = [LoanProductView])))]
pub async fn products(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<Vec<LoanProductView>>> {
    auth.require(Permission::APPLY_LOAN)?;
    let rows = loans::products(&state.db, auth.tenant()?).await?;
    Ok(Json(rows.into_iter().map(product_view).collect()))
}

#[utoipa::path(post, path = "/loan-products", tag = "koperasi", request_body = LoanProductInput,
    responses((status = 201, body = LoanProductView), (status = 409), (status = 422)))]
pub async fn create_product(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<LoanProductInput>,
) -> ApiResult<(StatusCode, Json<LoanProductView>)> {
    auth.require(Permission::MANAGE_LOAN_PRODUCTS)?;
    let tenant_id = auth.tenant()?.to_string();
    let row = product_row(&tenant_id, req)?;
    if loans::products(&state.db, &tenant_id)
        .await?
        .iter()
        .any(|p| p.code == row.code)
    {
        return Err(ApiError::conflict(
            "code_taken",
            "Kode produk sudah dipakai.",
        ));
    }
    let actor = Actor::of(&auth);
    let saved = row.clone();
    audited(&state.db, actor, move |txn, audit| Box::pin(async move {
                let after = json!({"code": row.code, "method": row.method, "rate_percent": row.rate_percent,
                    "single_approval_limit": row.single_approval_limit});
                let id = row.id.clone();
                loans::insert_product(txn, row).await?;
                audit.record(Change::new("loan_product.create", "loan_product", &id).after(after))
                .await
            }))
        .await?;
    Ok((StatusCode::CREATED, Json(product_view(saved))))
}
