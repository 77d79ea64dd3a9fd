//! Strings of the portal's notices: the banner on every page, a maintenance window's refusal on the check
//! and pay pages, and the administrators' page that publishes them (`/admin/notices`).

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `record.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum NoticesKey { $($key,)* }

        impl NoticesKey {
            #[cfg(test)]
            pub const ALL: &'static [NoticesKey] = &[$(NoticesKey::$key,)*];
        }

        impl Translate for NoticesKey {
            fn en(self) -> &'static str {
                match self { $(NoticesKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(NoticesKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    // The banner.
    BannerTitle => ("Important", "Muhimu"),
    MaintenanceTitle => ("Planned maintenance", "Matengenezo yaliyopangwa"),
    Until => ("Until {time} on {date}.", "Hadi {time} tarehe {date}."),
    From => ("From {time} on {date} until {end_time} on {end_date}.",
        "Kuanzia {time} tarehe {date} hadi {end_time} tarehe {end_date}."),
    Dismiss => ("Hide this message", "Ficha ujumbe huu"),
    // A refusal during a maintenance window.
    RefusedTitle => ("This service is closed for maintenance", "Huduma hii imefungwa kwa matengenezo"),
    TryAfter => ("You can try again after {time} on {date}.",
        "Unaweza kujaribu tena baada ya {time} tarehe {date}."),
    AnswersSaved => ("Your answers are saved.", "Majibu yako yamehifadhiwa."),
    // The administrators' page.
    AdminLink => ("Notices", "Matangazo"),
    AdminOnlyTitle => ("For administrators only", "Kwa wasimamizi pekee"),
    AdminOnlyBody => ("Notices are published by the portal's administrators. Your account is not an administrator's.",
        "Matangazo huchapishwa na wasimamizi wa tovuti. Akaunti yako si ya msimamizi."),
    AdminTitle => ("Notices and maintenance windows", "Matangazo na vipindi vya matengenezo"),
    AdminIntro => ("Notices are shown at the top of every page in their time. A maintenance window also refuses the agency's submissions and payments while it is open; drafts, uploads and payments already made go on.",
        "Matangazo huonyeshwa juu ya kila ukurasa kwa muda wake. Kipindi cha matengenezo pia hukataa maombi na malipo ya idara hiyo kikiwa wazi; rasimu, vipakiwa na malipo yaliyokwisha fanywa huendelea."),
    Loading => ("Loading the notices…", "Tunapakia matangazo…"),
    ListTitle => ("Published notices", "Matangazo yaliyochapishwa"),
    NoNotices => ("No notices in the last 30 days.", "Hakuna matangazo katika siku 30 zilizopita."),
    WholePortal => ("The whole portal", "Tovuti nzima"),
    Scope => ("Shown for", "Inaonyeshwa kwa"),
    When => ("When", "Lini"),
    Kind => ("Kind", "Aina"),
    KindNotice => ("Notice", "Tangazo"),
    KindMaintenance => ("Maintenance window", "Kipindi cha matengenezo"),
    Withdrawn => ("Withdrawn", "Limeondolewa"),
    Withdraw => ("Withdraw", "Ondoa"),
    WithdrawLabel => ("Withdraw the notice: {message}", "Ondoa tangazo: {message}"),
    WithdrawnDone => ("The notice is withdrawn.", "Tangazo limeondolewa."),
    FormTitle => ("Publish a notice", "Chapisha tangazo"),
    ScopeLabel => ("Who is it for?", "Ni la nani?"),
    ScopeHint => ("The whole portal, or the services of one agency.", "Tovuti nzima, au huduma za idara moja."),
    MessageEnLabel => ("Message in English", "Ujumbe kwa Kiingereza"),
    MessageSwLabel => ("Message in Kiswahili", "Ujumbe kwa Kiswahili"),
    MessageHint => ("Up to 500 characters. Say what is affected and what people can do.",
        "Hadi herufi 500. Sema kinachoathirika na watu wanachoweza kufanya."),
    StartsLabel => ("Starts", "Kinaanza"),
    EndsLabel => ("Ends", "Kinaisha"),
    TimeHint => ("Kenya time. For example, 3 December 2026 at 14:00.",
        "Saa za Kenya. Kwa mfano, 3 Desemba 2026 saa 14:00."),
    DateLabel => ("Date", "Tarehe"),
    TimeLabel => ("Time", "Saa"),
    MaintenanceLabel => ("This is a maintenance window: refuse submissions and payments",
        "Hiki ni kipindi cha matengenezo: kataa maombi na malipo"),
    MaintenanceHint => ("Choose an agency: its applications cannot be sent, and payments cannot be started, until the end.",
        "Chagua idara: maombi yake hayawezi kutumwa, wala malipo kuanzishwa, hadi mwisho wake."),
    Publish => ("Publish the notice", "Chapisha tangazo"),
    Published => ("The notice is published.", "Tangazo limechapishwa."),
    AgencyRequired => ("Choose the agency whose services the maintenance window stops",
        "Chagua idara ambayo huduma zake zitasimamishwa na kipindi cha matengenezo"),
    MessageEnRequired => ("Enter the message in English", "Andika ujumbe kwa Kiingereza"),
    MessageSwRequired => ("Enter the message in Kiswahili", "Andika ujumbe kwa Kiswahili"),
    MessageTooLong => ("The message must be 500 characters or fewer", "Ujumbe usizidi herufi 500"),
    StartInvalid => ("Enter a real date and time for the start", "Weka tarehe na saa halisi ya kuanza"),
    EndInvalid => ("Enter a real date and time for the end", "Weka tarehe na saa halisi ya kuisha"),
    EndBeforeStart => ("The end must be after the start", "Mwisho lazima uwe baada ya kuanza"),
    EndInPast => ("The end must be in the future", "Mwisho lazima uwe siku zijazo"),
    UnknownAgency => ("Choose an agency from the list", "Chagua idara kutoka kwenye orodha"),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn every_key_is_written_in_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(NoticesKey::ALL);
    }

    #[test]
    fn kiswahili_is_not_a_copy_of_english() {
        for &key in NoticesKey::ALL {
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
        }
    }
}
