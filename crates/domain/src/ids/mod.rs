//! Typed identifiers that can only hold valid values: parse once at the edge, then pass the type around.
//!
//! Every identifier is built by its `parse`, which trims the input, accepts the separators a person would
//! type and stores the canonical form; `FromStr`, `TryFrom<String>` and serde all go through `parse`, so a
//! value read from a request body is as valid as one typed into a form.
//!
//! Every error has a plain-English `Display` for developers and a stable `code()` that the SPA translates.
//! Positions in errors count characters from 1 in the trimmed input, as the person sees it.

mod alien_id;
mod company;
mod email;
mod kra_pin;
mod national_id;
mod passport;
mod phone;
mod plate;

pub use alien_id::{AlienId, AlienIdError};
pub use company::{CompanyRegError, CompanyRegNumber};
pub use email::{Email, EmailError};
pub use kra_pin::{KraPin, KraPinError};
pub use national_id::{NationalId, NationalIdError};
pub use passport::{PassportNumber, PassportNumberError};
pub use phone::{PhoneNumber, PhoneNumberError};
pub use plate::{Plate, PlateError, PlateKind};

/// The characters of `input` that carry meaning, each with its position (from 1) in the trimmed input,
/// leaving out the separators people type for readability.
fn significant(input: &str, is_separator: impl Fn(char) -> bool) -> Vec<(usize, char)> {
    input
        .trim()
        .chars()
        .enumerate()
        .filter(|&(_, c)| !is_separator(c))
        .map(|(i, c)| (i + 1, c))
        .collect()
}

/// Spaces and dashes: what people put in long numbers to keep their place.
fn is_spacing(c: char) -> bool {
    c.is_whitespace() || c == '-'
}

/// `****` and the last four characters; always four stars, so a masked value does not reveal the length.
fn mask_tail(value: &str) -> String {
    let tail = value
        .get(value.len().saturating_sub(4)..)
        .unwrap_or_default();
    format!("****{tail}")
}

/// The plumbing every identifier shares; `$name` must be a tuple struct around the canonical `String` with an
/// inherent `parse(&str) -> Result<Self, $error>`.
macro_rules! string_identifier {
    ($name:ident, $error:ident, example = $example:literal, description = $description:literal) => {
        impl $name {
            /// The canonical form.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $error;
            fn from_str(s: &str) -> Result<Self, $error> {
                Self::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;
            fn try_from(s: String) -> Result<Self, $error> {
                Self::parse(&s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $error;
            fn try_from(s: &str) -> Result<Self, $error> {
                Self::parse(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let raw = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&raw).map_err(::serde::de::Error::custom)
            }
        }

        #[cfg(feature = "openapi")]
        impl ::utoipa::PartialSchema for $name {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                ::utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(::utoipa::openapi::schema::Type::String)
                    .description(Some($description))
                    .examples([$example])
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl ::utoipa::ToSchema for $name {}
    };
}
use string_identifier;
