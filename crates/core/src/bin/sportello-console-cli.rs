//! The console core without a window: signs in, then syncs, writes a note, replays the
//! outbox or prints it. The same code the desktop shell runs; the kill tests run it as a real
//! process and stop it at the worst moments.
//!
//! ```text
//! sportello-console-cli --server URL --user NAME [--password PASS] COMMAND
//!   sync                 pull every change into the cache
//!   note TICKET TEXT     add an internal note (through the outbox)
//!   flush                send what waits in the outbox
//!   outbox               print the outbox as JSON
//! ```
//! Without `--password` it goes on with the session kept in the OS keyring.
//! The cache lives under `SPORTELLO_DATA_DIR` (or the OS data directory).

use std::process::ExitCode;

use sportello_core::types::{Connection, ConsoleError, ErrorCode, ErrorKind};
use sportello_core::Console;
use sportello_protocol::{NewMessage, NewMessageKind};

fn usage() -> ExitCode {
    eprintln!(
        "usage: sportello-console-cli --server URL --user NAME [--password PASS] (sync | note TICKET TEXT | flush | outbox)\n(without --password: the session kept in the OS keyring)"
    );
    ExitCode::from(2)
}

/// The console's allocator (see `sportello_core::memory`).
#[global_allocator]
static ALLOCATOR: sportello_core::memory::MiMalloc = sportello_core::memory::MiMalloc;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    sportello_core::memory::setup();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut option = |name: &str| -> Option<String> {
        let i = args.iter().position(|a| a == name)?;
        let value = args.get(i + 1).cloned()?;
        args.drain(i..=i + 1);
        Some(value)
    };
    let (Some(server), Some(user)) = (option("--server"), option("--user")) else {
        return usage();
    };
    let password = option("--password");
    let clock = match sportello_clock::Clock::from_env() {
        Ok(clock) => clock,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let console = Console::new(sportello_core::default_data_dir(), clock);
    let status = console.startup().await;
    // Without a password, the session kept in the OS keyring goes on.
    let signed_in = match password {
        Some(password) => console.sign_in(&server, &user, &password).await.map(|_| ()),
        None if status.connection == Connection::Online
            && status.username.as_deref() == Some(user.as_str()) =>
        {
            Ok(())
        }
        None => Err(ConsoleError::new(
            ErrorKind::SessionExpired,
            ErrorCode::NoSessionKept,
            format!("{user} has no session kept on this computer for {server}: pass --password."),
        )
        .with("user", &user)
        .with("server", &server)),
    };
    if let Err(e) = signed_in {
        console.shutdown().await;
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["sync"] => console
            .sync(|p| eprintln!("synced {} of {}", p.applied, p.total))
            .await
            .map(|n| serde_json::json!({"applied": n})),
        ["note", ticket, text] => console
            .add_message(
                ticket,
                NewMessage {
                    kind: NewMessageKind::Note,
                    body: text.to_string(),
                },
            )
            .await
            .map(|t| serde_json::json!({"ticket": t.id, "messages": t.messages.len()})),
        ["flush"] => console
            .flush_outbox()
            .await
            .map(|tried| serde_json::json!({ "tried": tried })),
        ["outbox"] => console.outbox().await.map(|o| serde_json::json!(o)),
        _ => {
            console.shutdown().await;
            return usage();
        }
    };
    console.shutdown().await;
    match result {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
