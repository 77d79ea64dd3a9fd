use std::cmp::Ordering;
use std::fmt;

use thiserror::Error;

use super::string_identifier;

/// An email address, checked pragmatically rather than by the full RFC 5322 grammar: one `@`; before it
/// up to 64 of the characters mail providers actually allow, with no leading, trailing or double dot;
/// after it a domain of at least two dot-separated labels of ASCII letters, digits and hyphens (so an
/// internationalised domain is entered in its `xn--` form). At most 254 characters. The domain is
/// stored lower-case; the part before the `@` is kept as typed, since in principle it is case-sensitive.
///
/// `Debug` shows only the masked form, so an address that reaches a log line is not disclosed.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EmailError {
    #[error("Enter an email address.")]
    Empty,
    #[error("An email address has at most {max} characters.")]
    TooLong { max: usize },
    #[error("An email address has an @, e.g. jane@example.com.")]
    MissingAt,
    #[error("An email address has only one @: remove the extra one.")]
    MultipleAt,
    #[error("An email address can't contain {found:?}: remove it (position {position}).")]
    InvalidCharacter { position: usize, found: char },
    #[error("Put your name before the @, e.g. jane@example.com.")]
    EmptyLocalPart,
    #[error("The part before the @ has at most {max} characters.")]
    LocalPartTooLong { max: usize },
    #[error("The part before the @ can't start or end with a dot, or have two dots together.")]
    MisplacedDot,
    #[error("Put the domain after the @, e.g. jane@example.com.")]
    MissingDomain,
    #[error("The domain after the @ needs a dot, e.g. example.com or example.co.ke.")]
    DomainWithoutDot,
    #[error("The domain after the @ can't start or end with a dot, or have two dots together.")]
    EmptyDomainLabel,
    #[error("A part of the domain between dots can't start or end with a hyphen.")]
    HyphenAtLabelEdge,
    #[error("A part of the domain between dots has at most {max} characters.")]
    DomainLabelTooLong { max: usize },
}

impl EmailError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::TooLong { .. } => "too_long",
            Self::MissingAt => "missing_at",
            Self::MultipleAt => "multiple_at",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::EmptyLocalPart => "empty_local_part",
            Self::LocalPartTooLong { .. } => "local_part_too_long",
            Self::MisplacedDot => "misplaced_dot",
            Self::MissingDomain => "missing_domain",
            Self::DomainWithoutDot => "domain_without_dot",
            Self::EmptyDomainLabel => "empty_domain_label",
            Self::HyphenAtLabelEdge => "hyphen_at_label_edge",
            Self::DomainLabelTooLong { .. } => "domain_label_too_long",
        }
    }
}

/// The RFC 5322 "atext" characters plus the dot; quoted local parts are left out on purpose.
fn local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c)
}

fn domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.'
}

impl Email {
    pub const MAX_LENGTH: usize = 254;
    pub const MAX_LOCAL_PART: usize = 64;
    pub const MAX_LABEL: usize = 63;

    pub fn parse(input: &str) -> Result<Self, EmailError> {
        use EmailError as E;

        let input = input.trim();
        if input.is_empty() {
            return Err(E::Empty);
        }
        if input.chars().count() > Self::MAX_LENGTH {
            return Err(E::TooLong {
                max: Self::MAX_LENGTH,
            });
        }
        let (local, domain) = match input.split_once('@') {
            None => return Err(E::MissingAt),
            Some((_, domain)) if domain.contains('@') => return Err(E::MultipleAt),
            Some(parts) => parts,
        };
        let at = local.chars().count();
        let invalid = input.chars().enumerate().find(|&(i, c)| match i.cmp(&at) {
            Ordering::Less => !local_char(c),
            Ordering::Equal => false,
            Ordering::Greater => !domain_char(c),
        });
        if let Some((i, found)) = invalid {
            return Err(E::InvalidCharacter {
                position: i + 1,
                found,
            });
        }
        // From here on everything is ASCII, so byte lengths are character counts.
        if local.is_empty() {
            return Err(E::EmptyLocalPart);
        }
        if local.len() > Self::MAX_LOCAL_PART {
            return Err(E::LocalPartTooLong {
                max: Self::MAX_LOCAL_PART,
            });
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(E::MisplacedDot);
        }
        if domain.is_empty() {
            return Err(E::MissingDomain);
        }
        if !domain.contains('.') {
            return Err(E::DomainWithoutDot);
        }
        for label in domain.split('.') {
            if label.is_empty() {
                return Err(E::EmptyDomainLabel);
            }
            if label.starts_with('-') || label.ends_with('-') {
                return Err(E::HyphenAtLabelEdge);
            }
            if label.len() > Self::MAX_LABEL {
                return Err(E::DomainLabelTooLong {
                    max: Self::MAX_LABEL,
                });
            }
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The part after the `@`, lower-case.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    /// `j***@example.com`: enough for a person to recognise their address, e.g. "code sent to …".
    pub fn masked(&self) -> String {
        let first = self.0.chars().next().unwrap_or_default();
        format!("{first}***@{}", self.domain())
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Email").field(&self.masked()).finish()
    }
}

string_identifier!(
    Email,
    EmailError,
    example = "jane@example.co.ke",
    description = "Email address; the domain is stored lower-case"
);
