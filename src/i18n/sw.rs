use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::PortalName => "Njia",
        Key::Tagline => "Huduma za serikali, kwa urahisi",
        Key::SkipToContent => "Ruka hadi maudhui makuu",
        Key::SwitchLanguage => "Change language to English",
        Key::LanguageName => "English",
        Key::HomeTitle => "Huduma za serikali",
        Key::HomeIntro => {
            "Tafuta huduma ya serikali na ujue unachohitaji kabla ya kutuma maombi: hati, ada na muda unaochukua."
        }
        Key::LoadingServices => "Inapakia huduma…",
        Key::ErrorOffline => {
            "Inaonekana huna mtandao. Angalia muunganisho wako, kisha ujaribu tena."
        }
        Key::ErrorServer => "Kuna hitilafu upande wetu. Tafadhali jaribu tena baada ya muda mfupi.",
        Key::ErrorReference => "Nambari ya kumbukumbu kwa msaada:",
        Key::TryAgain => "Jaribu tena",
        Key::Fee => "Ada",
        Key::Free => "Bila malipo",
        Key::ConvenienceFeeNote => "Ada ya huduma ya eCitizen huongezwa unapolipa:",
        Key::UpTo => "Hadi",
        Key::Over => "Zaidi ya",
        Key::DocumentsNeeded => "Hati unazohitaji",
        Key::NoDocuments => "Hakuna hati zinazohitajika.",
        Key::Required => "Inahitajika",
        Key::Optional => "Si lazima",
        Key::RequiredSometimes => "Inahitajika katika hali fulani",
        Key::AcceptedUpTo => "hadi",
        Key::Or => "au",
        Key::ProcessingTime => "Muda unaochukua",
        Key::Immediate => "Papo hapo",
        Key::WorkingDays => "Siku {n} za kazi",
        Key::Days => "Siku {n}",
        Key::WhoCanApply => "Nani anaweza kuomba",
        Key::ApplicantCitizen => "Raia wa Kenya",
        Key::ApplicantResident => "Wakazi wa kigeni",
        Key::ApplicantForeigner => "Wageni",
        Key::ApplicantOrganisation => "Mashirika",
        Key::AllServices => "Huduma zote",
        Key::NotFoundTitle => "Ukurasa haukupatikana",
        Key::NotFoundBody => {
            "Ikiwa uliandika anwani ya tovuti, hakikisha ni sahihi. Ikiwa ulifuata kiungo, huenda kimepitwa na wakati."
        }
        Key::ServiceNotFoundTitle => "Hatukupata huduma hiyo",
        Key::ServiceNotFoundBody => {
            "Huenda jina lake limebadilishwa au imeondolewa. Unaweza kuitafuta katika orodha ya huduma zote."
        }
        Key::GoHome => "Nenda kwenye orodha ya huduma",
        Key::FooterAbout => "Njia ni programu huria kwa huduma za umma za Kenya.",
        Key::FooterData => "Data yako inashughulikiwa chini ya Sheria ya Ulinzi wa Data, 2019.",
    }
}
