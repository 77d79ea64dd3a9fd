//! Demo people, loaded by `njia-server seed` for the demo and for trying the portal by hand. Loading again
//! adds nothing: an account whose email already exists is left as it is. Never run against production
//! (the passwords are printed).

use njia_domain::api::accounts::{AccountKind, PRIVACY_NOTICE_VERSION, Role};

use crate::accounts::{passwords, store};
use crate::db::Db;

/// One password for every demo account: strong enough for the policy, easy to type on a phone.
pub const DEMO_PASSWORD: &str = "Chai-na-Mandazi-2026";

pub struct DemoPerson {
    pub first_name: &'static str,
    pub surname: &'static str,
    pub kind: AccountKind,
    pub id_number: &'static str,
    pub date_of_birth: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub role: Role,
    pub agency: Option<&'static str>,
    pub about: &'static str,
}

pub const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        first_name: "Wanjiku",
        surname: "Kamau",
        kind: AccountKind::Citizen,
        id_number: "23456789",
        date_of_birth: "1985-06-14",
        email: "wanjiku.kamau@demo.njia.ke",
        phone: "+254712000101",
        role: Role::Citizen,
        agency: None,
        about: "citizen",
    },
    DemoPerson {
        first_name: "Otieno",
        surname: "Odhiambo",
        kind: AccountKind::Citizen,
        id_number: "34567890",
        date_of_birth: "1978-11-02",
        email: "otieno.odhiambo@demo.njia.ke",
        phone: "+254712000102",
        role: Role::Citizen,
        agency: None,
        about: "citizen",
    },
    DemoPerson {
        first_name: "Amina",
        surname: "Hassan",
        kind: AccountKind::Citizen,
        id_number: "45678901",
        date_of_birth: "2004-02-29",
        email: "amina.hassan@demo.njia.ke",
        phone: "+254712000103",
        role: Role::Citizen,
        agency: None,
        about: "citizen",
    },
    DemoPerson {
        first_name: "Grace",
        surname: "Wambui",
        kind: AccountKind::Citizen,
        id_number: "11223344",
        date_of_birth: "1982-08-21",
        email: "grace.wambui@ntsa.demo.njia.ke",
        phone: "+254722000201",
        role: Role::Officer,
        agency: Some("ntsa"),
        about: "NTSA officer",
    },
    // Until payments exist, every NTSA application waits for payment; the registration bureau's free first
    // ID lets the demo go from applying to collection.
    DemoPerson {
        first_name: "Faith",
        surname: "Njoroge",
        kind: AccountKind::Citizen,
        id_number: "22446688",
        date_of_birth: "1988-11-02",
        email: "faith.njoroge@nrb.demo.njia.ke",
        phone: "+254722000202",
        role: Role::Officer,
        agency: Some("nrb"),
        about: "National Registration Bureau officer",
    },
    DemoPerson {
        first_name: "Daniel",
        surname: "Kiprop",
        kind: AccountKind::Citizen,
        id_number: "55667788",
        date_of_birth: "1975-01-30",
        email: "daniel.kiprop@admin.demo.njia.ke",
        phone: "+254722000301",
        role: Role::Administrator,
        agency: None,
        about: "administrator",
    },
];

/// Adds the demo people who are not there yet; returns how many were added.
pub async fn load(db: &Db, now: i64) -> anyhow::Result<usize> {
    let hash = passwords::hash(DEMO_PASSWORD.to_string()).await?;
    let mut added = 0;
    for person in PEOPLE {
        if store::contact_taken(db, false, person.email).await? {
            continue;
        }
        let mut tx = db.pool.begin().await?;
        store::insert(
            &mut tx,
            &store::NewUser {
                kind: person.kind,
                id_number: person.id_number,
                first_name: person.first_name,
                other_names: "",
                surname: person.surname,
                date_of_birth: person.date_of_birth,
                email: person.email,
                phone: person.phone,
                password_hash: &hash,
                role: person.role,
                agency_id: person.agency,
                privacy_notice_version: PRIVACY_NOTICE_VERSION,
                verified: true,
            },
            now,
        )
        .await?;
        tx.commit().await?;
        added += 1;
    }
    Ok(added)
}

/// What the run command prints.
pub fn describe() -> String {
    let mut text = format!(
        "Demo accounts (password for all: {DEMO_PASSWORD}; sign-in codes are on /dev/outbox):\n"
    );
    for p in PEOPLE {
        let name = format!("{} {}", p.first_name, p.surname);
        text.push_str(&format!(
            "  {:<14} {name:<16} ID {}  {:<34} {}\n",
            p.about, p.id_number, p.email, p.phone
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use njia_domain::password::{CommonPasswords, PersonalInfo, check_password};

    #[test]
    fn the_demo_password_passes_the_policy_for_every_demo_person() {
        for p in super::PEOPLE {
            let names = [p.first_name, p.surname];
            let info = PersonalInfo {
                names: &names,
                id_number: Some(p.id_number),
                email: Some(p.email),
                phone: Some(p.phone),
            };
            assert!(
                check_password(super::DEMO_PASSWORD, &info, CommonPasswords::bundled()).is_ok(),
                "{}",
                p.email
            );
        }
    }
}
