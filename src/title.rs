//! The document title of each page: "<page> – Njia", kept in step with the language.

use leptos::prelude::*;

pub fn use_title(page: impl Fn() -> String + 'static) {
    Effect::new(move |_| crate::browser::set_title(&format!("{} – Njia", page())));
}
