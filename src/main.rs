//! Njia's single-page app: client-side rendered Leptos, compiled to Wasm by trunk.

mod acting;
mod api;
mod app;
mod application_draft;
mod browser;
mod catalog;
mod components;
mod format;
mod i18n;
mod pages;
mod registration_draft;
mod session;
mod title;

fn main() {
    leptos::mount::mount_to_body(app::App);
    browser::register_service_worker();
}
