use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::PortalName => "Njia",
        Key::Tagline => "Government services, the easy way",
        Key::SkipToContent => "Skip to main content",
        Key::SwitchLanguage => "Badilisha lugha kuwa Kiswahili",
        Key::LanguageName => "Kiswahili",
        Key::HomeTitle => "Government services",
        Key::HomeIntro => {
            "Find a government service and see what you need before you apply: the documents, the fee and how long it takes."
        }
        Key::LoadingServices => "Loading services…",
        Key::ErrorOffline => "You seem to be offline. Check your connection, then try again.",
        Key::ErrorServer => "Something went wrong on our side. Please try again in a moment.",
        Key::ErrorReference => "Reference for support:",
        Key::TryAgain => "Try again",
        Key::Fee => "Fee",
        Key::Free => "Free",
        Key::ConvenienceFeeNote => "An eCitizen convenience fee is added when you pay:",
        Key::UpTo => "Up to",
        Key::Over => "Over",
        Key::DocumentsNeeded => "Documents you need",
        Key::NoDocuments => "No documents are needed.",
        Key::Required => "Required",
        Key::Optional => "Optional",
        Key::RequiredSometimes => "Needed in some cases",
        Key::AcceptedUpTo => "up to",
        Key::Or => "or",
        Key::ProcessingTime => "How long it takes",
        Key::Immediate => "At once",
        Key::WorkingDays => "{n} working days",
        Key::Days => "{n} days",
        Key::WhoCanApply => "Who can apply",
        Key::ApplicantCitizen => "Kenyan citizens",
        Key::ApplicantResident => "Foreign residents",
        Key::ApplicantForeigner => "Visitors",
        Key::ApplicantOrganisation => "Organisations",
        Key::AllServices => "All services",
        Key::NotFoundTitle => "Page not found",
        Key::NotFoundBody => {
            "If you typed the web address, check it is correct. If you followed a link, it may be out of date."
        }
        Key::ServiceNotFoundTitle => "We could not find that service",
        Key::ServiceNotFoundBody => {
            "It may have been renamed or withdrawn. You can look for it in the list of all services."
        }
        Key::GoHome => "Go to the list of services",
        Key::FooterAbout => "Njia is open-source software for Kenya's public services.",
        Key::FooterData => "Your data is handled under the Data Protection Act, 2019.",
    }
}
