//! The words of the messages accounts send. Accounts do not yet store a language, so each message carries
//! English and then Kiswahili; the code itself appears once, in the origin-bound last line of an SMS.

use super::codes::Purpose;

/// (English, Kiswahili) introductions to a code.
fn code_intro(purpose: Purpose) -> (&'static str, &'static str) {
    match purpose {
        Purpose::SignIn => (
            "Your Njia sign-in code is",
            "Nambari yako ya kuingia Njia ni",
        ),
        Purpose::ConfirmPhone => (
            "Your code to confirm this phone number for Njia is",
            "Nambari ya kuthibitisha simu hii kwa Njia ni",
        ),
        Purpose::ConfirmEmail => (
            "Your code to confirm this email address for Njia is",
            "Nambari ya kuthibitisha barua pepe hii kwa Njia ni",
        ),
        Purpose::ResetPassword => (
            "Your code to reset your Njia password is",
            "Nambari ya kubadilisha nenosiri lako la Njia ni",
        ),
        Purpose::ChangePhone => (
            "Your code to confirm your new phone number for Njia is",
            "Nambari ya kuthibitisha nambari yako mpya ya simu ni",
        ),
        Purpose::ChangeEmail => (
            "Your code to confirm your new email address for Njia is",
            "Nambari ya kuthibitisha barua pepe yako mpya ni",
        ),
    }
}

pub fn code_subject(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::SignIn => "Your Njia sign-in code / Nambari ya kuingia",
        Purpose::ConfirmEmail | Purpose::ChangeEmail => {
            "Confirm your email address / Thibitisha barua pepe"
        }
        Purpose::ResetPassword => "Reset your Njia password / Badilisha nenosiri",
        Purpose::ConfirmPhone | Purpose::ChangePhone => "Your Njia code / Nambari yako ya Njia",
    }
}

/// An SMS: both languages, then `@host #code` so that phones autofill it only on Njia's own site.
pub fn code_sms(purpose: Purpose, code: &str, minutes: i64, host: &str) -> String {
    let (en, sw) = code_intro(purpose);
    format!(
        "{en} {code}. It expires in {minutes} minutes. Never share it.\n{sw} {code}. Usiishiriki na mtu yeyote.\n\n@{host} #{code}"
    )
}

pub fn code_email(purpose: Purpose, code: &str, minutes: i64) -> String {
    let (en, sw) = code_intro(purpose);
    let (hours, unit_en, unit_sw) = if minutes >= 120 {
        (minutes / 60, "hours", "masaa")
    } else {
        (minutes, "minutes", "dakika")
    };
    format!(
        "{en} {code}\n\nIt expires in {hours} {unit_en}. If you did not ask for it, you can ignore this message: nothing \
         changes without the code.\n\n{sw} {code}\n\nInaisha baada ya {unit_sw} {hours}. Ikiwa hukuiomba, puuza ujumbe huu."
    )
}

/// Notices of a change, sent to the old contact as well (SECURITY.md).
pub fn notice(action: &str) -> (&'static str, String) {
    let (en, sw) = match action {
        "password_changed" => (
            "Your Njia password was changed.",
            "Nenosiri lako la Njia limebadilishwa.",
        ),
        "password_reset" => (
            "Your Njia password was reset and every device was signed out.",
            "Nenosiri lako la Njia limewekwa upya na vifaa vyote vimetolewa.",
        ),
        "phone_changed" => (
            "The phone number of your Njia account was changed.",
            "Nambari ya simu ya akaunti yako ya Njia imebadilishwa.",
        ),
        "email_changed" => (
            "The email address of your Njia account was changed.",
            "Barua pepe ya akaunti yako ya Njia imebadilishwa.",
        ),
        _ => (
            "Your Njia account was changed.",
            "Akaunti yako ya Njia imebadilishwa.",
        ),
    };
    (
        "A change to your Njia account / Mabadiliko kwenye akaunti yako",
        format!(
            "{en} If this was not you, reset your password now and contact support.\n{sw} Ikiwa si wewe, badilisha nenosiri sasa."
        ),
    )
}
