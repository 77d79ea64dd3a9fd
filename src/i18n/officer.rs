//! Strings of the back office (`/officer`): the queue, one application, decisions; the names of the
//! statuses of an application, which any page showing a status can use; and the NTSA examiner's driving
//! tests (`/officer/tests`, [`ExamKey`]).

use njia_domain::api::applications::{ApplicationStatus, Decision};

use super::{Lang, Translate, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficerKey {
    BackOffice,
    // Who may come in.
    OfficersOnlyTitle,
    OfficersOnlyBody,
    OfficersOnlyHelp,
    // The queue.
    QueueTitle,
    FiltersTitle,
    FilterService,
    FilterStatus,
    AllServices,
    AllStatuses,
    ApplyFilters,
    ClearFilters,
    LoadingQueue,
    QueueEmpty,
    QueueEmptyFiltered,
    QueueCountOne,
    QueueCount,
    OpenApplicationHidden,
    // One application.
    ApplicationHeading,
    ApplicationTitle,
    LoadingApplication,
    NotFoundTitle,
    NotFoundBody,
    BackToQueue,
    Reference,
    NoReference,
    Service,
    Applicant,
    IdNumber,
    Status,
    Submitted,
    NotSubmitted,
    Answers,
    Documents,
    NoDocuments,
    Download,
    History,
    NoteReason,
    NoteChanges,
    NoteCentre,
    Note,
    // Decisions.
    DecisionTitle,
    DecisionLegend,
    NothingToDecide,
    StartReview,
    Approve,
    Reject,
    RequestChanges,
    ReadyForCollection,
    Collected,
    SaveDecision,
    ReasonLabel,
    ReasonHint,
    ChangesLabel,
    ChangesHint,
    CentreLabel,
    CentreHint,
    CentreChoose,
    CentreTextHint,
    ChooseDecision,
    ReasonRequired,
    ChangesRequired,
    CentreRequired,
    PlaceRequired,
    NoteTooLong,
    DecisionNotAllowed,
    ChangedMeanwhile,
    GoneMeanwhile,
    DoneStartReview,
    DoneApprove,
    DoneReject,
    DoneRequestChanges,
    DoneReadyForCollection,
    DoneCollected,
    // Statuses.
    StatusDraft,
    StatusAwaitingPayment,
    StatusSubmitted,
    StatusUnderReview,
    StatusChangesRequested,
    StatusApproved,
    StatusRejected,
    StatusReadyForCollection,
    StatusCollected,
}

impl Translate for OfficerKey {
    fn en(self) -> &'static str {
        use OfficerKey::*;
        match self {
            BackOffice => "Back office",
            OfficersOnlyTitle => "This area is for officers",
            OfficersOnlyBody => {
                "The back office is where officers of government agencies review applications. Your account is not an officer's account."
            }
            OfficersOnlyHelp => {
                "If you work for an agency, ask your administrator for an officer account."
            }
            QueueTitle => "Applications",
            FiltersTitle => "Filter applications",
            FilterService => "Service",
            FilterStatus => "Status",
            AllServices => "All services",
            AllStatuses => "All statuses",
            ApplyFilters => "Apply filters",
            ClearFilters => "Clear filters",
            LoadingQueue => "Loading applications…",
            QueueEmpty => "There are no applications to review.",
            QueueEmptyFiltered => "No applications match these filters.",
            QueueCountOne => "1 application, oldest first.",
            QueueCount => "{n} applications, oldest first.",
            OpenApplicationHidden => "Application ",
            ApplicationHeading => "Application",
            ApplicationTitle => "Application {n}",
            LoadingApplication => "Loading the application…",
            NotFoundTitle => "Application not found",
            NotFoundBody => {
                "There is no such application for your agency. Check the link, or go back to the list."
            }
            BackToQueue => "All applications",
            Reference => "Reference",
            NoReference => "No reference yet",
            Service => "Service",
            Applicant => "Applicant",
            IdNumber => "ID number",
            Status => "Status",
            Submitted => "Submitted",
            NotSubmitted => "Not yet",
            Answers => "Answers",
            Documents => "Documents",
            NoDocuments => "No documents are attached.",
            Download => "Download ",
            History => "History",
            NoteReason => "Reason: ",
            NoteChanges => "To change: ",
            NoteCentre => "Collect at: ",
            Note => "Note: ",
            DecisionTitle => "Decision",
            DecisionLegend => "What is your decision?",
            NothingToDecide => "There is nothing more to decide on this application.",
            StartReview => "Start review",
            Approve => "Approve",
            Reject => "Reject",
            RequestChanges => "Request changes",
            ReadyForCollection => "Mark as ready for collection",
            Collected => "Mark as collected",
            SaveDecision => "Save decision",
            ReasonLabel => "Reason for rejecting",
            ReasonHint => "The applicant reads this in the SMS and email we send them.",
            ChangesLabel => "What needs to change",
            ChangesHint => {
                "Say exactly what the applicant must change or attach. They read this in the SMS and email we send them."
            }
            CentreLabel => "Collection centre",
            CentreHint => "We tell the applicant by SMS and email where to collect it.",
            CentreChoose => "Choose a centre",
            CentreTextHint => {
                "Name the office where the applicant collects it, for example Milimani Law Courts, Nairobi. We tell them by SMS and email."
            }
            ChooseDecision => "Choose a decision",
            ReasonRequired => "Enter the reason for rejecting",
            ChangesRequired => "Say what needs to change",
            CentreRequired => "Choose the collection centre",
            PlaceRequired => "Enter where the applicant collects it",
            NoteTooLong => "Use at most 500 characters",
            DecisionNotAllowed => {
                "This decision is no longer possible: the application has moved on. The page now shows where it stands."
            }
            ChangedMeanwhile => {
                "Someone else changed this application while you were deciding. The page now shows what they did: check it before you decide."
            }
            GoneMeanwhile => "This application can no longer be found for your agency.",
            DoneStartReview => "Review started.",
            DoneApprove => "Application approved. The applicant has been told.",
            DoneReject => "Application rejected. The applicant has been told why.",
            DoneRequestChanges => "Changes requested. The applicant has been told what to change.",
            DoneReadyForCollection => {
                "Marked as ready for collection. The applicant has been told where."
            }
            DoneCollected => "Marked as collected.",
            StatusDraft => "Draft",
            StatusAwaitingPayment => "Awaiting payment",
            StatusSubmitted => "Submitted",
            StatusUnderReview => "Under review",
            StatusChangesRequested => "Changes requested",
            StatusApproved => "Approved",
            StatusRejected => "Rejected",
            StatusReadyForCollection => "Ready for collection",
            StatusCollected => "Collected",
        }
    }

    fn sw(self) -> &'static str {
        use OfficerKey::*;
        match self {
            BackOffice => "Ofisi ya maafisa",
            OfficersOnlyTitle => "Sehemu hii ni ya maafisa",
            OfficersOnlyBody => {
                "Ofisi ya maafisa ni mahali maafisa wa taasisi za serikali hukagua maombi. Akaunti yako si akaunti ya afisa."
            }
            OfficersOnlyHelp => {
                "Ikiwa unafanya kazi katika taasisi, muombe msimamizi wako akaunti ya afisa."
            }
            QueueTitle => "Maombi",
            FiltersTitle => "Chuja maombi",
            FilterService => "Huduma",
            FilterStatus => "Hali",
            AllServices => "Huduma zote",
            AllStatuses => "Hali zote",
            ApplyFilters => "Chuja",
            ClearFilters => "Ondoa vichujio",
            LoadingQueue => "Inapakia maombi…",
            QueueEmpty => "Hakuna maombi ya kukagua.",
            QueueEmptyFiltered => "Hakuna maombi yanayolingana na vichujio hivi.",
            QueueCountOne => "Ombi 1, la zamani kwanza.",
            QueueCount => "Maombi {n}, ya zamani kwanza.",
            OpenApplicationHidden => "Ombi ",
            ApplicationHeading => "Ombi",
            ApplicationTitle => "Ombi {n}",
            LoadingApplication => "Inapakia ombi…",
            NotFoundTitle => "Ombi halikupatikana",
            NotFoundBody => {
                "Hakuna ombi kama hilo kwa taasisi yako. Angalia kiungo, au rudi kwenye orodha."
            }
            BackToQueue => "Maombi yote",
            Reference => "Nambari ya kumbukumbu",
            NoReference => "Bado haina nambari",
            Service => "Huduma",
            Applicant => "Mwombaji",
            IdNumber => "Nambari ya kitambulisho",
            Status => "Hali",
            Submitted => "Lilitumwa",
            NotSubmitted => "Bado",
            Answers => "Majibu",
            Documents => "Nyaraka",
            NoDocuments => "Hakuna nyaraka zilizoambatishwa.",
            Download => "Pakua ",
            History => "Historia",
            NoteReason => "Sababu: ",
            NoteChanges => "Kubadilisha: ",
            NoteCentre => "Mahali pa kuchukua: ",
            Note => "Maelezo: ",
            DecisionTitle => "Uamuzi",
            DecisionLegend => "Uamuzi wako ni upi?",
            NothingToDecide => "Hakuna uamuzi zaidi wa kufanya kuhusu ombi hili.",
            StartReview => "Anza kukagua",
            Approve => "Idhinisha",
            Reject => "Kataa",
            RequestChanges => "Omba mabadiliko",
            ReadyForCollection => "Weka kuwa tayari kuchukuliwa",
            Collected => "Weka kuwa limechukuliwa",
            SaveDecision => "Hifadhi uamuzi",
            ReasonLabel => "Sababu ya kukataa",
            ReasonHint => "Mwombaji ataisoma katika SMS na barua pepe tutakazomtumia.",
            ChangesLabel => "Kinachohitaji kubadilishwa",
            ChangesHint => {
                "Eleza hasa kile mwombaji anapaswa kubadilisha au kuambatisha. Ataisoma katika SMS na barua pepe tutakazomtumia."
            }
            CentreLabel => "Kituo cha kuchukulia",
            CentreHint => "Tutamwarifu mwombaji kwa SMS na barua pepe mahali pa kukichukua.",
            CentreChoose => "Chagua kituo",
            CentreTextHint => {
                "Taja ofisi ambapo mwombaji atakichukua, kwa mfano Mahakama ya Milimani, Nairobi. Tutamwarifu kwa SMS na barua pepe."
            }
            ChooseDecision => "Chagua uamuzi",
            ReasonRequired => "Weka sababu ya kukataa",
            ChangesRequired => "Eleza kinachohitaji kubadilishwa",
            CentreRequired => "Chagua kituo cha kuchukulia",
            PlaceRequired => "Weka mahali mwombaji atakapokichukua",
            NoteTooLong => "Tumia herufi zisizozidi 500",
            DecisionNotAllowed => {
                "Uamuzi huu hauwezekani tena: ombi limeshasonga mbele. Ukurasa sasa unaonyesha hali yake."
            }
            ChangedMeanwhile => {
                "Mtu mwingine amebadilisha ombi hili ulipokuwa ukiamua. Ukurasa sasa unaonyesha alichofanya: likague kabla ya kuamua."
            }
            GoneMeanwhile => "Ombi hili halipatikani tena kwa taasisi yako.",
            DoneStartReview => "Ukaguzi umeanza.",
            DoneApprove => "Ombi limeidhinishwa. Mwombaji amearifiwa.",
            DoneReject => "Ombi limekataliwa. Mwombaji ameelezwa sababu.",
            DoneRequestChanges => "Mabadiliko yameombwa. Mwombaji ameelezwa cha kubadilisha.",
            DoneReadyForCollection => {
                "Limewekwa kuwa tayari kuchukuliwa. Mwombaji ameelezwa mahali pa kulichukua."
            }
            DoneCollected => "Limewekwa kuwa limechukuliwa.",
            StatusDraft => "Rasimu",
            StatusAwaitingPayment => "Linasubiri malipo",
            StatusSubmitted => "Limetumwa",
            StatusUnderReview => "Linakaguliwa",
            StatusChangesRequested => "Mabadiliko yameombwa",
            StatusApproved => "Limeidhinishwa",
            StatusRejected => "Limekataliwa",
            StatusReadyForCollection => "Tayari kuchukuliwa",
            StatusCollected => "Limechukuliwa",
        }
    }
}

/// Declares keys with their English and Kiswahili side by side (as `pay.rs` does), plus the list of every
/// key for the tests.
macro_rules! keys {
    ($name:ident { $($key:ident => ($en:expr, $sw:expr),)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key,)* }

        impl $name {
            #[cfg(test)]
            pub const ALL: &'static [$name] = &[$($name::$key,)*];
        }

        impl Translate for $name {
            fn en(self) -> &'static str {
                match self { $($name::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $($name::$key => $sw,)* }
            }
        }
    };
}

keys! {
    ExamKey {
        TestsTitle => ("Driving tests", "Mitihani ya udereva"),
        NotNtsa => ("Driving test results are recorded by NTSA examiners. Your agency has no driving tests.",
            "Matokeo ya mitihani ya udereva hurekodiwa na wakaguzi wa NTSA. Taasisi yako haina mitihani ya udereva."),
        ChooseTitle => ("Choose the centre and day", "Chagua kituo na siku"),
        CentreLabel => ("Driving Test Unit", "Kituo cha mtihani wa udereva"),
        DayLabel => ("Day", "Siku"),
        DayHint => ("Times are in Kenya time.", "Saa ni za Kenya."),
        ShowTests => ("Show tests", "Onyesha mitihani"),
        Loading => ("Loading the driving tests…", "Tunapakia mitihani ya udereva…"),
        CountOne => ("1 test, by time.", "Mtihani 1, kwa mpangilio wa saa."),
        Count => ("{n} tests, by time.", "Mitihani {n}, kwa mpangilio wa saa."),
        NoTests => ("No driving tests are booked at this centre on this day.",
            "Hakuna mitihani ya udereva iliyopangwa katika kituo hiki siku hii."),
        NoCentres => ("There are no Driving Test Units yet.", "Bado hakuna vituo vya mtihani wa udereva."),
        BadQuery => ("This centre or day cannot be shown.", "Kituo hiki au siku hii haiwezi kuonyeshwa."),
        ShowToday => ("Show today's tests", "Onyesha mitihani ya leo"),
        ClassLabel => ("Class", "Daraja"),
        IdEnding => ("ID number ending", "Kitambulisho kinaishia"),
        StatusBooked => ("Booked", "Umepangwa"),
        StatusPassed => ("Passed", "Amefaulu"),
        StatusFailed => ("Not passed", "Hakufaulu"),
        NotYet => ("The result can be recorded once the test has started.",
            "Matokeo yanaweza kurekodiwa mtihani ukishaanza."),
        RecordPassed => ("Passed", "Amefaulu"),
        RecordFailed => ("Not passed", "Hakufaulu"),
        ForCandidate => (" ({name}, class {class})", " ({name}, daraja {class})"),
        ConfirmPassed => ("Record that {name} passed class {class}?", "Rekodi kwamba {name} amefaulu daraja {class}?"),
        ConfirmFailed => ("Record that {name} did not pass class {class}?",
            "Rekodi kwamba {name} hakufaulu daraja {class}?"),
        ConfirmWarning => ("A result cannot be changed once it is recorded. We tell the candidate by SMS.",
            "Matokeo hayawezi kubadilishwa yakisharekodiwa. Tutamjulisha mtahiniwa kwa SMS."),
        Confirm => ("Confirm", "Thibitisha"),
        Cancel => ("Cancel", "Ghairi"),
        Recording => ("Recording the result…", "Tunarekodi matokeo…"),
        DonePassed => ("Recorded: {name} passed class {class}. They have been told by SMS.",
            "Imerekodiwa: {name} amefaulu daraja {class}. Amearifiwa kwa SMS."),
        DoneFailed => ("Recorded: {name} did not pass class {class}. They have been told by SMS.",
            "Imerekodiwa: {name} hakufaulu daraja {class}. Amearifiwa kwa SMS."),
        Refused => ("This result could not be recorded: the test already has a result, or has not started yet. The list now shows where each test stands.",
            "Matokeo haya hayakuweza kurekodiwa: mtihani tayari una matokeo, au bado haujaanza. Orodha sasa inaonyesha hali ya kila mtihani."),
    }
}

/// The name of a status, for tags and the timeline.
pub fn status_key(status: ApplicationStatus) -> OfficerKey {
    match status {
        ApplicationStatus::Draft => OfficerKey::StatusDraft,
        ApplicationStatus::AwaitingPayment => OfficerKey::StatusAwaitingPayment,
        ApplicationStatus::Submitted => OfficerKey::StatusSubmitted,
        ApplicationStatus::UnderReview => OfficerKey::StatusUnderReview,
        ApplicationStatus::ChangesRequested => OfficerKey::StatusChangesRequested,
        ApplicationStatus::Approved => OfficerKey::StatusApproved,
        ApplicationStatus::Rejected => OfficerKey::StatusRejected,
        ApplicationStatus::ReadyForCollection => OfficerKey::StatusReadyForCollection,
        ApplicationStatus::Collected => OfficerKey::StatusCollected,
    }
}

/// What the officer chooses, and what is announced once it is done.
pub fn decision_keys(decision: Decision) -> (OfficerKey, OfficerKey) {
    match decision {
        Decision::StartReview => (OfficerKey::StartReview, OfficerKey::DoneStartReview),
        Decision::Approve => (OfficerKey::Approve, OfficerKey::DoneApprove),
        Decision::Reject => (OfficerKey::Reject, OfficerKey::DoneReject),
        Decision::RequestChanges => (OfficerKey::RequestChanges, OfficerKey::DoneRequestChanges),
        Decision::ReadyForCollection => (
            OfficerKey::ReadyForCollection,
            OfficerKey::DoneReadyForCollection,
        ),
        Decision::Collected => (OfficerKey::Collected, OfficerKey::DoneCollected),
    }
}

/// How a timeline note is introduced, by the status it came with.
pub fn note_key(status: ApplicationStatus) -> OfficerKey {
    match status {
        ApplicationStatus::Rejected => OfficerKey::NoteReason,
        ApplicationStatus::ChangesRequested => OfficerKey::NoteChanges,
        ApplicationStatus::ReadyForCollection => OfficerKey::NoteCentre,
        _ => OfficerKey::Note,
    }
}

/// The message for a refused decision, by the API's error code; `None` for a code this version does not
/// know (the caller shows a general failure with a retry).
pub fn refusal(lang: Lang, code: &str) -> Option<&'static str> {
    let key = match code {
        "decision_not_allowed" => OfficerKey::DecisionNotAllowed,
        "changed_meanwhile" => OfficerKey::ChangedMeanwhile,
        "not_found" => OfficerKey::GoneMeanwhile,
        _ => return register_refusal(lang, code),
    };
    Some(text(lang, key))
}

/// What the registers say to an approval they cannot carry out.
fn register_refusal(lang: Lang, code: &str) -> Option<&'static str> {
    let (en, sw) = match code {
        "awaiting_buyer" => (
            "The buyer has not accepted this transfer yet. It can be approved once they accept.",
            "Mnunuzi bado hajakubali uhamisho huu. Unaweza kuidhinishwa akishakubali.",
        ),
        "seller_no_longer_owner" => (
            "The seller no longer owns this vehicle (another transfer of it was approved first). Reject this one.",
            "Muuzaji hamiliki gari hili tena (uhamisho mwingine wa gari hili uliidhinishwa kwanza). Kataa huu.",
        ),
        "chassis_registered" => (
            "A vehicle with this chassis number is already on the register. Reject this application or ask for changes.",
            "Gari lenye nambari hii ya chasisi tayari limesajiliwa. Kataa ombi hili au omba mabadiliko.",
        ),
        "owner_not_on_njia" | "co_owner_not_on_njia" => (
            "The owner or co-owner named is no longer an organisation on Njia. Ask for changes.",
            "Mmiliki au mmiliki mwenza aliyetajwa si shirika lililo kwenye Njia tena. Omba mabadiliko.",
        ),
        "organisation_exists" => (
            "An organisation with this KRA PIN or registration number is already on Njia. Reject this application.",
            "Shirika lenye PIN hii ya KRA au nambari hii ya usajili tayari liko kwenye Njia. Kataa ombi hili.",
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::En => en,
        Lang::Sw => sw,
    })
}

/// An RFC 3339 time from the API as a date in the phone's own time zone ("22 November 2026"), or the text
/// as it came if it cannot be read.
pub fn local_date(lang: Lang, rfc3339: &str) -> String {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if at.get_time().is_nan() {
        return rfc3339.to_string();
    }
    // The getters answer in the phone's local time zone and within their ranges, so the casts keep values.
    super::account::date(
        lang,
        at.get_full_year() as i32,
        (at.get_month() + 1) as u8,
        at.get_date() as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_decision_reads_differently_in_each_language() {
        for status in ApplicationStatus::ALL {
            let key = status_key(status);
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{status:?}");
        }
        for decision in [
            Decision::StartReview,
            Decision::Approve,
            Decision::Reject,
            Decision::RequestChanges,
            Decision::ReadyForCollection,
            Decision::Collected,
        ] {
            let (label, done) = decision_keys(decision);
            for key in [label, done] {
                assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{decision:?}");
            }
        }
    }

    #[test]
    fn counted_phrases_carry_the_number() {
        for key in [OfficerKey::QueueCount, OfficerKey::ApplicationTitle] {
            for lang in [Lang::En, Lang::Sw] {
                assert!(text(lang, key).contains("{n}"), "{key:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn every_examiner_key_has_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(ExamKey::ALL);
        for &key in ExamKey::ALL {
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
        }
    }

    #[test]
    fn refusals_are_translated_by_code() {
        assert!(refusal(Lang::Sw, "changed_meanwhile").is_some());
        assert!(refusal(Lang::En, "decision_not_allowed").is_some());
        for code in [
            "awaiting_buyer",
            "seller_no_longer_owner",
            "chassis_registered",
            "owner_not_on_njia",
            "organisation_exists",
        ] {
            let (en, sw) = (refusal(Lang::En, code), refusal(Lang::Sw, code));
            assert!(en.is_some() && sw.is_some() && en != sw, "{code}");
        }
        assert_eq!(refusal(Lang::En, "something_new"), None);
    }
}
