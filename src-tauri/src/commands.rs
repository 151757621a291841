//! The app's commands, generated from the core's command table (`kabinet_core::with_commands!`):
//! one `#[tauri::command]` adapter per entry and the invoke handler with all of them. Nothing
//! here is written per command; an adapter only takes the arguments off the IPC request, calls
//! the core through the window's [`Caller`] (which the core resolves and authorises per call)
//! and, for the `shell` entries, hands the core's part to `shell.rs` for the native step.
//!
//! A JSON entry takes its arguments as the JSON object the webview sent and runs it through
//! [`kabinet_core::Client::dispatch`] — the same path a server takes — or, in remote mode, sends
//! that object to the server ([`crate::remote`]); either way the answer is the command's JSON.

use kabinet_core::api::prelude::*;
use kabinet_core::{ApiResult, Host};

use crate::remote::Connection;
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

macro_rules! tauri_commands {
    ($(
        $group:ident {
            $(
                $(#[doc = $doc:literal])*
                $name:ident : $access:ident, $transport:ident => $method:ident ( $($arg:ident : $argty:ty),* ) -> $resp:ty
                    $( => $shell:ident ( $($sarg:ident : $sargty:ty),* ) -> $out:ty )? ;
            )*
        }
    )*) => {
        $($(
            tauri_commands!(@adapter $transport $group $name $access $method ($($arg : $argty),*) -> $resp $( => $shell ($($sarg : $sargty),*) -> $out)?; $($doc)*);
        )*)*

        /// The invoke handler with every command of the table.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($name),*),*]
        }
    };

    (@adapter json $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*) -> $resp:ty; $($doc:literal)*) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub async fn $name(
            host: State<'_, Host>,
            connection: State<'_, Connection>,
            caller: State<'_, Caller>,
            request: tauri::ipc::Request<'_>,
        ) -> ApiResult<serde_json::Value> {
            let args = crate::shell::json_arguments(&request);
            match connection.remote() {
                Some(remote) => remote.json(crate::shell::entry(stringify!($name))?, args).await,
                None => host.kabinet()?.client(&caller).dispatch(stringify!($name), args).await,
            }
        }
    };
    (@adapter raw $group:ident $name:ident $access:ident $method:ident ($arg:ident : $argty:ty) -> $resp:ty; $($doc:literal)*) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub async fn $name(
            host: State<'_, Host>,
            connection: State<'_, Connection>,
            caller: State<'_, Caller>,
            request: tauri::ipc::Request<'_>,
        ) -> ApiResult<serde_json::Value> {
            if let Some(remote) = connection.remote() {
                let (body, headers) = crate::shell::raw_parts(&request);
                let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                return remote.raw(crate::shell::entry(stringify!($name))?, body, &headers).await;
            }
            let $arg = <$argty as crate::shell::FromRaw>::from_raw(&request);
            let kabinet = host.kabinet()?;
            let answer = kabinet.client(&caller).$group().$method($arg).await?;
            serde_json::to_value(answer).map_err(|e| kabinet_core::ApiError::internal(e, kabinet.locale()))
        }
    };
    (@adapter bytes $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*) -> $resp:ty; $($doc:literal)*) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub async fn $name(
            host: State<'_, Host>,
            connection: State<'_, Connection>,
            caller: State<'_, Caller>,
            request: tauri::ipc::Request<'_>,
        ) -> ApiResult<tauri::ipc::Response> {
            let args = crate::shell::json_arguments(&request);
            if let Some(remote) = connection.remote() {
                let bytes = remote.bytes(crate::shell::entry(stringify!($name))?, args).await?;
                return Ok(tauri::ipc::Response::new(bytes));
            }
            let kabinet = host.kabinet()?;
            let client = kabinet.client(&caller);
            $(
                let $arg: $argty = crate::shell::argument(&args, stringify!($name), stringify!($arg), kabinet.locale())?;
            )*
            let answer = client.$group().$method($($arg),*).await?;
            Ok(crate::shell::IntoRaw::into_raw(answer))
        }
    };
    (@adapter shell $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*) -> $resp:ty => $shell:ident ($($sarg:ident : $sargty:ty),*) -> $out:ty; $($doc:literal)*) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub async fn $name(
            window: WebviewWindow,
            host: State<'_, Host>,
            connection: State<'_, Connection>,
            caller: State<'_, Caller>,
            $($arg: $argty,)*
            $($sarg: $sargty),*
        ) -> ApiResult<$out> {
            if let Some(remote) = connection.remote() {
                #[allow(unused_mut)]
                let mut args = serde_json::Map::new();
                $(
                    let value = serde_json::to_value(&$arg).map_err(|e| kabinet_core::ApiError::internal(e, remote.locale()))?;
                    args.insert(stringify!($arg).to_owned(), value);
                )*
                let entry = crate::shell::entry(stringify!($name))?;
                return crate::remote_shell::$shell(&window, remote, entry, serde_json::Value::Object(args) $(, $sarg)*).await;
            }
            let kabinet = host.kabinet()?;
            let client = kabinet.client(&caller);
            let who = kabinet_core::__kabinet_who!(client, $access, $name);
            let part = kabinet.$group().$method(who, $($arg),*).await?;
            crate::shell::$shell(&window, kabinet, who, part $(, $sarg)*).await
        }
    };
    (@adapter host $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*) -> $resp:ty; $($doc:literal)*) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub async fn $name(window: WebviewWindow, host: State<'_, Host>, $($arg: $argty),*) -> ApiResult<$resp> {
            crate::shell::$method(&window, &host, $($arg),*).await
        }
    };
}

kabinet_core::with_commands!(tauri_commands);
