//! A service's fee as a citizen reads it: one amount, or the amount for each choice or band.

use leptos::prelude::*;
use njia_domain::catalog::{Fee, FeeBand};
use njia_domain::fees::convenience_fee;
use njia_domain::money::group_thousands;

use crate::i18n::{Key, use_i18n};

#[component]
pub fn FeeDetails(fee: Fee) -> impl IntoView {
    let i18n = use_i18n();
    let convenience = fee.range().map(|(low, high)| {
        let (low, high) = (convenience_fee(low), convenience_fee(high));
        if low == high {
            low.to_string()
        } else {
            format!("{low} – {high}")
        }
    });
    let lines = move || -> Vec<(String, String)> {
        let lang = i18n.lang();
        match &fee {
            Fee::Free => vec![(String::new(), i18n.t(Key::Free).to_string())],
            Fee::Fixed { amount } => vec![(String::new(), amount.to_string())],
            Fee::ByOption { options, .. } => options
                .iter()
                .map(|o| (o.label.get(lang).to_string(), o.amount.to_string()))
                .collect(),
            Fee::ByBand { unit, bands, .. } => band_lines(bands, unit.get(lang), i18n),
        }
    };
    view! {
        <dl class="fee-list">
            {move || lines().into_iter().map(|(label, amount)| view! {
                <div class="fee-list__row">
                    <dt>{label}</dt>
                    <dd>{amount}</dd>
                </div>
            }).collect_view()}
        </dl>
        {convenience.map(|c| view! { <p class="hint">{move || i18n.t(Key::ConvenienceFeeNote)} " " {c.clone()}</p> })}
    }
}

fn band_lines(bands: &[FeeBand], unit: &str, i18n: crate::i18n::I18n) -> Vec<(String, String)> {
    let mut previous = None;
    bands
        .iter()
        .map(|band| {
            let label = match band.up_to {
                Some(limit) => format!("{} {} {unit}", i18n.t(Key::UpTo), group_thousands(limit)),
                None => format!(
                    "{} {} {unit}",
                    i18n.t(Key::Over),
                    group_thousands(previous.unwrap_or(0))
                ),
            };
            previous = band.up_to;
            (label, band.amount.to_string())
        })
        .collect()
}
