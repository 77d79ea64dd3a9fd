//! The stand-in's HTML: small, self-contained pages (inline CSS, no JavaScript) built for a 360 px wide phone
//! and a screen reader — one `<h1>`, real labels, an error summary that links to each field.

use std::fmt::Write as _;

use crate::card::TEST_CARDS;

/// What a checkout page shows about its session.
pub struct Checkout<'a> {
    pub id: &'a str,
    pub reference: &'a str,
    pub description: &'a str,
    pub amount_cents: i64,
    pub status: &'static str,
    /// Where "go back" leads: the session's success URL, with its id filled in.
    pub back_url: String,
}

/// What the person typed, given back after a refusal (never the card number or security code), and what was
/// wrong: (field id, message).
#[derive(Default)]
pub struct Filled {
    pub name: String,
    pub expiry: String,
    pub errors: Vec<(&'static str, &'static str)>,
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `KES 1,050`, or `KES 1,050.50` when there are cents.
pub fn format_kes(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let shillings = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in shillings.chars().enumerate() {
        if i > 0 && (shillings.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match cents % 100 {
        0 => format!("KES {sign}{grouped}"),
        rest => format!("KES {sign}{grouped}.{rest:02}"),
    }
}

// Colours (all AA on white or on their background): text #0b0c0c, secondary text #505a5f (7:1), links
// #1d70b8 (5.1:1), the pay button white on #00703c (6.4:1), errors #b3261e (6.5:1), focus black on #ffdd00.
const STYLE: &str = "\
*,*::before,*::after{box-sizing:border-box}\
html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:100%;line-height:1.45;\
color:#0b0c0c;background:#fff;-webkit-text-size-adjust:100%}\
body{margin:0}\
header{background:#0b0c0c;color:#fff;padding:.75rem 1rem}\
header p{margin:0 auto;max-width:36rem;font-weight:700}\
main{display:block;max-width:36rem;margin:0 auto;padding:1rem 1rem 2rem}\
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}\
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}\
p,li,dd,dt{overflow-wrap:anywhere}\
a{color:#1d70b8}a:visited{color:#4c2c92}\
a:focus,input:focus,button:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}\
a:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;outline:none;text-decoration:none}\
.summary{margin:0 0 1.5rem;border-top:1px solid #b1b4b6}\
.summary div{display:flex;flex-wrap:wrap;gap:0 1rem;padding:.5rem 0;border-bottom:1px solid #b1b4b6}\
.summary dt{font-weight:700;min-width:7rem}.summary dd{margin:0;flex:1 1 12rem}\
.field{margin:0 0 1.25rem}\
.field.invalid{border-left:5px solid #b3261e;padding-left:.75rem}\
label{display:block;font-weight:700;margin-bottom:.25rem}\
.hint{display:block;color:#505a5f;margin:0 0 .25rem}\
.error-message{display:block;color:#b3261e;font-weight:700;margin:0 0 .25rem}\
input{display:block;width:100%;min-height:2.75rem;padding:.4rem .5rem;font:inherit;font-size:1.1875rem;\
color:#0b0c0c;background:#fff;border:2px solid #0b0c0c;border-radius:0}\
input[aria-invalid=true]{border-color:#b3261e}\
.short{max-width:9rem}\
button{display:block;width:100%;min-height:2.75rem;margin:0 0 1rem;padding:.5rem 1rem;font:inherit;font-weight:700;\
font-size:1.1875rem;border:0;border-radius:0;cursor:pointer;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18}\
button:hover{background:#005a30}\
button.secondary{color:#0b0c0c;background:#f3f2f1;box-shadow:0 2px 0 #929191}\
button.secondary:hover{background:#dbdad9}\
.error-summary{border:5px solid #b3261e;padding:1rem;margin:0 0 1.5rem}\
.error-summary h2{margin-top:0}\
.error-summary ul{margin:0;padding-left:1.25rem}\
.error-summary a{color:#b3261e;font-weight:700}\
.note{background:#f3f2f1;padding:.75rem 1rem;margin:1.5rem 0 0}\
.note h2{margin-top:0}\
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;\
padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}\
code{font-size:1rem;white-space:nowrap}\
@media(min-width:40rem){button{display:inline-block;width:auto}}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
<header><p>Test card gateway (stand-in)</p></header>\n<main id=\"main\">\n{body}</main>\n</body>\n</html>\n",
        title = escape(title),
    )
}

pub fn home() -> String {
    layout(
        "Test card gateway (stand-in)",
        "<h1>A stand-in for a card payment gateway</h1>\n\
<p>This server plays a card payment gateway with a hosted checkout page, so the Njia portal can take card \
payments in development, tests and the demo. No real money moves and no card details are kept.</p>\n\
<p>A service creates a checkout session with <code>POST /v1/checkout/sessions</code>, sends the person to \
<code>/checkout/{id}</code> to type a card, and reads the result with <code>GET /v1/checkout/sessions/{id}</code>.</p>\n",
    )
}

pub fn not_found() -> String {
    layout(
        "Payment not found – Test card gateway (stand-in)",
        "<h1>Payment not found</h1>\n\
<p>This payment link is not known here. The stand-in forgets every payment when it restarts.</p>\n\
<p>Go back to the service and start the payment again.</p>\n",
    )
}

fn summary(view: &Checkout<'_>) -> String {
    format!(
        "<dl class=\"summary\">\n\
<div><dt>Reference</dt><dd>{}</dd></div>\n\
<div><dt>Description</dt><dd>{}</dd></div>\n\
<div><dt>Amount</dt><dd>{}</dd></div>\n</dl>\n",
        escape(view.reference),
        escape(view.description),
        format_kes(view.amount_cents),
    )
}

/// One labelled input with its hint and error message, wired with `aria-describedby`.
struct Input<'a> {
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    autocomplete: &'static str,
    numeric: bool,
    short: bool,
    value: &'a str,
}

fn input(out: &mut String, field: &Input<'_>, errors: &[(&'static str, &'static str)]) {
    let error = errors
        .iter()
        .find(|(id, _)| *id == field.id)
        .map(|(_, m)| *m);
    let mut described = Vec::new();
    let _ = write!(
        out,
        "<div class=\"field{}\">\n<label for=\"{id}\">{}</label>\n",
        if error.is_some() { " invalid" } else { "" },
        field.label,
        id = field.id
    );
    if !field.hint.is_empty() {
        let _ = writeln!(
            out,
            "<span class=\"hint\" id=\"{}-hint\">{}</span>",
            field.id, field.hint
        );
        described.push(format!("{}-hint", field.id));
    }
    if let Some(message) = error {
        let _ = writeln!(
            out,
            "<span class=\"error-message\" id=\"{}-error\"><span class=\"visually-hidden\">Error: </span>{}</span>",
            field.id,
            escape(message)
        );
        described.push(format!("{}-error", field.id));
    }
    let _ = write!(
        out,
        "<input id=\"{id}\" name=\"{id}\" type=\"text\" autocomplete=\"{}\" spellcheck=\"false\"",
        field.autocomplete,
        id = field.id
    );
    if field.numeric {
        out.push_str(" inputmode=\"numeric\"");
    }
    if field.short {
        out.push_str(" class=\"short\"");
    }
    if !described.is_empty() {
        let _ = write!(out, " aria-describedby=\"{}\"", described.join(" "));
    }
    if error.is_some() {
        out.push_str(" aria-invalid=\"true\"");
    }
    let _ = write!(out, " value=\"{}\">\n</div>\n", escape(field.value));
}

/// The checkout page: what is being paid for, the card form, a way back, and the test cards.
pub fn checkout(view: &Checkout<'_>, filled: &Filled) -> String {
    let amount = format_kes(view.amount_cents);
    let id = escape(view.id);
    let mut body = String::new();
    if !filled.errors.is_empty() {
        body.push_str(
            "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus \
aria-labelledby=\"error-summary-title\">\n<h2 id=\"error-summary-title\">There is a problem</h2>\n<ul>\n",
        );
        for (field, message) in &filled.errors {
            let _ = writeln!(
                body,
                "<li><a href=\"#{field}\">{}</a></li>",
                escape(message)
            );
        }
        body.push_str("</ul>\n</div>\n");
    }
    let _ = write!(body, "<h1>Pay by card</h1>\n{}", summary(view));
    let _ = writeln!(
        body,
        "<form method=\"post\" action=\"/checkout/{id}\" novalidate>"
    );
    if !filled.errors.is_empty() {
        body.push_str("<p>For your security, type the card number and security code again.</p>\n");
    }
    let fields = [
        Input {
            id: "name",
            label: "Name on card",
            hint: "",
            autocomplete: "cc-name",
            numeric: false,
            short: false,
            value: &filled.name,
        },
        Input {
            id: "card_number",
            label: "Card number",
            hint: "The long number on the front of the card",
            autocomplete: "cc-number",
            numeric: true,
            short: false,
            value: "",
        },
        Input {
            id: "expiry",
            label: "Expiry date (MM/YY)",
            hint: "For example, 08/29",
            autocomplete: "cc-exp",
            numeric: false,
            short: true,
            value: &filled.expiry,
        },
        Input {
            id: "cvc",
            label: "Security code (CVC)",
            hint: "The last 3 digits on the back of the card",
            autocomplete: "cc-csc",
            numeric: true,
            short: true,
            value: "",
        },
    ];
    for field in &fields {
        input(&mut body, field, &filled.errors);
    }
    let _ = write!(
        body,
        "<button type=\"submit\">Pay {amount}</button>\n</form>\n\
<form method=\"post\" action=\"/checkout/{id}/cancel\">\n\
<button type=\"submit\" class=\"secondary\">Cancel and go back</button>\n</form>\n"
    );
    body.push_str(
        "<section class=\"note\" aria-labelledby=\"test-cards\">\n<h2 id=\"test-cards\">Test cards</h2>\n\
<p>This is a test page: no real money moves. Use any name, any expiry date in the future and any 3 digits as \
the security code.</p>\n<ul>\n",
    );
    for (number, outcome) in TEST_CARDS {
        let what = match outcome {
            crate::card::CardOutcome::Paid => "pays",
            crate::card::CardOutcome::Declined("insufficient_funds") => {
                "is declined: insufficient funds"
            }
            crate::card::CardOutcome::Declined(_) => "is declined by the bank",
        };
        let _ = writeln!(body, "<li><code>{number}</code> {what}</li>");
    }
    body.push_str("<li>Any other valid card number pays.</li>\n</ul>\n</section>\n");
    let title = if filled.errors.is_empty() {
        format!("Pay {amount} – Test card gateway (stand-in)")
    } else {
        format!("Error: Pay {amount} – Test card gateway (stand-in)")
    };
    layout(&title, &body)
}

/// The page for a session that can no longer be paid.
pub fn not_open(view: &Checkout<'_>) -> String {
    let (heading, text) = match view.status {
        "paid" => (
            "This payment is complete",
            "The card was charged. You do not need to pay again.",
        ),
        "declined" => (
            "This payment was declined",
            "Nothing was taken. Go back to start a new payment.",
        ),
        "cancelled" => (
            "This payment was cancelled",
            "Nothing was taken. Go back to start a new payment.",
        ),
        _ => (
            "This payment link has expired",
            "Payment links last 30 minutes. Nothing was taken. Go back to start a new payment.",
        ),
    };
    let body = format!(
        "<h1>{heading}</h1>\n{}<p>{text}</p>\n<p><a href=\"{}\">Go back to the service</a></p>\n",
        summary(view),
        escape(&view.back_url),
    );
    layout(&format!("{heading} – Test card gateway (stand-in)"), &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Checkout<'static> {
        Checkout {
            id: "cs_1",
            reference: "NJ7KX39QPM",
            description: "<script>alert(1)</script> & co",
            amount_cents: 105_000,
            status: "open",
            back_url: "https://x/return?session_id=cs_1&a=\"b\"".into(),
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(format_kes(105_000), "KES 1,050");
        assert_eq!(format_kes(100), "KES 1");
        assert_eq!(format_kes(100_000_000), "KES 1,000,000");
        assert_eq!(format_kes(105_050), "KES 1,050.50");
        assert_eq!(format_kes(12_345_605), "KES 123,456.05");
    }

    #[test]
    fn the_page_escapes_what_the_merchant_sent() {
        let html = checkout(&view(), &Filled::default());
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        let html = not_open(&Checkout {
            status: "paid",
            ..view()
        });
        assert!(html.contains("href=\"https://x/return?session_id=cs_1&amp;a=&quot;b&quot;\""));
    }

    #[test]
    fn the_page_has_its_landmarks_and_labels() {
        let html = checkout(&view(), &Filled::default());
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<title>Pay KES 1,050 – Test card gateway (stand-in)</title>"));
        assert_eq!(html.matches("<h1>").count(), 1);
        assert!(html.contains("<main"));
        for (id, label) in [
            ("name", "Name on card"),
            ("card_number", "Card number"),
            ("expiry", "Expiry date (MM/YY)"),
            ("cvc", "Security code (CVC)"),
        ] {
            assert!(
                html.contains(&format!("<label for=\"{id}\">{label}</label>")),
                "{label}"
            );
            assert!(
                html.contains(&format!("<input id=\"{id}\" name=\"{id}\"")),
                "{id}"
            );
        }
        assert!(html.contains(">Pay KES 1,050</button>"));
        assert!(html.contains(">Cancel and go back</button>"));
        assert!(html.contains("4242 4242 4242 4242"));
        assert!(!html.contains("There is a problem"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn errors_are_summarised_and_inline() {
        let filled = Filled {
            name: "Wanjiru \"W\" Kamau".into(),
            expiry: "01/20".into(),
            errors: vec![
                ("card_number", "Enter the card number"),
                ("expiry", "The card has expired"),
            ],
        };
        let html = checkout(&view(), &filled);
        assert!(html.contains("<title>Error: Pay KES 1,050"));
        assert!(html.contains("There is a problem"));
        assert!(html.contains("<a href=\"#card_number\">Enter the card number</a>"));
        assert!(html.contains("<a href=\"#expiry\">The card has expired</a>"));
        assert!(html.contains("id=\"card_number-error\""));
        assert!(html.contains("aria-describedby=\"card_number-hint card_number-error\""));
        assert!(html.contains("value=\"Wanjiru &quot;W&quot; Kamau\""));
        assert!(html.contains("value=\"01/20\""));
        assert!(!html.contains("id=\"cvc-error\""));
        assert!(html.find("There is a problem") < html.find("<h1>"));
    }
}
