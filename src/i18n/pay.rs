//! Strings of paying for an application: the invoice, the three ways to pay (M-Pesa on this phone, M-Pesa
//! Paybill, card), the return from the card page, the receipt and the payment history. Why a payment failed
//! is the domain's `PaymentProblem::message_en` / `message_sw`, not repeated here.

use njia_domain::api::payments::{PaymentMethod, PaymentStatus};

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `apply.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum PayKey { $($key,)* }

        impl PayKey {
            #[cfg(test)]
            pub const ALL: &'static [PayKey] = &[$(PayKey::$key,)*];
        }

        impl Translate for PayKey {
            fn en(self) -> &'static str {
                match self { $(PayKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(PayKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    // Links from the application's pages.
    PayNow => ("Pay now", "Lipa sasa"),
    SeeReceipt => ("See your receipt", "Tazama risiti yako"),
    BackToApplication => ("Back to your application", "Rudi kwenye ombi lako"),
    // Loading.
    LoadingInvoice => ("Loading what there is to pay…", "Tunapakia kiasi cha kulipa…"),
    LoadingReceipt => ("Loading your receipt…", "Tunapakia risiti yako…"),
    LoadingPayments => ("Loading your payments…", "Tunapakia malipo yako…"),
    // The pay page.
    PayTitle => ("Pay for your application", "Lipia ombi lako"),
    NothingToPayTitle => ("There is nothing to pay", "Hakuna cha kulipa"),
    NothingToPayBody => ("This application has no fee.", "Ombi hili halina ada."),
    WhatYouPay => ("What you are paying for", "Unacholipia"),
    Item => ("Item", "Kipengele"),
    Amount => ("Amount", "Kiasi"),
    Total => ("Total", "Jumla"),
    ApplicationReference => ("Application reference", "Nambari ya kumbukumbu ya ombi"),
    AccountNumber => ("Account number", "Nambari ya akaunti"),
    ChooseWay => ("Choose one of the ways below. You only need to pay once.",
        "Chagua mojawapo ya njia zilizo hapa chini. Unahitaji kulipa mara moja tu."),
    PaidTag => ("Paid", "Imelipwa"),
    AlreadyPaid => ("This application has been paid for. Thank you.", "Ombi hili limeshalipiwa. Asante."),
    InvoiceClosedCancelled => ("This invoice was cancelled, so it can no longer be paid. Nothing more is due for it.",
        "Ankara hii ilifutwa, kwa hivyo haiwezi kulipwa tena. Hakuna zaidi kinachodaiwa."),
    InvoiceClosedExpired => ("This invoice has expired, so it can no longer be paid. Apply again to get a new one.",
        "Muda wa ankara hii umekwisha, kwa hivyo haiwezi kulipwa tena. Omba tena upate mpya."),
    // M-Pesa on this phone (STK push).
    StkTitle => ("Pay with M-Pesa on this phone", "Lipa kwa M-Pesa kwenye simu hii"),
    StkIntro => ("We send a payment request to your phone. You confirm it with your M-Pesa PIN.",
        "Tunatuma ombi la malipo kwenye simu yako. Unalithibitisha kwa PIN yako ya M-Pesa."),
    PhoneLabel => ("M-Pesa phone number", "Nambari ya simu ya M-Pesa"),
    PhoneHint => ("The phone that will get the request. It must be registered for M-Pesa, for example 0712 345 678.",
        "Simu itakayopokea ombi. Lazima iwe imesajiliwa kwa M-Pesa, kwa mfano 0712 345 678."),
    SendRequest => ("Send the payment request", "Tuma ombi la malipo"),
    CheckPhoneTitle => ("Check your phone", "Angalia simu yako"),
    CheckPhoneBody => ("Enter your M-Pesa PIN on your phone to pay {amount} to NJIA.",
        "Weka PIN yako ya M-Pesa kwenye simu yako ili kulipa {amount} kwa NJIA."),
    SentTo => ("We sent the request to {phone}.", "Tumetuma ombi kwa {phone}."),
    WaitingStatus => ("Waiting for M-Pesa to confirm your payment…", "Tunasubiri M-Pesa ithibitishe malipo yako…"),
    WaitingOffline => ("Your connection dropped. We keep checking as soon as it is back…",
        "Mtandao wako umekatika. Tutaendelea kuangalia ukirudi…"),
    StopWaiting => ("Stop waiting", "Acha kusubiri"),
    StopWaitingHint => ("This does not withdraw the request on your phone: we cannot cancel it from here. If you enter your PIN, the payment still goes through.",
        "Hii haiondoi ombi lililo kwenye simu yako: hatuwezi kulisitisha kutoka hapa. Ukiweka PIN yako, malipo bado yatafanyika."),
    PaymentFailedTitle => ("The payment did not go through", "Malipo hayakufaulu"),
    TryAgain => ("Try again", "Jaribu tena"),
    UnconfirmedTitle => ("We have not heard back from M-Pesa yet", "Bado hatujapata jibu kutoka M-Pesa"),
    UnconfirmedBody => ("We have not heard back from M-Pesa yet. If money left your M-Pesa, you will get an SMS with a code: enter it below. Otherwise try again.",
        "Bado hatujapata jibu kutoka M-Pesa. Ikiwa pesa zimetoka kwenye M-Pesa yako, utapata SMS yenye msimbo: uweke hapa chini. La sivyo jaribu tena."),
    MpesaUnavailable => ("We could not reach M-Pesa just now. Nothing was taken. Try again in a minute, or pay by Paybill below.",
        "Hatukuweza kufikia M-Pesa kwa sasa. Hakuna pesa iliyotolewa. Jaribu tena baada ya dakika moja, au lipa kwa Paybill hapa chini."),
    PayByPaybillInstead => ("Pay by Paybill instead", "Lipa kwa Paybill badala yake"),
    SendFailedNetwork => ("The request was not sent because the connection dropped. Try again when you have a connection: you will not be charged twice.",
        "Ombi halikutumwa kwa sababu mtandao ulikatika. Jaribu tena ukipata mtandao: hutatozwa mara mbili."),
    // M-Pesa Paybill.
    PaybillTitle => ("Pay by M-Pesa Paybill", "Lipa kwa M-Pesa Paybill"),
    PaybillIntro => ("On any phone with M-Pesa:", "Kwenye simu yoyote yenye M-Pesa:"),
    StepMpesa => ("Go to M-Pesa.", "Nenda kwenye M-Pesa."),
    StepLipa => ("Choose Lipa na M-Pesa.", "Chagua Lipa na M-Pesa."),
    StepPayBill => ("Choose Pay Bill.", "Chagua Pay Bill."),
    StepBusiness => ("Enter the business number:", "Weka nambari ya biashara:"),
    StepAccount => ("Enter the account number:", "Weka nambari ya akaunti:"),
    StepAmount => ("Enter the amount:", "Weka kiasi:"),
    StepPin => ("Enter your M-Pesa PIN and confirm. M-Pesa sends you an SMS with a code.",
        "Weka PIN yako ya M-Pesa na uthibitishe. M-Pesa itakutumia SMS yenye msimbo."),
    Copy => ("Copy", "Nakili"),
    CopyBusinessHidden => ("business number", "nambari ya biashara"),
    CopyAccountHidden => ("account number", "nambari ya akaunti"),
    CopiedBusiness => ("Business number copied", "Nambari ya biashara imenakiliwa"),
    CopiedAccount => ("Account number copied", "Nambari ya akaunti imenakiliwa"),
    CopyFailed => ("Could not copy. Select the number and copy it yourself.",
        "Imeshindwa kunakili. Chagua nambari na uinakili mwenyewe."),
    IHavePaid => ("I have paid", "Nimelipa"),
    IHavePaidIntro => ("When M-Pesa's SMS arrives, enter its code here so we can match your payment.",
        "SMS ya M-Pesa ikifika, weka msimbo wake hapa ili tulinganishe malipo yako."),
    CodeLabel => ("M-Pesa code from your SMS", "Msimbo wa M-Pesa kutoka kwenye SMS yako"),
    CodeHint => ("10 letters and numbers, for example SLK4H7Q2XP", "Herufi na tarakimu 10, kwa mfano SLK4H7Q2XP"),
    ConfirmPayment => ("Confirm payment", "Thibitisha malipo"),
    CodeInvalid => ("Enter the M-Pesa code from your SMS: 10 letters and numbers, for example SLK4H7Q2XP",
        "Weka msimbo wa M-Pesa kutoka kwenye SMS yako: herufi na tarakimu 10, kwa mfano SLK4H7Q2XP"),
    CodeNotFound => ("We have not received a payment with this code for this account number yet. Check the code in your M-Pesa SMS; if you paid a moment ago, try again in a minute.",
        "Bado hatujapokea malipo yenye msimbo huu kwa nambari hii ya akaunti. Kagua msimbo kwenye SMS yako ya M-Pesa; ikiwa umelipa sasa hivi, jaribu tena baada ya dakika moja."),
    // Card.
    CardTitle => ("Pay by card", "Lipa kwa kadi"),
    CardIntro => ("You enter your card details on our payment provider's secure page, not on Njia. Then you come back here.",
        "Utaweka maelezo ya kadi yako kwenye ukurasa salama wa mtoa huduma wetu wa malipo, si kwenye Njia. Kisha utarudi hapa."),
    ContinueToCard => ("Continue to card payment", "Endelea na malipo kwa kadi"),
    CardUnavailable => ("Card payment is not available just now. Pay by M-Pesa instead.",
        "Malipo kwa kadi hayapatikani kwa sasa. Lipa kwa M-Pesa badala yake."),
    // Back from the card page.
    CardCheckingTitle => ("Checking your card payment", "Tunakagua malipo yako ya kadi"),
    CardChecking => ("Checking your card payment with the payment provider…", "Tunakagua malipo yako ya kadi na mtoa huduma wa malipo…"),
    CardPendingBody => ("The payment provider has not confirmed your payment yet. Wait a moment, then check again.",
        "Mtoa huduma wa malipo bado hajathibitisha malipo yako. Subiri kidogo, kisha uangalie tena."),
    CheckAgain => ("Check again", "Angalia tena"),
    CardFailedTitle => ("Your card payment did not go through", "Malipo yako ya kadi hayakufaulu"),
    CardCancelledTitle => ("You cancelled the card payment", "Umesitisha malipo kwa kadi"),
    CardCancelledBody => ("Nothing was taken from your card. You can pay another way or try the card again.",
        "Hakuna pesa iliyotolewa kwenye kadi yako. Unaweza kulipa kwa njia nyingine au ujaribu kadi tena."),
    CardPaidTitle => ("Payment received", "Malipo yamepokelewa"),
    ChooseHowToPay => ("Choose how to pay", "Chagua jinsi ya kulipa"),
    PaymentNotFoundTitle => ("Payment not found", "Malipo hayakupatikana"),
    PaymentNotFoundBody => ("We could not find this payment in your account. Open the application from My applications to pay.",
        "Hatukupata malipo haya kwenye akaunti yako. Fungua ombi kutoka Maombi yangu ili kulipa."),
    // The receipt.
    ReceiptTitle => ("Receipt", "Risiti"),
    Outcome => ("Result", "Matokeo"),
    ReceiptNumber => ("Receipt number", "Nambari ya risiti"),
    Service => ("Service", "Huduma"),
    PaidBy => ("Paid by", "Imelipwa na"),
    DatePaid => ("Date paid", "Tarehe ya malipo"),
    Method => ("Method", "Njia ya malipo"),
    MpesaCode => ("M-Pesa code", "Msimbo wa M-Pesa"),
    PaidFrom => ("Paid from", "Imelipwa kutoka"),
    CardEnding => ("Card ending in", "Kadi inayoishia na"),
    Print => ("Print or save as PDF", "Chapisha au hifadhi kama PDF"),
    NotPaidTitle => ("Not paid yet", "Bado haijalipwa"),
    NotPaidBody => ("There is no receipt yet because this application has not been paid for.",
        "Bado hakuna risiti kwa sababu ombi hili halijalipiwa."),
    // Payment history.
    PaymentsTitle => ("Payments", "Malipo"),
    PaymentsIntro => ("Your payments and their receipts.", "Malipo yako na risiti zake."),
    SeePayments => ("See your payments", "Tazama malipo yako"),
    YourPayments => ("Your payments", "Malipo yako"),
    NoPayments => ("You have not made any payments yet.", "Bado hujafanya malipo yoyote."),
    Date => ("Date", "Tarehe"),
    Status => ("Status", "Hali"),
    SeeReceiptFor => ("See the receipt", "Tazama risiti"),
    ReceiptForHidden => ("for {reference}", "ya {reference}"),
    BackToAccount => ("Back to your account", "Rudi kwenye akaunti yako"),
    // Methods and statuses.
    MethodStk => ("M-Pesa on this phone", "M-Pesa kwenye simu"),
    MethodPaybill => ("M-Pesa Paybill", "M-Pesa Paybill"),
    MethodCard => ("Card", "Kadi"),
    StatusPending => ("Waiting", "Inasubiri"),
    StatusPaid => ("Paid", "Imelipwa"),
    StatusFailed => ("Failed", "Haikufaulu"),
    StatusUnconfirmed => ("Not confirmed yet", "Bado haijathibitishwa"),
    StatusRefundDue => ("To be refunded", "Itarejeshwa"),
}

pub fn method_key(method: PaymentMethod) -> PayKey {
    match method {
        PaymentMethod::MpesaStk => PayKey::MethodStk,
        PaymentMethod::MpesaPaybill => PayKey::MethodPaybill,
        PaymentMethod::Card => PayKey::MethodCard,
    }
}

pub fn status_key(status: PaymentStatus) -> PayKey {
    match status {
        PaymentStatus::Pending => PayKey::StatusPending,
        PaymentStatus::Paid => PayKey::StatusPaid,
        PaymentStatus::Failed => PayKey::StatusFailed,
        PaymentStatus::Unconfirmed => PayKey::StatusUnconfirmed,
        PaymentStatus::RefundDue => PayKey::StatusRefundDue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn every_key_is_written_in_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(PayKey::ALL);
    }

    #[test]
    fn kiswahili_is_not_a_copy_of_english() {
        // Names of M-Pesa's own menus read the same in both languages.
        let same_on_purpose = [PayKey::MethodPaybill];
        for &key in PayKey::ALL {
            if !same_on_purpose.contains(&key) {
                assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
            }
        }
    }

    #[test]
    fn every_method_and_status_has_words() {
        for method in PaymentMethod::ALL {
            assert!(!text(Lang::Sw, method_key(method)).is_empty());
        }
        for status in PaymentStatus::ALL {
            assert_ne!(
                text(Lang::En, status_key(status)),
                text(Lang::Sw, status_key(status))
            );
        }
    }
}
