//! Strings of "My NTSA": the driving licence, provisional licence, vehicles, fines and demerit points. The
//! names of licence classes are the domain's (`LicenceClass::name_en` / `name_sw`), not repeated here.

use njia_domain::licences::{LicenceKind, LicenceStatus};

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `pay.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum NtsaKey { $($key,)* }

        impl NtsaKey {
            #[cfg(test)]
            pub const ALL: &'static [NtsaKey] = &[$(NtsaKey::$key,)*];
        }

        impl Translate for NtsaKey {
            fn en(self) -> &'static str {
                match self { $(NtsaKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(NtsaKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    MyNtsa => ("My NTSA", "NTSA yangu"),
    Intro => (
        "What NTSA's registers hold about you: your driving licence, vehicles and fines.",
        "Yaliyo kwenye rejista za NTSA kukuhusu: leseni yako ya udereva, magari na faini."
    ),
    Loading => ("Loading your NTSA records…", "Tunapakia rekodi zako za NTSA…"),
    // Driving licence.
    DrivingLicence => ("Driving licence", "Leseni ya udereva"),
    NoLicence => (
        "There is no driving licence in your name on NTSA's register.",
        "Hakuna leseni ya udereva kwa jina lako kwenye rejista ya NTSA."
    ),
    LicenceNumber => ("Licence number", "Nambari ya leseni"),
    LicenceType => ("Type", "Aina"),
    KindBooklet => ("Booklet (old paper licence)", "Kitabu (leseni ya zamani ya karatasi)"),
    KindSmart => ("Smart driving licence", "Leseni janja ya udereva"),
    Status => ("Status", "Hali"),
    StatusValid => ("Valid", "Halali"),
    StatusExpired => ("Expired", "Imeisha muda"),
    StatusSuspended => ("Suspended", "Imesimamishwa"),
    Issued => ("Issued", "Ilitolewa"),
    Expires => ("Expires", "Inaisha"),
    RenewSoon => (
        "Your licence expires soon. Renew it so you can keep driving.",
        "Leseni yako inaisha muda hivi karibuni. Ifanye upya ili uendelee kuendesha."
    ),
    RenewExpired => (
        "Your licence has expired. Renew it before you drive again.",
        "Leseni yako imeisha muda. Ifanye upya kabla ya kuendesha tena."
    ),
    RenewLink => ("Renew your driving licence", "Fanya upya leseni yako ya udereva"),
    Classes => ("Vehicle classes", "Madaraja ya magari"),
    ClassSince => ("since {date}", "tangu {date}"),
    Points => ("Demerit points", "Alama za makosa"),
    PointsLeft => ("{left} of {total} points left", "Alama {left} kati ya {total} zimebaki"),
    PointsHint => (
        "Offences cost points. Points lost in the last 12 months count.",
        "Makosa hupunguza alama. Alama zilizopotea katika miezi 12 iliyopita ndizo huhesabiwa."
    ),
    RefresherNeeded => (
        "You have lost 10 points or more in 12 months: NTSA may ask you to take a refresher course.",
        "Umepoteza alama 10 au zaidi katika miezi 12: NTSA inaweza kukutaka uhudhurie mafunzo ya kujikumbusha."
    ),
    // Provisional licence.
    ProvisionalLicence => ("Provisional licence", "Leseni ya muda ya mwanafunzi"),
    DrivingSchool => ("Driving school", "Shule ya udereva"),
    // Vehicles.
    Vehicles => ("Vehicles", "Magari"),
    OrganisationIntro => ("What NTSA's registers hold for {n}: the vehicles it owns and those it finances.",
        "Kile ambacho sajili za NTSA zinacho kuhusu {n}: magari inayomiliki na inayoyafadhili."),
    OrganisationVehicles => ("Vehicles the organisation owns", "Magari ambayo shirika linamiliki"),
    NoOrganisationVehicles => ("No vehicle is registered to this organisation.", "Hakuna gari lililosajiliwa kwa shirika hili."),
    RegisterVehicle => ("Register a new vehicle", "Sajili gari jipya"),
    Financed => ("Vehicles you finance", "Magari mnayoyafadhili"),
    FinancedHint => ("Your caveat stops these vehicles being transferred. Lift it once the loan is repaid.",
        "Tahadhari yenu huzuia magari haya kuhamishwa. Iondoeni mkopo ukishalipwa."),
    LiftCaveat => ("Lift the caveat", "Ondoa tahadhari"),
    LiftCaveatOn => ("on {n}", "kwenye {n}"),
    LiftConfirm => ("Lift the caveat on {n}? Its owners can then sell or transfer it. Do this only once the loan is repaid.",
        "Ondoa tahadhari kwenye {n}? Wamiliki wake wataweza kuliuza au kulihamisha. Fanya hivi tu mkopo ukishalipwa."),
    LiftYes => ("Yes, lift the caveat", "Ndiyo, ondoa tahadhari"),
    LiftNo => ("No, keep it", "Hapana, iache"),
    Lifting => ("Lifting the caveat…", "Tunaondoa tahadhari…"),
    Lifted => ("The caveat on {n} is lifted. We have told its owners by SMS.",
        "Tahadhari kwenye {n} imeondolewa. Tumewajulisha wamiliki wake kwa SMS."),
    NoVehicles => (
        "There are no vehicles in your name on NTSA's register.",
        "Hakuna magari kwa jina lako kwenye rejista ya NTSA."
    ),
    Colour => ("Colour", "Rangi"),
    EngineSize => ("Engine size", "Ukubwa wa injini"),
    BodyType => ("Body", "Umbo"),
    ChassisNumber => ("Chassis number", "Nambari ya chasisi"),
    ChassisHidden => ("only the last 4 characters are shown", "herufi 4 za mwisho pekee zinaonyeshwa"),
    Registered => ("Registered", "Ilisajiliwa"),
    Ownership => ("Ownership", "Umiliki"),
    OwnedJointly => ("Joint, with others", "Wa pamoja, na wengine"),
    OwnedAlone => ("You alone", "Wewe peke yako"),
    FinancedBy => ("Financed by {financier}", "Inafadhiliwa na {financier}"),
    LastInspection => ("Last inspection", "Ukaguzi wa mwisho"),
    NoInspection => ("None on record", "Hakuna kwenye rekodi"),
    // Fines.
    Fines => ("Fines", "Faini"),
    NoFines => ("You have no traffic fines.", "Huna faini za trafiki."),
    UnpaidNote => (
        "Unpaid fines must be paid before you can use other NTSA services.",
        "Faini ambazo hazijalipwa lazima zilipwe kabla ya kutumia huduma nyingine za NTSA."
    ),
    PayFines => ("Pay a fine", "Lipa faini"),
    PayThisFine => ("Pay this fine", "Lipa faini hii"),
    PreparingFine => ("Preparing the payment…", "Tunaandaa malipo…"),
    FineNotReady => ("We could not prepare the payment. Check your connection and try again.",
        "Hatukuweza kuandaa malipo. Kagua muunganisho wako kisha ujaribu tena."),
    Amount => ("Amount", "Kiasi"),
    Place => ("Place", "Mahali"),
    When => ("Date", "Tarehe"),
    PointsLost => ("Points", "Alama"),
    Paid => ("Paid", "Imelipwa"),
    Unpaid => ("Unpaid", "Haijalipwa"),
}

pub fn kind_key(kind: LicenceKind) -> NtsaKey {
    match kind {
        LicenceKind::Booklet => NtsaKey::KindBooklet,
        LicenceKind::Smart => NtsaKey::KindSmart,
    }
}

pub fn status_key(status: LicenceStatus) -> NtsaKey {
    match status {
        LicenceStatus::Valid => NtsaKey::StatusValid,
        LicenceStatus::Expired => NtsaKey::StatusExpired,
        LicenceStatus::Suspended => NtsaKey::StatusSuspended,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn every_key_is_written_in_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(NtsaKey::ALL);
    }

    #[test]
    fn kiswahili_is_not_a_copy_of_english() {
        for &key in NtsaKey::ALL {
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
        }
    }

    #[test]
    fn every_kind_and_status_has_words() {
        for kind in LicenceKind::ALL {
            assert_ne!(
                text(Lang::En, kind_key(kind)),
                text(Lang::Sw, kind_key(kind))
            );
        }
        for status in LicenceStatus::ALL {
            assert_ne!(
                text(Lang::En, status_key(status)),
                text(Lang::Sw, status_key(status))
            );
        }
    }
}
