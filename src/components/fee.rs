//! A service's fee as a citizen reads it: one amount, or the amount for each choice or band.

use leptos::prelude::*;
use njia_domain::catalog::{Fee, FeeBand};
use njia_domain::fees::convenience_fee;

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
                Some(limit) => format!("{} {} {unit}", i18n.t(Key::UpTo), group(limit)),
                None => format!(
                    "{} {} {unit}",
                    i18n.t(Key::Over),
                    group(previous.unwrap_or(0))
                ),
            };
            previous = band.up_to;
            (label, band.amount.to_string())
        })
        .collect()
}

/// 3000 → "3,000".
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::group(0), "0");
        assert_eq!(super::group(999), "999");
        assert_eq!(super::group(1000), "1,000");
        assert_eq!(super::group(1234567), "1,234,567");
    }
}
