//! Pages of the portal's administrators (`users.role = 'administrator'`).

pub mod notices;

use njia_domain::api::accounts::{Account, Role};

pub fn is_administrator(account: &Account) -> bool {
    account.role == Role::Administrator
}
