//! Strings of applying and following an application: the start, the form's steps, documents, "check your
//! answers", the confirmation, "My applications" and the application page.

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side, so a translation is reviewed next to
/// its original and a missing one does not compile.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ApplyKey { $($key,)* }

        impl Translate for ApplyKey {
            fn en(self) -> &'static str {
                match self { $(ApplyKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(ApplyKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    StartNow => ("Start now", "Anza sasa"),
    WhatHappens => ("What happens after you apply", "Kinachofuata baada ya kuomba"),
    StartHint => ("You need to sign in. Your answers are saved as you go, so you can stop and come back.",
        "Unahitaji kuingia. Majibu yako yanahifadhiwa unapoendelea, kwa hivyo unaweza kusimama na kurudi baadaye."),
    Starting => ("Starting your application…", "Tunaanzisha ombi lako…"),
    CannotApplyTitle => ("You cannot apply for this yet", "Huwezi kuomba huduma hii bado"),
    UnpaidFines => ("You have unpaid traffic fines. NTSA services open again once they are paid: see them and pay them in My NTSA.",
        "Una faini za trafiki ambazo hazijalipwa. Huduma za NTSA zitafunguka tena zikishalipwa: ziangalie na uzilipe kwenye NTSA yangu."),
    NoBookletLicence => ("We cannot find a booklet driving licence in your name. If you have a smart licence, renew it with the smart driving licence service.",
        "Hatupati leseni ya udereva ya kijitabu kwa jina lako. Kama una leseni janja, ihuishe kupitia huduma ya leseni janja."),
    NoLicence => ("We cannot find a driving licence in your name. A first licence comes from passing the driving test: book it from My NTSA with your provisional licence.",
        "Hatupati leseni ya udereva kwa jina lako. Leseni ya kwanza hupatikana kwa kufaulu mtihani wa udereva: upange kupitia NTSA yangu ukiwa na leseni yako ya muda."),
    GoToMyNtsa => ("Go to My NTSA", "Nenda kwenye NTSA yangu"),
    LoadingApplication => ("Loading your application…", "Tunapakia ombi lako…"),
    LoadingApplications => ("Loading your applications…", "Tunapakia maombi yako…"),
    NotFoundTitle => ("Application not found", "Ombi halikupatikana"),
    NotFoundBody => ("We could not find this application in your account. Check the link, or open it from My applications.",
        "Hatukupata ombi hili kwenye akaunti yako. Kagua kiungo, au lifungue kutoka Maombi yangu."),
    MyApplications => ("My applications", "Maombi yangu"),
    Drafts => ("Not sent yet", "Bado hayajatumwa"),
    DraftsHint => ("Continue where you stopped. Nothing is sent until you press \"Accept and send\".",
        "Endelea ulipoishia. Hakuna kinachotumwa hadi ubonyeze \"Kubali na utume\"."),
    Sent => ("Sent", "Yaliyotumwa"),
    NoApplications => ("You have not applied for anything yet.", "Bado hujaomba huduma yoyote."),
    FindService => ("Find a service", "Tafuta huduma"),
    Continue => ("Continue", "Endelea"),
    ContinueApplication => ("Continue your application", "Endelea na ombi lako"),
    Reference => ("Reference", "Nambari ya kumbukumbu"),
    Status => ("Status", "Hali"),
    LastChange => ("Last change", "Badiliko la mwisho"),
    SaveAndContinue => ("Save and continue", "Hifadhi na uendelee"),
    Saving => ("Saving…", "Inahifadhi…"),
    SavedOnline => ("Saved", "Imehifadhiwa"),
    SavedOnPhone => ("Saved on this phone. We will send it when you are back online.",
        "Imehifadhiwa kwenye simu hii. Tutaituma utakaporudi mtandaoni."),
    ChooseOne => ("Choose…", "Chagua…"),
    // Answer problems, by the domain's codes.
    Required => ("Answer this question", "Jibu swali hili"),
    RequiredChoice => ("Choose one of the options", "Chagua mojawapo ya machaguo"),
    RequiredMany => ("Choose at least one", "Chagua angalau moja"),
    TooLong => ("Use at most {n} characters", "Tumia herufi zisizozidi {n}"),
    NotANumber => ("Enter a whole number, like 1500", "Weka namba kamili, kama 1500"),
    TooSmall => ("Enter {n} or more", "Weka {n} au zaidi"),
    TooLarge => ("Enter {n} or less", "Weka {n} au chini ya hapo"),
    InvalidDate => ("Enter a real date, for example 27 3 2026", "Weka tarehe halisi, kwa mfano 27 3 2026"),
    NotPast => ("The date must be today or in the past", "Tarehe lazima iwe leo au iliyopita"),
    NotFuture => ("The date must be today or in the future", "Tarehe lazima iwe leo au ijayo"),
    NotAnOption => ("Choose one of the options shown", "Chagua mojawapo ya machaguo yaliyoonyeshwa"),
    ChooseCounty => ("Choose a county", "Chagua kaunti"),
    UnknownQuestion => ("This question is no longer on the form: go back to the service page and start again",
        "Swali hili halipo tena kwenye fomu: rudi kwenye ukurasa wa huduma uanze upya"),
    // Documents.
    DocumentsTitle => ("Upload your documents", "Pakia nyaraka zako"),
    DocumentsIntro => ("Take a clear photo or choose a file. We check each file on your phone before it is sent.",
        "Piga picha iliyo wazi au chagua faili. Tunakagua kila faili kwenye simu yako kabla ya kuituma."),
    Accepts => ("{types}, up to {size}", "{types}, hadi {size}"),
    ChooseFile => ("Choose a file", "Chagua faili"),
    ReplaceFile => ("Choose a different file", "Chagua faili nyingine"),
    Attached => ("Attached", "Imeambatishwa"),
    Remove => ("Remove", "Ondoa"),
    Removing => ("Removing…", "Inaondoa…"),
    Checking => ("Checking the file…", "Tunakagua faili…"),
    Uploading => ("Uploading: {n}%", "Inapakia: {n}%"),
    Cancel => ("Cancel", "Ghairi"),
    RetryUpload => ("Try the upload again", "Jaribu kupakia tena"),
    UploadFailedNetwork => ("The upload stopped because the connection dropped. Your file is still chosen: try again when you have a connection.",
        "Upakiaji ulisimama kwa sababu mtandao ulikatika. Faili yako bado imechaguliwa: jaribu tena ukipata mtandao."),
    UploadCancelled => ("Upload cancelled.", "Upakiaji umeghairiwa."),
    ShrinkOffer => ("This photo is {size}; the limit is {limit}. We can make it smaller on your phone before sending it.",
        "Picha hii ni {size}; kikomo ni {limit}. Tunaweza kuipunguza ukubwa kwenye simu yako kabla ya kuituma."),
    ShrinkButton => ("Make it smaller and upload", "Ipunguze na uipakie"),
    Shrinking => ("Making the photo smaller…", "Tunapunguza ukubwa wa picha…"),
    ShrinkFailed => ("We could not make this photo small enough. Take it again closer to the document, or choose another file.",
        "Hatukuweza kupunguza picha hii vya kutosha. Ipige tena karibu zaidi na hati, au chagua faili nyingine."),
    Shrunk => ("Made smaller on your phone: {from} to {to}.", "Imepunguzwa kwenye simu yako: kutoka {from} hadi {to}."),
    FileEmpty => ("The file is empty: choose the file again", "Faili haina kitu: chagua faili tena"),
    FilePathInName => ("The file name must not contain folders: rename the file and try again",
        "Jina la faili lisiwe na folda: badilisha jina la faili ujaribu tena"),
    FileBadName => ("The file name is too long or has characters that are not allowed: rename the file",
        "Jina la faili ni refu mno au lina herufi zisizoruhusiwa: badilisha jina la faili"),
    FileTooLarge => ("The file is {size}; the limit is {limit}: choose a smaller file",
        "Faili ni {size}; kikomo ni {limit}: chagua faili ndogo zaidi"),
    FileUnknownType => ("This file is not a PDF, JPEG or PNG: choose one of those",
        "Faili hii si PDF, JPEG wala PNG: chagua mojawapo ya hizo"),
    FileNotAccepted => ("This file is a {found}, which this document does not accept: choose a {accepted}",
        "Faili hii ni {found}, ambayo hati hii haikubali: chagua {accepted}"),
    FileNameMismatch => ("The file's name says {named} but it contains a {found}: choose the right file",
        "Jina la faili linasema {named} lakini ndani yake ni {found}: chagua faili sahihi"),
    FileQuota => ("You have used your space for documents: remove some before adding more",
        "Umetumia nafasi yako yote ya nyaraka: ondoa baadhi kabla ya kuongeza"),
    DocumentMissing => ("Attach the {name}", "Ambatisha {name}"),
    // Check your answers and the declaration.
    CheckTitle => ("Check your answers before sending your application", "Kagua majibu yako kabla ya kutuma ombi lako"),
    YourAnswers => ("Your answers", "Majibu yako"),
    Documents => ("Documents", "Nyaraka"),
    NoDocumentsAttached => ("No documents attached", "Hakuna nyaraka zilizoambatishwa"),
    ChangeDocuments => ("Change documents", "Badilisha nyaraka"),
    FeeToPay => ("To pay", "Kiasi cha kulipa"),
    DeclarationTitle => ("Now send your application", "Sasa tuma ombi lako"),
    DeclarationText => ("By sending this application you confirm that, to the best of your knowledge, the details you are providing are correct, and that the documents are genuine. Giving false information is an offence.",
        "Kwa kutuma ombi hili unathibitisha kwamba, kwa ufahamu wako wote, maelezo unayotoa ni sahihi, na kwamba nyaraka ni halali. Kutoa taarifa za uongo ni kosa."),
    DeclarationLabel => ("I confirm the declaration above", "Ninathibitisha tamko lililo hapo juu"),
    DeclarationMissing => ("Confirm the declaration to send your application", "Thibitisha tamko ili kutuma ombi lako"),
    AcceptAndSend => ("Accept and send", "Kubali na utume"),
    SendFailedNetwork => ("Your application was not sent because the connection dropped. Nothing is lost: press \"Accept and send\" again when you have a connection. It will not be sent twice.",
        "Ombi lako halikutumwa kwa sababu mtandao ulikatika. Hakuna kilichopotea: bonyeza \"Kubali na utume\" tena ukipata mtandao. Halitatumwa mara mbili."),
    SendInProgress => ("Your application is still being sent. Wait a moment, then press \"Accept and send\" again.",
        "Ombi lako bado linatumwa. Subiri kidogo, kisha bonyeza \"Kubali na utume\" tena."),
    // After sending.
    SentTitle => ("Application sent", "Ombi limetumwa"),
    YourReference => ("Your reference is", "Nambari yako ya kumbukumbu ni"),
    SentSms => ("We have sent your reference to your phone by SMS. Quote it if you contact us.",
        "Tumekutumia nambari ya kumbukumbu kwa SMS. Itaje ukiwasiliana nasi."),
    WhatNext => ("What happens next", "Kitakachofuata"),
    NextReview => ("An officer of {agency} will review your application. We will send you an SMS and an email whenever its status changes.",
        "Afisa wa {agency} atakagua ombi lako. Tutakutumia SMS na barua pepe kila hali yake inapobadilika."),
    NextPayment => ("Your application is waiting for payment of {amount}. It goes to an officer for review once it is paid.",
        "Ombi lako linasubiri malipo ya {amount}. Litapelekwa kwa afisa kukaguliwa likishalipwa."),
    ViewApplication => ("View your application", "Tazama ombi lako"),
    // The application page.
    History => ("History", "Historia"),
    ChangesRequestedTitle => ("Changes requested", "Mabadiliko yameombwa"),
    ChangesRequestedBody => ("The officer asked you to change your application:", "Afisa amekuomba ubadilishe ombi lako:"),
    MakeChanges => ("Make the changes", "Fanya mabadiliko"),
    ResubmitFree => ("Sending it again is free.", "Kulituma tena ni bure."),
}
