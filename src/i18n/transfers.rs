//! Strings of the buyer's side of a transfer of vehicle ownership: the vehicles offered to the person, and
//! accepting or declining one with their password.

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `pay.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TransferKey { $($key,)* }

        impl TransferKey {
            #[cfg(test)]
            pub const ALL: &'static [TransferKey] = &[$(TransferKey::$key,)*];
        }

        impl Translate for TransferKey {
            fn en(self) -> &'static str {
                match self { $(TransferKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(TransferKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    Title => ("Transfers offered to you", "Magari unayohamishiwa"),
    Intro => ("When someone sells you a vehicle, they start the transfer on Njia with your ID number. Accept it only if you have agreed to buy this vehicle. NTSA approves it after you accept.",
        "Mtu akikuuzia gari, huanzisha uhamisho kwenye Njia kwa nambari yako ya kitambulisho. Ukubali tu kama mmekubaliana kununua gari hili. NTSA huidhinisha baada ya wewe kukubali."),
    Loading => ("Loading the transfers…", "Tunapakia uhamisho…"),
    NoOffers => ("Nobody has started a transfer of a vehicle to you.", "Hakuna aliyeanzisha uhamisho wa gari kwako."),
    BackToMyNtsa => ("Back to My NTSA", "Rudi kwenye NTSA Yangu"),
    Seller => ("Seller", "Muuzaji"),
    Offered => ("Started", "Ulianzishwa"),
    AwaitingBuyer => ("Waiting for your answer", "Inasubiri jibu lako"),
    Accepted => ("Accepted: NTSA is reviewing it", "Umekubali: NTSA inashughulikia"),
    Declined => ("Declined", "Umekataa"),
    Completed => ("Done: the vehicle is yours", "Imekamilika: gari ni lako"),
    Accept => ("Accept", "Kubali"),
    Decline => ("Decline", "Kataa"),
    AcceptTitle => ("Accept the transfer of {plate}", "Kubali uhamisho wa {plate}"),
    DeclineTitle => ("Decline the transfer of {plate}", "Kataa uhamisho wa {plate}"),
    PasswordHint => ("To confirm it is you, enter the password you sign in with.",
        "Ili kuthibitisha ni wewe, weka nenosiri unalotumia kuingia."),
    PasswordLabel => ("Your password", "Nenosiri lako"),
    EnterPassword => ("Enter your password", "Weka nenosiri lako"),
    WrongPassword => ("Your password is not right", "Nenosiri lako si sahihi"),
    ConfirmAccept => ("Accept transfer", "Kubali uhamisho"),
    ConfirmDecline => ("Decline transfer", "Kataa uhamisho"),
    Cancel => ("Cancel", "Ghairi"),
    DoneAccepted => ("You accepted the transfer of {plate}. NTSA will review it and we will tell you by SMS when the vehicle is yours.",
        "Umekubali uhamisho wa {plate}. NTSA itaushughulikia na tutakujulisha kwa SMS gari likiwa lako."),
    DoneDeclined => ("You declined the transfer of {plate}. We have told the seller.",
        "Umekataa uhamisho wa {plate}. Tumemjulisha muuzaji."),
    AlreadyAnswered => ("This transfer has already been answered.", "Uhamisho huu umeshajibiwa."),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(TransferKey::ALL);
        for key in TransferKey::ALL {
            assert_ne!(key.en(), key.sw(), "{key:?} is not translated");
        }
    }
}
