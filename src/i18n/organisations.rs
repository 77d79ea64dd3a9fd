//! Strings of the organisations a person acts for: `/organisations` (their organisations, the invitations to
//! them, adding one) and `/organisations/:id` (one organisation: its members, pending invitations, inviting
//! someone, changing roles, removing members and leaving). The names of kinds and roles are the domain's
//! (`OrganisationKind::name_in`, `OrganisationRole::name_in`), not repeated here.

use super::Translate;

/// Declares the keys with their English and Kiswahili side by side (as `pay.rs` does), plus the list of
/// every key for the tests.
macro_rules! keys {
    ($($key:ident => ($en:expr, $sw:expr),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum OrgKey { $($key,)* }

        impl OrgKey {
            #[cfg(test)]
            pub const ALL: &'static [OrgKey] = &[$(OrgKey::$key,)*];
        }

        impl Translate for OrgKey {
            fn en(self) -> &'static str {
                match self { $(OrgKey::$key => $en,)* }
            }

            fn sw(self) -> &'static str {
                match self { $(OrgKey::$key => $sw,)* }
            }
        }
    };
}

keys! {
    // The account page's link.
    AccountSection => ("Organisations", "Mashirika"),
    AccountIntro => ("The organisations you act for, such as a company, bank or motor dealer, and invitations to act for one.",
        "Mashirika unayoyawakilisha, kama kampuni, benki au muuzaji wa magari, na mialiko ya kuwakilisha shirika."),

    // `/organisations`.
    Title => ("Your organisations", "Mashirika yako"),
    Intro => ("The organisations you act for on Njia, and the invitations to act for others.",
        "Mashirika unayoyawakilisha kwenye Njia, na mialiko ya kuwakilisha mengine."),
    Loading => ("Loading your organisations…", "Tunapakia mashirika yako…"),
    LoadingInvitations => ("Loading your invitations…", "Tunapakia mialiko yako…"),
    InvitationsTitle => ("Invitations", "Mialiko"),
    InvitationsIntro => ("Accept an invitation only if you work for this organisation and expect to act for it.",
        "Kubali mwaliko tu kama unafanya kazi na shirika hili na unatarajia kuliwakilisha."),
    Kind => ("Type of organisation", "Aina ya shirika"),
    YourRole => ("Your role", "Jukumu lako"),
    Role => ("Role", "Jukumu"),
    InvitedBy => ("Invited by", "Aliyealika"),
    Sent => ("Sent", "Ulitumwa"),
    Accept => ("Accept", "Kubali"),
    Decline => ("Decline", "Kataa"),
    InvitationTo => ("the invitation of {name}", "mwaliko wa {name}"),
    DeclineQuestion => ("Decline the invitation to act for {name}?", "Ukatae mwaliko wa kuwakilisha {name}?"),
    DeclineWarning => ("If you change your mind, an administrator of the organisation will have to invite you again.",
        "Ukibadilisha nia, msimamizi wa shirika atalazimika kukualika tena."),
    ConfirmDecline => ("Yes, decline", "Ndiyo, kataa"),
    Cancel => ("Cancel", "Ghairi"),
    Accepted => ("You now act for {name} as {role}.", "Sasa unawakilisha {name} kama {role}."),
    Declined => ("You declined the invitation to act for {name}.", "Umekataa mwaliko wa kuwakilisha {name}."),
    AlreadyAnswered => ("This invitation has already been answered, or an administrator withdrew it.",
        "Mwaliko huu umeshajibiwa, au msimamizi ameufuta."),
    OrganisationsTitle => ("Organisations you act for", "Mashirika unayoyawakilisha"),
    ActFor => ("Act for this organisation", "Wakilisha shirika hili"),
    ActingForThis => ("You are acting for this organisation", "Unawakilisha shirika hili sasa"),
    Empty => ("You do not act for any organisation yet.", "Bado huwakilishi shirika lolote."),
    EmptyWhy => ("Motor dealers, banks, insurers, embassies and government ministries act on Njia through the people they authorise. Acting for an organisation, you apply, pay and upload documents for it, and see its vehicles.",
        "Wauzaji wa magari, benki, kampuni za bima, balozi na wizara za serikali hutumia Njia kupitia watu wanaowaidhinisha. Ukiliwakilisha shirika, unaomba huduma, unalipa na kupakia hati kwa niaba yake, na kuona magari yake."),
    EmptyHow => ("An administrator of your organisation can invite you, or you can add your organisation to Njia.",
        "Msimamizi wa shirika lako anaweza kukualika, au unaweza kuongeza shirika lako kwenye Njia."),
    Add => ("Add an organisation", "Ongeza shirika"),
    AddIntro => ("If your organisation is not on Njia yet, apply to add it with its KRA PIN or registration number and a letter that authorises you. An eCitizen officer checks it within 1 to 5 working days, and you follow it in “My applications”. Once it is approved, you are its administrator.",
        "Kama shirika lako bado halipo kwenye Njia, omba kuliongeza kwa PIN yake ya KRA au nambari yake ya usajili na barua inayokuidhinisha. Afisa wa eCitizen huliangalia ndani ya siku 1 hadi 5 za kazi, na unalifuatilia kwenye “Maombi yangu”. Likiidhinishwa, unakuwa msimamizi wake."),

    // `/organisations/:id`.
    OrganisationTitle => ("Organisation", "Shirika"),
    BackToOrganisations => ("Back to your organisations", "Rudi kwenye mashirika yako"),
    LoadingOrganisation => ("Loading the organisation…", "Tunapakia shirika…"),
    NotFoundTitle => ("Organisation not found", "Shirika halikupatikana"),
    NotFoundBody => ("You are not a member of this organisation, or you have been removed from it.",
        "Wewe si mwanachama wa shirika hili, au umeondolewa kutoka kwalo."),
    KraPin => ("KRA PIN", "PIN ya KRA"),
    RegistrationNumber => ("Registration number", "Nambari ya usajili"),
    MembersTitle => ("Members", "Wanachama"),
    MembersIntro => ("The people who act for this organisation. Administrators also manage its members and invitations.",
        "Watu wanaowakilisha shirika hili. Wasimamizi pia husimamia wanachama na mialiko yake."),
    AgentMembers => ("Only the organisation's administrators see and manage its members. Ask one of them if someone should be added or removed.",
        "Ni wasimamizi wa shirika pekee wanaoona na kusimamia wanachama wake. Muulize mmoja wao kama mtu anafaa kuongezwa au kuondolewa."),
    IdEnding => ("ID number ending in", "Nambari ya kitambulisho inayoishia"),
    You => ("You", "Wewe"),
    ChangeRole => ("Change role", "Badilisha jukumu"),
    ChangeRoleHidden => ("of {name}", "la {name}"),
    NewRole => ("New role for {name}", "Jukumu jipya la {name}"),
    SaveRole => ("Save role", "Hifadhi jukumu"),
    RoleChanged => ("The role of {name} is now: {role}.", "Jukumu la {name} sasa ni: {role}."),
    Remove => ("Remove", "Ondoa"),
    RemoveQuestion => ("Remove {name}? They lose access at once.", "Umwondoe {name}? Atapoteza ruhusa mara moja."),
    RemoveWarning => ("We will tell them by SMS. To add them back, invite them again.",
        "Tutamjulisha kwa SMS. Ili kumrudisha, mwalike tena."),
    ConfirmRemove => ("Yes, remove", "Ndiyo, ondoa"),
    Removed => ("{name} no longer acts for {org}.", "{name} hawakilishi tena {org}."),
    NoLongerMember => ("This person is no longer a member: the list has been updated.",
        "Mtu huyu si mwanachama tena: orodha imesasishwa."),
    LastAdministratorRole => ("{name} is the only administrator, so they cannot become an agent. Make another member an administrator first.",
        "{name} ndiye msimamizi pekee, kwa hivyo hawezi kuwa wakala. Mfanye mwanachama mwingine kuwa msimamizi kwanza."),
    LastAdministratorRemove => ("{name} is the only administrator and cannot be removed. Make another member an administrator first.",
        "{name} ndiye msimamizi pekee na hawezi kuondolewa. Mfanye mwanachama mwingine kuwa msimamizi kwanza."),
    LastAdministratorLeave => ("You are the only administrator, so you cannot leave. Make another member an administrator first.",
        "Wewe ndiye msimamizi pekee, kwa hivyo huwezi kujiondoa. Mfanye mwanachama mwingine kuwa msimamizi kwanza."),
    AdministratorsOnly => ("Only the organisation's administrators can do this. Your role may have changed: the page has been updated.",
        "Ni wasimamizi wa shirika pekee wanaoweza kufanya hivi. Huenda jukumu lako limebadilika: ukurasa umesasishwa."),
    PendingTitle => ("Invitations waiting for an answer", "Mialiko inayosubiri jibu"),
    NoPending => ("No invitation is waiting for an answer.", "Hakuna mwaliko unaosubiri jibu."),
    Withdraw => ("Withdraw", "Futa"),
    WithdrawHidden => ("the invitation to {name}", "mwaliko wa {name}"),
    Withdrawn => ("You withdrew the invitation to {name}.", "Umefuta mwaliko wa {name}."),
    InviteTitle => ("Invite someone", "Mwalike mtu"),
    InviteIntro => ("The person must already have a Njia account. They get an SMS and answer the invitation on their own account.",
        "Mtu huyo lazima awe tayari na akaunti ya Njia. Atapokea SMS na kujibu mwaliko kwenye akaunti yake."),
    IdentifyLegend => ("How will you identify them?", "Utamtambua kwa kutumia nini?"),
    ByIdNumber => ("By their national ID number", "Kwa nambari yake ya kitambulisho cha taifa"),
    ByEmail => ("By their email address", "Kwa anwani yake ya barua pepe"),
    IdNumberLabel => ("Their national ID number", "Nambari yake ya kitambulisho cha taifa"),
    IdNumberHint => ("6 to 8 digits, as printed on their ID card", "Tarakimu 6 hadi 8, kama zilivyo kwenye kitambulisho chake"),
    EmailLabel => ("Their email address", "Anwani yake ya barua pepe"),
    EmailHint => ("The one they use for their Njia account", "Ile anayotumia kwenye akaunti yake ya Njia"),
    RoleLegend => ("Their role", "Jukumu lake"),
    RoleHint => ("An administrator acts for the organisation and also manages its members and invitations. An agent only acts for it.",
        "Msimamizi huliwakilisha shirika na pia husimamia wanachama na mialiko yake. Wakala huliwakilisha tu."),
    SendInvitation => ("Send invitation", "Tuma mwaliko"),
    ChooseIdentify => ("Choose how to identify the person", "Chagua jinsi ya kumtambua mtu huyo"),
    EnterIdNumber => ("Enter their national ID number", "Weka nambari yake ya kitambulisho cha taifa"),
    EnterEmail => ("Enter their email address", "Weka anwani yake ya barua pepe"),
    ChooseRole => ("Choose their role", "Chagua jukumu lake"),
    AlreadyAMember => ("This person is already a member of this organisation", "Mtu huyu tayari ni mwanachama wa shirika hili"),
    Invited => ("We have sent an invitation to {name}. They will get an SMS and can answer on their Njia account.",
        "Tumemtumia {name} mwaliko. Atapokea SMS na anaweza kujibu kwenye akaunti yake ya Njia."),
    LeaveTitle => ("Leave this organisation", "Jiondoe kwenye shirika hili"),
    LeaveIntro => ("You will no longer be able to act for it. To come back, an administrator must invite you again.",
        "Hutaweza tena kuliwakilisha. Ili urudi, msimamizi lazima akualike tena."),
    LeaveQuestion => ("Leave {org}? You lose access at once.", "Ujiondoe kwenye {org}? Utapoteza ruhusa mara moja."),
    ConfirmLeave => ("Yes, leave", "Ndiyo, jiondoe"),
    Left => ("You have left {org}. You no longer act for it on Njia.", "Umejiondoa kwenye {org}. Huliwakilishi tena kwenye Njia."),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        crate::i18n::assert_translated(OrgKey::ALL);
        for key in OrgKey::ALL {
            assert_ne!(key.en(), key.sw(), "{key:?} is not translated");
        }
    }
}
