//! Plain messages, in both languages, for the (field, code) pairs of the API's `422 invalid` answers and of
//! the domain crate's rules. Each says what to do, not what went wrong in the code. A pair this table does
//! not know answers `None`, and the caller shows the server's English message instead: a new rule on the
//! server is never a blank on a citizen's screen.
//!
//! Besides the API's field names, `national_id`, `alien_id` and `passport_number` name the ID number of
//! each kind of account, for callers that know which document the person chose and want its own wording.

use super::Lang;

/// The message for `code` at `field`, or `None` when this table does not know the pair.
pub fn field_error(lang: Lang, field: &str, code: &str) -> Option<&'static str> {
    let (en, sw) = pair(field, code)?;
    Some(match lang {
        Lang::En => en,
        Lang::Sw => sw,
    })
}

type Pair = (&'static str, &'static str);

fn pair(field: &str, code: &str) -> Option<Pair> {
    match field {
        "identifier" => identifier(code),
        "id_number" => id_number(code),
        "national_id" => national_id(code).or_else(|| id_number(code)),
        "alien_id" => alien_id(code).or_else(|| id_number(code)),
        "passport_number" => passport(code).or_else(|| id_number(code)),
        "first_name" | "other_names" | "surname" => name(code),
        "date_of_birth" => date_of_birth(code),
        "email" => email(code),
        "phone" => phone(code),
        "password" => password(code),
        "password_confirmation" => confirmation(code),
        "current_password" => current_password(code),
        "code" => one_time_code(code),
        "privacy_notice_version" => privacy(code),
        "kind" => kind(code),
        "channel" => channel(code),
        "kra_pin" => kra_pin(code),
        "plate" => plate(code),
        "registration_number" => registration_number(code),
        _ => None,
    }
}

fn identifier(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => (
            "Enter your email address or ID number",
            "Weka anwani yako ya barua pepe au nambari ya kitambulisho",
        ),
        _ => return None,
    })
}

/// The ID number of an account whose kind the caller does not name: wording that fits all three documents.
fn id_number(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => (
            "Enter your ID or passport number",
            "Weka nambari yako ya kitambulisho au ya pasipoti",
        ),
        "no_account" => (
            "Nobody has a Njia account with this ID number. Ask the person to create a Njia account first, then invite them",
            "Hakuna mwenye akaunti ya Njia yenye nambari hii ya kitambulisho. Muombe mtu huyo afungue akaunti ya Njia kwanza, kisha umwalike",
        ),
        "invalid_character" => (
            "Use only the letters and numbers printed on your document, without spaces or symbols",
            "Tumia herufi na tarakimu zilizo kwenye hati yako pekee, bila nafasi wala alama",
        ),
        "too_short" | "too_few_digits" => (
            "The number is too short: check for a missing digit",
            "Nambari ni fupi mno: angalia kama kuna tarakimu iliyokosekana",
        ),
        "too_long" | "too_many_digits" => (
            "The number is too long: check for an extra digit",
            "Nambari ni ndefu mno: angalia kama kuna tarakimu ya ziada",
        ),
        "missing_letters" => (
            "A passport number starts with one or two letters, like AK1234567",
            "Nambari ya pasipoti huanza na herufi moja au mbili, kama AK1234567",
        ),
        "too_many_letters" => (
            "A passport number starts with at most two letters, then digits, like AK1234567",
            "Nambari ya pasipoti huanza na herufi zisizozidi mbili, kisha tarakimu, kama AK1234567",
        ),
        "letter_among_digits" => (
            "After the first letters, a passport number has only digits: check for a letter O typed instead of a zero",
            "Baada ya herufi za mwanzo, nambari ya pasipoti ina tarakimu tu: angalia kama uliandika herufi O badala ya sifuri",
        ),
        "already_registered" => (
            "An account already uses this number. If it is yours, sign in or reset your password",
            "Akaunti nyingine tayari inatumia nambari hii. Ikiwa ni yako, ingia au weka nenosiri jipya",
        ),
        _ => return None,
    })
}

fn national_id(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter your ID number", "Weka nambari yako ya kitambulisho"),
        "invalid_character" => (
            "An ID number has only digits: remove any letters, spaces or symbols",
            "Nambari ya kitambulisho ina tarakimu tu: ondoa herufi, nafasi au alama",
        ),
        "too_short" => (
            "An ID number has 6 to 8 digits: check for a missing digit",
            "Nambari ya kitambulisho ina tarakimu 6 hadi 8: angalia kama kuna tarakimu iliyokosekana",
        ),
        "too_long" => (
            "An ID number has 6 to 8 digits: check for an extra digit",
            "Nambari ya kitambulisho ina tarakimu 6 hadi 8: angalia kama kuna tarakimu ya ziada",
        ),
        _ => return None,
    })
}

fn alien_id(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => (
            "Enter your alien ID number",
            "Weka nambari ya kitambulisho chako cha mgeni",
        ),
        "invalid_character" => (
            "An alien ID number has only digits: remove any letters, spaces or symbols",
            "Nambari ya kitambulisho cha mgeni ina tarakimu tu: ondoa herufi, nafasi au alama",
        ),
        "too_short" => (
            "An alien ID number has 6 to 9 digits: check for a missing digit",
            "Nambari ya kitambulisho cha mgeni ina tarakimu 6 hadi 9: angalia kama kuna tarakimu iliyokosekana",
        ),
        "too_long" => (
            "An alien ID number has 6 to 9 digits: check for an extra digit",
            "Nambari ya kitambulisho cha mgeni ina tarakimu 6 hadi 9: angalia kama kuna tarakimu ya ziada",
        ),
        _ => return None,
    })
}

fn passport(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => (
            "Enter your passport number",
            "Weka nambari yako ya pasipoti",
        ),
        "invalid_character" => (
            "Use only the letters and digits of your passport number, like AK1234567",
            "Tumia herufi na tarakimu za nambari yako ya pasipoti pekee, kama AK1234567",
        ),
        "too_few_digits" => (
            "A passport number has 6 to 8 digits after its letters: check for a missing digit",
            "Nambari ya pasipoti ina tarakimu 6 hadi 8 baada ya herufi: angalia kama kuna tarakimu iliyokosekana",
        ),
        "too_many_digits" => (
            "A passport number has 6 to 8 digits after its letters: check for an extra digit",
            "Nambari ya pasipoti ina tarakimu 6 hadi 8 baada ya herufi: angalia kama kuna tarakimu ya ziada",
        ),
        _ => return None,
    })
}

fn name(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter this name", "Weka jina hili"),
        "too_long" => ("Use at most 50 characters", "Tumia herufi zisizozidi 50"),
        "invalid_character" => (
            "Use only letters, spaces, hyphens and apostrophes",
            "Tumia herufi, nafasi, vistari na alama za ritifaa pekee",
        ),
        _ => return None,
    })
}

fn date_of_birth(code: &str) -> Option<Pair> {
    Some(match code {
        "missing" | "empty" => ("Enter your date of birth", "Weka tarehe yako ya kuzaliwa"),
        "invalid" => (
            "Enter a real date of birth, for example 27 3 1990",
            "Weka tarehe halisi ya kuzaliwa, kwa mfano 27 3 1990",
        ),
        "in_future" => (
            "Your date of birth must be in the past",
            "Tarehe yako ya kuzaliwa lazima iwe ya zamani",
        ),
        "under_18" => (
            "You must be 18 or over to open an account",
            "Lazima uwe na umri wa miaka 18 au zaidi ili kufungua akaunti",
        ),
        "too_old" => (
            "Check the year of your date of birth",
            "Angalia mwaka wa tarehe yako ya kuzaliwa",
        ),
        _ => return None,
    })
}

fn email(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter an email address", "Weka anwani ya barua pepe"),
        "no_account" => (
            "Nobody has a Njia account with this email address. Ask the person to create a Njia account first, then invite them",
            "Hakuna mwenye akaunti ya Njia yenye barua pepe hii. Muombe mtu huyo afungue akaunti ya Njia kwanza, kisha umwalike",
        ),
        "too_long" => (
            "An email address has at most 254 characters",
            "Anwani ya barua pepe ina herufi zisizozidi 254",
        ),
        "missing_at" => (
            "Enter an email address with an @, like jane@example.com",
            "Weka anwani ya barua pepe yenye @, kama jane@example.com",
        ),
        "multiple_at" => (
            "An email address has only one @: remove the extra one",
            "Anwani ya barua pepe ina @ moja tu: ondoa ya ziada",
        ),
        "invalid_character" => (
            "Remove the spaces or symbols that cannot be in an email address",
            "Ondoa nafasi au alama zisizoweza kuwa kwenye anwani ya barua pepe",
        ),
        "empty_local_part" => (
            "Put your name before the @, like jane@example.com",
            "Weka jina lako kabla ya @, kama jane@example.com",
        ),
        "local_part_too_long" => (
            "The part before the @ has at most 64 characters",
            "Sehemu iliyo kabla ya @ ina herufi zisizozidi 64",
        ),
        "misplaced_dot" => (
            "The part before the @ cannot start or end with a dot, or have two dots together",
            "Sehemu iliyo kabla ya @ haiwezi kuanza au kuishia na nukta, wala kuwa na nukta mbili pamoja",
        ),
        "missing_domain" => (
            "Put the domain after the @, like jane@example.com",
            "Weka jina la tovuti baada ya @, kama jane@example.com",
        ),
        "domain_without_dot" => (
            "The part after the @ needs a dot, like example.com or example.co.ke",
            "Sehemu iliyo baada ya @ inahitaji nukta, kama example.com au example.co.ke",
        ),
        "empty_domain_label" => (
            "The part after the @ cannot start or end with a dot, or have two dots together",
            "Sehemu iliyo baada ya @ haiwezi kuanza au kuishia na nukta, wala kuwa na nukta mbili pamoja",
        ),
        "hyphen_at_label_edge" => (
            "A part of the domain between dots cannot start or end with a hyphen",
            "Sehemu ya jina la tovuti kati ya nukta haiwezi kuanza au kuishia na kistari",
        ),
        "domain_label_too_long" => (
            "A part of the domain between dots has at most 63 characters",
            "Sehemu ya jina la tovuti kati ya nukta ina herufi zisizozidi 63",
        ),
        "already_registered" => (
            "An account already uses this email address. If it is yours, sign in or reset your password",
            "Akaunti nyingine tayari inatumia barua pepe hii. Ikiwa ni yako, ingia au weka nenosiri jipya",
        ),
        "unchanged" => (
            "This is already your email address: enter a different one",
            "Hii tayari ni barua pepe yako: weka nyingine",
        ),
        "already_confirmed" => (
            "This email address is already confirmed",
            "Barua pepe hii tayari imethibitishwa",
        ),
        _ => return None,
    })
}

fn phone(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => (
            "Enter a mobile phone number",
            "Weka nambari ya simu ya mkononi",
        ),
        "invalid_character" => (
            "Use only digits, and + at the start, like 0712 345 678",
            "Tumia tarakimu pekee, na + mwanzoni, kama 0712 345 678",
        ),
        "not_kenyan" => (
            "Enter a Kenyan mobile number (+254), like 0712 345 678",
            "Weka nambari ya simu ya Kenya (+254), kama 0712 345 678",
        ),
        "not_mobile" => (
            "Enter a mobile number: they start with 07 or 01, like 0712 345 678",
            "Weka nambari ya simu ya mkononi: huanza na 07 au 01, kama 0712 345 678",
        ),
        "too_short" => (
            "A mobile number has 10 digits, like 0712 345 678: check for a missing digit",
            "Nambari ya simu ina tarakimu 10, kama 0712 345 678: angalia kama kuna tarakimu iliyokosekana",
        ),
        "too_long" => (
            "A mobile number has 10 digits, like 0712 345 678: check for an extra digit",
            "Nambari ya simu ina tarakimu 10, kama 0712 345 678: angalia kama kuna tarakimu ya ziada",
        ),
        "already_registered" => (
            "An account already uses this phone number. If it is yours, sign in or reset your password",
            "Akaunti nyingine tayari inatumia nambari hii ya simu. Ikiwa ni yako, ingia au weka nenosiri jipya",
        ),
        "unchanged" => (
            "This is already your phone number: enter a different one",
            "Hii tayari ni nambari yako ya simu: weka nyingine",
        ),
        "already_confirmed" => (
            "This phone number is already confirmed",
            "Nambari hii ya simu tayari imethibitishwa",
        ),
        _ => return None,
    })
}

/// The rules of a new password (`njia_domain::password`).
fn password(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter your password", "Weka nenosiri lako"),
        "too_short" => (
            "Use at least 8 characters: a few words you will remember make a strong password",
            "Tumia angalau herufi 8: maneno machache utakayokumbuka hufanya nenosiri imara",
        ),
        "too_long" => ("Use at most 128 characters", "Tumia herufi zisizozidi 128"),
        "common" => (
            "This password is on a list of passwords that are often stolen: choose another",
            "Nenosiri hili liko kwenye orodha ya manenosiri yanayoibiwa mara nyingi: chagua lingine",
        ),
        "personal" => (
            "Do not build your password from your name, ID number, phone number or email address",
            "Usitunge nenosiri lako kutokana na jina lako, nambari ya kitambulisho, nambari ya simu au barua pepe",
        ),
        "service_name" => (
            "Do not use the name of this service in your password",
            "Usitumie jina la huduma hii kwenye nenosiri lako",
        ),
        "too_weak" => (
            "This password is easy to guess: add another word or two",
            "Nenosiri hili ni rahisi kukisia: ongeza neno moja au mawili",
        ),
        _ => return None,
    })
}

fn confirmation(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => (
            "Type your new password again",
            "Andika nenosiri lako jipya tena",
        ),
        "mismatch" => (
            "The passwords do not match: type the same password twice",
            "Manenosiri hayalingani: andika nenosiri lilelile mara mbili",
        ),
        _ => return None,
    })
}

fn current_password(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter your password", "Weka nenosiri lako"),
        "wrong" => (
            "Your password is not right: check it and try again",
            "Nenosiri lako si sahihi: liangalie kisha ujaribu tena",
        ),
        _ => return None,
    })
}

fn one_time_code(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter the 6-digit code", "Weka nambari ya tarakimu 6"),
        "invalid" => (
            "The code is 6 digits, like 123456",
            "Nambari ina tarakimu 6, kama 123456",
        ),
        "code_wrong" => (
            "The code is not right: check it and try again",
            "Nambari si sahihi: iangalie kisha ujaribu tena",
        ),
        "code_expired" => (
            "This code has expired or a newer one was sent: ask for a new code",
            "Nambari hii imepitwa na wakati au nyingine mpya imetumwa: omba nambari mpya",
        ),
        "code_dead" => (
            "Too many wrong codes: ask for a new code",
            "Nambari nyingi mno zisizo sahihi: omba nambari mpya",
        ),
        _ => return None,
    })
}

fn privacy(code: &str) -> Option<Pair> {
    Some(match code {
        "not_accepted" | "empty" => (
            "Read the privacy notice and confirm that you accept it",
            "Soma ilani ya faragha na uthibitishe kwamba unaikubali",
        ),
        _ => return None,
    })
}

fn kind(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" | "missing" => (
            "Select the document that identifies you",
            "Chagua hati inayokutambulisha",
        ),
        _ => return None,
    })
}

fn channel(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" | "missing" => (
            "Select how we should send your code",
            "Chagua jinsi tutakavyokutumia nambari",
        ),
        _ => return None,
    })
}

fn kra_pin(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter a KRA PIN", "Weka PIN ya KRA"),
        "invalid_character" => (
            "A KRA PIN has only letters and digits: remove any spaces or symbols",
            "PIN ya KRA ina herufi na tarakimu tu: ondoa nafasi au alama",
        ),
        "wrong_prefix" => (
            "A KRA PIN starts with A (for a person) or P (for an organisation), like A004416331M",
            "PIN ya KRA huanza na A (kwa mtu) au P (kwa shirika), kama A004416331M",
        ),
        "wrong_length" => (
            "A KRA PIN has 11 characters, like A004416331M",
            "PIN ya KRA ina herufi 11, kama A004416331M",
        ),
        "expected_digit" => (
            "A KRA PIN has 9 digits after the first letter: check for a letter O typed instead of a zero",
            "PIN ya KRA ina tarakimu 9 baada ya herufi ya kwanza: angalia kama uliandika herufi O badala ya sifuri",
        ),
        "missing_final_letter" => (
            "A KRA PIN ends with a letter, like A004416331M: check the last character",
            "PIN ya KRA huishia na herufi, kama A004416331M: angalia herufi ya mwisho",
        ),
        "personal_pin" => (
            "This is a personal KRA PIN (it starts with A). Enter the organisation's PIN, which starts with P, like P051365947M",
            "Hii ni PIN ya KRA ya mtu binafsi (huanza na A). Weka PIN ya shirika, ambayo huanza na P, kama P051365947M",
        ),
        _ => return None,
    })
}

fn plate(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter a number plate", "Weka nambari ya gari"),
        "invalid_character" => (
            "A number plate has only letters and digits: remove any symbols",
            "Nambari ya gari ina herufi na tarakimu tu: ondoa alama",
        ),
        "letter_i_or_o" => (
            "The letters after the K on a number plate are never I or O: check them",
            "Herufi zinazofuata K kwenye nambari ya gari si I wala O kamwe: ziangalie",
        ),
        "invalid_county_code" => (
            "A county plate starts with a county code from 1 to 47, like 47 CG 456A",
            "Nambari ya gari ya kaunti huanza na nambari ya kaunti kutoka 1 hadi 47, kama 47 CG 456A",
        ),
        "unknown_format" => (
            "Enter a Kenyan number plate, like KDA 123A",
            "Weka nambari ya gari ya Kenya, kama KDA 123A",
        ),
        _ => return None,
    })
}

fn registration_number(code: &str) -> Option<Pair> {
    Some(match code {
        "empty" => ("Enter the registration number", "Weka nambari ya usajili"),
        "unknown_prefix" => (
            "A registration number starts with PVT- (companies) or BN- (business names), like PVT-ZQU6JE7",
            "Nambari ya usajili huanza na PVT- (kampuni) au BN- (jina la biashara), kama PVT-ZQU6JE7",
        ),
        "invalid_character" => (
            "After the prefix, use only letters and digits",
            "Baada ya mwanzo, tumia herufi na tarakimu pekee",
        ),
        "too_short" => (
            "The number is too short: check for a missing letter or digit",
            "Nambari ni fupi mno: angalia kama kuna herufi au tarakimu iliyokosekana",
        ),
        "too_long" => (
            "The number is too long: check for an extra letter or digit",
            "Nambari ni ndefu mno: angalia kama kuna herufi au tarakimu ya ziada",
        ),
        "invalid_legacy_format" => (
            "Older company numbers look like CPR/2009/12345: CPR, the year and the number, separated by slashes",
            "Nambari za zamani za kampuni huonekana kama CPR/2009/12345: CPR, mwaka na nambari, zikitenganishwa kwa mikwaju",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use njia_domain::accounts::{field, parse_code, parse_email, parse_name, parse_phone};
    use njia_domain::ids::{AlienId, NationalId, PassportNumber};
    use njia_domain::password::{MAX_LENGTH, MIN_LENGTH};

    /// Every (field, code) the API can answer, from the handlers and the domain rules.
    const API_PAIRS: &[(&str, &str)] = &[
        ("identifier", "empty"),
        ("password", "empty"),
        ("current_password", "wrong"),
        ("code", "empty"),
        ("code", "invalid"),
        ("code", "code_wrong"),
        ("code", "code_expired"),
        ("code", "code_dead"),
        ("phone", "unchanged"),
        ("email", "unchanged"),
        ("phone", "already_registered"),
        ("email", "already_registered"),
        ("id_number", "already_registered"),
        ("id_number", "no_account"),
        ("email", "no_account"),
        ("phone", "already_confirmed"),
        ("email", "already_confirmed"),
        ("password", "too_short"),
        ("password", "too_long"),
        ("password", "common"),
        ("password", "personal"),
        ("password", "service_name"),
        ("password", "too_weak"),
        ("password_confirmation", "mismatch"),
        ("privacy_notice_version", "not_accepted"),
        ("first_name", "empty"),
        ("surname", "too_long"),
        ("other_names", "invalid_character"),
        ("date_of_birth", "missing"),
        ("date_of_birth", "invalid"),
        ("date_of_birth", "in_future"),
        ("date_of_birth", "under_18"),
        ("date_of_birth", "too_old"),
    ];

    const ID_CODES: &[&str] = &[
        "empty",
        "invalid_character",
        "too_short",
        "too_long",
        "missing_letters",
        "too_many_letters",
        "letter_among_digits",
        "too_few_digits",
        "too_many_digits",
    ];
    const PHONE_CODES: &[&str] = &[
        "empty",
        "invalid_character",
        "not_kenyan",
        "not_mobile",
        "too_short",
        "too_long",
    ];
    const EMAIL_CODES: &[&str] = &[
        "empty",
        "too_long",
        "missing_at",
        "multiple_at",
        "invalid_character",
        "empty_local_part",
        "local_part_too_long",
        "misplaced_dot",
        "missing_domain",
        "domain_without_dot",
        "empty_domain_label",
        "hyphen_at_label_edge",
        "domain_label_too_long",
    ];

    fn both(field: &str, code: &str) {
        let en = field_error(Lang::En, field, code);
        let sw = field_error(Lang::Sw, field, code);
        assert!(
            en.is_some() && sw.is_some(),
            "({field}, {code}) has no message"
        );
        assert_ne!(en, sw, "({field}, {code}) is not translated");
    }

    #[test]
    fn every_api_pair_has_a_message_in_both_languages() {
        for (field, code) in API_PAIRS {
            both(field, code);
        }
        for code in ID_CODES {
            both("id_number", code);
        }
        for code in PHONE_CODES {
            both("phone", code);
        }
        for code in EMAIL_CODES {
            both("email", code);
        }
        for code in [
            "empty",
            "invalid_character",
            "wrong_prefix",
            "wrong_length",
            "expected_digit",
            "missing_final_letter",
            "personal_pin",
        ] {
            both("kra_pin", code);
        }
        for code in [
            "empty",
            "invalid_character",
            "letter_i_or_o",
            "invalid_county_code",
            "unknown_format",
        ] {
            both("plate", code);
        }
        for code in [
            "empty",
            "unknown_prefix",
            "invalid_character",
            "too_short",
            "too_long",
            "invalid_legacy_format",
        ] {
            both("registration_number", code);
        }
    }

    #[test]
    fn the_codes_the_domain_rules_give_are_known() {
        let samples = [
            "",
            "12a",
            "1",
            "123456789012",
            "AK12B45",
            "ABC1234567",
            "AK12",
            "AK123456789",
        ];
        for text in samples {
            if let Err(e) = NationalId::parse(text) {
                both("national_id", e.code());
                both("id_number", e.code());
            }
            if let Err(e) = AlienId::parse(text) {
                both("alien_id", e.code());
            }
            if let Err(e) = PassportNumber::parse(text) {
                both("passport_number", e.code());
            }
        }
        for text in [
            "",
            "07x",
            "+44 7700 900123",
            "0212345678",
            "07123",
            "071234567890",
        ] {
            if let Err(p) = parse_phone(text) {
                both(p.field, p.code);
            }
        }
        for text in [
            "",
            "jane",
            "a@b@c",
            "jane@",
            "@example.com",
            "jane@example",
            ".jane@example.com",
            "jane@-x.com",
        ] {
            if let Err(p) = parse_email(text) {
                both(p.field, p.code);
            }
        }
        for text in ["", "123", "12345a"] {
            if let Err(p) = parse_code(text) {
                both(p.field, p.code);
            }
        }
        for text in ["", "J0hn", &"a".repeat(51)] {
            if let Err(p) = parse_name(field::FIRST_NAME, text, true) {
                both(p.field, p.code);
            }
        }
    }

    #[test]
    fn lengths_in_the_words_match_the_rules() {
        assert!(
            field_error(Lang::En, "password", "too_short")
                .is_some_and(|m| m.contains(&MIN_LENGTH.to_string()))
        );
        assert!(
            field_error(Lang::Sw, "password", "too_long")
                .is_some_and(|m| m.contains(&MAX_LENGTH.to_string()))
        );
    }

    #[test]
    fn unknown_pairs_fall_back_to_the_server_message() {
        assert_eq!(field_error(Lang::En, "phone", "some_new_rule"), None);
        assert_eq!(field_error(Lang::Sw, "no_such_field", "empty"), None);
    }
}
