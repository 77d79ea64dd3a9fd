//! Daraja's wire types, named as Daraja names them.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// What an STK `ResultCode` means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultCode {
    /// 0: the customer paid.
    Success,
    /// 1: the balance is insufficient for the transaction.
    InsufficientFunds,
    /// 1032: the customer cancelled the prompt.
    CancelledByUser,
    /// 1037: the phone could not be reached, or the customer did not answer in time.
    PhoneUnreachable,
    /// 2001: wrong PIN ("The initiator information is invalid").
    WrongPin,
    /// Any other code.
    Other(i64),
}

impl ResultCode {
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Self::Success,
            1 => Self::InsufficientFunds,
            1032 => Self::CancelledByUser,
            1037 => Self::PhoneUnreachable,
            2001 => Self::WrongPin,
            other => Self::Other(other),
        }
    }

    pub fn code(self) -> i64 {
        match self {
            Self::Success => 0,
            Self::InsufficientFunds => 1,
            Self::CancelledByUser => 1032,
            Self::PhoneUnreachable => 1037,
            Self::WrongPin => 2001,
            Self::Other(code) => code,
        }
    }

    pub fn is_success(self) -> bool {
        self == Self::Success
    }
}

/// Daraja's error body: `{ requestId, errorCode, errorMessage }`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ErrorBody {
    #[serde(rename = "requestId", default)]
    pub request_id: String,
    #[serde(rename = "errorCode")]
    pub error_code: String,
    #[serde(rename = "errorMessage", default)]
    pub error_message: String,
}

#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    pub access_token: String,
    #[serde(deserialize_with = "string_or_number")]
    pub expires_in: String,
}

/// The body of `POST /mpesa/stkpush/v1/processrequest`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StkPushBody {
    pub business_short_code: String,
    pub password: String,
    pub timestamp: String,
    pub transaction_type: String,
    pub amount: u64,
    pub party_a: String,
    pub party_b: String,
    pub phone_number: String,
    #[serde(rename = "CallBackURL")]
    pub callback_url: String,
    pub account_reference: String,
    pub transaction_desc: String,
}

/// Daraja's answer to an accepted STK push.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StkPushResponse {
    #[serde(rename = "MerchantRequestID")]
    pub merchant_request_id: String,
    #[serde(rename = "CheckoutRequestID")]
    pub checkout_request_id: String,
    #[serde(rename = "ResponseCode", deserialize_with = "string_or_number")]
    pub response_code: String,
    #[serde(rename = "ResponseDescription", default)]
    pub response_description: String,
    #[serde(rename = "CustomerMessage", default)]
    pub customer_message: String,
}

/// The body of `POST /mpesa/stkpushquery/v1/query`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StkQueryBody {
    #[serde(rename = "BusinessShortCode")]
    pub business_short_code: String,
    #[serde(rename = "Password")]
    pub password: String,
    #[serde(rename = "Timestamp")]
    pub timestamp: String,
    #[serde(rename = "CheckoutRequestID")]
    pub checkout_request_id: String,
}

/// Daraja's answer to an STK query once the payment is decided.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StkQueryResponse {
    #[serde(
        rename = "ResponseCode",
        default,
        deserialize_with = "string_or_number"
    )]
    pub response_code: String,
    #[serde(rename = "ResponseDescription", default)]
    pub response_description: String,
    #[serde(rename = "MerchantRequestID", default)]
    pub merchant_request_id: String,
    #[serde(rename = "CheckoutRequestID", default)]
    pub checkout_request_id: String,
    /// A string in the real API (`"1032"`); numbers are accepted too.
    #[serde(rename = "ResultCode", deserialize_with = "string_or_number")]
    pub result_code: String,
    #[serde(rename = "ResultDesc", default)]
    pub result_desc: String,
}

impl StkQueryResponse {
    /// The result code's meaning; an unparseable code becomes `Other(-1)`.
    pub fn result(&self) -> ResultCode {
        ResultCode::from_code(self.result_code.trim().parse().unwrap_or(-1))
    }
}

/// What an STK query says.
#[derive(Clone, Debug)]
pub enum StkQueryStatus {
    /// Daraja answered `500.001.1001` "The transaction is being processed": no result yet.
    Pending,
    /// The payment is decided.
    Done(StkQueryResponse),
}

/// The STK callback Daraja posts to `CallBackURL`: `{ "Body": { "stkCallback": … } }`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StkCallbackEnvelope {
    #[serde(rename = "Body")]
    pub body: StkCallbackBody,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StkCallbackBody {
    #[serde(rename = "stkCallback")]
    pub stk_callback: StkCallback,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StkCallback {
    #[serde(rename = "MerchantRequestID")]
    pub merchant_request_id: String,
    #[serde(rename = "CheckoutRequestID")]
    pub checkout_request_id: String,
    /// A number in the callback (unlike the query's string).
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    #[serde(rename = "ResultDesc", default)]
    pub result_desc: String,
    /// Present on success only.
    #[serde(
        rename = "CallbackMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub callback_metadata: Option<CallbackMetadata>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CallbackMetadata {
    #[serde(rename = "Item", default)]
    pub item: Vec<CallbackItem>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CallbackItem {
    #[serde(rename = "Name")]
    pub name: String,
    /// Missing for some items (e.g. `Balance`).
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl StkCallback {
    pub fn result(&self) -> ResultCode {
        ResultCode::from_code(self.result_code)
    }

    fn item(&self, name: &str) -> Option<&Value> {
        self.callback_metadata
            .as_ref()?
            .item
            .iter()
            .find(|i| i.name == name)?
            .value
            .as_ref()
    }

    /// `Amount`, in cents (Daraja sends shillings, as a number such as `1` or `1.00`).
    pub fn amount_cents(&self) -> Option<i64> {
        value_to_cents(self.item("Amount")?)
    }

    /// `MpesaReceiptNumber`, e.g. `NLJ7RT61SV`.
    pub fn receipt_number(&self) -> Option<String> {
        value_to_string(self.item("MpesaReceiptNumber")?)
    }

    /// `PhoneNumber` (`2547XXXXXXXX`; a number on the wire).
    pub fn phone_number(&self) -> Option<String> {
        value_to_string(self.item("PhoneNumber")?)
    }

    /// `TransactionDate` as `YYYYMMDDHHmmss` (Kenya time; a number on the wire).
    pub fn transaction_date(&self) -> Option<String> {
        value_to_string(self.item("TransactionDate")?)
    }
}

/// The C2B validation and confirmation body Daraja posts to the registered URLs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct C2bTransaction {
    pub transaction_type: String,
    #[serde(rename = "TransID")]
    pub trans_id: String,
    pub trans_time: String,
    /// Shillings as a string, e.g. `"100.00"`.
    pub trans_amount: String,
    pub business_short_code: String,
    pub bill_ref_number: String,
    #[serde(default)]
    pub invoice_number: String,
    #[serde(default)]
    pub org_account_balance: String,
    #[serde(rename = "ThirdPartyTransID", default)]
    pub third_party_trans_id: String,
    #[serde(rename = "MSISDN", default)]
    pub msisdn: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub middle_name: String,
    #[serde(default)]
    pub last_name: String,
}

impl C2bTransaction {
    /// `TransAmount` in cents, if it is a well-formed amount.
    pub fn amount_cents(&self) -> Option<i64> {
        parse_shillings(&self.trans_amount)
    }
}

/// The answer to a C2B validation request: `{ "ResultCode": "0", "ResultDesc": "Accepted" }`, or a rejection
/// with one of Daraja's `C2B000xx` codes (e.g. `C2B00012` invalid account number).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct C2bValidationResponse {
    #[serde(rename = "ResultCode", deserialize_with = "string_or_number")]
    pub result_code: String,
    #[serde(rename = "ResultDesc")]
    pub result_desc: String,
}

impl C2bValidationResponse {
    pub fn accept() -> Self {
        Self {
            result_code: "0".into(),
            result_desc: "Accepted".into(),
        }
    }

    pub fn reject(code: &str) -> Self {
        Self {
            result_code: code.into(),
            result_desc: "Rejected".into(),
        }
    }
}

/// `ResponseType` of a C2B URL registration: what M-Pesa does when the validation URL cannot be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum C2bResponseType {
    Completed,
    Cancelled,
}

/// The body of `POST /mpesa/c2b/v1/registerurl`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct C2bRegisterUrlBody {
    pub short_code: String,
    pub response_type: C2bResponseType,
    #[serde(rename = "ConfirmationURL")]
    pub confirmation_url: String,
    #[serde(rename = "ValidationURL")]
    pub validation_url: String,
}

/// The body of `POST /mpesa/c2b/v1/simulate` (sandbox only).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct C2bSimulateBody {
    pub short_code: String,
    #[serde(rename = "CommandID")]
    pub command_id: String,
    pub amount: u64,
    pub msisdn: String,
    pub bill_ref_number: String,
}

/// Daraja's answer to register-URL and simulate (the field name's typo is Daraja's own).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct C2bAck {
    #[serde(rename = "OriginatorCoversationID", default)]
    pub originator_conversation_id: String,
    #[serde(
        rename = "ResponseCode",
        default,
        deserialize_with = "string_or_number"
    )]
    pub response_code: String,
    #[serde(rename = "ResponseDescription", default)]
    pub response_description: String,
}

fn value_to_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn value_to_cents(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => match n.as_i64() {
            Some(whole) => whole.checked_mul(100),
            None => parse_shillings(&n.to_string()),
        },
        Value::String(s) => parse_shillings(s),
        _ => None,
    }
}

/// `"100"`, `"100.5"`, `"100.00"` → cents.
pub(crate) fn parse_shillings(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse::<i64>().ok()?,
    };
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

/// Daraja sends some codes as strings in one place and numbers in another: accept both as a string.
fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or a number, got {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_codes() {
        for (code, meaning) in [
            (0, ResultCode::Success),
            (1, ResultCode::InsufficientFunds),
            (1032, ResultCode::CancelledByUser),
            (1037, ResultCode::PhoneUnreachable),
            (2001, ResultCode::WrongPin),
            (17, ResultCode::Other(17)),
        ] {
            assert_eq!(ResultCode::from_code(code), meaning);
            assert_eq!(meaning.code(), code);
        }
    }

    #[test]
    fn query_result_code_as_string_or_number() {
        for body in [
            r#"{"ResultCode":"1032","ResultDesc":"x"}"#,
            r#"{"ResultCode":1032,"ResultDesc":"x"}"#,
        ] {
            let parsed: StkQueryResponse = serde_json::from_str(body).expect("parses");
            assert_eq!(parsed.result(), ResultCode::CancelledByUser);
        }
    }

    #[test]
    fn callback_from_daraja_docs() {
        let body = r#"{"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1",
            "CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,
            "ResultDesc":"The service request is processed successfully.",
            "CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},
            {"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"Balance"},
            {"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}"#;
        let parsed: StkCallbackEnvelope = serde_json::from_str(body).expect("parses");
        let cb = parsed.body.stk_callback;
        assert!(cb.result().is_success());
        assert_eq!(cb.amount_cents(), Some(100));
        assert_eq!(cb.receipt_number().as_deref(), Some("NLJ7RT61SV"));
        assert_eq!(cb.phone_number().as_deref(), Some("254708374149"));
        assert_eq!(cb.transaction_date().as_deref(), Some("20191219102115"));
    }

    #[test]
    fn failed_callback_has_no_metadata() {
        let body = r#"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"c",
            "ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}"#;
        let parsed: StkCallbackEnvelope = serde_json::from_str(body).expect("parses");
        assert_eq!(
            parsed.body.stk_callback.result(),
            ResultCode::CancelledByUser
        );
        assert_eq!(parsed.body.stk_callback.amount_cents(), None);
    }

    #[test]
    fn shillings() {
        assert_eq!(parse_shillings("100.00"), Some(10_000));
        assert_eq!(parse_shillings("100.5"), Some(10_050));
        assert_eq!(parse_shillings("7"), Some(700));
        assert_eq!(parse_shillings("1.234"), None);
        assert_eq!(parse_shillings("-1"), None);
        assert_eq!(parse_shillings(""), None);
    }
}
