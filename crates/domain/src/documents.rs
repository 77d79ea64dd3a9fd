//! Rules for uploaded documents, run by the SPA before uploading and by the server while receiving: the
//! type comes from the file's first bytes, never its name; names are plain file names; sizes are limited.

use crate::catalog::DocumentType;

/// The most a person may keep uploaded at once, over all their applications.
pub const QUOTA_BYTES: u64 = 200 * 1024 * 1024;

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_BYTES: usize = 8;

/// The type of a file from its first bytes (its "magic number").
pub fn sniff(head: &[u8]) -> Option<DocumentType> {
    if head.starts_with(b"%PDF-") {
        Some(DocumentType::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(DocumentType::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(DocumentType::Png)
    } else {
        None
    }
}

/// What is wrong with a file, in the order a person would want to hear it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("The file is empty: choose the file again")]
    Empty,
    #[error("The file name must not contain folders: rename the file and try again")]
    PathInName,
    #[error("The file name is too long or has characters that are not allowed: rename the file")]
    BadName,
    #[error("The file is {size}; the limit is {limit}: choose a smaller file")]
    TooLarge { size: String, limit: String },
    #[error("This file is not a PDF, JPEG or PNG: choose one of those")]
    UnknownType,
    #[error("This file is a {found}, which this document does not accept")]
    NotAccepted { found: &'static str },
    #[error("The file's name says {named} but it contains a {found}: choose the right file")]
    NameMismatch {
        named: &'static str,
        found: &'static str,
    },
    #[error("You have used your space for documents: remove some before adding more")]
    QuotaExceeded,
}

impl FileProblem {
    pub fn code(&self) -> &'static str {
        match self {
            FileProblem::Empty => "empty_file",
            FileProblem::PathInName => "path_in_name",
            FileProblem::BadName => "bad_name",
            FileProblem::TooLarge { .. } => "too_large",
            FileProblem::UnknownType => "unknown_type",
            FileProblem::NotAccepted { .. } => "type_not_accepted",
            FileProblem::NameMismatch { .. } => "name_mismatch",
            FileProblem::QuotaExceeded => "quota_exceeded",
        }
    }
}

/// Sizes as phones show them: 1,048,576 bytes is "1 MB", 6.2 MB keeps one decimal.
pub fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{bytes} B")
    }
}

/// A file name as a browser gives it: no folders, printable, at most 200 characters.
pub fn check_name(name: &str) -> Result<(), FileProblem> {
    if name.contains('/')
        || name.contains('\\')
        || name == "."
        || name == ".."
        || name.contains("..")
    {
        return Err(FileProblem::PathInName);
    }
    if name.trim().is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(FileProblem::BadName);
    }
    Ok(())
}

/// The type a file name claims by its extension, if it names one of ours.
pub fn named_type(name: &str) -> Option<DocumentType> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "pdf" => Some(DocumentType::Pdf),
        "jpg" | "jpeg" => Some(DocumentType::Jpeg),
        "png" => Some(DocumentType::Png),
        _ => None,
    }
}

/// Every check that the name, the size and the first bytes allow, before a byte is uploaded.
pub fn check_file(
    name: &str,
    size: u64,
    head: &[u8],
    accepted: &[DocumentType],
    max_bytes: u64,
) -> Result<DocumentType, FileProblem> {
    check_name(name)?;
    if size == 0 {
        return Err(FileProblem::Empty);
    }
    if size > max_bytes {
        return Err(FileProblem::TooLarge {
            size: human_size(size),
            limit: human_size(max_bytes),
        });
    }
    let found = sniff(head).ok_or(FileProblem::UnknownType)?;
    if let Some(named) = named_type(name).filter(|named| *named != found) {
        return Err(FileProblem::NameMismatch {
            named: named.label(),
            found: found.label(),
        });
    }
    if !accepted.contains(&found) {
        return Err(FileProblem::NotAccepted {
            found: found.label(),
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::DocumentType::{Jpeg, Pdf, Png};

    const PDF: &[u8] = b"%PDF-1.7\n";
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'];
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00";

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(sniff(PDF), Some(Pdf));
        assert_eq!(sniff(JPEG), Some(Jpeg));
        assert_eq!(sniff(PNG), Some(Png));
        assert_eq!(sniff(EXE), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn each_bad_file_gets_its_own_reason() {
        let all = [Pdf, Jpeg, Png];
        assert_eq!(
            check_file("abstract.pdf", 1000, PDF, &all, 5_000_000),
            Ok(Pdf)
        );
        assert_eq!(
            check_file("../../etc/passwd.pdf", 1000, PDF, &all, 5_000_000),
            Err(FileProblem::PathInName)
        );
        assert_eq!(
            check_file("C:\\Users\\me\\scan.pdf", 1000, PDF, &all, 5_000_000),
            Err(FileProblem::PathInName)
        );
        assert_eq!(
            check_file("empty.pdf", 0, b"", &all, 5_000_000),
            Err(FileProblem::Empty)
        );
        assert_eq!(
            check_file("virus.pdf", 1000, EXE, &all, 5_000_000),
            Err(FileProblem::UnknownType)
        );
        assert_eq!(
            check_file("photo.png", 1000, JPEG, &all, 5_000_000),
            Err(FileProblem::NameMismatch {
                named: "PNG",
                found: "JPEG"
            })
        );
        assert_eq!(
            check_file("scan.pdf", 1000, PDF, &[Jpeg, Png], 5_000_000),
            Err(FileProblem::NotAccepted { found: "PDF" })
        );
        let too_big =
            check_file("photo.jpg", 6_501_171, JPEG, &all, 1_048_576).expect_err("too big");
        assert_eq!(
            too_big.to_string(),
            "The file is 6.2 MB; the limit is 1 MB: choose a smaller file"
        );
        assert_eq!(
            check_file("IMG_2041", 1000, JPEG, &all, 5_000_000),
            Ok(Jpeg),
            "phones send names without extensions"
        );
    }
}
