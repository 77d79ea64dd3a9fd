//! A readable device name from a User-Agent ("Chrome on Android"), for the sessions list and activity.

pub fn describe(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|ua| !ua.is_empty()) else {
        return "Unknown device".into();
    };
    // Order matters: Edge and Opera and Samsung's browser also say "Chrome"; Chrome also says "Safari".
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.into(),
        (None, Some(s)) => s.into(),
        (None, None) => "Other device".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn names_common_phones_and_browsers() {
        let android = "Mozilla/5.0 (Linux; Android 13; TECNO KI5q) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
        assert_eq!(describe(Some(android)), "Chrome on Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe(Some(iphone)), "Safari on iPhone");
        let samsung = "Mozilla/5.0 (Linux; Android 12; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0 Mobile Safari/537.36";
        assert_eq!(describe(Some(samsung)), "Samsung Internet on Android");
        assert_eq!(describe(Some("reqwest")), "Other device");
        assert_eq!(describe(None), "Unknown device");
    }
}
