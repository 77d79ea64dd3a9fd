//! Strings of booking a driving test: the class, the test centre, the slots with the places left, paying,
//! and the person's bookings with moving and cancelling.

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `pay.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TestBookingKey { $($key,)* }

        impl TestBookingKey {
            #[cfg(test)]
            pub const ALL: &'static [TestBookingKey] = &[$(TestBookingKey::$key,)*];
        }

        impl Translate for TestBookingKey {
            fn en(self) -> &'static str {
                match self { $(TestBookingKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(TestBookingKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    BookTest => ("Book a driving test", "Panga mtihani wa udereva"),
    Intro => ("Choose the class, the Driving Test Unit and a time. We hold your place while you pay the fee of KES 1,050.",
        "Chagua daraja, kituo cha mtihani wa udereva na saa. Tunakushikilia nafasi yako unapolipa ada ya KES 1,050."),
    Loading => ("Loading the test times…", "Tunapakia nyakati za mitihani…"),
    NoProvisional => ("You need a valid provisional licence to book a driving test. Your driving school can help you get one.",
        "Unahitaji leseni ya muda iliyo halali ili kupanga mtihani wa udereva. Shule yako ya udereva inaweza kukusaidia kuipata."),
    BackToMyNtsa => ("Back to My NTSA", "Rudi kwenye NTSA Yangu"),
    ClassLegend => ("Which class is the test for?", "Mtihani ni wa daraja gani?"),
    ClassHint => ("The classes on your provisional licence.", "Madaraja yaliyo kwenye leseni yako ya muda."),
    CentreLegend => ("Where do you want to take the test?", "Unataka kufanyia mtihani wapi?"),
    SlotLegend => ("When do you want to take the test?", "Unataka kufanya mtihani lini?"),
    SlotHint => ("Times are in Kenya time. Only times with a place left are shown.",
        "Saa ni za Kenya. Zinaonyeshwa tu nyakati zilizo na nafasi."),
    NoSlots => ("There are no free times at this centre in the next 30 days. Choose another centre or look again later.",
        "Hakuna nafasi katika kituo hiki kwa siku 30 zijazo. Chagua kituo kingine au uangalie tena baadaye."),
    PlacesLeftOne => ("1 place left", "Imebaki nafasi 1"),
    PlacesLeft => ("{n} places left", "Zimebaki nafasi {n}"),
    BookAndPay => ("Book and pay", "Panga na ulipe"),
    HoldExplained => ("We hold your place for {n} minutes while you pay.",
        "Tunakushikilia nafasi kwa dakika {n} unapolipa."),
    ChooseClass => ("Choose the class of the test", "Chagua daraja la mtihani"),
    ChooseCentre => ("Choose a Driving Test Unit", "Chagua kituo cha mtihani wa udereva"),
    ChooseSlot => ("Choose a date and time", "Chagua tarehe na saa"),
    SlotFull => ("That time has just been taken. Choose another time.", "Nafasi hiyo imechukuliwa sasa hivi. Chagua saa nyingine."),
    ClassNotOnProvisional => ("Your provisional licence does not cover this class.", "Leseni yako ya muda haihusu daraja hili."),
    AlreadyBooked => ("You already have a test booked for this class. Change its date below instead.",
        "Tayari umepanga mtihani wa daraja hili. Badilisha tarehe yake hapa chini badala yake."),
    UnpaidFines => ("You have unpaid fines. Pay them first, then book your test.",
        "Una faini ambazo hazijalipwa. Zilipe kwanza, kisha upange mtihani wako."),
    YourBookings => ("Your driving tests", "Mitihani yako ya udereva"),
    NoBookings => ("You have not booked a driving test yet.", "Bado hujapanga mtihani wa udereva."),
    ClassN => ("Class {n}", "Daraja {n}"),
    StatusHeld => ("Waiting for payment", "Inasubiri malipo"),
    StatusBooked => ("Booked", "Imepangwa"),
    StatusCancelled => ("Cancelled", "Imeghairiwa"),
    StatusPassed => ("Passed", "Umefaulu"),
    StatusFailed => ("Not passed", "Hukufaulu"),
    PayNow => ("Pay now", "Lipa sasa"),
    PayBy => ("Pay by {n} to keep this place. After that it is given back for others to book.",
        "Lipa kabla ya {n} ili kushikilia nafasi hii. Baada ya hapo itarudishwa ili wengine waipange."),
    ChangeDate => ("Change the date", "Badilisha tarehe"),
    NewSlotLegend => ("Choose the new date and time", "Chagua tarehe na saa mpya"),
    MoveTest => ("Move my test", "Hamisha mtihani wangu"),
    Moved => ("Your test has been moved.", "Mtihani wako umehamishwa."),
    CancelBooking => ("Cancel booking", "Ghairi mpango"),
    CancelConfirmTitle => ("Are you sure you want to cancel this test?", "Una uhakika unataka kughairi mtihani huu?"),
    CancelNoRefund => ("A test you have paid for is not refunded when you cancel it.",
        "Mtihani uliolipia haurudishiwi pesa ukiughairi."),
    YesCancel => ("Yes, cancel the test", "Ndiyo, ghairi mtihani"),
    KeepBooking => ("No, keep it", "Hapana, ubaki"),
    Cancelled => ("Your test has been cancelled.", "Mtihani wako umeghairiwa."),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(TestBookingKey::ALL);
        for &key in TestBookingKey::ALL {
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
        }
    }
}
