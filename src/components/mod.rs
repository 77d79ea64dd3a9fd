pub mod fee;
pub mod form;
pub mod idle_warning;
pub mod layout;
pub mod password_meter;
pub mod status;
