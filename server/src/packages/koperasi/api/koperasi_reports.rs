//! Koperasi reports as CSV (opens in any spreadsheet) and JSON: member list, savings
//! balances by product, loan portfolio, and the cash book (every rupiah in and out of the
//! koperasi's cash: deposits, withdrawals, disbursements, fees, repayments, payouts).
use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::kernel::auth::Auth;
use crate::kernel::business_day::{stored, Zone};
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::packages::koperasi::api::loans::{member_map, quality, standing};
use crate::packages::koperasi::repo::{koperasi, loans, shu};
pub use domain::api::koperasi::{CashBook, CashLine};

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

#[derive(Deserialize, IntoParams)]
pub struct Period {
    /// `YYYY-MM-DD`, first day (the koperasi's zone); the first of this month when absent.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, last day (the koperasi's zone); today when absent.
    pub to: Option<String>,
}

/// Every cash movement of the koperasi, oldest first: (RFC 3339 UTC time, description,
/// member id, signed amount).
async fn cash_movements(
    state: &AppState,
    tenant_id: &str,
    zone: Zone,
    until: &str,
) -> ApiResult<Vec<(String, String, String, i64)>> {
    let mut out = Vec::new();
    for m in shu::movements_before(&state.db, tenant_id, until).await? {
        let (text, sign) = match m.kind.as_str() {
            "deposit" => ("Setoran simpanan", 1),
            "withdrawal" => ("Penarikan simpanan", -1),
            "exit_payout" => ("Pengembalian simpanan (keluar)", -1),
            "early_withdrawal" => ("Pencairan berjangka sebelum jatuh tempo", -1),
            // Transfers inside the koperasi (loan paid from savings, SHU credited): no cash.
            _ => continue,
        };
        out.push((
            m.at.clone(),
            format!("{text} {}", m.note.unwrap_or_default())
                .trim()
                .to_string(),
            m.member_id,
            sign * m.amount,
        ));
    }
    let all_loans = loans::loans(&state.db, tenant_id, Default::default(), 1_000_000).await?;
    let loan_no: HashMap<String, String> = all_loans
        .iter()
        .map(|l| (l.id.clone(), l.loan_no.clone()))
        .collect();
    for p in shu::loan_payments_between(&state.db, tenant_id, "0000-01-01", "9999-12-31").await? {
        let sign = match (p.kind.as_str(), p.source.as_str()) {
            ("disbursement", _) => -1,
            ("fee" | "repayment" | "payoff", "cash") => 1,
            _ => continue,
        };
        let text = match p.kind.as_str() {
            "disbursement" => "Pencairan pinjaman",
            "fee" => "Biaya adm. & provisi",
            "payoff" => "Pelunasan pinjaman",
            _ => "Angsuran pinjaman",
        };
        // Loan payments are dated; they count at 09:00 of that day in the koperasi's zone.
        let at = chrono::NaiveDate::parse_from_str(&p.paid_on, "%Y-%m-%d")
            .map(|d| stored(zone.at_hour(d, 9)))
            .unwrap_or_default();
        if at.as_str() >= until {
            continue;
        }
        out.push((
            at,
            format!(
                "{text} {}",
                loan_no.get(&p.loan_id).cloned().unwrap_or_default()
            ),
            p.member_id,
            sign * p.amount,
        ));
    }
    for c in shu::closings(&state.db, tenant_id).await? {
        if c.payout.as_deref() != Some("cash") {
            continue;
        }
        for s in shu::shares(&state.db, tenant_id, &c.id).await? {
            if let Some(at) = s.paid_at.filter(|a| a.as_str() < until) {
                out.push((at, format!("SHU {} tunai", c.year), s.member_id, -s.total));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

async fn cash_book(state: &AppState, auth: &Auth, q: &Period) -> ApiResult<CashBook> {
    auth.require(Permission::VIEW_LOAN_PORTFOLIO)?;
    let tenant_id = auth.tenant()?.to_string();
    let zone = koperasi::zone(&state.db, &tenant_id).await?;
    let to = match q.to.as_deref().filter(|s| !s.is_empty()) {
        Some(d) => crate::kernel::input::date("to", d)?,
        None => zone.today(),
    };
    let from = match q.from.as_deref().filter(|s| !s.is_empty()) {
        Some(d) => crate::kernel::input::date("from", d)?,
        None => to.with_day0_safe(),
    };
    if from > to {
        return Err(ApiError::validation(
            "from",
            "Tanggal awal setelah tanggal akhir.",
        ));
    }
    let start = zone.midnight_text(from);
    let until = zone.midnight_text(to + Duration::days(1));
    let members = member_map(&state.db, &tenant_id).await?;
    let mut opening = 0i64;
    let (mut total_in, mut total_out) = (0i64, 0i64);
    let mut lines = Vec::new();
    let mut balance = 0i64;
    for (at, text, member_id, amount) in cash_movements(state, &tenant_id, zone, &until).await? {
        if at < start {
            opening += amount;
            balance = opening;
            continue;
        }
        balance += amount;
        if amount >= 0 {
            total_in += amount;
        } else {
            total_out -= amount;
        }
        let m = members.get(&member_id);
        lines.push(CashLine {
            at,
            description: text,
            member_no: m.map(|m| m.member_no.clone()).unwrap_or_default(),
            member_name: m.map(|m| m.name.clone()).unwrap_or_default(),
            cash_in: if amount >= 0 {
                amount.to_string()
            } else {
                "0".into()
            },
            cash_out: if amount < 0 {
                (-amount).to_string()
            } else {
                "0".into()
            },
            balance: balance.to_string(),
        });
    }
    Ok(CashBook {
        from: from.to_string(),
        to: to.to_string(),
        opening: opening.to_string(),
        cash_in: total_in.to_string(),
        cash_out: total_out.to_string(),
        closing: (opening + total_in - total_out).to_string(),
        lines,
    })
}

trait FirstOfMonth {
    fn with_day0_safe(self) -> NaiveDate;
}

impl FirstOfMonth for NaiveDate {
    fn with_day0_safe(self) -> NaiveDate {
        chrono::Datelike::with_day(&self, 1).unwrap_or(self)
    }
}

#[utoipa::path(get, path = "/koperasi-reports/cash-book", tag = "koperasi", params(Period),
    responses((status = 200, body = CashBook)))]
pub async fn cash_book_json(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<Period>,
) -> ApiResult<Json<CashBook>> {
    Ok(Json(cash_book(&state, &auth, &q).await?))
}

/// `members.csv`, `savings.csv`, `loans.csv` or `cash-book.csv`.
#[utoipa::path(get, path = "/koperasi-reports/{file}", tag = "koperasi",
    params(("file" = String, Path, description = "members.csv, savings.csv, loans.csv or cash-book.csv"), Period),
    responses((status = 200, description = "CSV", content_type = "text/csv"), (status = 404)))]
pub async fn csv_file(
    State(state): State<AppState>,
    auth: Auth,
    Path(file): Path<String>,
    Query(q): Query<Period>,
) -> ApiResult<impl IntoResponse> {
    auth.require(match file.as_str() {
        "members.csv" | "savings.csv" => Permission::MANAGE_MEMBERS,
        _ => Permission::VIEW_LOAN_PORTFOLIO,
    })?;
    let tenant_id = auth.tenant()?.to_string();
    let zone = koperasi::zone(&state.db, &tenant_id).await?;
    let body = match file.as_str() {
        "members.csv" | "savings.csv" => {
            let products = koperasi::products(&state.db, &tenant_id).await?;
            let members = koperasi::members(&state.db, &tenant_id, None, 1_000_000).await?;
            let mut rows = Vec::new();
            for m in members.into_iter().rev() {
                let accounts = koperasi::accounts_of(&state.db, &tenant_id, &m.id).await?;
                let balance = |pid: &str| {
                    accounts
                        .iter()
                        .find(|a| a.product_id == pid)
                        .map(|a| a.balance)
                        .unwrap_or(0)
                };
                let mut row = vec![m.member_no.clone(), m.name.clone()];
                if file == "members.csv" {
                    let wajib = crate::packages::koperasi::api::members::wajib_of(
                        &m,
                        &accounts,
                        &products,
                        zone.today(),
                    );
                    row.extend([
                        m.nik.clone(),
                        m.sex.clone(),
                        m.address.clone(),
                        m.phone.clone().unwrap_or_default(),
                        m.join_date.clone(),
                        m.status.clone(),
                        wajib.map(|w| w.arrears).unwrap_or_else(|| "0".into()),
                    ]);
                } else {
                    let mut total = 0;
                    for p in &products {
                        let b = balance(&p.id);
                        total += b;
                        row.push(b.to_string());
                    }
                    row.push(total.to_string());
                }
                rows.push(row);
            }
            if file == "members.csv" {
                csv(
                    &[
                        "no_anggota",
                        "nama",
                        "nik",
                        "jenis_kelamin",
                        "alamat",
                        "telepon",
                        "tanggal_masuk",
                        "status",
                        "tunggakan_wajib",
                    ],
                    rows,
                )
            } else {
                let mut header = vec!["no_anggota".to_string(), "nama".to_string()];
                header.extend(products.iter().map(|p| p.code.to_lowercase()));
                header.push("total".into());
                let h: Vec<&str> = header.iter().map(String::as_str).collect();
                csv(&h, rows)
            }
        }
        "loans.csv" => {
            auth.require(Permission::VIEW_LOAN_PORTFOLIO)?;
            let day = koperasi::zone(&state.db, &tenant_id).await?.today();
            let members = member_map(&state.db, &tenant_id).await?;
            let products = loans::products(&state.db, &tenant_id).await?;
            let mut rows = Vec::new();
            let all = loans::loans(&state.db, &tenant_id, Default::default(), 1_000_000).await?;
            for l in all.into_iter().rev() {
                let m = members.get(&l.member_id);
                let (outstanding, dpd, class, reserve) = match (
                    l.status.as_str(),
                    products.iter().find(|p| p.id == l.product_id),
                ) {
                    ("disbursed", Some(p)) => {
                        let rows = loans::installments(&state.db, &tenant_id, &l.id).await?;
                        let (_, pos) = standing(&rows, p, day)?;
                        let (c, r) = quality(&l, &pos);
                        (
                            pos.outstanding_principal,
                            pos.days_past_due,
                            serde_json::to_value(c)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default(),
                            r,
                        )
                    }
                    _ => (Decimal::ZERO, 0, String::new(), Decimal::ZERO),
                };
                rows.push(vec![
                    l.loan_no.clone(),
                    m.map(|m| m.member_no.clone()).unwrap_or_default(),
                    m.map(|m| m.name.clone()).unwrap_or_default(),
                    l.amount.to_string(),
                    l.tenor.to_string(),
                    l.status.clone(),
                    l.disbursed_on.clone().unwrap_or_default(),
                    outstanding.to_string(),
                    dpd.to_string(),
                    class,
                    reserve.to_string(),
                ]);
            }
            csv(
                &[
                    "no_pinjaman",
                    "no_anggota",
                    "nama",
                    "plafon",
                    "tenor",
                    "status",
                    "tanggal_cair",
                    "sisa_pokok",
                    "hari_terlambat",
                    "kolektibilitas",
                    "cadangan",
                ],
                rows,
            )
        }
        "cash-book.csv" => {
            let book = cash_book(&state, &auth, &q).await?;
            let mut rows = vec![vec![
                book.from.clone(),
                "Saldo awal".into(),
                String::new(),
                String::new(),
                "0".into(),
                "0".into(),
                book.opening.clone(),
            ]];
            rows.extend(book.lines.into_iter().map(|l| {
                vec![
                    l.at,
                    l.description,
                    l.member_no,
                    l.member_name,
                    l.cash_in,
                    l.cash_out,
                    l.balance,
                ]
            }));
            csv(
                &[
                    "waktu",
                    "keterangan",
                    "no_anggota",
                    "nama",
                    "masuk",
                    "keluar",
                    "saldo",
                ],
                rows,
            )
        }
        _ => return Err(ApiError::NotFound("Laporan")),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    ))
}
