//! Who is signed in, shared by context. The session itself lives on the server behind an HttpOnly cookie;
//! the SPA keeps only what the server said about it, in memory, and forgets it on sign-out. Nothing about
//! the person or the session goes to `localStorage` (SECURITY.md, sessions): only a one-bit hint that this
//! browser may have a session, so that visitors who never signed in are not asked about it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use njia_domain::api::accounts::{Account, SessionInfo};

use crate::api::{self, ApiError};
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::AccountKey;
use crate::i18n::auth::AuthKey;
use crate::i18n::{Lang, text, use_i18n};

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// The first `GET /api/session` has not answered yet.
    Checking,
    SignedOut,
    SignedIn(SessionInfo),
    /// The first check failed (offline, server down): we do not know, and say so rather than guess.
    Failed(ApiError),
}

/// A one-off message for the page a person lands on after something happened elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    SignedOut,
    Inactive,
    /// The server answered 401 to a signed-in call: signed out elsewhere, or the session ran out.
    SessionEnded,
    SignOutFailed,
    PhoneChanged,
    EmailChanged,
    PasswordChanged,
}

impl Notice {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Notice::SignedOut => text(lang, AuthKey::NoticeSignedOut),
            Notice::Inactive => text(lang, AuthKey::NoticeInactive),
            Notice::SessionEnded => text(lang, AuthKey::NoticeSessionEnded),
            Notice::SignOutFailed => text(lang, AuthKey::NoticeSignOutFailed),
            Notice::PhoneChanged => text(lang, AccountKey::PhoneChanged),
            Notice::EmailChanged => text(lang, AccountKey::EmailChanged),
            Notice::PasswordChanged => text(lang, AccountKey::PasswordChanged),
        }
    }

    fn is_problem(self) -> bool {
        matches!(self, Notice::SignOutFailed)
    }
}

/// Ask the server again at most this often after other calls, to follow the idle timer it keeps: the server
/// itself notes activity at most every 30 seconds.
const ACTIVITY_REFRESH_MS: f64 = 30_000.0;

#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    /// When the server will end the session if nothing happens, in this phone's `Date.now()` milliseconds:
    /// the server's remaining seconds added to the local time of its answer, so a phone whose clock is wrong
    /// still warns on time.
    idle_deadline: RwSignal<Option<f64>>,
    warn_before_seconds: RwSignal<u32>,
    received_at: StoredValue<f64>,
    notice: RwSignal<Option<(Notice, String)>>,
    /// Whether the server has been asked who is signed in since the app started.
    asked: StoredValue<bool>,
}

/// A hint, not a secret: "this browser signed in and did not sign out". Without it the app does not ask the
/// server at start (the answer would be a 401, which browsers log as an error on every visitor's first
/// page); pages for signed-in people ask anyway. The session itself is only ever in the HttpOnly cookie.
const SIGNED_IN_HINT: &str = "njia.signed_in";

/// Pages that only work with a session: opened directly, they ask the server whatever the hint says.
const SESSION_PAGES: [&str; 2] = ["/account", "/register/confirm"];

fn set_hint(signed_in: bool) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let _ = if signed_in {
        storage.set_item(SIGNED_IN_HINT, "1")
    } else {
        storage.remove_item(SIGNED_IN_HINT)
    };
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Session {
    pub fn state(&self) -> SessionState {
        self.state.get()
    }

    pub fn info(&self) -> Option<SessionInfo> {
        self.state.with(|s| match s {
            SessionState::SignedIn(info) => Some(info.clone()),
            _ => None,
        })
    }

    pub fn account(&self) -> Option<Account> {
        self.info().map(|info| info.account)
    }

    pub fn is_signed_in(&self) -> bool {
        self.state.with(|s| matches!(s, SessionState::SignedIn(_)))
    }

    /// Whether the first check has answered, either way.
    pub fn is_known(&self) -> bool {
        self.state
            .with(|s| matches!(s, SessionState::SignedIn(_) | SessionState::SignedOut))
    }

    /// A fresh answer from the server (sign-in, refresh, a confirmed contact).
    pub fn set(&self, info: SessionInfo) {
        set_hint(true);
        self.asked.set_value(true);
        let now = now_ms();
        self.received_at.set_value(now);
        self.idle_deadline
            .set(Some(now + info.idle_remaining_seconds as f64 * 1000.0));
        self.warn_before_seconds.set(info.warn_before_seconds);
        self.state.set(SessionState::SignedIn(info));
    }

    /// The account changed (a new phone or email): the session's limits stay as they were.
    pub fn set_account(&self, account: Account) {
        self.state.update(|s| {
            if let SessionState::SignedIn(info) = s {
                info.account = account;
            }
        });
    }

    /// Forgets everything about the signed-in person.
    pub fn clear(&self) {
        set_hint(false);
        // The phone's copies of application answers are personal data (SECURITY.md: clear on logout).
        crate::application_draft::clear_all();
        crate::acting::forget();
        self.idle_deadline.set(None);
        self.state.set(SessionState::SignedOut);
    }

    /// Asks the server who is signed in. A network failure after the first answer changes nothing: the
    /// person stays as they were until the server says otherwise.
    pub fn refresh(&self) {
        let session = *self;
        self.asked.set_value(true);
        // A retry after a failed first check shows progress again.
        if self
            .state
            .with_untracked(|s| matches!(s, SessionState::Failed(_)))
        {
            self.state.set(SessionState::Checking);
        }
        spawn_local(async move {
            match api::auth::session().await {
                Ok(info) => session.set(info),
                Err(e) if e.status() == Some(401) => {
                    // Ended elsewhere (another device signed everyone out, or it ran out): say so on the
                    // sign-in page the person is sent to.
                    if session
                        .state
                        .with_untracked(|s| matches!(s, SessionState::SignedIn(_)))
                    {
                        session.notify(Notice::SessionEnded, "/sign-in");
                    }
                    session.clear();
                }
                Err(e) => {
                    if !session.is_known_untracked() {
                        session.state.set(SessionState::Failed(e));
                    }
                }
            }
        });
    }

    /// Asks the server unless it was already asked: a page for signed-in people must know for sure, even
    /// when this browser has no hint of a session (it was signed in by another tab before the hint existed,
    /// or storage is off).
    pub fn ensure_asked(&self) {
        if !self.asked.get_value() {
            self.state.set(SessionState::Checking);
            self.refresh();
        }
    }

    fn is_known_untracked(&self) -> bool {
        self.state
            .with_untracked(|s| matches!(s, SessionState::SignedIn(_) | SessionState::SignedOut))
    }

    /// After any successful call while signed in: the server has restarted its idle timer, so follow it.
    pub fn activity(&self) {
        let signed_in = self
            .state
            .with_untracked(|s| matches!(s, SessionState::SignedIn(_)));
        if signed_in && now_ms() - self.received_at.get_value() >= ACTIVITY_REFRESH_MS {
            self.refresh();
        }
    }

    /// The idle deadline (`Date.now()` milliseconds) and how many seconds before it to warn.
    pub fn idle_deadline(&self) -> Option<(f64, u32)> {
        self.idle_deadline
            .get()
            .map(|d| (d, self.warn_before_seconds.get()))
    }

    /// Shows `notice` on the page at `path` (normally the one being navigated to).
    pub fn notify(&self, notice: Notice, path: &str) {
        self.notice.set(Some((notice, path.to_string())));
    }

    /// Handles the answers that mean "not signed in (any more)" or "confirm your contacts first", which any
    /// signed-in call can meet. Returns whether it did.
    pub fn handle_error(
        &self,
        error: &ApiError,
        navigate: &impl Fn(&str, NavigateOptions),
    ) -> bool {
        match (error.status(), error.code()) {
            (Some(401), _) => {
                navigate(&sign_in_path(&current_path()), NavigateOptions::default());
                self.notify(Notice::SessionEnded, "/sign-in");
                self.clear();
                true
            }
            (Some(403), Some("confirm_contacts")) => {
                navigate("/register/confirm", NavigateOptions::default());
                true
            }
            _ => false,
        }
    }
}

/// The path and query of the page now shown.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.pathname().ok()?,
                location.search().ok()?
            ))
        })
        .unwrap_or_else(|| "/".into())
}

/// `/sign-in`, with `next` set to come back to `path` afterwards.
pub fn sign_in_path(path: &str) -> String {
    if path == "/" || path.starts_with("/sign-in") {
        "/sign-in".into()
    } else {
        format!(
            "/sign-in?next={}",
            String::from(js_sys::encode_uri_component(path))
        )
    }
}

/// Where to go after signing in: `next` if it is a path on this site, else the account page. A full URL or a
/// `//host` path is refused, so a link cannot send a person who just signed in to another site.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\"))
        .unwrap_or_else(|| "/account".into())
}

/// Provides the session to the app and asks the server who is signed in.
pub fn provide() -> Session {
    let session = Session {
        state: RwSignal::new(SessionState::Checking),
        idle_deadline: RwSignal::new(None),
        warn_before_seconds: RwSignal::new(120),
        received_at: StoredValue::new(0.0),
        notice: RwSignal::new(None),
        asked: StoredValue::new(false),
    };
    provide_context(session);
    // A page that needs a session, opened directly, must know for sure even without the hint.
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let needs_session = SESSION_PAGES.iter().any(|p| path.starts_with(p));
    if needs_session || crate::browser::local_get(SIGNED_IN_HINT).is_some() {
        session.refresh();
    } else {
        session.state.set(SessionState::SignedOut);
    }
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Signs out on the server, forgets the person, and goes home with a notice. If the server cannot be
/// reached the person stays signed in and is told, because a session left open on a shared phone is worse
/// than a failed button.
pub async fn sign_out(session: Session, navigate: impl Fn(&str, NavigateOptions)) {
    match api::auth::sign_out().await {
        Ok(()) => {
            navigate("/", NavigateOptions::default());
            session.notify(Notice::SignedOut, "/");
            session.clear();
        }
        Err(_) => {
            let path = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_else(|| "/".into());
            session.notify(Notice::SignOutFailed, &path);
        }
    }
}

/// The notice for the page now shown, at the top of the main content. It goes once the person moves on.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let location = use_location();
    Effect::new(move |_| {
        let path = location.pathname.get();
        if session
            .notice
            .with_untracked(|n| n.as_ref().is_some_and(|(_, at)| *at != path))
        {
            session.notice.set(None);
        }
    });
    move || {
        let path = location.pathname.get();
        session
            .notice
            .get()
            .filter(|(_, at)| *at == path)
            .map(|(notice, _)| {
                let class = if notice.is_problem() {
                    "notice notice--error"
                } else {
                    "notice notice--success"
                };
                view! {
                    <div class=class role="status">
                        <p>{move || notice.text(i18n.lang())}</p>
                    </div>
                }
            })
    }
}

/// A page for signed-in people only. Anyone else goes to sign in and comes back; an account whose phone and
/// email are not both confirmed goes to confirm them first.
#[component]
pub fn SignedInOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();
    let here = location.pathname.get_untracked();
    session.ensure_asked();
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Checking,
        Failed,
        Ready,
        Away,
    }
    // Only a change of mode re-renders the page, not every refresh of the session's timers.
    let mode = Memo::new(move |_| match session.state() {
        SessionState::Checking => Mode::Checking,
        SessionState::Failed(_) => Mode::Failed,
        SessionState::SignedIn(info) if info.account.is_usable() => Mode::Ready,
        _ => Mode::Away,
    });
    Effect::new(move |_| {
        if mode.get() != Mode::Away || location.pathname.get_untracked() != here {
            return;
        }
        let options = NavigateOptions {
            replace: true,
            ..NavigateOptions::default()
        };
        if session.is_signed_in() {
            navigate("/register/confirm", options);
        } else {
            navigate(&sign_in_path(&current_path()), options);
        }
    });
    let i18n = use_i18n();
    move || match mode.get() {
        Mode::Checking | Mode::Away => {
            view! { <Loading label=AuthKey::CheckingSession/> }.into_any()
        }
        Mode::Failed => {
            let error = session.state.with_untracked(|s| match s {
                SessionState::Failed(e) => e.clone(),
                _ => ApiError::Network,
            });
            view! {
                <h1 tabindex="-1">{move || i18n.t(AccountKey::AccountTitle)}</h1>
                <LoadError error on_retry=move |()| session.refresh()/>
            }
            .into_any()
        }
        Mode::Ready => children().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/account/phone".into())), "/account/phone");
        assert_eq!(safe_next(Some("//evil.example".into())), "/account");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/account");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/account");
        assert_eq!(safe_next(None), "/account");
    }
}
