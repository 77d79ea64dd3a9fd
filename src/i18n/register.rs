//! Strings of registration (`/register/…`), the password meter and the confirmation of a new account's
//! phone and email (`/register/confirm`).

use super::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterKey {
    // The start page and the wizard's frame.
    Title,
    StartIntro,
    StartNeed,
    StartNeedId,
    StartNeedEmail,
    StartNeedPhone,
    StartAge,
    StartNow,
    HaveAccount,
    SignIn,
    StepOf,
    // Account type.
    KindTitle,
    KindLegend,
    KindCitizen,
    KindResident,
    KindForeigner,
    KindMissing,
    KindCitizenShort,
    KindResidentShort,
    KindForeignerShort,
    // ID or document number.
    IdTitleCitizen,
    IdTitleResident,
    IdTitleForeigner,
    IdLabelCitizen,
    IdLabelResident,
    IdLabelForeigner,
    IdHintCitizen,
    IdHintResident,
    IdHintForeigner,
    // Names.
    NameTitle,
    NameHint,
    FirstName,
    OtherNames,
    Surname,
    // Date of birth.
    DobTitle,
    DobLegend,
    DobHint,
    // Contact.
    ContactTitle,
    ContactHint,
    Email,
    EmailHint,
    Phone,
    PhoneHint,
    // Password.
    PasswordTitle,
    PasswordHint,
    Password,
    PasswordConfirmation,
    // The meter.
    Strength,
    StrengthWeak,
    StrengthFair,
    StrengthGood,
    StrengthStrong,
    HintAddWords,
    HintAvoidSequences,
    HintAvoidRepeats,
    HintAvoidKeyboardPatterns,
    HintAvoidDates,
    HintAvoidCommon,
    HintAvoidPersonal,
    // Privacy notice.
    PrivacyTitle,
    PrivacyIntro,
    PrivacyIdTerm,
    PrivacyIdWhy,
    PrivacyNamesTerm,
    PrivacyNamesWhy,
    PrivacyContactTerm,
    PrivacyContactWhy,
    PrivacyPasswordTerm,
    PrivacyPasswordWhy,
    PrivacyRights,
    PrivacyVersion,
    PrivacyAgree,
    // Check your answers.
    CheckTitle,
    RowKind,
    RowName,
    RowDob,
    RowPassword,
    PasswordHidden,
    CheckDeclaration,
    CreateAccount,
    AlreadyIntro,
    ResetPassword,
    SubmitOffline,
    SubmitServer,
    Months,
    // Confirming the phone and the email.
    ConfirmTitle,
    ConfirmIntro,
    PhoneSection,
    EmailSection,
    SentTo,
    SendTo,
    PhoneCodeLabel,
    EmailCodeLabel,
    CodeHint,
    Confirm,
    Confirmed,
    SendNewCode,
    ResendIn,
    ResendInMinutes,
    NewCodeSent,
    NoCode,
    ChangePhone,
    ChangeEmail,
    CorrectPhoneLabel,
    CorrectEmailLabel,
    SaveAndSend,
    CorrectedWait,
    Cancel,
    PhoneConfirmed,
    EmailConfirmed,
    ReadyTitle,
    ReadyBody,
    GoToAccount,
}

impl Translate for RegisterKey {
    fn en(self) -> &'static str {
        use RegisterKey as K;
        match self {
            K::Title => "Create an account",
            K::StartIntro => {
                "With a Njia account you can apply for government services, pay for them and follow your applications."
            }
            K::StartNeed => "You will need:",
            K::StartNeedId => "your national ID, alien ID or passport number",
            K::StartNeedEmail => "an email address you can open now",
            K::StartNeedPhone => "a Kenyan mobile number that can receive SMS now",
            K::StartAge => "You must be 18 or over. It takes about 5 minutes.",
            K::StartNow => "Start now",
            K::HaveAccount => "Already have an account?",
            K::SignIn => "Sign in",
            K::StepOf => "Step {n} of {total}",
            K::KindTitle => "What kind of account do you need?",
            K::KindLegend => "Choose the one that describes you",
            K::KindCitizen => "Kenyan citizen, with a national ID",
            K::KindResident => "Foreign resident, with an alien ID",
            K::KindForeigner => "Visitor, with a passport",
            K::KindMissing => "Select the kind of account you need",
            K::KindCitizenShort => "Kenyan citizen",
            K::KindResidentShort => "Foreign resident",
            K::KindForeignerShort => "Visitor",
            K::IdTitleCitizen => "What is your national ID number?",
            K::IdTitleResident => "What is your alien ID number?",
            K::IdTitleForeigner => "What is your passport number?",
            K::IdLabelCitizen => "National ID number",
            K::IdLabelResident => "Alien ID number",
            K::IdLabelForeigner => "Passport number",
            K::IdHintCitizen => {
                "The 6 to 8 digits on the front of your ID card, for example 12345678. Not the 9-digit serial number."
            }
            K::IdHintResident => "The 6 to 9 digits on your alien ID card (foreigner certificate).",
            K::IdHintForeigner => "One or two letters, then 6 to 8 digits, for example AK1234567.",
            K::NameTitle => "What is your name?",
            K::NameHint => "Write your names as they appear on your ID or passport.",
            K::FirstName => "First name",
            K::OtherNames => "Other names",
            K::Surname => "Surname",
            K::DobTitle => "What is your date of birth?",
            K::DobLegend => "Date of birth",
            K::DobHint => "For example, 27 3 1990. You must be 18 or over to open an account.",
            K::ContactTitle => "How can we contact you?",
            K::ContactHint => "We'll send a code to each to confirm them.",
            K::Email => "Email address",
            K::EmailHint => "For example, jane@example.com",
            K::Phone => "Mobile number",
            K::PhoneHint => "A Kenyan number, for example 0712 345 678",
            K::PasswordTitle => "Create a password",
            K::PasswordHint => {
                "Use at least 8 characters. Three or four unrelated words make a password that is strong and easy to remember. Don't use your name, ID number, phone or email."
            }
            K::Password => "Password",
            K::PasswordConfirmation => "Type the password again",
            K::Strength => "Password strength",
            K::StrengthWeak => "Weak",
            K::StrengthFair => "Fair",
            K::StrengthGood => "Good",
            K::StrengthStrong => "Strong",
            K::HintAddWords => "Add another word or two; uncommon words are best.",
            K::HintAvoidSequences => "Avoid sequences like abc or 6543.",
            K::HintAvoidRepeats => "Avoid repeated characters and words like aaa or abcabc.",
            K::HintAvoidKeyboardPatterns => "Avoid rows and patterns of keys like qwerty or 1qaz.",
            K::HintAvoidDates => "Avoid dates and years.",
            K::HintAvoidCommon => "Avoid common words and passwords, even spelt like p@ssw0rd.",
            K::HintAvoidPersonal => {
                "Avoid your name, ID number, phone, email and the name of this service."
            }
            K::PrivacyTitle => "How we use your information",
            K::PrivacyIntro => {
                "We ask only for what we need to give you an account. This is why we need each item."
            }
            K::PrivacyIdTerm => "Your ID or passport number",
            K::PrivacyIdWhy => {
                "To confirm who you are and to link your government records to your account."
            }
            K::PrivacyNamesTerm => "Your names and date of birth",
            K::PrivacyNamesWhy => {
                "To confirm your identity and your age: accounts are for people aged 18 or over."
            }
            K::PrivacyContactTerm => "Your email address and mobile number",
            K::PrivacyContactWhy => {
                "To send you codes, and to tell you about your applications and any change to your account."
            }
            K::PrivacyPasswordTerm => "Your password",
            K::PrivacyPasswordWhy => {
                "To protect your account. We store it only as a hash, so nobody, not even our staff, can read it."
            }
            K::PrivacyRights => {
                "Under the Data Protection Act, 2019, you can see your information and ask us to correct it."
            }
            K::PrivacyVersion => "Privacy notice of {n}",
            K::PrivacyAgree => "I have read the privacy notice and agree",
            K::CheckTitle => "Check your answers before creating your account",
            K::RowKind => "Account type",
            K::RowName => "Name",
            K::RowDob => "Date of birth",
            K::RowPassword => "Password",
            K::PasswordHidden => "Hidden for your security",
            K::CheckDeclaration => {
                "By creating an account you confirm that these details are correct."
            }
            K::CreateAccount => "Create account",
            K::AlreadyIntro => "If the account is yours, you do not need a new one:",
            K::ResetPassword => "Reset your password",
            K::SubmitOffline => {
                "We could not reach Njia. Check your connection, then try again: your answers are kept."
            }
            K::SubmitServer => {
                "Something went wrong on our side. Your answers are kept: please try again."
            }
            K::Months => {
                "January February March April May June July August September October November December"
            }
            K::ConfirmTitle => "Confirm your mobile number and email address",
            K::ConfirmIntro => "To confirm each one, enter the 6-digit code we send to it.",
            K::PhoneSection => "Confirm your mobile number",
            K::EmailSection => "Confirm your email address",
            K::SentTo => "We sent a code to {n}",
            K::SendTo => "Ask for a code to be sent to {n}, then enter it below.",
            K::PhoneCodeLabel => "Code from the SMS",
            K::EmailCodeLabel => "Code from the email",
            K::CodeHint => "6 digits, for example 123456",
            K::Confirm => "Confirm",
            K::Confirmed => "Confirmed",
            K::SendNewCode => "Send a new code",
            K::ResendIn => "You can ask for a new code in {n} seconds.",
            K::ResendInMinutes => "You can ask for a new code in {n} minutes.",
            K::NewCodeSent => "We sent a new code to {n}.",
            K::NoCode => {
                "No code? Check that the number or address is right, wait a minute, then send a new code."
            }
            K::ChangePhone => "Change the number",
            K::ChangeEmail => "Change the email address",
            K::CorrectPhoneLabel => "Correct mobile number",
            K::CorrectEmailLabel => "Correct email address",
            K::SaveAndSend => "Save and send a code",
            K::CorrectedWait => {
                "Saved. We will send a code to it as soon as the wait below is over."
            }
            K::Cancel => "Cancel",
            K::PhoneConfirmed => "Your mobile number is confirmed.",
            K::EmailConfirmed => "Your email address is confirmed.",
            K::ReadyTitle => "Your account is ready",
            K::ReadyBody => {
                "Your mobile number and email address are confirmed. You can now use Njia's services."
            }
            K::GoToAccount => "Go to your account",
        }
    }

    fn sw(self) -> &'static str {
        use RegisterKey as K;
        match self {
            K::Title => "Fungua akaunti",
            K::StartIntro => {
                "Ukiwa na akaunti ya Njia unaweza kuomba huduma za serikali, kuzilipia na kufuatilia maombi yako."
            }
            K::StartNeed => "Utahitaji:",
            K::StartNeedId => {
                "nambari ya kitambulisho chako cha taifa, kitambulisho cha mgeni au pasipoti"
            }
            K::StartNeedEmail => "anwani ya barua pepe unayoweza kufungua sasa",
            K::StartNeedPhone => "nambari ya simu ya Kenya inayoweza kupokea SMS sasa",
            K::StartAge => "Lazima uwe na umri wa miaka 18 au zaidi. Inachukua takriban dakika 5.",
            K::StartNow => "Anza sasa",
            K::HaveAccount => "Tayari una akaunti?",
            K::SignIn => "Ingia",
            K::StepOf => "Hatua ya {n} kati ya {total}",
            K::KindTitle => "Unahitaji akaunti ya aina gani?",
            K::KindLegend => "Chagua inayokueleza",
            K::KindCitizen => "Raia wa Kenya, mwenye kitambulisho cha taifa",
            K::KindResident => "Mkazi wa kigeni, mwenye kitambulisho cha mgeni",
            K::KindForeigner => "Mgeni, mwenye pasipoti",
            K::KindMissing => "Chagua aina ya akaunti unayohitaji",
            K::KindCitizenShort => "Raia wa Kenya",
            K::KindResidentShort => "Mkazi wa kigeni",
            K::KindForeignerShort => "Mgeni",
            K::IdTitleCitizen => "Nambari ya kitambulisho chako cha taifa ni ipi?",
            K::IdTitleResident => "Nambari ya kitambulisho chako cha mgeni ni ipi?",
            K::IdTitleForeigner => "Nambari ya pasipoti yako ni ipi?",
            K::IdLabelCitizen => "Nambari ya kitambulisho cha taifa",
            K::IdLabelResident => "Nambari ya kitambulisho cha mgeni",
            K::IdLabelForeigner => "Nambari ya pasipoti",
            K::IdHintCitizen => {
                "Tarakimu 6 hadi 8 zilizo mbele ya kitambulisho chako, kwa mfano 12345678. Si nambari ya mfululizo yenye tarakimu 9."
            }
            K::IdHintResident => "Tarakimu 6 hadi 9 zilizo kwenye kitambulisho chako cha mgeni.",
            K::IdHintForeigner => {
                "Herufi moja au mbili, kisha tarakimu 6 hadi 8, kwa mfano AK1234567."
            }
            K::NameTitle => "Jina lako ni nani?",
            K::NameHint => "Andika majina yako kama yalivyo kwenye kitambulisho au pasipoti yako.",
            K::FirstName => "Jina la kwanza",
            K::OtherNames => "Majina mengine",
            K::Surname => "Jina la ukoo",
            K::DobTitle => "Tarehe yako ya kuzaliwa ni ipi?",
            K::DobLegend => "Tarehe ya kuzaliwa",
            K::DobHint => {
                "Kwa mfano, 27 3 1990. Lazima uwe na umri wa miaka 18 au zaidi ili kufungua akaunti."
            }
            K::ContactTitle => "Tunawezaje kuwasiliana nawe?",
            K::ContactHint => "Tutatuma nambari ya tarakimu 6 kwa kila moja ili kuzithibitisha.",
            K::Email => "Anwani ya barua pepe",
            K::EmailHint => "Kwa mfano, jane@example.com",
            K::Phone => "Nambari ya simu",
            K::PhoneHint => "Nambari ya Kenya, kwa mfano 0712 345 678",
            K::PasswordTitle => "Unda nenosiri",
            K::PasswordHint => {
                "Tumia angalau herufi 8. Maneno matatu au manne yasiyohusiana huunda nenosiri imara lililo rahisi kukumbuka. Usitumie jina lako, nambari ya kitambulisho, simu wala barua pepe."
            }
            K::Password => "Nenosiri",
            K::PasswordConfirmation => "Andika nenosiri tena",
            K::Strength => "Uimara wa nenosiri",
            K::StrengthWeak => "Dhaifu",
            K::StrengthFair => "Wastani",
            K::StrengthGood => "Nzuri",
            K::StrengthStrong => "Imara",
            K::HintAddWords => {
                "Ongeza neno moja au mawili; maneno yasiyo ya kawaida ni bora zaidi."
            }
            K::HintAvoidSequences => "Epuka mfuatano kama abc au 6543.",
            K::HintAvoidRepeats => "Epuka herufi na maneno yanayorudiwa kama aaa au abcabc.",
            K::HintAvoidKeyboardPatterns => {
                "Epuka safu na mpangilio wa vitufe kama qwerty au 1qaz."
            }
            K::HintAvoidDates => "Epuka tarehe na miaka.",
            K::HintAvoidCommon => {
                "Epuka maneno na manenosiri ya kawaida, hata yakiandikwa kama p@ssw0rd."
            }
            K::HintAvoidPersonal => {
                "Epuka jina lako, nambari ya kitambulisho, simu, barua pepe na jina la huduma hii."
            }
            K::PrivacyTitle => "Jinsi tunavyotumia taarifa zako",
            K::PrivacyIntro => {
                "Tunaomba tu kile tunachohitaji ili kukupa akaunti. Hii ndiyo sababu tunahitaji kila kipengele."
            }
            K::PrivacyIdTerm => "Nambari ya kitambulisho au pasipoti yako",
            K::PrivacyIdWhy => {
                "Kuthibitisha wewe ni nani na kuunganisha rekodi zako za serikali na akaunti yako."
            }
            K::PrivacyNamesTerm => "Majina yako na tarehe ya kuzaliwa",
            K::PrivacyNamesWhy => {
                "Kuthibitisha utambulisho na umri wako: akaunti ni za watu wenye umri wa miaka 18 au zaidi."
            }
            K::PrivacyContactTerm => "Barua pepe yako na nambari ya simu",
            K::PrivacyContactWhy => {
                "Kukutumia nambari za uthibitisho, na kukujulisha kuhusu maombi yako na mabadiliko yoyote kwenye akaunti yako."
            }
            K::PrivacyPasswordTerm => "Nenosiri lako",
            K::PrivacyPasswordWhy => {
                "Kulinda akaunti yako. Tunalihifadhi likiwa limefichwa kwa njia isiyoweza kurejeshwa (hash), kwa hivyo hakuna mtu, hata wafanyakazi wetu, anayeweza kulisoma."
            }
            K::PrivacyRights => {
                "Chini ya Sheria ya Ulinzi wa Data ya 2019, unaweza kuona taarifa zako na kutuomba tuzirekebishe."
            }
            K::PrivacyVersion => "Ilani ya faragha ya {n}",
            K::PrivacyAgree => "Nimesoma ilani ya faragha na ninakubali",
            K::CheckTitle => "Kagua majibu yako kabla ya kufungua akaunti",
            K::RowKind => "Aina ya akaunti",
            K::RowName => "Jina",
            K::RowDob => "Tarehe ya kuzaliwa",
            K::RowPassword => "Nenosiri",
            K::PasswordHidden => "Limefichwa kwa usalama wako",
            K::CheckDeclaration => {
                "Kwa kufungua akaunti, unathibitisha kwamba taarifa hizi ni sahihi."
            }
            K::CreateAccount => "Fungua akaunti",
            K::AlreadyIntro => "Ikiwa akaunti hiyo ni yako, huhitaji akaunti mpya:",
            K::ResetPassword => "Weka nenosiri jipya",
            K::SubmitOffline => {
                "Hatukuweza kufikia Njia. Angalia muunganisho wako, kisha ujaribu tena: majibu yako yamehifadhiwa."
            }
            K::SubmitServer => {
                "Kuna hitilafu upande wetu. Majibu yako yamehifadhiwa: tafadhali jaribu tena."
            }
            K::Months => {
                "Januari Februari Machi Aprili Mei Juni Julai Agosti Septemba Oktoba Novemba Desemba"
            }
            K::ConfirmTitle => "Thibitisha nambari yako ya simu na barua pepe",
            K::ConfirmIntro => {
                "Ili kuthibitisha kila moja, andika nambari ya tarakimu 6 tunayoituma kwake."
            }
            K::PhoneSection => "Thibitisha nambari yako ya simu",
            K::EmailSection => "Thibitisha anwani yako ya barua pepe",
            K::SentTo => "Tumetuma nambari kwenda {n}",
            K::SendTo => "Omba nambari itumwe kwenda {n}, kisha uiandike hapa chini.",
            K::PhoneCodeLabel => "Nambari kutoka kwa SMS",
            K::EmailCodeLabel => "Nambari kutoka kwa barua pepe",
            K::CodeHint => "Tarakimu 6, kwa mfano 123456",
            K::Confirm => "Thibitisha",
            K::Confirmed => "Imethibitishwa",
            K::SendNewCode => "Tuma nambari mpya",
            K::ResendIn => "Unaweza kuomba nambari mpya baada ya sekunde {n}.",
            K::ResendInMinutes => "Unaweza kuomba nambari mpya baada ya dakika {n}.",
            K::NewCodeSent => "Tumetuma nambari mpya kwenda {n}.",
            K::NoCode => {
                "Hujapokea nambari? Hakikisha nambari ya simu au anwani ni sahihi, subiri dakika moja, kisha uombe nambari mpya."
            }
            K::ChangePhone => "Badilisha nambari ya simu",
            K::ChangeEmail => "Badilisha anwani ya barua pepe",
            K::CorrectPhoneLabel => "Nambari sahihi ya simu",
            K::CorrectEmailLabel => "Anwani sahihi ya barua pepe",
            K::SaveAndSend => "Hifadhi na utume nambari",
            K::CorrectedWait => {
                "Imehifadhiwa. Tutakutumia nambari mara tu muda wa kusubiri ulio hapa chini utakapokwisha."
            }
            K::Cancel => "Ghairi",
            K::PhoneConfirmed => "Nambari yako ya simu imethibitishwa.",
            K::EmailConfirmed => "Anwani yako ya barua pepe imethibitishwa.",
            K::ReadyTitle => "Akaunti yako iko tayari",
            K::ReadyBody => {
                "Nambari yako ya simu na barua pepe zimethibitishwa. Sasa unaweza kutumia huduma za Njia."
            }
            K::GoToAccount => "Nenda kwenye akaunti yako",
        }
    }
}

impl RegisterKey {
    /// Every key, for the tests that look for untranslated or empty strings.
    #[cfg(test)]
    pub const ALL: &'static [RegisterKey] = &[
        RegisterKey::Title,
        RegisterKey::StartIntro,
        RegisterKey::KindTitle,
        RegisterKey::IdHintCitizen,
        RegisterKey::NameTitle,
        RegisterKey::DobHint,
        RegisterKey::ContactHint,
        RegisterKey::PasswordHint,
        RegisterKey::StrengthWeak,
        RegisterKey::HintAddWords,
        RegisterKey::PrivacyIdWhy,
        RegisterKey::PrivacyAgree,
        RegisterKey::CheckTitle,
        RegisterKey::CreateAccount,
        RegisterKey::ConfirmTitle,
        RegisterKey::ResendIn,
        RegisterKey::ReadyTitle,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiswahili_differs_from_english() {
        for &key in RegisterKey::ALL {
            assert_ne!(key.en(), key.sw(), "{key:?}");
            assert!(!key.sw().is_empty(), "{key:?}");
        }
    }

    #[test]
    fn counted_phrases_carry_their_numbers() {
        for key in [
            RegisterKey::ResendIn,
            RegisterKey::ResendInMinutes,
            RegisterKey::SentTo,
            RegisterKey::SendTo,
            RegisterKey::NewCodeSent,
            RegisterKey::PrivacyVersion,
        ] {
            assert!(
                key.en().contains("{n}") && key.sw().contains("{n}"),
                "{key:?}"
            );
        }
        assert!(RegisterKey::StepOf.sw().contains("{total}"));
    }

    #[test]
    fn twelve_months_in_each_language() {
        assert_eq!(RegisterKey::Months.en().split(' ').count(), 12);
        assert_eq!(RegisterKey::Months.sw().split(' ').count(), 12);
    }
}
