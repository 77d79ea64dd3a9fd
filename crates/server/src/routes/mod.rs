//! The API's resources, one module each, merged into one router by [`router`].

pub mod account;
pub mod accounts;
pub mod applications;
pub mod auth;
pub mod callbacks;
pub mod dev;
pub mod documents;
pub mod driving_record;
pub mod health;
pub mod invoices;
pub mod notices;
pub mod ntsa;
pub mod officer;
pub mod organisations;
pub mod password_reset;
pub mod payments;
pub mod services;
pub mod session;
pub mod test_bookings;
pub mod transfers;

use utoipa_axum::router::OpenApiRouter;

use crate::error::ApiError;

/// A page's size from `?limit=`: 20 when absent, 1 to 100 (docs/API.md, Pagination).
pub fn page_limit(limit: Option<i64>) -> i64 {
    limit.unwrap_or(20).clamp(1, 100)
}

/// Where a page starts: the `(time, id)` of the last row of the previous page, as `next_cursor` wrote it
/// (`{time}.{id}`). Opaque to clients; anything this API did not give is a 400.
pub fn page_cursor(cursor: Option<&str>) -> Result<Option<(i64, String)>, ApiError> {
    match cursor {
        None | Some("") => Ok(None),
        Some(cursor) => cursor
            .split_once('.')
            .and_then(|(at, id)| at.parse::<i64>().ok().map(|at| Some((at, id.to_string()))))
            .ok_or_else(|| ApiError::BadRequest("the cursor is not one this API gave".into())),
    }
}

/// The cursor of a row, read back by [`page_cursor`].
pub fn next_page_cursor(at: i64, id: &str) -> String {
    format!("{at}.{id}")
}
use utoipa_axum::routes;

use crate::app::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health::get_health))
        .routes(routes!(dev::list_dev_outbox))
        .routes(routes!(services::list_services))
        .routes(routes!(services::search_services))
        .routes(routes!(services::get_service))
        .routes(routes!(accounts::register))
        .routes(routes!(accounts::send_verification))
        .routes(routes!(accounts::confirm_verification))
        .routes(routes!(accounts::correct_contact))
        .routes(routes!(auth::sign_in))
        .routes(routes!(auth::send_sign_in_code))
        .routes(routes!(auth::verify_sign_in))
        .routes(routes!(auth::sign_out))
        .routes(routes!(session::get_session))
        .routes(routes!(session::refresh_session))
        .routes(routes!(password_reset::start))
        .routes(routes!(password_reset::verify))
        .routes(routes!(password_reset::complete))
        .routes(routes!(account::get_account))
        .routes(routes!(account::change_password))
        .routes(routes!(account::change_contact))
        .routes(routes!(account::confirm_contact_change))
        .routes(routes!(account::list_sessions))
        .routes(routes!(account::sign_out_others))
        .routes(routes!(account::list_activity))
        .routes(routes!(
            applications::create_application,
            applications::list_applications
        ))
        .routes(routes!(applications::save_answers))
        .routes(routes!(applications::submit_application))
        .routes(routes!(applications::get_application))
        .routes(routes!(invoices::get_invoice))
        .routes(routes!(payments::get_invoice))
        .routes(routes!(payments::pay_by_mpesa))
        .routes(routes!(payments::paybill_code))
        .routes(routes!(payments::pay_by_card))
        .routes(routes!(payments::get_receipt))
        .routes(routes!(payments::list_payments))
        .routes(routes!(payments::get_payment))
        .routes(routes!(payments::card_confirm))
        .routes(routes!(documents::upload_document))
        .routes(routes!(documents::list_documents))
        .routes(routes!(documents::download_document))
        .routes(routes!(documents::delete_document))
        .routes(routes!(officer::officer_queue))
        .routes(routes!(officer::officer_application))
        .routes(routes!(officer::officer_decision))
        .routes(routes!(ntsa::my_ntsa))
        .routes(routes!(test_bookings::list_test_slots))
        .routes(routes!(
            test_bookings::book_test,
            test_bookings::list_test_bookings
        ))
        .routes(routes!(test_bookings::reschedule_test))
        .routes(routes!(test_bookings::cancel_test))
        .routes(routes!(test_bookings::record_test_result))
        .routes(routes!(test_bookings::officer_test_bookings))
        .routes(routes!(driving_record::driving_record))
        .routes(routes!(driving_record::create_share_code))
        .routes(routes!(driving_record::check_licence))
        .routes(routes!(ntsa::pay_fine))
        .routes(routes!(ntsa::lift_caveat))
        .routes(routes!(transfers::list_transfers))
        .routes(routes!(transfers::accept_transfer))
        .routes(routes!(transfers::decline_transfer))
        .routes(routes!(organisations::list_organisations))
        .routes(routes!(organisations::get_organisation))
        .routes(routes!(organisations::invite_member))
        .routes(routes!(organisations::withdraw_invitation))
        .routes(routes!(organisations::list_invitations))
        .routes(routes!(organisations::accept_invitation))
        .routes(routes!(organisations::decline_invitation))
        .routes(routes!(organisations::change_member_role))
        .routes(routes!(organisations::remove_member))
        .routes(routes!(notices::list_notices))
        .routes(routes!(
            notices::admin_list_notices,
            notices::publish_notice
        ))
        .routes(routes!(notices::withdraw_notice))
}
