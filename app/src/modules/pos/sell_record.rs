//! A finished sale at the till: numbered on the device, queued in the outbox, kept on the
//! tablet for refunds and reprints, printed if the printer prints automatically.
use domain::payment::{Settlement, TenderKind};
use domain::pricing::{Discount, Totals};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

use super::outbox::*;
use super::sell_model::*;
use super::till_model::*;
use super::till_ops::{payment_record, remember_sale, sale_receipt, Lookup, SaleRecord};
use crate::kernel::i18n::{tr, Lang};
use crate::kernel::offline;

#[derive(Clone, Debug, PartialEq)]
pub struct Receipt {
    pub number: String,
    pub totals: Totals,
    pub payments: Vec<(TenderKind, Decimal)>,
    pub change: Decimal,
    pub customer: Option<String>,
    pub approved_by: Option<String>,
    /// What the printer prints (and the browser's print dialog shows).
    pub struk: Option<domain::receipt::Receipt>,
}

/// Everything a sale is recorded from, taken when the cashier pressed "finish".
pub struct Checkout {
    pub till: TillContext,
    pub till_state: Till,
    pub totals: Totals,
    pub settlement: Settlement,
    pub cart_lines: Vec<Line>,
    pub payment_list: Vec<(TenderKind, Decimal)>,
    pub discount: Option<Discount>,
    pub buyer: Option<CustomerView>,
    pub approved: Option<Approval>,
    pub cashier_name: String,
    pub shift_id: Option<String>,
    pub lang: Lang,
    pub error: RwSignal<Option<String>>,
    pub print_message: RwSignal<Option<String>>,
}

/// Records the sale; the receipt to show, or `None` (with the reason in `error`) when the
/// device could not store it.
pub async fn record_sale(c: Checkout) -> Option<Receipt> {
    let Checkout {
        till,
        till_state,
        totals: t,
        settlement,
        cart_lines,
        payment_list,
        discount,
        buyer,
        approved,
        cashier_name,
        shift_id,
        lang,
        error,
        print_message,
    } = c;
    let counter_key = format!("receipt_counter:{}", till.device_id);
    let next = offline::kv_get(&counter_key)
        .await
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        + 1;
    let _ = offline::kv_put(&counter_key, &next.to_string()).await;
    let number = format!("{}-{}-{next:06}", till.outlet_code, till.device_code);
    let client_sale_id = offline::new_sale_id();
    let sold_at = offline::now_rfc3339();
    let sale = json!({
        "client_sale_id": client_sale_id,
        "outlet_id": till.outlet_id,
        "receipt_no": number,
        "sold_at": sold_at,
        "shift_id": shift_id,
        "customer_id": buyer.as_ref().map(|c| c.id.clone()),
        "lines": cart_lines.iter().map(|l| json!({
            "product_id": l.item.id, "quantity": l.qty.normalize().to_string(),
            "unit_price": l.item.price_amount().normalize().to_string(),
            "discount": l.discount,
        })).collect::<Vec<_>>(),
        "cart_discount": discount,
        "discount_approval_id": approved.as_ref().map(|a| a.id.clone()),
        "payments": payment_list.iter().map(|(k, a)| json!({"method": tender_code(*k), "amount": a.normalize().to_string()})).collect::<Vec<_>>(),
        "totals": {
            "subtotal": t.subtotal.normalize().to_string(),
            "discount_total": t.discount_total.normalize().to_string(),
            "service_charge": t.service_charge.normalize().to_string(),
            "tax": t.tax.normalize().to_string(),
            "rounding": t.rounding.normalize().to_string(),
            "grand_total": t.grand_total.normalize().to_string(),
            "paid_total": settlement.paid_total.normalize().to_string(),
            "change": settlement.change.normalize().to_string(),
        }
    });
    if let Err(e) = enqueue(&client_sale_id, "/api/v1/sales", &sale, &number).await {
        error.set(Some(format!("{} {e}", tr(lang, "sale_not_saved"))));
        return None;
    }
    // Kept on the tablet for refunds and reprints without the network.
    let record = Lookup {
        sale: SaleRecord {
            receipt_no: number.clone(),
            sold_at,
            subtotal: t.subtotal.normalize().to_string(),
            discount_total: t.discount_total.normalize().to_string(),
            service_charge: t.service_charge.normalize().to_string(),
            tax_total: t.tax.normalize().to_string(),
            rounding: t.rounding.normalize().to_string(),
            grand_total: t.grand_total.normalize().to_string(),
            change: settlement.change.normalize().to_string(),
            lines: t
                .lines
                .iter()
                .zip(cart_lines.iter())
                .map(|(priced, l)| domain::api::pos::SaleLineView {
                    product_id: l.item.id.clone(),
                    name: l.item.label(),
                    quantity: l.qty.normalize().to_string(),
                    unit_price: priced.unit_price.normalize().to_string(),
                    discount: (priced.line_discount + priced.cart_discount)
                        .normalize()
                        .to_string(),
                    net: priced.net.normalize().to_string(),
                })
                .collect(),
            payments: payment_list
                .iter()
                .map(|(k, a)| payment_record(*k, *a))
                .collect(),
        },
        cashier_name: cashier_name.clone(),
        refunded: Vec::new(),
    };
    // The struk as printed now: line discounts under their lines, the cart
    // discount on its own line.
    let struk = sale_receipt(&till_state, &record).map(|mut r| {
        for (item, priced) in r.items.iter_mut().zip(t.lines.iter()) {
            item.discount = priced.line_discount;
        }
        r.cart_discount = t.cart_discount_total;
        r
    });
    remember_sale(&till.device_id, record).await;
    if let Some(r) = &struk {
        let cash = payment_list.iter().any(|(k, _)| k.is_cash());
        super::sell_done::auto_print(r.clone(), cash, print_message, lang);
    }
    Some(Receipt {
        number,
        totals: t,
        payments: payment_list,
        change: settlement.change,
        customer: buyer.map(|c| c.name),
        approved_by: approved.map(|a| a.approver_name),
        struk,
    })
}
