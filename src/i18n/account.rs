//! Strings of the account pages: details, changes of phone, email and password, devices and activity; and
//! dates and times in each language's own form.

use super::{Lang, Translate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKey {
    AccountTitle,
    PersonalDetails,
    DetailsFromDocument,
    Name,
    NationalId,
    AlienId,
    Passport,
    DateOfBirth,
    Phone,
    Email,
    Password,
    PasswordSet,
    ChangePhoneHidden,
    ChangeEmailHidden,
    ChangePasswordHidden,
    // Devices.
    DevicesTitle,
    DevicesIntro,
    ThisDevice,
    LastActive,
    SignedInAt,
    IpAddress,
    SignOutOthers,
    OthersSignedOut,
    NoOtherDevices,
    // Activity.
    ActivityTitle,
    ActivityIntro,
    ShowMore,
    NoActivity,
    // Changes.
    ChangePhoneTitle,
    ChangeEmailTitle,
    ChangePasswordTitle,
    CurrentPhone,
    CurrentEmail,
    NewPhoneLabel,
    NewPhoneHint,
    NewEmailLabel,
    NewEmailHint,
    YourPasswordLabel,
    YourPasswordHint,
    CurrentPasswordLabel,
    ChangeNewPhone,
    ChangeNewEmail,
    PhoneChanged,
    EmailChanged,
    PasswordChanged,
    BackToAccount,
}

impl Translate for AccountKey {
    fn en(self) -> &'static str {
        use AccountKey::*;
        match self {
            AccountTitle => "Your account",
            PersonalDetails => "Personal details",
            DetailsFromDocument => {
                "Your name, ID number and date of birth come from your registration and cannot be changed here."
            }
            Name => "Name",
            NationalId => "ID number",
            AlienId => "Alien ID number",
            Passport => "Passport number",
            DateOfBirth => "Date of birth",
            Phone => "Phone number",
            Email => "Email address",
            Password => "Password",
            PasswordSet => "Hidden, for your safety",
            ChangePhoneHidden => " phone number",
            ChangeEmailHidden => " email address",
            ChangePasswordHidden => " password",
            DevicesTitle => "Signed-in devices",
            DevicesIntro => {
                "These devices are signed in to your account. If you do not know one of them, sign out of all other devices and change your password."
            }
            ThisDevice => "This device",
            LastActive => "Last active",
            SignedInAt => "Signed in",
            IpAddress => "IP address",
            SignOutOthers => "Sign out of all other devices",
            OthersSignedOut => "Your other devices have been signed out.",
            NoOtherDevices => "No other device is signed in.",
            ActivityTitle => "Account activity",
            ActivityIntro => "Sign-ins, failed attempts and changes to your account, newest first.",
            ShowMore => "Show more activity",
            NoActivity => "Nothing yet.",
            ChangePhoneTitle => "Change your phone number",
            ChangeEmailTitle => "Change your email address",
            ChangePasswordTitle => "Change your password",
            CurrentPhone => "Your current phone number is {n}.",
            CurrentEmail => "Your current email address is {n}.",
            NewPhoneLabel => "New mobile phone number",
            NewPhoneHint => {
                "We will send a code to it to check that it is yours. For example, 0712 345 678."
            }
            NewEmailLabel => "New email address",
            NewEmailHint => "We will send a code to it to check that it is yours.",
            YourPasswordLabel => "Your password",
            YourPasswordHint => "We ask for your password again to keep your account safe.",
            CurrentPasswordLabel => "Current password",
            ChangeNewPhone => "Enter a different number",
            ChangeNewEmail => "Enter a different address",
            PhoneChanged => "Your phone number has been changed. We have told your old number.",
            EmailChanged => "Your email address has been changed. We have told your old address.",
            PasswordChanged => {
                "Your password has been changed. Your other devices have been signed out."
            }
            BackToAccount => "Back to your account",
        }
    }

    fn sw(self) -> &'static str {
        use AccountKey::*;
        match self {
            AccountTitle => "Akaunti yako",
            PersonalDetails => "Taarifa zako binafsi",
            DetailsFromDocument => {
                "Jina lako, nambari ya kitambulisho na tarehe ya kuzaliwa ni kutoka kwenye usajili wako na haziwezi kubadilishwa hapa."
            }
            Name => "Jina",
            NationalId => "Nambari ya kitambulisho",
            AlienId => "Nambari ya kitambulisho cha mgeni",
            Passport => "Nambari ya pasipoti",
            DateOfBirth => "Tarehe ya kuzaliwa",
            Phone => "Nambari ya simu",
            Email => "Barua pepe",
            Password => "Nenosiri",
            PasswordSet => "Limefichwa, kwa usalama wako",
            ChangePhoneHidden => " nambari ya simu",
            ChangeEmailHidden => " barua pepe",
            ChangePasswordHidden => " nenosiri",
            DevicesTitle => "Vifaa vilivyoingia",
            DevicesIntro => {
                "Vifaa hivi vimeingia kwenye akaunti yako. Ikiwa hukijui kimoja wapo, toa vifaa vingine vyote kisha ubadilishe nenosiri lako."
            }
            ThisDevice => "Kifaa hiki",
            LastActive => "Kilitumika mwisho",
            SignedInAt => "Kiliingia",
            IpAddress => "Anwani ya IP",
            SignOutOthers => "Toa vifaa vingine vyote",
            OthersSignedOut => "Vifaa vyako vingine vimetolewa.",
            NoOtherDevices => "Hakuna kifaa kingine kilichoingia.",
            ActivityTitle => "Shughuli za akaunti",
            ActivityIntro => {
                "Kuingia, majaribio yasiyofaulu na mabadiliko kwenye akaunti yako, ya karibuni kwanza."
            }
            ShowMore => "Onyesha shughuli zaidi",
            NoActivity => "Hakuna chochote bado.",
            ChangePhoneTitle => "Badilisha nambari yako ya simu",
            ChangeEmailTitle => "Badilisha barua pepe yako",
            ChangePasswordTitle => "Badilisha nenosiri lako",
            CurrentPhone => "Nambari yako ya simu sasa ni {n}.",
            CurrentEmail => "Barua pepe yako sasa ni {n}.",
            NewPhoneLabel => "Nambari mpya ya simu ya mkononi",
            NewPhoneHint => {
                "Tutatuma nambari ya siri kwake ili kuhakikisha kwamba ni yako. Kwa mfano, 0712 345 678."
            }
            NewEmailLabel => "Barua pepe mpya",
            NewEmailHint => "Tutatuma nambari ya siri kwake ili kuhakikisha kwamba ni yako.",
            YourPasswordLabel => "Nenosiri lako",
            YourPasswordHint => "Tunaomba nenosiri lako tena ili kulinda akaunti yako.",
            CurrentPasswordLabel => "Nenosiri la sasa",
            ChangeNewPhone => "Weka nambari nyingine",
            ChangeNewEmail => "Weka anwani nyingine",
            PhoneChanged => "Nambari yako ya simu imebadilishwa. Tumearifu nambari yako ya zamani.",
            EmailChanged => "Barua pepe yako imebadilishwa. Tumearifu anwani yako ya zamani.",
            PasswordChanged => "Nenosiri lako limebadilishwa. Vifaa vyako vingine vimetolewa.",
            BackToAccount => "Rudi kwenye akaunti yako",
        }
    }
}

/// What an entry of the account activity means, by its stable action code; `None` for a code this version
/// of the app does not know yet.
pub fn activity_action(lang: Lang, action: &str) -> Option<&'static str> {
    let (en, sw) = match action {
        "registered" => ("Account created", "Akaunti ilifunguliwa"),
        "sign_in" => ("Signed in", "Uliingia"),
        "sign_in_failed" => (
            "Failed sign-in: wrong password",
            "Kuingia hakukufaulu: nenosiri si sahihi",
        ),
        "sign_in_code_failed" => (
            "Failed sign-in: wrong code",
            "Kuingia hakukufaulu: nambari si sahihi",
        ),
        "sign_in_to_confirm" => (
            "Signed in to confirm your phone and email",
            "Uliingia ili kuthibitisha simu na barua pepe",
        ),
        "sign_out" => ("Signed out", "Ulitoka"),
        "phone_confirmed" => ("Phone number confirmed", "Nambari ya simu ilithibitishwa"),
        "email_confirmed" => ("Email address confirmed", "Barua pepe ilithibitishwa"),
        "phone_corrected" => ("Phone number corrected", "Nambari ya simu ilirekebishwa"),
        "email_corrected" => ("Email address corrected", "Barua pepe ilirekebishwa"),
        "phone_changed" => ("Phone number changed", "Nambari ya simu ilibadilishwa"),
        "email_changed" => ("Email address changed", "Barua pepe ilibadilishwa"),
        "password_changed" => ("Password changed", "Nenosiri lilibadilishwa"),
        "password_reset" => ("Password reset", "Nenosiri liliwekwa upya"),
        "password_check_failed" => (
            "Wrong password given before a change",
            "Nenosiri lisilo sahihi liliwekwa kabla ya badiliko",
        ),
        "signed_out_other_devices" => ("Other devices signed out", "Vifaa vingine vilitolewa"),
        "share_code_created" => (
            "Driving record share code created",
            "Nambari ya kushiriki rekodi ya udereva ilitengenezwa",
        ),
        "share_code_used" => (
            "Driving record share code used by an employer",
            "Nambari ya kushiriki rekodi ya udereva ilitumiwa na mwajiri",
        ),
        "organisation_created" => (
            "Organisation added: you are its administrator",
            "Shirika liliongezwa: wewe ni msimamizi wake",
        ),
        "organisation_invitation_sent" => (
            "Invited to act for an organisation",
            "Ulialikwa kufanya kazi kwa niaba ya shirika",
        ),
        "organisation_invitation_withdrawn" => (
            "An invitation to an organisation was withdrawn",
            "Mwaliko wa shirika uliondolewa",
        ),
        "organisation_joined" => ("Joined an organisation", "Ulijiunga na shirika"),
        "organisation_invitation_declined" => (
            "Declined an invitation to an organisation",
            "Ulikataa mwaliko wa shirika",
        ),
        "organisation_role_changed" => (
            "Your role in an organisation changed",
            "Jukumu lako katika shirika lilibadilishwa",
        ),
        "organisation_member_removed" => {
            ("Removed from an organisation", "Uliondolewa kwenye shirika")
        }
        "organisation_left" => ("Left an organisation", "Uliondoka kwenye shirika"),
        _ => return None,
    };
    Some(match lang {
        Lang::En => en,
        Lang::Sw => sw,
    })
}

/// The fallback for an action code the app does not know.
pub fn other_activity(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Other account activity",
        Lang::Sw => "Shughuli nyingine ya akaunti",
    }
}

/// The server's English device description ("Chrome on Android") in the reader's language.
pub fn device_name(lang: Lang, device: &str) -> String {
    match (lang, device) {
        (Lang::En, _) => device.to_string(),
        (Lang::Sw, "Unknown device") => "Kifaa kisichojulikana".into(),
        (Lang::Sw, "Other device") => "Kifaa kingine".into(),
        (Lang::Sw, _) => device.replace(" on ", " kwenye "),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SW: [&str; 12] = [
    "Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti", "Septemba",
    "Oktoba", "Novemba", "Desemba",
];

/// "27 March 1990" / "27 Machi 1990". `month` is 1 to 12.
pub fn date(lang: Lang, year: i32, month: u8, day: u8) -> String {
    let months = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Sw => &MONTHS_SW,
    };
    let name = months
        .get(usize::from(month.max(1) - 1))
        .copied()
        .unwrap_or("");
    format!("{day} {name} {year}")
}

/// "22 November 2026 at 8:30am" / "22 Novemba 2026, 08:30". Kiswahili speakers count hours from sunrise,
/// so "saa 8:30" would be read as 2:30 in the afternoon: the bare 24-hour clock is the unambiguous form.
pub fn date_time(lang: Lang, year: i32, month: u8, day: u8, hour: u8, minute: u8) -> String {
    let day = date(lang, year, month, day);
    match lang {
        Lang::En => {
            let (h12, half) = match hour {
                0 => (12, "am"),
                1..=11 => (hour, "am"),
                12 => (12, "pm"),
                _ => (hour - 12, "pm"),
            };
            format!("{day} at {h12}:{minute:02}{half}")
        }
        Lang::Sw => format!("{day}, {hour:02}:{minute:02}"),
    }
}

/// An RFC 3339 time from the API in the phone's own time zone, or the text as it came if it cannot be read.
pub fn local_date_time(lang: Lang, rfc3339: &str) -> String {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if at.get_time().is_nan() {
        return rfc3339.to_string();
    }
    // The getters answer in the phone's local time zone and within their ranges, so the casts keep values.
    date_time(
        lang,
        at.get_full_year() as i32,
        (at.get_month() + 1) as u8,
        at.get_date() as u8,
        at.get_hours() as u8,
        at.get_minutes() as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_action_reads_differently_in_each_language() {
        for action in [
            "registered",
            "sign_in",
            "sign_in_failed",
            "sign_in_code_failed",
            "sign_in_to_confirm",
            "sign_out",
            "phone_confirmed",
            "email_confirmed",
            "phone_corrected",
            "email_corrected",
            "phone_changed",
            "email_changed",
            "password_changed",
            "password_reset",
            "password_check_failed",
            "signed_out_other_devices",
            "share_code_created",
            "share_code_used",
            "organisation_created",
            "organisation_invitation_sent",
            "organisation_invitation_withdrawn",
            "organisation_joined",
            "organisation_invitation_declined",
            "organisation_role_changed",
            "organisation_member_removed",
            "organisation_left",
        ] {
            let (en, sw) = (
                activity_action(Lang::En, action),
                activity_action(Lang::Sw, action),
            );
            assert!(en.is_some() && sw.is_some(), "{action}");
            assert_ne!(en, sw, "{action}");
        }
        assert_eq!(activity_action(Lang::En, "something_new"), None);
    }

    #[test]
    fn dates_and_times_read_naturally() {
        assert_eq!(date(Lang::En, 1990, 3, 27), "27 March 1990");
        assert_eq!(date(Lang::Sw, 1990, 3, 27), "27 Machi 1990");
        assert_eq!(
            date_time(Lang::En, 2026, 11, 22, 8, 5),
            "22 November 2026 at 8:05am"
        );
        assert_eq!(
            date_time(Lang::En, 2026, 11, 22, 0, 30),
            "22 November 2026 at 12:30am"
        );
        assert_eq!(
            date_time(Lang::En, 2026, 11, 22, 15, 0),
            "22 November 2026 at 3:00pm"
        );
        assert_eq!(
            date_time(Lang::Sw, 2026, 11, 22, 8, 5),
            "22 Novemba 2026, 08:05"
        );
    }

    #[test]
    fn devices_are_named_in_kiswahili() {
        assert_eq!(
            device_name(Lang::Sw, "Chrome on Android"),
            "Chrome kwenye Android"
        );
        assert_eq!(
            device_name(Lang::En, "Chrome on Android"),
            "Chrome on Android"
        );
        assert_eq!(
            device_name(Lang::Sw, "Unknown device"),
            "Kifaa kisichojulikana"
        );
    }
}
