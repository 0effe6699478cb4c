//! `sportello-server agent add|passwd|disable|list`: the accounts of a store (rule 6.1).
//! Passwords are read from standard input, never from the command line: from the terminal
//! without echo (asked twice), or the first line of what is piped in.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use sportello_protocol::{AgentInfo, Role};

use super::StoreArg;
use crate::clock::Clock;
use crate::store::{NewAgent, StoreError};

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

/// A username an operator may give: letters, digits, `.`, `_` and `-`, 1 to 64 of them.
fn check_username(username: &str) -> anyhow::Result<()> {
    let ok = !username.is_empty()
        && username.len() <= 64
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        bail!("{username:?} is not a username: use 1 to 64 letters, digits, '.', '_' or '-'");
    }
    Ok(())
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

pub async fn run(command: AgentCommand, clock: &Clock) -> anyhow::Result<()> {
    match command {
        AgentCommand::Add(a) => {
            check_username(&a.username)?;
            crate::text::check("the name", &a.name, true, 200)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let store = super::open_migrated(&a.store.store).await?;
            let password = read_new_password(&a.username)?;
            let password_hash =
                tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
                    .await??;
            let role: Role = a.role.into();
            let added = store
                .add_agent(NewAgent {
                    info: AgentInfo {
                        id: format!("A-{}", a.username),
                        username: a.username.clone(),
                        name: a.name.trim().to_string(),
                        role,
                    },
                    password_hash,
                })
                .await;
            match added {
                Err(StoreError::Conflict { detail, .. }) => bail!("{detail}"),
                other => other?,
            }
            eprintln!("added {} ({})", a.username, role.as_str());
        }
        AgentCommand::Passwd(a) => {
            let store = super::open_migrated(&a.store.store).await?;
            let Some(record) = store.agent_by_username(&a.username).await? else {
                bail!("there is no account {:?}", a.username);
            };
            let password = read_new_password(&a.username)?;
            let password_hash =
                tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
                    .await??;
            store
                .set_password(&record.info.id, &password_hash, None)
                .await?;
            eprintln!("{} has a new password; their sessions ended", a.username);
        }
        AgentCommand::Disable(a) => {
            let store = super::open_migrated(&a.store.store).await?;
            match store.disable_agent(&a.username, None).await {
                Err(StoreError::NotFound(_)) => bail!("there is no account {:?}", a.username),
                other => other?,
            }
            eprintln!("{} is disabled; their sessions ended", a.username);
        }
        AgentCommand::List(a) => {
            let store = super::open_migrated(&a.store).await?;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{:<20} {:<12} {:<28} {:>8}  state",
                "username", "role", "name", "sessions"
            )?;
            for agent in store.agents(clock.now()).await? {
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
