pub mod fee;
pub mod layout;
pub mod status;
