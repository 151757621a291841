//! Authorisation from the command table, and one Кабинет serving many callers at once.
//!
//! The first test walks the generated list of commands (`api::COMMANDS`, expanded from the one
//! declaration) and calls every command, through the same `Client::dispatch` a server uses, as
//! each kind of caller its entry must refuse; it expects the refusal the entry's access implies
//! and counts the pairs, so a command added to the table is covered without writing a line here.
//! The second plays two citizens and a supervisor on one open Кабинет, their calls interleaved.

use crate::common::*;
use kabinet_core::api::{Access, COMMANDS};
use kabinet_core::contract::{PasswordChangeRequest, ProfileUpdate};
use kabinet_core::{Caller, ErrorCode, Kabinet};
use time::Duration;

async fn staff(f: &Fixture, login: &str, role: &str) -> Caller {
    staff_desk(f, login, role).await
}

async fn citizen(f: &Fixture, phone: &str) -> Caller {
    let caller = Caller::new();
    let k = f.kabinet.client(&caller);
    register(&k, phone).await;
    k.session().sign_in(sign_in_request(phone, PASSWORD)).await.unwrap();
    caller
}

/// The kinds of caller, and which of them an access refuses with which error.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Nobody,
    Restricted,
    NotRecent,
    Operator,
    Supervisor,
}

fn refusal(access: Access, kind: Kind) -> Option<ErrorCode> {
    use Kind::*;
    let staff_command = matches!(access, Access::Operator | Access::Supervisor);
    match (access, kind) {
        (Access::Anyone, _) => None,
        (_, Nobody) if staff_command => Some(ErrorCode::StaffNotSignedIn),
        (_, Nobody) => Some(ErrorCode::NotSignedIn),
        (_, Restricted | NotRecent) if staff_command => Some(ErrorCode::StaffNotSignedIn),
        (_, Operator | Supervisor) if !staff_command => Some(ErrorCode::NotSignedIn),
        (Access::Citizen | Access::Recent, Restricted) => Some(ErrorCode::PasswordChangeRequired),
        (Access::Recent, NotRecent) => Some(ErrorCode::ReauthenticationRequired),
        (Access::Supervisor, Operator) => Some(ErrorCode::Forbidden),
        _ => None,
    }
}

#[tokio::test]
async fn every_command_refuses_every_kind_of_caller_its_entry_does_not_allow() {
    let f = fixture().await;
    let nobody = Caller::new();
    let restricted = citizen(&f, "+79161110001").await;
    let not_recent = citizen(&f, "+79161110002").await;
    let operator = staff(&f, "o.ivanova", "operator").await;
    let supervisor = staff(&f, "s.petrova", "supervisor").await;
    let raw = raw_pool(f.dir.path()).await;
    let restricted_id = account_of(&raw, &test_keys(f.dir.path()), "+79161110001").await;
    kabinet_core::db::query("UPDATE accounts SET must_change_password = 1 WHERE id = ?")
        .bind(restricted_id)
        .execute(&raw)
        .await
        .unwrap();
    drop(raw);
    // Past the 10 minutes of a recent password, within the 15 idle minutes of every session.
    f.clock.advance(Duration::minutes(11));
    let callers = [
        (Kind::Nobody, &nobody),
        (Kind::Restricted, &restricted),
        (Kind::NotRecent, &not_recent),
        (Kind::Operator, &operator),
        (Kind::Supervisor, &supervisor),
    ];

    let (mut pairs, mut open) = (0, Vec::new());
    for command in COMMANDS {
        let mut refused_here = 0;
        for (kind, caller) in &callers {
            let Some(expected) = refusal(command.access, *kind) else { continue };
            let answer = f.kabinet.client(caller).dispatch(command.name, serde_json::json!({})).await;
            let code = answer.as_ref().err().map(|e| e.code);
            assert_eq!(code, Some(expected), "{} as {kind:?} answered {answer:?}", command.name);
            refused_here += 1;
        }
        pairs += refused_here;
        if command.access == Access::Anyone {
            open.push(command.name);
        } else {
            assert!(refused_here >= 2, "{} refuses too few kinds of caller", command.name);
        }
    }
    println!(
        "{} commands, {} refused caller pairs, {} open to anyone: {open:?}",
        COMMANDS.len(),
        pairs,
        open.len()
    );

    // The refusals changed nothing: each caller still works as what it is.
    let restricted_client = f.kabinet.client(&restricted);
    assert!(restricted_client.session().list().await.is_ok());
    let change = PasswordChangeRequest {
        current_password: PASSWORD.into(),
        password: "Nw4$tRk9!pQz".into(),
        password_repeat: "Nw4$tRk9!pQz".into(),
    };
    restricted_client.security().change_password(change).await.unwrap();
    assert!(restricted_client.profile().get().await.is_ok());
    assert_eq!(
        f.kabinet.client(&not_recent).profile().save(profile_of("+79161110002")).await.unwrap_err().code,
        ErrorCode::ReauthenticationRequired
    );
    assert!(f.kabinet.client(&supervisor).staff().transports().await.is_ok());
    assert_eq!(
        f.kabinet.client(&operator).staff().transports().await.unwrap_err().code,
        ErrorCode::Forbidden
    );
}

fn profile_of(_phone: &str) -> ProfileUpdate {
    anna_profile("000000".into())
}

#[tokio::test]
async fn two_citizens_and_a_supervisor_share_one_kabinet_each_seeing_only_their_own() {
    let f = fixture().await;
    let anna = Caller::new();
    let boris = Caller::new();
    let (a, b) = (f.kabinet.client(&anna), f.kabinet.client(&boris));
    register(&a, "+79162220001").await;
    let draft_ticket = confirm_phone(&b, "+79162220002").await;
    let mut draft = full_draft(draft_ticket);
    draft.surname = Some("Быстров".into());
    draft.given_name = Some("Борис".into());
    draft.patronymic = None;
    draft.gender = Some("М".into());
    b.registration().complete(draft).await.unwrap();

    // Interleaved: Anna signs in, the supervisor signs in, Boris signs in.
    a.session().sign_in(sign_in_request("+79162220001", PASSWORD)).await.unwrap();
    let supervisor = staff(&f, "s.petrova", "supervisor").await;
    let s = f.kabinet.client(&supervisor);
    b.session().sign_in(sign_in_request("+79162220002", PASSWORD)).await.unwrap();

    let anna_view = a.session().current().await.unwrap().unwrap();
    let boris_view = b.session().current().await.unwrap().unwrap();
    assert!(anna_view.full_name.starts_with("Ёлкина-Соколова Анна"), "{}", anna_view.full_name);
    assert!(boris_view.full_name.starts_with("Быстров Борис"), "{}", boris_view.full_name);
    assert_ne!(anna_view.account_number, boris_view.account_number);
    assert_eq!(a.profile().get().await.unwrap().given_name, "Анна");
    assert_eq!(b.profile().get().await.unwrap().given_name, "Борис");
    assert!(s.staff().transports().await.is_ok());
    assert_eq!(s.staff().current().await.unwrap().unwrap().login, "s.petrova");

    // Each sees only their own sessions; nobody's session is the staff member's.
    let anna_sessions = a.session().list().await.unwrap();
    let boris_sessions = b.session().list().await.unwrap();
    assert_eq!((anna_sessions.len(), boris_sessions.len()), (1, 1));
    assert_ne!(anna_sessions[0].id, boris_sessions[0].id);
    assert_eq!(s.profile().get().await.unwrap_err().code, ErrorCode::NotSignedIn);
    assert_eq!(a.staff().transports().await.unwrap_err().code, ErrorCode::StaffNotSignedIn);
    assert!(s.session().current().await.unwrap().is_none());
    // Boris cannot end Anna's session by its id: it is not his.
    let foreign = kabinet_core::contract::EndSessionRequest { id: anna_sessions[0].id };
    assert_eq!(b.session().end(foreign).await.unwrap_err().code, ErrorCode::NotFound);

    // Anna signs out; Boris and the supervisor carry on.
    a.session().sign_out().await.unwrap();
    assert_eq!(a.profile().get().await.unwrap_err().code, ErrorCode::NotSignedIn);
    assert_eq!(b.profile().get().await.unwrap().given_name, "Борис");
    assert!(s.staff().transports().await.is_ok());
    let anna_unread = f.kabinet.client(&Caller::new()).notifications().unread_count().await;
    assert_eq!(anna_unread.unwrap_err().code, ErrorCode::NotSignedIn);
    assert!(b.notifications().unread_count().await.is_ok());
    assert_kabinet_keeps_no_session(&f.kabinet);
}

/// Nothing about a signed-in person lives in `Kabinet`: a fresh caller on the same Кабинет is
/// nobody.
fn assert_kabinet_keeps_no_session(kabinet: &Kabinet) {
    let fresh = Caller::new();
    assert!(fresh.citizen_token().is_none() && fresh.staff_token().is_none());
    let _ = kabinet.client(&fresh);
}

/// JSON arguments that do not fit a command's request are a validation error naming the
/// command and the argument, after the caller was authorised; nothing runs.
#[tokio::test]
async fn malformed_arguments_are_refused_with_a_validation_error() {
    let f = fixture().await;
    let k = f.client();
    let recovery = COMMANDS.iter().find(|c| c.group == "recovery" && c.method == "start").unwrap();
    let answer = k.dispatch(recovery.name, serde_json::json!({ "request": { "identifier": 42 } })).await;
    let error = answer.unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation, "{error:?}");
    let names_it = error.message.contains(&format!("{}, request", recovery.name));
    assert!(names_it && error.message.contains("expected a string"), "{}", error.message);
    let unknown = k.dispatch("no_such_command", serde_json::json!({})).await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}
