//! What the till does when it opens: load its context, pricing, catalogue, customers and
//! held carts (from the server when it answers, refreshing the cache; otherwise from the
//! cache), restore the open shift, and keep the outbox flowing to the server.
use domain::pricing::PricingSettings;
use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use leptos::task::spawn_local;

use super::outbox::*;
use super::sell_model::*;
use super::till_model::*;
use super::till_ops::restore_shift;
use crate::kernel::client;
use crate::kernel::model::CurrentDevice;
#[cfg(feature = "hydrate")]
use crate::kernel::offline;
use domain::api::inventory::TillCatalogue;

pub async fn load_till(
    till_state: Till,
    customers: RwSignal<Vec<CustomerView>>,
    held: RwSignal<Vec<HeldCart>>,
    no_device: RwSignal<bool>,
    shift_checked: RwSignal<bool>,
) {
    let Till {
        context,
        items,
        settings,
        ..
    } = till_state;
    let fresh = async {
        let d = client::get::<CurrentDevice>("/api/v1/devices/current")
            .await
            .ok()?;
        // The device's answer carries its outlet: one request, not two in a row.
        let o = d.outlet?;
        Some(TillContext {
            outlet_id: o.id,
            outlet_code: o.code,
            outlet_name: o.name,
            device_id: d.device.id,
            device_code: d.device.code,
            discount_limit: if d.cashier_discount_limit_percent.is_empty() {
                default_limit()
            } else {
                d.cashier_discount_limit_percent
            },
            approvers: d
                .users
                .into_iter()
                .filter(|u| u.approver)
                .map(|u| (u.id, u.name))
                .collect(),
            static_qris: d.static_qris,
            address: o.address,
            timezone: o.timezone,
            receipt_header: o.receipt_header,
            receipt_footer: o.receipt_footer,
            cash_limit: o.cash_movement_limit,
        })
    }
    .await;
    let till = match fresh {
        Some(c) => {
            cache("context", &c).await;
            Some(c)
        }
        None => cached::<TillContext>("context").await,
    };
    let Some(till) = till else {
        no_device.set(true);
        return;
    };
    // Pricing, catalogue and customers are asked for at once, each filling its own signal
    // when it answers, so the till never waits for them one after another.
    let outlet_id = till.outlet_id.clone();
    leptos::task::spawn_local(async move {
        let pricing_key = format!("pricing:{outlet_id}");
        match client::get::<PricingSettings>(&format!("/api/v1/outlets/{outlet_id}/pricing")).await
        {
            Ok(p) => {
                cache(&pricing_key, &p).await;
                settings.set(p);
            }
            Err(_) => {
                if let Some(p) = cached(&pricing_key).await {
                    settings.set(p);
                }
            }
        }
    });
    let outlet_id = till.outlet_id.clone();
    leptos::task::spawn_local(async move {
        let catalogue_key = format!("catalogue:{outlet_id}");
        match client::get::<TillCatalogue>(&format!("/api/v1/outlets/{outlet_id}/catalogue")).await
        {
            Ok(TillCatalogue { products: list, .. }) => {
                cache(&catalogue_key, &list).await;
                items.set(list);
            }
            Err(_) => {
                if let Some(list) = cached(&catalogue_key).await {
                    items.set(list);
                }
            }
        }
    });
    leptos::task::spawn_local(async move {
        match client::get::<Vec<CustomerView>>("/api/v1/customers?limit=500").await {
            Ok(list) => {
                cache("customers", &list).await;
                customers.set(list);
            }
            Err(_) => {
                if let Some(list) = cached("customers").await {
                    customers.set(list);
                }
            }
        }
    });
    let held_key = format!("held:{}", till.device_id);
    if let Some(h) = cached::<Vec<HeldCart>>(&held_key).await {
        held.set(h);
    } else if let Some(old) = cached::<Vec<Vec<Line>>>(&held_key).await {
        held.set(
            old.into_iter()
                .map(|lines| HeldCart {
                    lines,
                    ..HeldCart::default()
                })
                .collect(),
        );
    }
    context.set(Some(till));
    restore_shift(till_state).await;
    shift_checked.set(true);
}

/// The sync loop: every few seconds while the page is open, backing off when offline.
#[cfg(feature = "hydrate")]
pub fn run_sync_loop(sync: SyncState) {
    let online = sync.online;
    let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let stop = alive.clone();
    on_cleanup(move || stop.store(false, std::sync::atomic::Ordering::Relaxed));
    spawn_local(async move {
        let mut delay = 2_000u32;
        while alive.load(std::sync::atomic::Ordering::Relaxed) {
            sync_once(sync).await;
            delay = if online.get_untracked() {
                2_000
            } else {
                (delay * 2).min(30_000)
            };
            // Sleep in short steps so the moment the network returns, the queue goes.
            let was_online = online.get_untracked();
            let mut slept = 0;
            while slept < delay {
                gloo_timers::future::TimeoutFuture::new(500).await;
                slept += 500;
                if !was_online && offline::browser_online() {
                    break;
                }
            }
        }
    });
}
