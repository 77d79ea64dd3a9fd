//! Strings of the driving record (`/ntsa/record`: points, offences of the last 3 years, the share code) and
//! of the employer's public check (`/check-licence`). The licence's status words are `ntsa.rs`'s.

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `pay.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum RecordKey { $($key,)* }

        impl RecordKey {
            #[cfg(test)]
            pub const ALL: &'static [RecordKey] = &[$(RecordKey::$key,)*];
        }

        impl Translate for RecordKey {
            fn en(self) -> &'static str {
                match self { $(RecordKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(RecordKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    // The link from My NTSA.
    RecordLink => ("See your driving record and share it with an employer",
        "Tazama rekodi yako ya udereva na umshirikishe mwajiri"),
    BackToNtsa => ("Back to My NTSA", "Rudi kwenye NTSA yangu"),
    // The driving record.
    RecordTitle => ("Your driving record", "Rekodi yako ya udereva"),
    RecordIntro => ("Your demerit points, and the traffic offences recorded against you in the last 3 years.",
        "Alama zako za makosa, na makosa ya barabarani uliyorekodiwa nayo katika miaka 3 iliyopita."),
    LoadingRecord => ("Loading your driving record…", "Tunapakia rekodi yako ya udereva…"),
    NoLicence => ("NTSA's register has no driving licence in your name, so there is no driving record to show.",
        "Sajili ya NTSA haina leseni ya udereva kwa jina lako, kwa hivyo hakuna rekodi ya udereva ya kuonyesha."),
    LicenceNumber => ("Licence number", "Nambari ya leseni"),
    Points => ("Demerit points", "Alama za makosa"),
    PointsLeft => ("{left} of {total} points left", "Alama {left} kati ya {total} zimebaki"),
    PointsHint => ("Points lost for offences of the last 12 months are taken off the 20 every driver starts with.",
        "Alama zilizopotezwa kwa makosa ya miezi 12 iliyopita hutolewa kwenye alama 20 ambazo kila dereva huanza nazo."),
    Offences => ("Offences in the last 3 years", "Makosa ya miaka 3 iliyopita"),
    NoOffences => ("No offences have been recorded against you in the last 3 years.",
        "Hujarekodiwa kwa kosa lolote katika miaka 3 iliyopita."),
    Place => ("Place", "Mahali"),
    When => ("When", "Lini"),
    PointsLost => ("Points lost", "Alama zilizopotea"),
    FineAmount => ("Fine", "Faini"),
    FineStatus => ("Fine paid?", "Faini imelipwa?"),
    Paid => ("Paid", "Imelipwa"),
    Unpaid => ("Unpaid", "Haijalipwa"),
    // The share code.
    ShareTitle => ("Show an employer your licence status", "Mwonyeshe mwajiri hali ya leseni yako"),
    ShareIntro => ("A share code lets an employer check that your licence is valid, its classes, when it expires and how many points you have left. They do not see your name, your ID number or your offences.",
        "Nambari ya kushiriki humwezesha mwajiri kuhakikisha kwamba leseni yako ni halali, madaraja yake, tarehe inapoisha na alama ulizobakiza. Hataona jina lako, nambari yako ya kitambulisho wala makosa yako."),
    CreateCode => ("Create a share code", "Tengeneza nambari ya kushiriki"),
    CreateAnother => ("Create another share code", "Tengeneza nambari nyingine ya kushiriki"),
    YourCode => ("Your share code", "Nambari yako ya kushiriki"),
    CodeInstructions => ("Give this code and the last 8 characters of your licence number ({last8}) to the employer. They enter both at {url}. It works once, until {date}.",
        "Mpe mwajiri nambari hii pamoja na herufi 8 za mwisho za nambari ya leseni yako ({last8}). Ataziweka zote mbili kwenye {url}. Inafanya kazi mara moja tu, hadi {date}."),
    CodeShownOnce => ("Note the code now: it is shown only once. If you lose it, create another.",
        "Andika nambari hii sasa: inaonyeshwa mara moja tu. Ikipotea, tengeneza nyingine."),
    CopyCode => ("Copy the code", "Nakili nambari"),
    Copied => ("The code is copied.", "Nambari imenakiliwa."),
    CopyFailed => ("The code could not be copied. Select it and copy it yourself.",
        "Nambari haikuweza kunakiliwa. Ichague na uinakili mwenyewe."),
    // The employer's check.
    CheckTitle => ("Check a driving licence", "Hakiki leseni ya udereva"),
    CheckIntro => ("Enter the share code the driver gave you and the last 8 characters of their licence number. You will see whether the licence is valid, its classes, when it expires and the demerit points left. Each code works once.",
        "Weka nambari ya kushiriki uliyopewa na dereva pamoja na herufi 8 za mwisho za nambari ya leseni yake. Utaona kama leseni ni halali, madaraja yake, tarehe inapoisha na alama za makosa zilizobaki. Kila nambari hufanya kazi mara moja tu."),
    CodeLabel => ("Share code", "Nambari ya kushiriki"),
    CodeHint => ("8 letters and numbers, for example 7KX3-9QPM", "Herufi na tarakimu 8, kwa mfano 7KX3-9QPM"),
    Last8Label => ("Last 8 characters of the licence number", "Herufi 8 za mwisho za nambari ya leseni"),
    Last8Hint => ("Leave out dashes and spaces.", "Usiweke vistari wala nafasi."),
    CheckButton => ("Check the licence", "Hakiki leseni"),
    CodeEmpty => ("Enter the share code", "Weka nambari ya kushiriki"),
    CodeMalformed => ("Enter the share code as the driver gave it: 8 letters and numbers, for example 7KX3-9QPM",
        "Weka nambari ya kushiriki kama dereva alivyokupa: herufi na tarakimu 8, kwa mfano 7KX3-9QPM"),
    Last8Empty => ("Enter the last 8 characters of the licence number", "Weka herufi 8 za mwisho za nambari ya leseni"),
    Last8Length => ("Enter exactly 8 characters from the end of the licence number",
        "Weka herufi 8 kamili kutoka mwisho wa nambari ya leseni"),
    NotValid => ("This share code is not valid: it may be mistyped, used already or expired, or the licence number does not match. Ask the driver for a new code.",
        "Nambari hii ya kushiriki si halali: huenda imekosewa, imeshatumika au muda wake umekwisha, au nambari ya leseni haiendani. Mwombe dereva nambari mpya."),
    TooManyChecks => ("Too many codes have been checked from here. Try again in {n}.",
        "Nambari nyingi mno zimehakikiwa kutoka hapa. Jaribu tena baada ya {n}."),
    ResultTitle => ("Licence checked", "Leseni imehakikiwa"),
    ResultNote => ("The code has now been used. To check again, ask the driver for a new one.",
        "Nambari hii sasa imetumika. Ili kuhakiki tena, mwombe dereva nambari mpya."),
    Status => ("Status", "Hali"),
    Classes => ("Classes", "Madaraja"),
    Expires => ("Expires", "Inaisha"),
    CheckAnother => ("Check another licence", "Hakiki leseni nyingine"),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn every_key_is_written_in_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(RecordKey::ALL);
    }

    #[test]
    fn kiswahili_is_not_a_copy_of_english() {
        for &key in RecordKey::ALL {
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
        }
    }
}
