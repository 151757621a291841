//! How every caller reaches the facade: the command table ([`table`]), the authorisation of each
//! call in one place ([`Client`]'s resolution of the caller against the entry's [`Access`]), and
//! the descriptions the shells and generators read ([`COMMANDS`]).
//!
//! Why a table: a command used to be written by hand in six places nothing checked against each
//! other (the Tauri adapter, `generate_handler!`, `build.rs`, the capability, the TypeScript
//! client, its interface). Now `with_commands!` is the one declaration; the core expands it
//! here into [`Client`] and [`COMMANDS`], the shell expands it into its adapters, and
//! `generate.rs` writes the other files from [`COMMANDS`] (checked for staleness by a test).
//!
//! Why an explicit caller: [`crate::Kabinet`] keeps no session. Each call names its [`Caller`]
//! (the tokens a window, a request or a test holds); [`Client`] resolves them against the
//! database for that one call, checks the entry's [`Access`], and passes the resolved session to
//! the facade method. So one open Кабинет serves any number of citizens and staff at once. Checks
//! that depend on data (this application is yours) stay in the domain code.

pub mod generate;
pub mod handover;
pub mod prelude;
mod table;

#[allow(unused_imports)]
use prelude::*;

use crate::Kabinet;
use crate::auth::{self, Authed, Caller, REAUTH_AFTER};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::staff::StaffAuthed;
use crate::staff::audit::{self, Actor, Entry};
use crate::staff::types::StaffRole;

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Nobody needs to be signed in (registration, sign-in, «Забыли пароль?», restoration).
    Anyone,
    /// A signed-in citizen, even in a session restricted to the password change.
    AnyCitizen,
    /// A signed-in citizen with an unrestricted session.
    Citizen,
    /// A citizen who entered the password within the last 10 minutes.
    Recent,
    /// Any signed-in staff member.
    Operator,
    /// A signed-in supervisor.
    Supervisor,
}

/// How a command's arguments and answer travel between the webview and the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    /// Named arguments and the answer as JSON.
    Json,
    /// One argument read from the raw request body and its headers.
    Raw,
    /// JSON arguments, the answer as raw bytes.
    Bytes,
    /// The core's part, then a native step in the shell (a dialog, the viewer, the printer).
    Shell,
    /// Answered by the shell's host (works even when the data could not be opened).
    Host,
}

/// One entry of the table as the generators and tests read it.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// The command's name, `<group>_<…>`.
    pub name: &'static str,
    /// Its group (the facade accessor and the TypeScript `Api` member): `session`.
    pub group: &'static str,
    /// Who may call it.
    pub access: Access,
    /// How it travels.
    pub transport: Transport,
    /// The facade method (or, for `host`, the shell's function).
    pub method: &'static str,
    /// Its doc line.
    pub doc: &'static str,
    /// The arguments the webview sends: name and TypeScript type.
    pub args: fn() -> Vec<(&'static str, String)>,
    /// The TypeScript type of the answer.
    pub answer: fn() -> String,
}

impl Command {
    /// Whether a caller presents its staff session for this command (the `staff` group and every
    /// `operator`/`supervisor` entry) rather than its citizen session: how a server and its
    /// clients pick the bearer token.
    pub fn uses_staff_session(&self) -> bool {
        matches!(self.access, Access::Operator | Access::Supervisor) || self.group == "staff"
    }
}

/// The entry of the table named `name`.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|command| command.name == name)
}

/// The TypeScript name of a type (ts-rs), as the generated client writes it.
pub fn ts_name<T: ts_rs::TS + ?Sized>() -> String {
    T::name(&generate::ts_config())
}

/// One call's view of the core: the open Кабинет and who is calling. Every generated method
/// resolves the caller against its entry's [`Access`] first (the one place authorisation
/// happens), then runs the facade method with the resolved session. Dereferences to the
/// [`Kabinet`] for what is not a command (the outbox, the scheduler, casework).
#[derive(Clone, Copy)]
pub struct Client<'a> {
    kabinet: &'a Kabinet,
    caller: &'a Caller,
}

impl std::ops::Deref for Client<'_> {
    type Target = Kabinet;
    fn deref(&self) -> &Kabinet {
        self.kabinet
    }
}

impl<'a> Client<'a> {
    pub(crate) fn new(kabinet: &'a Kabinet, caller: &'a Caller) -> Self {
        Self { kabinet, caller }
    }

    /// The open Кабинет.
    pub fn kabinet(&self) -> &'a Kabinet {
        self.kabinet
    }

    /// Who is calling.
    pub fn caller(&self) -> &'a Caller {
        self.caller
    }

    /// The caller's citizen session if `access` allows it: `not_signed_in` without one (a staff
    /// session never counts), `password_change_required` in a restricted session unless
    /// `any_citizen`, `reauthentication_required` when `recent` and the password was entered
    /// more than 10 minutes ago.
    pub async fn resolve_citizen(&self, access: Access) -> ApiResult<Authed> {
        let ctx = self.kabinet.context();
        let authed = auth::citizen_of(ctx, self.caller).await?;
        if access != Access::AnyCitizen && authed.restricted {
            return Err(ctx.error(ErrorCode::PasswordChangeRequired));
        }
        if access == Access::Recent && ctx.now() - authed.authenticated_at > REAUTH_AFTER {
            return Err(ctx.error(ErrorCode::ReauthenticationRequired));
        }
        Ok(authed)
    }

    /// The caller's staff session if `access` allows it: `staff_not_signed_in` without one (a
    /// citizen's session never counts); an operator calling a supervisor's `command` is refused
    /// with `forbidden` and the attempt is in the audit log.
    pub async fn resolve_staff(&self, access: Access, command: &str) -> ApiResult<StaffAuthed> {
        let ctx = self.kabinet.context();
        if let Some(user) = self.caller.machine_user() {
            return Ok(StaffAuthed::machine(user));
        }
        let Some(token) = self.caller.staff_token() else {
            return Err(ctx.error(ErrorCode::StaffNotSignedIn));
        };
        let Some(authed) = crate::staff::session::session_of(ctx, &token).await? else {
            self.caller.set_staff(None);
            return Err(ctx.error(ErrorCode::StaffNotSignedIn));
        };
        if access == Access::Supervisor && authed.role() != StaffRole::Supervisor {
            let entry = Entry {
                actor: Actor::Staff(authed.staff_id),
                action: "forbidden",
                target: command,
                details: serde_json::json!({ "role": authed.role }),
            };
            audit::record(ctx, entry).await?;
            return Err(ctx.error(ErrorCode::Forbidden));
        }
        Ok(authed)
    }

    /// Runs command `name` with JSON arguments (named as the webview names them) and answers
    /// JSON: how a server serves the table and how the authorisation test calls every command.
    /// The caller is resolved and checked before the arguments are read. Commands whose
    /// transport is not JSON are authorised and then refused here (the shells run them).
    pub async fn dispatch(&self, name: &str, args: serde_json::Value) -> ApiResult<serde_json::Value> {
        dispatch::run(self, name, args).await
    }

    /// Arguments that do not fit the command's request type: the caller's mistake, said with
    /// the command, the argument and the reason (serde's), not an internal error.
    fn bad_arguments(&self, name: &str, cause: impl std::fmt::Display) -> ApiError {
        let locale = self.kabinet.locale();
        let lead = locale.pick("Неверные данные запроса", "Malformed request");
        ApiError::with_message(ErrorCode::Validation, format!("{lead} {name}: {cause}"))
    }
}

impl Kabinet {
    /// The core as `caller` reaches it: every command of the table, authorised per call.
    pub fn client<'a>(&'a self, caller: &'a Caller) -> Client<'a> {
        Client::new(self, caller)
    }
}

/// The first argument a facade method receives for an entry's access: the [`Caller`] itself for
/// `anyone`, else the session resolved (and checked) for this call.
#[doc(hidden)]
#[macro_export]
macro_rules! __kabinet_who {
    ($client:expr, anyone, $name:ident) => {
        $client.caller()
    };
    ($client:expr, any_citizen, $name:ident) => {
        &$client.resolve_citizen($crate::api::Access::AnyCitizen).await?
    };
    ($client:expr, citizen, $name:ident) => {
        &$client.resolve_citizen($crate::api::Access::Citizen).await?
    };
    ($client:expr, recent, $name:ident) => {
        &$client.resolve_citizen($crate::api::Access::Recent).await?
    };
    ($client:expr, operator, $name:ident) => {
        &$client.resolve_staff($crate::api::Access::Operator, stringify!($name)).await?
    };
    ($client:expr, supervisor, $name:ident) => {
        &$client.resolve_staff($crate::api::Access::Supervisor, stringify!($name)).await?
    };
}

/// The [`Access`] of an entry's access word.
#[doc(hidden)]
#[macro_export]
macro_rules! __kabinet_access {
    (anyone) => {
        $crate::api::Access::Anyone
    };
    (any_citizen) => {
        $crate::api::Access::AnyCitizen
    };
    (citizen) => {
        $crate::api::Access::Citizen
    };
    (recent) => {
        $crate::api::Access::Recent
    };
    (operator) => {
        $crate::api::Access::Operator
    };
    (supervisor) => {
        $crate::api::Access::Supervisor
    };
}

/// The [`Transport`] of an entry's transport word.
#[doc(hidden)]
#[macro_export]
macro_rules! __kabinet_transport {
    (json) => {
        $crate::api::Transport::Json
    };
    (raw) => {
        $crate::api::Transport::Raw
    };
    (bytes) => {
        $crate::api::Transport::Bytes
    };
    (shell) => {
        $crate::api::Transport::Shell
    };
    (host) => {
        $crate::api::Transport::Host
    };
}

/// The core's expansion of the table: [`COMMANDS`], the grouped [`Client`] methods and
/// [`Client::dispatch`].
macro_rules! define_api {
    ($(
        $group:ident {
            $(
                $(#[doc = $doc:literal])*
                $name:ident : $access:ident, $transport:ident => $method:ident ( $($arg:ident : $argty:ty),* ) -> $resp:ty
                    $( => $shell:ident ( $($sarg:ident : $sargty:ty),* ) -> $out:ty )? ;
            )*
        }
    )*) => {
        /// Every command of the table, in its order.
        pub const COMMANDS: &[Command] = &[$($(
            Command {
                name: stringify!($name),
                group: stringify!($group),
                access: $crate::__kabinet_access!($access),
                transport: $crate::__kabinet_transport!($transport),
                method: stringify!($method),
                doc: concat!($($doc),*),
                args: || define_api!(@ts_args $transport ($($arg : $argty),*) $( ($($sarg : $sargty),*) )?),
                answer: || define_api!(@ts_answer $transport $resp $(, $out)?),
            },
        )*)*];

        /// The commands grouped as the facade is: `client.session().sign_in(…)`.
        pub mod groups {
            $(
                #[doc = concat!("The `", stringify!($group), "` commands.")]
                pub mod $group {
                    #[allow(unused_imports)]
                    use $crate::api::prelude::*;
                    #[allow(unused_imports)]
                    use $crate::error::ApiResult;

                    /// The group's commands for one caller.
                    #[allow(dead_code)]
                    pub struct Calls<'a>(pub(crate) $crate::api::Client<'a>);

                    impl Calls<'_> {
                        $(
                            define_api!(@method $transport $group $name $access $method ($($arg : $argty),*) -> $resp; $($doc)*);
                        )*
                    }
                }
            )*
        }

        impl<'a> Client<'a> {
            $(
                #[doc = concat!("The `", stringify!($group), "` commands.")]
                pub fn $group(&self) -> groups::$group::Calls<'a> {
                    groups::$group::Calls(*self)
                }
            )*
        }

        mod dispatch {
            #[allow(unused_imports)]
            use $crate::api::prelude::*;
            use $crate::error::{ApiResult, ErrorCode};
            use super::Client;

            pub(super) async fn run(client: &Client<'_>, name: &str, args: serde_json::Value) -> ApiResult<serde_json::Value> {
                let _ = &args;
                // Each command's future is boxed: unboxed, this function's future would be the
                // size of the largest command's (a union of them all), built on the stack of
                // every call — and a debug build's worker stack (2 MiB) overflows.
                $($(
                    if name == stringify!($name) {
                        return Box::pin(async {
                            define_api!(@dispatch $transport client args $group $name $access $method ($($arg : $argty),*))
                        })
                        .await;
                    }
                )*)*
                Err(client.context().error(ErrorCode::NotFound))
            }
        }
    };

    (@method host $($rest:tt)*) => {};
    (@method $transport:ident $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*) -> $resp:ty; $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub async fn $method(&self, $($arg: $argty),*) -> ApiResult<$resp> {
            self.0.kabinet().$group().$method($crate::__kabinet_who!(self.0, $access, $name), $($arg),*).await
        }
    };

    (@dispatch json $client:ident $args:ident $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*)) => {{
        let who = $crate::__kabinet_who!($client, $access, $name);
        $(
            let $arg: $argty = serde_json::from_value($args.get(stringify!($arg)).cloned().unwrap_or_default())
                .map_err(|cause| $client.bad_arguments(concat!(stringify!($name), ", ", stringify!($arg)), cause))?;
        )*
        let answer = $client.kabinet().$group().$method(who, $($arg),*).await?;
        serde_json::to_value(answer).map_err(|cause| $client.bad_arguments(stringify!($name), cause))
    }};
    (@dispatch host $client:ident $($rest:tt)*) => {{
        Err($client.context().error(ErrorCode::NotFound))
    }};
    (@dispatch $transport:ident $client:ident $args:ident $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*)) => {{
        let _who = $crate::__kabinet_who!($client, $access, $name);
        Err($client.context().error(ErrorCode::NotFound))
    }};

    (@ts_args raw ($($arg:ident : $argty:ty),*)) => {
        vec![("body", "Uint8Array".to_owned()), ("headers", "Record<string, string>".to_owned())]
    };
    (@ts_args $transport:ident ($($arg:ident : $argty:ty),*) $( ($($sarg:ident : $sargty:ty),*) )?) => {
        vec![
            $((stringify!($arg), $crate::api::ts_name::<$argty>()),)*
            $($((stringify!($sarg), stringify!($sargty).replace(' ', "")),)*)?
        ]
    };
    (@ts_answer bytes $resp:ty) => { "ArrayBuffer".to_owned() };
    (@ts_answer shell $resp:ty, $out:ty) => { $crate::api::ts_name::<$out>() };
    (@ts_answer $transport:ident $resp:ty) => { $crate::api::ts_name::<$resp>() };
}

crate::with_commands!(define_api);
