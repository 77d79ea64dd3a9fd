//! Form parts in the GOV.UK Design System's patterns: a label and hint above each input, the error between
//! them and the input, an error summary at the top that takes focus and links to each field, and a submit
//! button that shows progress and cannot be pressed twice.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::forms::FormKey;
use crate::i18n::use_i18n;

/// One problem to show: which input (its element id) and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field_id: String,
    pub message: String,
}

/// Problems by field, shared by a form's summary and its inputs.
#[derive(Clone, Copy)]
pub struct Problems(RwSignal<Vec<Problem>>);

impl Default for Problems {
    fn default() -> Self {
        Problems(RwSignal::new(Vec::new()))
    }
}

impl Problems {
    pub fn set(&self, problems: Vec<Problem>) {
        self.0.set(problems);
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }

    pub fn all(&self) -> Vec<Problem> {
        self.0.get()
    }

    pub fn is_empty(&self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// The message for one input, reactive.
    pub fn for_field(&self, field_id: &'static str) -> Signal<Option<String>> {
        let problems = self.0;
        Signal::derive(move || {
            problems.with(|all| {
                all.iter()
                    .find(|p| p.field_id == field_id)
                    .map(|p| p.message.clone())
            })
        })
    }
}

fn focus_element(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// The list of problems at the top of the form. Takes focus whenever it appears, so a screen reader reads
/// it and a keyboard user starts from it; each entry moves focus to its input.
#[component]
pub fn ErrorSummary(problems: Problems) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if !problems.is_empty() {
            request_animation_frame(|| focus_element("error-summary"));
        }
    });
    move || {
        (!problems.is_empty()).then(|| {
            view! {
                <div id="error-summary" class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title" class="error-summary__title">{move || i18n.t(FormKey::ErrorSummaryTitle)}</h2>
                    <ul class="error-summary__list">
                        {problems.all().into_iter().map(|p| {
                            let target = p.field_id.clone();
                            view! {
                                <li>
                                    <a href=format!("#{}", p.field_id) on:click=move |ev| {
                                        ev.prevent_default();
                                        focus_element(&target);
                                    }>{p.message}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The ids an input is described by: its hint, if any, and its error while there is one, so screen readers
/// read both before the input.
pub fn described_by(
    hint_id: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids: Vec<String> = hint_id.iter().cloned().collect();
        if error.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The inline error of one input, read before the input by screen readers (it is in `aria-describedby`).
#[component]
pub fn FieldError(id: String, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|message| {
            view! {
                <p id=id.clone() class="field-error">
                    <span class="visually-hidden">{i18n.t(FormKey::ErrorPrefix)} " "</span>
                    {message}
                </p>
            }
        })
    }
}

/// A text input with its label, optional hint and error.
#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// A width class such as `input--short` for codes and numbers.
    #[prop(optional)]
    width: Option<&'static str>,
    #[prop(optional)] spellcheck_off: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = described_by(has_hint.then(|| hint_id.clone()), error_id.clone(), error);
    let class = move || {
        let mut class = String::from("input");
        if let Some(width) = width {
            class.push(' ');
            class.push_str(width);
        }
        if error.with(Option::is_some) {
            class.push_str(" input--error");
        }
        class
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id>{move || label.get()}</label>
            {hint.map(|hint| view! { <p id=hint_id.clone() class="hint">{move || hint.get()}</p> })}
            <FieldError id=error_id error/>
            <input
                id=id
                name=id
                class=class
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=spellcheck_off.then_some("false")
                aria-describedby=described_by
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// Radios for one question: the question is the legend of a fieldset.
#[component]
pub fn RadioGroup(
    id: &'static str,
    #[prop(into)] legend: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    /// (value, label) pairs, labels reactive for the language switch.
    options: Vec<(&'static str, Signal<String>)>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described_by = described_by(has_hint.then(|| hint_id.clone()), error_id.clone(), error);
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" aria-describedby=described_by>
                <legend class="fieldset__legend">{move || legend.get()}</legend>
                {hint.map(|hint| view! { <p id=hint_id.clone() class="hint">{move || hint.get()}</p> })}
                <FieldError id=error_id error/>
                <div class="radios">
                    {options.into_iter().enumerate().map(|(i, (option, label))| {
                        // The first radio carries the group's id, so the error summary can focus it.
                        let input_id = if i == 0 { id.to_string() } else { format!("{id}-{option}") };
                        view! {
                            <div class="radios__item">
                                <input
                                    class="radios__input"
                                    type="radio"
                                    id=input_id.clone()
                                    name=id
                                    value=option
                                    prop:checked=move || value.get() == option
                                    on:change=move |_| value.set(option.to_string())
                                />
                                <label class="radios__label" for=input_id>{move || label.get()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A date as three boxes (day, month, year), GOV.UK's pattern for dates people know, like a birthday.
#[component]
pub fn DateField(
    #[prop(into)] id: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    day: RwSignal<String>,
    month: RwSignal<String>,
    year: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// `bday` parts for a date of birth.
    #[prop(default = false)]
    birthday: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described_by = described_by(has_hint.then(|| hint_id.clone()), error_id.clone(), error);
    let part = move |suffix: &'static str,
                     label: FormKey,
                     value: RwSignal<String>,
                     width: &'static str,
                     autocomplete: &'static str| {
        // The day box carries the field's id, so the error summary can focus it.
        let input_id = if suffix == "day" {
            id.clone()
        } else {
            format!("{id}-{suffix}")
        };
        view! {
            <div class="date-input__item">
                <label class="label date-input__label" for=input_id.clone()>{move || i18n.t(label)}</label>
                <input
                    id=input_id
                    class=move || format!("input {width}{}", if error.with(Option::is_some) { " input--error" } else { "" })
                    type="text"
                    inputmode="numeric"
                    autocomplete=birthday.then_some(autocomplete)
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" role="group" aria-describedby=described_by>
                <legend class="fieldset__legend">{move || legend.get()}</legend>
                {hint.map(|hint| view! { <p id=hint_id.clone() class="hint">{move || hint.get()}</p> })}
                <FieldError id=error_id error/>
                <div class="date-input">
                    {part("day", FormKey::Day, day, "input--2ch", "bday-day")}
                    {part("month", FormKey::Month, month, "input--2ch", "bday-month")}
                    {part("year", FormKey::Year, year, "input--4ch", "bday-year")}
                </div>
            </fieldset>
        </div>
    }
}

/// The form's main button. While `busy` it says so, is marked busy for assistive technology and ignores
/// presses, so a double tap never sends twice.
#[component]
pub fn SubmitButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true") aria-busy=move || busy.get().then_some("true")>
            {move || if busy.get() { i18n.t(FormKey::Sending).to_string() } else { label.get() }}
        </button>
    }
}
