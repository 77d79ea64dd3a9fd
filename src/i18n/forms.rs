//! Strings of the shared form components.

use super::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    ErrorSummaryTitle,
    ErrorPrefix,
    Continue,
    Back,
    Change,
    Optional,
    Sending,
    Day,
    Month,
    Year,
    ShowPassword,
    HidePassword,
}

impl Translate for FormKey {
    fn en(self) -> &'static str {
        match self {
            FormKey::ErrorSummaryTitle => "There is a problem",
            FormKey::ErrorPrefix => "Error:",
            FormKey::Continue => "Continue",
            FormKey::Back => "Back",
            FormKey::Change => "Change",
            FormKey::Optional => "(optional)",
            FormKey::Sending => "Sending…",
            FormKey::Day => "Day",
            FormKey::Month => "Month",
            FormKey::Year => "Year",
            FormKey::ShowPassword => "Show password",
            FormKey::HidePassword => "Hide password",
        }
    }

    fn sw(self) -> &'static str {
        match self {
            FormKey::ErrorSummaryTitle => "Kuna tatizo",
            FormKey::ErrorPrefix => "Hitilafu:",
            FormKey::Continue => "Endelea",
            FormKey::Back => "Rudi",
            FormKey::Change => "Badilisha",
            FormKey::Optional => "(si lazima)",
            FormKey::Sending => "Inatuma…",
            FormKey::Day => "Siku",
            FormKey::Month => "Mwezi",
            FormKey::Year => "Mwaka",
            FormKey::ShowPassword => "Onyesha nenosiri",
            FormKey::HidePassword => "Ficha nenosiri",
        }
    }
}
