//! Strings of "who you act for": the header's bar, the `/acting-as` page and the notice when the person has
//! been removed from the organisation they were acting for.

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `pay.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ActingKey { $($key,)* }

        impl ActingKey {
            #[cfg(test)]
            pub const ALL: &'static [ActingKey] = &[$(ActingKey::$key,)*];
        }

        impl Translate for ActingKey {
            fn en(self) -> &'static str {
                match self { $(ActingKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(ActingKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    ActingForLabel => ("Acting for", "Kwa niaba ya"),
    Yourself => ("Yourself", "Wewe mwenyewe"),
    Change => ("Change", "Badilisha"),
    ChangeHidden => ("who you act for", "unayemhudumia"),
    Title => ("Who are you acting for?", "Unafanya kazi kwa niaba ya nani?"),
    Hint => ("What you apply for, pay and upload belongs to whoever you act for. Everyone in an organisation sees its applications, payments and vehicles.",
        "Unachoomba, unacholipia na unachopakia ni mali ya unayemhudumia. Kila mtu katika shirika huona maombi, malipo na magari yake."),
    YourselfOption => ("Yourself ({n})", "Wewe mwenyewe ({n})"),
    Administrator => ("administrator", "msimamizi"),
    Agent => ("agent", "wakala"),
    Continue => ("Continue", "Endelea"),
    Loading => ("Loading your organisations…", "Tunapakia mashirika yako…"),
    NoOrganisations => ("You do not act for any organisation yet. An organisation's administrator can invite you, or you can add your organisation.",
        "Bado hufanyi kazi kwa niaba ya shirika lolote. Msimamizi wa shirika anaweza kukualika, au unaweza kuongeza shirika lako."),
    YourOrganisations => ("Your organisations", "Mashirika yako"),
    Lost => ("You are no longer a member of {n}, so you are now acting for yourself.",
        "Wewe si mwanachama wa {n} tena, kwa hivyo sasa unajihudumia mwenyewe."),
    Dismiss => ("Close this message", "Funga ujumbe huu"),
    NotForOrganisations => ("This service is for people applying for themselves. Switch to acting for yourself to use it.",
        "Huduma hii ni ya watu wanaojiombea wenyewe. Badilisha ujihudumie mwenyewe ili uitumie."),
    OrganisationsOnly => ("Only organisations, such as dealers, use this service. Switch to acting for your organisation to use it.",
        "Mashirika pekee, kama wauzaji wa magari, hutumia huduma hii. Badilisha ufanye kazi kwa niaba ya shirika lako ili uitumie."),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn every_key_is_written_in_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(ActingKey::ALL);
    }

    #[test]
    fn kiswahili_is_not_a_copy_of_english() {
        for &key in ActingKey::ALL {
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
        }
    }
}
