//! Local stand-ins for the services the server talks to, behaving like the real ones on the wire: tests run
//! without the network and still check what is sent.
#![allow(dead_code, clippy::unwrap_used)]

pub mod africastalking;
pub mod smtp;
