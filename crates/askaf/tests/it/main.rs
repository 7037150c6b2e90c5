//! Integration tests: the real `askaf` binary, real HTTP on a random port.
//!
//! One test binary with a module per area, so the app links once.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test's unwrap is its failure, named with its line"
)]

mod accounts;
mod admin_lang;
mod api;
mod api_shapes;
mod ask;
mod atom;
mod citations;
mod cli;
mod comments;
mod compression;
mod content;
mod cross_site;
mod dates;
mod durability;
mod editor;
mod export;
mod feeds;
mod harness;
mod helpers;
mod http;
mod import;
mod lapsed;
mod limits;
mod listings;
mod logs;
mod media;
mod moderation;
mod nodes;
mod offtopic;
mod operator;
mod pages;
mod paths;
mod postgres;
mod tags;
mod translations;
mod wanted;
mod xss;
