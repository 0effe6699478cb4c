//! What free text may hold (rule 4.5), as the patterns the OpenAPI document declares: no NUL or
//! other control character (tab, line feed and carriage return excepted), no bidirectional
//! embedding, override or isolate character. The server holds text to exactly these (its
//! `text` module); a test checks both agree.
//!
//! Field attributes repeat these literals (`#[schema(pattern = …)]` takes a literal only).

/// Any text without refused characters, also empty.
pub const FREE_TEXT: &str =
    r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$";

/// [`FREE_TEXT`] with at least one character that is not white space: what the server calls
/// not blank (Unicode white space, as Rust's `str::trim` removes it).
pub const REQUIRED_TEXT: &str = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$";

/// An `Idempotency-Key`: 1 to 255 visible ASCII characters.
/// A case (ticket) id a request names: letters, digits, `.`, `_` and `-`, 1 to 64 of them.
pub const CASE_ID: &str = r"^[A-Za-z0-9_.-]{1,64}$";

pub const IDEMPOTENCY_KEY: &str = r"^[\x21-\x7E]{1,255}$";

/// A social network's name as a connector gives it (rule 8.5): 1 to 32 of `a-z`, `0-9`, `-`
/// and `_`.
pub const NETWORK: &str = r"^[a-z0-9_-]{1,32}$";
