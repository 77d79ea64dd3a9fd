//! A minimal SMTP server (RFC 5321) for lettre over plain `smtp://`: greeting, EHLO/HELO, MAIL FROM, RCPT TO,
//! DATA with dot-unstuffing, RSET, NOOP, QUIT. Commands out of order, bare LF line endings and malformed
//! addresses are refused as a real server refuses them. Recipients whose local part is `reject-permanent` get
//! 550, `reject-later` 451, so tests can check how refusals are classified.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets with its CRLF.
const MAX_LINE: usize = 1000;

/// One message as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The DATA content, unstuffed, with CRLF line endings, without the final `.` line.
    pub data: String,
}

impl Mail {
    /// The first header of that name (case-insensitive), folded lines joined.
    pub fn header(&self, name: &str) -> Option<String> {
        let (head, _) = self.data.split_once("\r\n\r\n")?;
        let mut found: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(value) = found.as_mut() {
                    value.push_str(line.trim_start());
                }
                continue;
            }
            if found.is_some() {
                break;
            }
            if let Some((key, value)) = line.split_once(':')
                && key.eq_ignore_ascii_case(name)
            {
                found = Some(value.trim().to_owned());
            }
        }
        found
    }

    pub fn body(&self) -> &str {
        self.data
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
    }
}

pub struct Smtp {
    pub port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
    server: tokio::task::JoinHandle<()>,
}

impl Smtp {
    pub async fn start() -> Smtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let shared = mails.clone();
        let server = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let mails = shared.clone();
                tokio::spawn(async move {
                    let _ = session(stream, mails).await;
                });
            }
        });
        Smtp {
            port,
            mails,
            server,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

#[derive(Default)]
struct Transaction {
    from: Option<String>,
    to: Vec<String>,
}

async fn session(stream: TcpStream, mails: Arc<Mutex<Vec<Mail>>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write
        .write_all(b"220 stand-in.test ESMTP ready\r\n")
        .await?;
    let mut greeted = false;
    let mut tx = Transaction::default();
    loop {
        let Some(line) = read_line(&mut lines).await? else {
            return Ok(());
        };
        let Ok(line) = line else {
            write
                .write_all(b"500 5.5.2 Lines end with CRLF and are at most 1000 octets\r\n")
                .await?;
            continue;
        };
        let (verb, rest) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        let reply: String = match verb.to_ascii_uppercase().as_str() {
            "EHLO" | "HELO" if rest.trim().is_empty() => {
                "501 5.5.4 A domain or address is required".into()
            }
            "EHLO" => {
                greeted = true;
                tx = Transaction::default();
                "250-stand-in.test greets you\r\n250-8BITMIME\r\n250 SIZE 10485760".into()
            }
            "HELO" => {
                greeted = true;
                tx = Transaction::default();
                "250 stand-in.test".into()
            }
            "MAIL" if !greeted => "503 5.5.1 Say EHLO first".into(),
            "MAIL" if tx.from.is_some() => "503 5.5.1 Nested MAIL command".into(),
            "MAIL" => match path_after(rest, "FROM:") {
                Some(from) => {
                    tx.from = Some(from);
                    "250 2.1.0 Sender OK".into()
                }
                None => "501 5.5.4 Syntax: MAIL FROM:<address>".into(),
            },
            "RCPT" if tx.from.is_none() => "503 5.5.1 Need MAIL before RCPT".into(),
            "RCPT" => match path_after(rest, "TO:") {
                Some(to) if to.is_empty() || !to.contains('@') => {
                    "501 5.1.3 Bad recipient address syntax".into()
                }
                Some(to) if to.starts_with("reject-permanent@") => {
                    "550 5.1.1 Mailbox unavailable".into()
                }
                Some(to) if to.starts_with("reject-later@") => "451 4.3.0 Try again later".into(),
                Some(to) => {
                    tx.to.push(to);
                    "250 2.1.5 Recipient OK".into()
                }
                None => "501 5.5.4 Syntax: RCPT TO:<address>".into(),
            },
            "DATA" if !rest.is_empty() => "501 5.5.4 DATA takes no argument".into(),
            "DATA" if tx.to.is_empty() => "503 5.5.1 Need RCPT before DATA".into(),
            "DATA" => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = String::new();
                loop {
                    let Some(line) = read_line(&mut lines).await? else {
                        return Ok(());
                    };
                    let Ok(line) = line else {
                        write
                            .write_all(
                                b"500 5.5.2 Lines end with CRLF and are at most 1000 octets\r\n",
                            )
                            .await?;
                        return Ok(());
                    };
                    if line == "." {
                        break;
                    }
                    // RFC 5321 §4.5.2: a leading dot was doubled by the client.
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push_str("\r\n");
                }
                let done = std::mem::take(&mut tx);
                mails.lock().unwrap().push(Mail {
                    mail_from: done.from.unwrap_or_default(),
                    rcpt_to: done.to,
                    data,
                });
                "250 2.0.0 Queued".into()
            }
            "RSET" => {
                tx = Transaction::default();
                "250 2.0.0 Reset".into()
            }
            "NOOP" => "250 2.0.0 OK".into(),
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => "500 5.5.1 Command unrecognized".into(),
        };
        write.write_all(format!("{reply}\r\n").as_bytes()).await?;
    }
}

/// The next line without its CRLF: `None` at the end of the stream, `Some(Err)` for a bare LF, a missing
/// line end or an over-long line.
async fn read_line(
    lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Option<Result<String, ()>>> {
    let mut raw = Vec::new();
    let n = lines.read_until(b'\n', &mut raw).await?;
    if n == 0 {
        return Ok(None);
    }
    if raw.len() > MAX_LINE || !raw.ends_with(b"\r\n") {
        return Ok(Some(Err(())));
    }
    raw.truncate(raw.len() - 2);
    Ok(Some(String::from_utf8(raw).map_err(|_| ())))
}

/// `FROM:<a@b> BODY=8BITMIME` → `a@b`; the reverse path of a bounce, `<>`, is the empty string.
fn path_after(rest: &str, keyword: &str) -> Option<String> {
    let head = rest.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let path = rest[keyword.len()..].trim_start();
    let inner = path.strip_prefix('<')?;
    let (address, _params) = inner.split_once('>')?;
    if address.contains(['<', ' ']) {
        return None;
    }
    Some(address.to_owned())
}
