//! A loan application from entry to approval: apply, analyse, approve (maker-checker).
use super::*;

#[derive(Deserialize, ToSchema)]
pub struct LoanApplication {
    pub member_id: String,
    pub product_id: String,
    #[schema(value_type = String, example = "6000000")]
    pub amount: Decimal,
    pub tenor: u32,
    pub purpose: String,
}

#[utoipa::path(post, path = "/loans", tag = "koperasi", request_body = LoanApplication,
    responses((status = 201, body = LoanView), (status = 404), (status = 422)))]
pub async fn apply(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<LoanApplication>,
) -> ApiResult<(StatusCode, Json<LoanView>)> {
    auth.require(Permission::APPLY_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let m = koperasi::find_member(&state.db, &tenant_id, &req.member_id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    if m.status != "active" {
        return Err(ApiError::Rejected {
            code: "member_inactive",
            message: "Anggota tidak aktif.".into(),
        });
    }
    let p = loans::find_product(&state.db, &tenant_id, &req.product_id)
        .await?
        .filter(|p| p.active)
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let amount = crate::kernel::input::whole_rupiah("amount", req.amount)?;
    if amount < p.min_amount || amount > p.max_amount {
        return Err(ApiError::validation(
            "amount",
            format!(
                "Plafon {} antara {} dan {}.",
                p.name,
                domain::money::format_idr(Decimal::from(p.min_amount)),
                domain::money::format_idr(Decimal::from(p.max_amount))
            ),
        ));
    }
    if (req.tenor as i32) < p.min_tenor || (req.tenor as i32) > p.max_tenor {
        return Err(ApiError::validation(
            "tenor",
            format!("Jangka waktu {}–{} bulan.", p.min_tenor, p.max_tenor),
        ));
    }
    let purpose = text("purpose", &req.purpose, 200, "Tujuan pinjaman")?;
    let multiple: Decimal = p.savings_multiple.parse().unwrap_or_default();
    if multiple > Decimal::ZERO {
        let savings: i64 = koperasi::accounts_of(&state.db, &tenant_id, &m.id)
            .await?
            .iter()
            .fold(0i64, |t, a| t.saturating_add(a.balance));
        let limit = Decimal::from(savings).saturating_mul(multiple);
        if Decimal::from(amount) > limit {
            return Err(ApiError::Rejected {
                code: "exceeds_savings_limit",
                message: format!(
                    "Plafon maksimal {}× simpanan ({}): {}.",
                    multiple.normalize(),
                    domain::money::format_idr(Decimal::from(savings)),
                    domain::money::format_idr(limit.floor())
                ),
            });
        }
    }
    // The same rule the application form previews (domain::loan::Fees).
    let provision = domain::loan::Fees::of(
        Decimal::from(amount),
        Decimal::from(p.admin_fee),
        p.provision_percent.parse::<Decimal>().unwrap_or_default(),
    )
    .provision;
    let mut row = loan::Model {
        id: new_id(),
        tenant_id: tenant_id.clone(),
        loan_no: String::new(),
        member_id: m.id.clone(),
        product_id: p.id.clone(),
        officer_id: auth.user.id.clone(),
        amount,
        tenor: req.tenor as i32,
        purpose,
        status: "applied".into(),
        method: p.method.clone(),
        rate_percent: p.rate_percent.clone(),
        rate_period: p.rate_period.clone(),
        admin_fee: p.admin_fee,
        provision_fee: rupiah_i64(provision)?,
        fees_deducted: None,
        analysis_notes: None,
        collateral_kind: None,
        collateral_description: None,
        collateral_value: 0,
        collateral_documents: None,
        approved_by: None,
        approved_at: None,
        second_approved_by: None,
        second_approved_at: None,
        rejected_by: None,
        rejection_reason: None,
        disbursed_on: None,
        disbursed_by: None,
        net_disbursed: None,
        closed_on: None,
        written_off_by: None,
        written_off_amount: None,
        version: 0,
        created_by: auth.user.id.clone(),
        device_id: auth.device_id.clone(),
        created_at: Utc::now(),
    };
    // The schedule must be computable before anyone is asked to approve it.
    schedule(&terms_of(
        &row,
        first_due(
            crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id)
                .await?
                .today(),
        )?,
    )?)
    .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let actor = Actor::of(&auth);
    // Loan numbers are sequential per koperasi; a clash with a concurrent application
    // (the unique index) is retried with the next number.
    let mut attempt = 0;
    loop {
        let n = loans::loan_count(&state.db, &tenant_id).await? + 1 + attempt;
        row.loan_no = format!("P{n:05}");
        let (saved, actor) = (row.clone(), actor.clone());
        let done = audited(&state.db, actor, move |txn, audit| Box::pin(async move {
                    let after = json!({"loan_no": saved.loan_no, "member_id": saved.member_id,
                        "product_id": saved.product_id, "amount": saved.amount, "tenor": saved.tenor});
                    let id = saved.id.clone();
                    loans::insert_loan(txn, saved).await?;
                    audit.record(Change::new("loan.apply", "loan", &id).after(after))
                    .await
                }))
            .await;
        match done {
            Ok(()) => break,
            // Two applications took the same number at once: take the next one.
            Err(e) if attempt < 5 && e.is_duplicate() => attempt += 1,
            Err(e) => return Err(e),
        }
    }
    let l = loans::find_loan(&state.db, &tenant_id, &row.id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    Ok((
        StatusCode::CREATED,
        Json(
            load_view(
                &state.db,
                l,
                crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id)
                    .await?
                    .today(),
            )
            .await?,
        ),
    ))
}

/// Changes a loan in one transaction with its audit entry, refusing if someone changed
/// it meanwhile.
pub async fn change_loan(
    state: &AppState,
    auth: &Auth,
    before: &loan::Model,
    after: loan::Model,
    action: &'static str,
) -> ApiResult<()> {
    let actor = Actor::of(auth);
    let before_json = json!({"status": before.status, "version": before.version});
    audited(&state.db, actor, move |txn, audit| Box::pin(async move {
                let after_json = json!({"status": after.status, "approved_by": after.approved_by,
                    "second_approved_by": after.second_approved_by, "collateral_value": after.collateral_value});
                let id = after.id.clone();
                if !loans::save_loan(txn, after).await? {
                    return Err(ApiError::conflict(
                        "loan_changed",
                        "Pinjaman baru saja diubah orang lain. Muat ulang lalu coba lagi.",
                    ));
                }
                audit.record(Change::new(action, "loan", &id).before(before_json).after(after_json))
                .await
            }))
        .await?;
    Ok(())
}

pub(super) fn wrong_status(message: &str) -> ApiError {
    ApiError::Rejected {
        code: "loan_status",
        message: message.into(),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct AnalysisInput {
    pub notes: String,
    /// `bpkb`, `shm` or `other`; absent when there is none.
    #[serde(default)]
    pub collateral_kind: Option<String>,
    #[serde(default)]
    pub collateral_description: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "15000000")]
    pub collateral_value: Option<Decimal>,
    /// Document numbers or links (scan of BPKB/SHM).
    #[serde(default)]
    pub collateral_documents: Option<String>,
}

#[utoipa::path(post, path = "/loans/{id}/analysis", tag = "koperasi", params(("id" = String, Path)),
    request_body = AnalysisInput, responses((status = 200, body = LoanView), (status = 404), (status = 422)))]
pub async fn analyse(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<AnalysisInput>,
) -> ApiResult<Json<LoanView>> {
    auth.require(Permission::APPLY_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    if !matches!(l.status.as_str(), "applied" | "analysed") {
        return Err(wrong_status("Analisis hanya sebelum pinjaman disetujui."));
    }
    let p = loans::find_product(&state.db, &tenant_id, &l.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let mut next = l.clone();
    next.analysis_notes = Some(text("notes", &req.notes, 2000, "Catatan analisis")?);
    let kind = req
        .collateral_kind
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty());
    match kind.as_deref() {
        None => {
            if p.collateral_required {
                return Err(ApiError::validation(
                    "collateral_kind",
                    "Produk ini mewajibkan agunan (BPKB/SHM/lainnya).",
                ));
            }
            next.collateral_kind = None;
            next.collateral_description = None;
            next.collateral_value = 0;
            next.collateral_documents = None;
        }
        Some(k @ ("bpkb" | "shm" | "other")) => {
            let value = crate::kernel::input::whole_rupiah(
                "collateral_value",
                req.collateral_value.unwrap_or_default(),
            )?;
            if value == 0 {
                return Err(ApiError::validation(
                    "collateral_value",
                    "Nilai taksasi agunan wajib diisi.",
                ));
            }
            next.collateral_kind = Some(k.to_string());
            next.collateral_description = Some(text(
                "collateral_description",
                req.collateral_description.as_deref().unwrap_or(""),
                300,
                "Keterangan agunan",
            )?);
            next.collateral_value = value;
            next.collateral_documents = req
                .collateral_documents
                .map(|d| d.trim().chars().take(500).collect::<String>())
                .filter(|d| !d.is_empty());
        }
        Some(_) => {
            return Err(ApiError::validation(
                "collateral_kind",
                "Jenis agunan: bpkb, shm atau other.",
            ))
        }
    }
    next.status = "analysed".into();
    change_loan(&state, &auth, &l, next, "loan.analyse").await?;
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    Ok(Json(
        load_view(
            &state.db,
            l,
            crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id)
                .await?
                .today(),
        )
        .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = LoanApprovalInput)]
pub struct ApprovalInput {
    /// `approve` or `reject`.
    pub decision: String,
    #[serde(default)]
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/loans/{id}/approval", tag = "koperasi", params(("id" = String, Path)),
    request_body = ApprovalInput,
    responses((status = 200, body = LoanView), (status = 404),
        (status = 422, description = "`maker_checker`: the applicant, or the first approver, cannot approve")))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ApprovalInput>,
) -> ApiResult<Json<LoanView>> {
    auth.require(Permission::APPROVE_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    let p = loans::find_product(&state.db, &tenant_id, &l.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let me = auth.user.id.clone();
    let mut next = l.clone();
    let action = match req.decision.trim() {
        "reject" => {
            if !matches!(
                l.status.as_str(),
                "applied" | "analysed" | "awaiting_second_approval" | "approved"
            ) {
                return Err(wrong_status("Pinjaman ini tidak dapat ditolak lagi."));
            }
            next.status = "rejected".into();
            next.rejected_by = Some(me);
            next.rejection_reason = Some(text(
                "reason",
                req.reason.as_deref().unwrap_or(""),
                500,
                "Alasan penolakan",
            )?);
            "loan.reject"
        }
        "approve" => {
            if l.created_by == me {
                return Err(ApiError::Rejected {
                    code: "maker_checker",
                    message: "Pengaju pinjaman tidak boleh menyetujuinya sendiri.".into(),
                });
            }
            let now = crate::kernel::business_day::now_text();
            match l.status.as_str() {
                "analysed" => {
                    next.approved_by = Some(me);
                    next.approved_at = Some(now);
                    next.status = if l.amount > p.single_approval_limit {
                        "awaiting_second_approval"
                    } else {
                        "approved"
                    }
                    .into();
                }
                "awaiting_second_approval" => {
                    if l.approved_by.as_deref() == Some(me.as_str()) {
                        return Err(ApiError::Rejected {
                            code: "maker_checker",
                            message: "Persetujuan kedua harus oleh orang lain.".into(),
                        });
                    }
                    next.second_approved_by = Some(me);
                    next.second_approved_at = Some(now);
                    next.status = "approved".into();
                }
                "applied" => {
                    return Err(wrong_status("Pinjaman belum dianalisis."));
                }
                _ => return Err(wrong_status("Pinjaman ini tidak menunggu persetujuan.")),
            }
            "loan.approve"
        }
        _ => {
            return Err(ApiError::validation(
                "decision",
                "Keputusan: approve atau reject.",
            ))
        }
    };
    change_loan(&state, &auth, &l, next, action).await?;
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    Ok(Json(
        load_view(
            &state.db,
            l,
            crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id)
                .await?
                .today(),
        )
        .await?,
    ))
}
