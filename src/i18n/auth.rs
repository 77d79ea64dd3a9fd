//! Strings of signing in and out, the session (header, notices, the idle warning), the forgotten-password
//! journey and the development outbox.

use leptos::prelude::*;

use super::{Lang, Translate, text, use_i18n};

/// A translated string as a reactive signal, for the `label` and `hint` props of the form components.
pub fn tr<K: Translate + Send + Sync + 'static>(key: K) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || i18n.t(key).to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKey {
    // Header and session.
    SignIn,
    CreateAccount,
    SignOut,
    SigningOut,
    AccountNav,
    YourAccountPrefix,
    NoticeSignedOut,
    NoticeInactive,
    NoticeSessionEnded,
    NoticeSignOutFailed,
    CheckingSession,
    Loading,
    // Durations, for "try again in …".
    OneSecond,
    Seconds,
    OneMinute,
    Minutes,
    OneHour,
    Hours,
    And,
    // The idle warning.
    IdleTitle,
    IdleBody,
    IdleSpoken,
    StaySignedIn,
    StayFailed,
    // Sign-in, step 1.
    SignInTitle,
    SignInIntro,
    IdentifierLabel,
    IdentifierHint,
    PasswordLabel,
    ForgotPasswordLink,
    NoAccount,
    InvalidCredentials,
    Locked,
    TooSoon,
    // Sign-in, the code.
    ChooseChannelTitle,
    ChooseChannelHint,
    ChannelLegend,
    BySms,
    ByEmail,
    SmsOnly,
    SendCode,
    EnterCodeTitle,
    CodeSentSms,
    CodeSentEmail,
    CodeWorksFor,
    CodeLabel,
    CodeHint,
    ResendIn,
    Resend,
    NewCodeSent,
    UseDifferentMethod,
    ResendTooSoon,
    ChallengeExpired,
    SignInAgain,
    StaffSmsOnly,
    // Forgotten password.
    ForgotTitle,
    ForgotIntro,
    ForgotChannelLegend,
    ChannelSms,
    ChannelEmail,
    CheckPhoneTitle,
    CheckEmailTitle,
    ResetCodeSentSms,
    ResetCodeSentEmail,
    ResetNoCode,
    StartAgain,
    NewPasswordTitle,
    NewPasswordLabel,
    NewPasswordHint,
    NewPasswordEmpty,
    ConfirmPasswordLabel,
    ChangePasswordButton,
    ResetExpired,
    ResetDoneTitle,
    ResetDoneBody,
    // Development outbox.
    OutboxTitle,
    DevTool,
    OutboxIntro,
    OutboxEmpty,
    Refresh,
    OutboxTo,
    OutboxChannel,
    OutboxSubject,
    OutboxQueued,
    OutboxSent,
    OutboxNotSent,
    OutboxMessages,
}

impl Translate for AuthKey {
    fn en(self) -> &'static str {
        use AuthKey::*;
        match self {
            SignIn => "Sign in",
            CreateAccount => "Create an account",
            SignOut => "Sign out",
            SigningOut => "Signing out…",
            AccountNav => "Your account",
            YourAccountPrefix => "Your account:",
            NoticeSignedOut => "You have signed out.",
            NoticeInactive => {
                "You were signed out because you were inactive. Sign in again to carry on."
            }
            NoticeSessionEnded => "You have been signed out. Sign in again to carry on.",
            NoticeSignOutFailed => {
                "We could not sign you out. Check your connection, then try again."
            }
            CheckingSession => "Checking that you are signed in…",
            Loading => "Loading…",
            OneSecond => "1 second",
            Seconds => "{n} seconds",
            OneMinute => "1 minute",
            Minutes => "{n} minutes",
            OneHour => "1 hour",
            Hours => "{n} hours",
            And => " and ",
            IdleTitle => "You are about to be signed out",
            IdleBody => {
                "You have not done anything for a while. To keep your account safe, we will sign you out in"
            }
            IdleSpoken => "You will be signed out in {n}.",
            StaySignedIn => "Stay signed in",
            StayFailed => "We could not keep you signed in. Check your connection, then try again.",
            SignInTitle => "Sign in",
            SignInIntro => "Sign in to apply for services and follow your applications.",
            IdentifierLabel => "Email address or ID number",
            IdentifierHint => {
                "You can also use the alien ID or passport number you registered with."
            }
            PasswordLabel => "Password",
            ForgotPasswordLink => "Forgotten your password?",
            NoAccount => "No account yet?",
            InvalidCredentials => "The email address, ID number or password is not right",
            Locked => {
                "Your account is locked for a while after too many wrong attempts. Try again in {n}, or reset your password."
            }
            TooSoon => "Too many wrong attempts. Wait {n}, then try again.",
            ChooseChannelTitle => "How should we send your code?",
            ChooseChannelHint => {
                "Each time you sign in we send a 6-digit code, so nobody else can use your password."
            }
            ChannelLegend => "Where to send it",
            BySms => "By text message to {n}",
            ByEmail => "By email to {n}",
            SmsOnly => "We will send a 6-digit code by text message to {n}.",
            SendCode => "Send the code",
            EnterCodeTitle => "Enter the code",
            CodeSentSms => "We sent a 6-digit code by text message to {n}.",
            CodeSentEmail => "We sent a 6-digit code by email to {n}.",
            CodeWorksFor => "The code works for {n}.",
            CodeLabel => "Code",
            CodeHint => "6 digits, for example 123456",
            ResendIn => "You can ask for a new code in",
            Resend => "Send a new code",
            NewCodeSent => "We sent a new code to {n}.",
            UseDifferentMethod => "Use a different method",
            ResendTooSoon => "We sent a code a moment ago. You can ask for another in {n}.",
            ChallengeExpired => {
                "Signing in took too long, so we stopped it to keep your account safe. Sign in again."
            }
            SignInAgain => "Sign in again",
            StaffSmsOnly => "Staff accounts get their code by text message only.",
            ForgotTitle => "Reset your password",
            ForgotIntro => {
                "We will send a code to the phone number or email address on your account. With it you can choose a new password."
            }
            ForgotChannelLegend => "Where should we send the code?",
            ChannelSms => "Text message to the phone number on my account",
            ChannelEmail => "Email to the address on my account",
            CheckPhoneTitle => "Check your phone",
            CheckEmailTitle => "Check your email",
            ResetCodeSentSms => {
                "If {n} matches an account, we have sent a 6-digit code by text message to its phone number. The code works for 30 minutes."
            }
            ResetCodeSentEmail => {
                "If {n} matches an account, we have sent a 6-digit code to its email address. The code works for 30 minutes."
            }
            ResetNoCode => "Nothing arrived? Check the details you typed, or use the other method.",
            StartAgain => "Start again",
            NewPasswordTitle => "Create a new password",
            NewPasswordLabel => "New password",
            NewPasswordHint => {
                "Use at least 8 characters. Three or four words that do not go together make a strong password you can remember."
            }
            NewPasswordEmpty => "Enter a new password",
            ConfirmPasswordLabel => "Type the new password again",
            ChangePasswordButton => "Change password",
            ResetExpired => {
                "The time to reset your password has run out. Start again to get a new code."
            }
            ResetDoneTitle => "Your password has been changed",
            ResetDoneBody => {
                "Every device that was signed in to your account has been signed out. Sign in with your new password."
            }
            OutboxTitle => "Development outbox",
            DevTool => "Development tool",
            OutboxIntro => {
                "No real SMS or email sender is set up, so messages are kept here instead of being sent. This page does not exist where real messages are sent."
            }
            OutboxEmpty => "No messages yet.",
            Refresh => "Refresh",
            OutboxTo => "To",
            OutboxChannel => "Channel",
            OutboxSubject => "Subject",
            OutboxQueued => "Queued",
            OutboxSent => "Sent",
            OutboxNotSent => "Not sent yet",
            OutboxMessages => "Messages, newest first",
        }
    }

    fn sw(self) -> &'static str {
        use AuthKey::*;
        match self {
            SignIn => "Ingia",
            CreateAccount => "Fungua akaunti",
            SignOut => "Toka",
            SigningOut => "Inatoka…",
            AccountNav => "Akaunti yako",
            YourAccountPrefix => "Akaunti yako:",
            NoticeSignedOut => "Umetoka kwenye akaunti yako.",
            NoticeInactive => {
                "Umetolewa kwenye akaunti kwa sababu hukuitumia kwa muda. Ingia tena ili kuendelea."
            }
            NoticeSessionEnded => "Umetolewa kwenye akaunti. Ingia tena ili kuendelea.",
            NoticeSignOutFailed => "Hatukuweza kukutoa. Angalia mtandao wako, kisha ujaribu tena.",
            CheckingSession => "Tunaangalia kama umeingia…",
            Loading => "Inapakia…",
            OneSecond => "sekunde 1",
            Seconds => "sekunde {n}",
            OneMinute => "dakika 1",
            Minutes => "dakika {n}",
            OneHour => "saa 1",
            Hours => "saa {n}",
            And => " na ",
            IdleTitle => "Unakaribia kutolewa kwenye akaunti",
            IdleBody => "Hujafanya chochote kwa muda. Ili kulinda akaunti yako, tutakutoa baada ya",
            IdleSpoken => "Utatolewa baada ya {n}.",
            StaySignedIn => "Endelea kuwa ndani",
            StayFailed => "Hatukuweza kukuweka ndani. Angalia mtandao wako, kisha ujaribu tena.",
            SignInTitle => "Ingia",
            SignInIntro => "Ingia ili kuomba huduma na kufuatilia maombi yako.",
            IdentifierLabel => "Barua pepe au nambari ya kitambulisho",
            IdentifierHint => {
                "Unaweza pia kutumia nambari ya kitambulisho cha mgeni au ya pasipoti uliyojisajili nayo."
            }
            PasswordLabel => "Nenosiri",
            ForgotPasswordLink => "Umesahau nenosiri lako?",
            NoAccount => "Huna akaunti bado?",
            InvalidCredentials => "Barua pepe, nambari ya kitambulisho au nenosiri si sahihi",
            Locked => {
                "Akaunti yako imefungwa kwa muda baada ya majaribio mengi yasiyo sahihi. Jaribu tena baada ya {n}, au weka nenosiri jipya."
            }
            TooSoon => "Majaribio mengi mno yasiyo sahihi. Subiri {n}, kisha ujaribu tena.",
            ChooseChannelTitle => "Tukutumie nambari ya kuingia kwa njia gani?",
            ChooseChannelHint => {
                "Kila unapoingia tunatuma nambari ya tarakimu 6, ili mtu mwingine asiweze kutumia nenosiri lako."
            }
            ChannelLegend => "Mahali pa kuituma",
            BySms => "Kwa ujumbe mfupi (SMS) kwenda {n}",
            ByEmail => "Kwa barua pepe kwenda {n}",
            SmsOnly => "Tutatuma nambari ya tarakimu 6 kwa ujumbe mfupi (SMS) kwenda {n}.",
            SendCode => "Tuma nambari",
            EnterCodeTitle => "Weka nambari",
            CodeSentSms => "Tumetuma nambari ya tarakimu 6 kwa ujumbe mfupi (SMS) kwenda {n}.",
            CodeSentEmail => "Tumetuma nambari ya tarakimu 6 kwa barua pepe kwenda {n}.",
            CodeWorksFor => "Nambari inafanya kazi kwa {n}.",
            CodeLabel => "Nambari",
            CodeHint => "Tarakimu 6, kwa mfano 123456",
            ResendIn => "Unaweza kuomba nambari mpya baada ya",
            Resend => "Tuma nambari mpya",
            NewCodeSent => "Tumetuma nambari mpya kwenda {n}.",
            UseDifferentMethod => "Tumia njia nyingine",
            ResendTooSoon => {
                "Tumetuma nambari muda mfupi uliopita. Unaweza kuomba nyingine baada ya {n}."
            }
            ChallengeExpired => {
                "Kuingia kulichukua muda mrefu mno, kwa hivyo tumekusimamisha ili kulinda akaunti yako. Ingia tena."
            }
            SignInAgain => "Ingia tena",
            StaffSmsOnly => "Akaunti za wafanyakazi hupokea nambari kwa ujumbe mfupi (SMS) pekee.",
            ForgotTitle => "Weka nenosiri jipya",
            ForgotIntro => {
                "Tutatuma nambari kwenye simu au barua pepe iliyo kwenye akaunti yako. Kwa nambari hiyo utaweza kuchagua nenosiri jipya."
            }
            ForgotChannelLegend => "Tukutumie nambari wapi?",
            ChannelSms => "Ujumbe mfupi (SMS) kwenye nambari ya simu ya akaunti yangu",
            ChannelEmail => "Barua pepe kwenye anwani ya akaunti yangu",
            CheckPhoneTitle => "Angalia simu yako",
            CheckEmailTitle => "Angalia barua pepe yako",
            ResetCodeSentSms => {
                "Ikiwa {n} inalingana na akaunti, tumetuma nambari ya tarakimu 6 kwa ujumbe mfupi (SMS) kwenye nambari yake ya simu. Nambari inafanya kazi kwa dakika 30."
            }
            ResetCodeSentEmail => {
                "Ikiwa {n} inalingana na akaunti, tumetuma nambari ya tarakimu 6 kwenye barua pepe yake. Nambari inafanya kazi kwa dakika 30."
            }
            ResetNoCode => {
                "Hujapokea chochote? Angalia taarifa ulizoandika, au tumia njia nyingine."
            }
            StartAgain => "Anza tena",
            NewPasswordTitle => "Tunga nenosiri jipya",
            NewPasswordLabel => "Nenosiri jipya",
            NewPasswordHint => {
                "Tumia angalau herufi 8. Maneno matatu au manne yasiyohusiana hufanya nenosiri imara unaloweza kukumbuka."
            }
            NewPasswordEmpty => "Weka nenosiri jipya",
            ConfirmPasswordLabel => "Andika nenosiri jipya tena",
            ChangePasswordButton => "Badilisha nenosiri",
            ResetExpired => {
                "Muda wa kuweka nenosiri jipya umekwisha. Anza tena ili upate nambari mpya."
            }
            ResetDoneTitle => "Nenosiri lako limebadilishwa",
            ResetDoneBody => {
                "Vifaa vyote vilivyokuwa vimeingia kwenye akaunti yako vimetolewa. Ingia kwa nenosiri lako jipya."
            }
            OutboxTitle => "Sanduku la ujumbe la majaribio",
            DevTool => "Zana ya wasanidi programu",
            OutboxIntro => {
                "Hakuna mfumo halisi wa kutuma SMS au barua pepe, kwa hivyo ujumbe huhifadhiwa hapa badala ya kutumwa. Ukurasa huu haupo pale ambapo ujumbe halisi hutumwa."
            }
            OutboxEmpty => "Hakuna ujumbe bado.",
            Refresh => "Onyesha upya",
            OutboxTo => "Kwa",
            OutboxChannel => "Njia",
            OutboxSubject => "Kichwa",
            OutboxQueued => "Uliwekwa",
            OutboxSent => "Ulitumwa",
            OutboxNotSent => "Bado haujatumwa",
            OutboxMessages => "Ujumbe, wa karibuni kwanza",
        }
    }
}

/// A wait or a lifetime in words: "45 seconds", "10 minutes" (rounded up, so nobody tries a moment too soon),
/// "24 hours". Each language puts the number where its grammar wants it.
pub fn duration(lang: Lang, seconds: u64) -> String {
    let (one, many, n) = if seconds < 60 {
        (AuthKey::OneSecond, AuthKey::Seconds, seconds.max(1))
    } else if seconds < 2 * 60 * 60 {
        (AuthKey::OneMinute, AuthKey::Minutes, seconds.div_ceil(60))
    } else {
        (AuthKey::OneHour, AuthKey::Hours, seconds.div_ceil(3600))
    };
    if n == 1 {
        text(lang, one).to_string()
    } else {
        text(lang, many).replace("{n}", &n.to_string())
    }
}

/// An exact time left in words, for screen readers: "1 minute and 45 seconds".
pub fn exact_duration(lang: Lang, seconds: u64) -> String {
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    let part = |n: u64, one: AuthKey, many: AuthKey| {
        if n == 1 {
            text(lang, one).to_string()
        } else {
            text(lang, many).replace("{n}", &n.to_string())
        }
    };
    match (minutes, seconds) {
        (0, s) => part(s, AuthKey::OneSecond, AuthKey::Seconds),
        (m, 0) => part(m, AuthKey::OneMinute, AuthKey::Minutes),
        (m, s) => format!(
            "{}{}{}",
            part(m, AuthKey::OneMinute, AuthKey::Minutes),
            text(lang, AuthKey::And),
            part(s, AuthKey::OneSecond, AuthKey::Seconds)
        ),
    }
}

/// A countdown as a clock shows it: `1:05`.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_naturally_in_both_languages() {
        assert_eq!(duration(Lang::En, 1), "1 second");
        assert_eq!(duration(Lang::En, 45), "45 seconds");
        assert_eq!(duration(Lang::Sw, 45), "sekunde 45");
        assert_eq!(duration(Lang::En, 61), "2 minutes");
        assert_eq!(duration(Lang::En, 600), "10 minutes");
        assert_eq!(duration(Lang::Sw, 600), "dakika 10");
        assert_eq!(duration(Lang::En, 86_400), "24 hours");
        assert_eq!(exact_duration(Lang::En, 105), "1 minute and 45 seconds");
        assert_eq!(exact_duration(Lang::Sw, 120), "dakika 2");
        assert_eq!(clock(125), "2:05");
        assert_eq!(clock(9), "0:09");
    }

    #[test]
    fn counted_phrases_carry_the_number() {
        use AuthKey::*;
        for key in [
            Seconds,
            Minutes,
            Hours,
            Locked,
            TooSoon,
            BySms,
            ByEmail,
            SmsOnly,
            CodeSentSms,
            CodeSentEmail,
            CodeWorksFor,
            NewCodeSent,
            ResendTooSoon,
            ResetCodeSentSms,
            ResetCodeSentEmail,
            IdleSpoken,
        ] {
            for lang in [Lang::En, Lang::Sw] {
                assert!(text(lang, key).contains("{n}"), "{key:?} in {lang:?}");
            }
        }
    }
}
