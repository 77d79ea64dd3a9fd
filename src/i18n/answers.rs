//! Strings of the summary of a form's answers (`components/answer_list.rs`), shared by the back office and
//! the applicant's "check your answers".

use super::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKey {
    Yes,
    No,
    NotAnswered,
    NoQuestions,
}

impl Translate for AnswerKey {
    fn en(self) -> &'static str {
        match self {
            AnswerKey::Yes => "Yes",
            AnswerKey::No => "No",
            AnswerKey::NotAnswered => "Not answered",
            AnswerKey::NoQuestions => "This service asks no questions.",
        }
    }

    fn sw(self) -> &'static str {
        match self {
            AnswerKey::Yes => "Ndiyo",
            AnswerKey::No => "Hapana",
            AnswerKey::NotAnswered => "Halikujibiwa",
            AnswerKey::NoQuestions => "Huduma hii haiulizi maswali.",
        }
    }
}
