//! Number formats shown to people.

/// File sizes in the units phones show: 1,048,576 bytes is "1 MB", 6.2 MB keeps one decimal.
pub fn file_size(bytes: u64) -> String {
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

#[cfg(test)]
mod tests {
    use super::file_size;

    #[test]
    fn sizes_read_like_a_phone_shows_them() {
        assert_eq!(file_size(1_048_576), "1 MB");
        assert_eq!(file_size(6_501_171), "6.2 MB");
        assert_eq!(file_size(52_428_800), "50 MB");
        assert_eq!(file_size(2048), "2 KB");
        assert_eq!(file_size(12), "12 B");
    }
}
