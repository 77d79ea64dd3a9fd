//! Driving test bookings: slots with the places left, booking (held until paid), moving and cancelling.

use gloo_net::http::Method;
use njia_domain::api::applications::IDEMPOTENCY_KEY_HEADER;
use njia_domain::api::test_bookings::{
    BookTestRequest, RescheduleRequest, TestBooking, TestBookings, TestSlots,
};

use super::{ApiError, decode, get, send, write_json, writing};

/// `GET /api/ntsa/test-slots`: the slots of the next 30 days with a place left, soonest first.
pub async fn slots() -> Result<TestSlots, ApiError> {
    get("/api/ntsa/test-slots").await
}

/// `GET /api/ntsa/test-bookings`: the person's bookings, newest first.
pub async fn bookings() -> Result<TestBookings, ApiError> {
    get("/api/ntsa/test-bookings").await
}

/// `POST /api/ntsa/test-bookings` with an `Idempotency-Key`: holds the place; pay the application next.
pub async fn book(request: &BookTestRequest, key: &str) -> Result<TestBooking, ApiError> {
    let request = writing(Method::POST, "/api/ntsa/test-bookings")
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .json(request)
        .map_err(|_| ApiError::Network)?;
    decode(request.send().await.map_err(|_| ApiError::Network)?).await
}

/// `POST /api/ntsa/test-bookings/{id}/reschedule`.
pub async fn reschedule(id: &str, slot_id: &str) -> Result<TestBooking, ApiError> {
    write_json(
        Method::POST,
        &format!("/api/ntsa/test-bookings/{id}/reschedule"),
        &RescheduleRequest {
            slot_id: slot_id.to_string(),
        },
    )
    .await
}

/// `POST /api/ntsa/test-bookings/{id}/cancel`.
pub async fn cancel(id: &str) -> Result<TestBooking, ApiError> {
    decode(
        send::<()>(
            Method::POST,
            &format!("/api/ntsa/test-bookings/{id}/cancel"),
            None,
        )
        .await?,
    )
    .await
}
