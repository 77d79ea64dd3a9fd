//! Thin wrappers over the browser APIs the SPA uses, each failing quietly: a phone with storage disabled or
//! an old browser must still get a working page.

use wasm_bindgen::JsCast;

pub fn local_get(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// Only for preferences: nothing sensitive is ever kept in `localStorage`.
pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

pub fn navigator_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

pub fn set_document_lang(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", tag);
    }
}

pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Moves focus to the main heading, so a screen reader announces the new page after client-side navigation.
pub fn focus_main_heading() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = document
        .query_selector("main h1")
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id("main"));
    if let Some(element) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Registers the service worker that keeps the app shell and the offline page on the phone.
pub fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        // Absent when the page is not a secure context; the portal then simply works online only.
        if !container.is_undefined() {
            let _ = container.register("/sw.js");
        }
    }
}
