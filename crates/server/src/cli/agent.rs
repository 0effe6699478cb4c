//! `sportello-server agent add|passwd|disable|list`: the accounts of a store (rule 6.1).
//! Passwords are read from standard input, never from the command line: from the terminal
//! without echo (asked twice), or the first line of what is piped in.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use sportello_protocol::Role;

use super::StoreArg;
use crate::clock::Clock;
use crate::service::{self, accounts, Services};

#[derive(Subcommand)]
pub enum AgentCommand {
    /// Add an account; its password is read from standard input.
    Add(AddArgs),
    /// Give an account a new password (read from standard input); its sessions end.
    Passwd(UserArgs),
    /// Disable an account: it cannot sign in, and its sessions end at once.
    Disable(UserArgs),
    /// List the accounts: role, name, whether disabled or flagged, open sessions.
    List(StoreArg),
}

#[derive(Args)]
pub struct AddArgs {
    #[command(flatten)]
    store: StoreArg,
    /// What the account may do.
    #[arg(long, value_enum)]
    role: RoleArg,
    /// The person's (or device's) name, as colleagues and the audit see it.
    #[arg(long)]
    name: String,
    /// Letters, digits, `.`, `_` and `-`, at most 64.
    username: String,
}

#[derive(Args)]
pub struct UserArgs {
    #[command(flatten)]
    store: StoreArg,
    username: String,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Agent,
    Lead,
    Admin,
    Courier,
    Integration,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Agent => Role::Agent,
            RoleArg::Lead => Role::Lead,
            RoleArg::Admin => Role::Admin,
            RoleArg::Courier => Role::Courier,
            RoleArg::Integration => Role::Integration,
        }
    }
}

/// The new password, from the terminal (twice, without echo) or the first line piped in.
fn read_new_password(username: &str) -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("new password for {username}: "))?;
        let again = rpassword::prompt_password("the same again: ")?;
        if first != again {
            bail!("the two passwords differ; nothing was changed");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    crate::signin::check_new_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(password)
}

/// A refusal as the operator reads it; an internal failure with its cause.
fn refused(e: service::Error) -> anyhow::Error {
    match e {
        service::Error::Internal(cause) => cause,
        other => anyhow::anyhow!("{other}"),
    }
}

pub async fn run(command: AgentCommand, clock: &Clock) -> anyhow::Result<()> {
    let services = |store| Services {
        clock: clock.clone(),
        ..Services::new(store)
    };
    match command {
        AgentCommand::Add(a) => {
            // Checked before the password is asked for, and again by the service.
            accounts::check_username(&a.username).map_err(refused)?;
            crate::text::check("the name", &a.name, true, 200)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let s = services(super::open_migrated(&a.store.store).await?);
            let password = read_new_password(&a.username)?;
            let role: Role = a.role.into();
            accounts::add_agent(&s, &a.username, &a.name, role, password)
                .await
                .map_err(refused)?;
            eprintln!("added {} ({})", a.username, role.as_str());
        }
        AgentCommand::Passwd(a) => {
            let s = services(super::open_migrated(&a.store.store).await?);
            if s.store.agent_by_username(&a.username).await?.is_none() {
                bail!("there is no account {:?}", a.username);
            }
            let password = read_new_password(&a.username)?;
            accounts::reset_password(&s, &a.username, password)
                .await
                .map_err(refused)?;
            eprintln!("{} has a new password; their sessions ended", a.username);
        }
        AgentCommand::Disable(a) => {
            let s = services(super::open_migrated(&a.store.store).await?);
            accounts::disable(&s, &a.username).await.map_err(refused)?;
            eprintln!("{} is disabled; their sessions ended", a.username);
        }
        AgentCommand::List(a) => {
            let s = services(super::open_migrated(&a.store).await?);
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{:<20} {:<12} {:<28} {:>8}  state",
                "username", "role", "name", "sessions"
            )?;
            for agent in accounts::list(&s).await.map_err(refused)? {
                let state = match (&agent.flagged, agent.disabled) {
                    (Some(why), true) => format!("disabled, flagged: {why}"),
                    (None, true) => "disabled".to_string(),
                    (_, false) => "active".to_string(),
                };
                writeln!(
                    out,
                    "{:<20} {:<12} {:<28} {:>8}  {state}",
                    agent.info.username,
                    agent.info.role.as_str(),
                    agent.info.name,
                    agent.sessions
                )?;
            }
        }
    }
    Ok(())
}
