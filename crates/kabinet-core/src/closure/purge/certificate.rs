//! «Сертификат об удалении персональных данных»: issued once per purge, kept in the registry by
//! number (hash and verification code, never the bytes: the PDF names the person), and announced
//! by e-mail to the last confirmed address with its number and verification code and the PDF
//! attached (cleared from the outbox once an SMTP server took it).

use std::path::Path;

use crate::db::Conn;

use crate::context::{Context, rfc3339};
use crate::documents::{
    ClosureBasis, ClosureReason, DeletionCertificateInput, DocumentInput, Documents, ForcedGround,
};
use crate::error::ApiResult;
use crate::outbox::{self, Channel, NewMessage};

use super::Due;

/// The outbox kind of the certificate's e-mail.
pub const EMAIL_KIND: &str = "deletion_certificate";

/// How long a sent certificate e-mail is kept, in seconds.
const KEEP_SENT: i64 = 7 * 24 * 3600;

/// The registry entry of a certificate.
pub(super) struct Issued {
    pub number: String,
    verification_code: String,
    /// The PDF, read before the purge clears the account's documents.
    bytes: Option<Vec<u8>>,
}

/// The account's certificate: the one an interrupted run issued, or a new one.
pub(super) async fn ensure(ctx: &Context, data_dir: &Path, due: &Due) -> ApiResult<Issued> {
    let found: Option<(String, String)> = crate::db::query_as(
        "SELECT number, verification_code FROM documents \
         WHERE account_id = ? AND kind = 'deletion_certificate' ORDER BY id LIMIT 1",
    )
    .bind(due.account_id)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    if let Some((number, verification_code)) = found {
        // Its bytes are sealed under the account's key, which the purge has not deleted yet.
        let bytes = crate::documents::registry::owned(ctx, &number, due.account_id)
            .await?
            .and_then(|(_, bytes)| bytes);
        return Ok(Issued { number, verification_code, bytes });
    }
    let input = DeletionCertificateInput {
        full_name: due.full_name(),
        account_number: due.number.clone(),
        basis: basis(due.by_staff != 0, &due.reason_category),
        closed_at: rfc3339(due.closed_at),
        purged_at: rfc3339(ctx.now()),
        data_categories: Vec::new(),
    };
    let documents = Documents { ctx, data_dir };
    let issued = documents.issue(DocumentInput::DeletionCertificate(input), Some(due.account_id)).await?;
    Ok(Issued {
        number: issued.number,
        verification_code: issued.verification_code,
        bytes: Some(issued.bytes),
    })
}

/// Removes a certificate issued for an account that turned out not to be due (never sent).
pub(super) async fn withdraw(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<()> {
    crate::db::query("DELETE FROM documents WHERE account_id = ? AND kind = 'deletion_certificate'")
        .bind(account_id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// Queues the e-mail in the purge transaction; it belongs to no account (the account is gone).
pub(super) async fn send(
    ctx: &Context,
    conn: &mut Conn,
    due: &Due,
    email: Option<&str>,
    issued: &Issued,
) -> ApiResult<()> {
    let Some(email) = email else { return Ok(()) };
    let locale = ctx.locale();
    let subject =
        locale.pick("Сертификат об удалении персональных данных", "Certificate of personal data deletion");
    let body = locale
        .pick(
            "Персональные данные владельца личного кабинета № {account} безвозвратно уничтожены. \
             Сертификат об удалении персональных данных № {number}, код проверки {code}: подлинность \
             сертификата проверяется по номеру и коду в реестре документов Кабинета. Зарегистрироваться \
             снова с тем же номером телефона, адресом почты или СНИЛС можно уже сейчас.",
            "The personal data of the owner of account {account} has been irreversibly destroyed. \
             Certificate of personal data deletion {number}, verification code {code}: the certificate \
             is checked by its number and code against Кабинет's document registry. You may register \
             again with the same phone, e-mail or СНИЛС right away.",
        )
        .replace("{account}", &due.number)
        .replace("{number}", &issued.number)
        .replace("{code}", &issued.verification_code);
    let message = NewMessage {
        account_id: None,
        channel: Channel::Email,
        destination: email,
        kind: EMAIL_KIND,
        subject,
        body: &body,
    };
    match &issued.bytes {
        Some(bytes) => {
            let name = crate::documents::file_name(
                crate::documents::DocumentKind::DeletionCertificate,
                &issued.number,
            );
            outbox::enqueue_with_attachment(ctx, conn, message, &name, bytes).await
        }
        None => outbox::enqueue(ctx, conn, message).await,
    }
}

/// Deletes the certificate e-mails written a week ago or earlier that were delivered or failed
/// for good: their address is the last personal datum of a purged account. The week leaves the
/// local transport's message readable (`kabinet-cli outbox last`) and the delivery its retries.
pub(super) async fn sweep_sent(ctx: &Context) -> ApiResult<()> {
    let before = ctx.now() - KEEP_SENT;
    let waiting: bool = crate::db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM outbox \
         WHERE kind = ? AND status IN ('delivered', 'failed', 'suppressed') AND created_at <= ?)",
    )
    .bind(EMAIL_KIND)
    .bind(before)
    .fetch_one(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    if !waiting {
        return Ok(());
    }
    let mut tx = ctx.write().await?;
    super::erase::prepare(ctx, &mut tx).await?;
    crate::db::query(
        "DELETE FROM outbox \
         WHERE kind = ? AND status IN ('delivered', 'failed', 'suppressed') AND created_at <= ?",
    )
    .bind(EMAIL_KIND)
    .bind(before)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    super::erase::checkpoint_owed(ctx, &mut tx).await?;
    tx.commit().await.map_err(ctx.db_error())
}

/// Who closed the account and why, from the closed state's category.
fn basis(by_staff: bool, category: &str) -> ClosureBasis {
    let value = || serde_json::Value::String(category.to_owned());
    let ground = serde_json::from_value::<ForcedGround>(value()).ok();
    let reason = serde_json::from_value::<ClosureReason>(value()).ok();
    match (ground, reason) {
        (Some(ground), _) if by_staff => ClosureBasis::Staff { ground },
        (_, Some(reason)) => ClosureBasis::Citizen { reason },
        (Some(ground), None) => ClosureBasis::Staff { ground },
        (None, None) => ClosureBasis::Citizen { reason: ClosureReason::Other },
    }
}
