//! The operator's work on one citizen, from the card «Поиск гражданина» opened: the citizen's
//! applications (a status moved with a comment), debts (added; a receipt confirmed or rejected),
//! documents (printed or saved), «История изменений», and identity confirmed in person — at once
//! from the passport seen, or by a printed «Код подтверждения личности» the citizen enters later.
//!
//! Rules (docs/rules.md, «Staff desk»):
//! - Every call on a citizen's data needs that citizen's card opened in this staff session with a
//!   purpose (`staff_cards`, written by the search): typing an account number into another call
//!   reads nothing. The machine's administrator (`kabinet-cli`) has no session and no such check.
//! - Every change and every document printed or saved is one row of the audit log in the same
//!   transaction as the change, naming the staff member and whom; reading the card's lists is
//!   covered by the card's own row.
//! - Identity in person: the operator types the passport series and number, its issue date, the
//!   division code and the birth date seen; each is compared with the account's after
//!   normalising, and a mismatch is refused naming every differing field. The account must be
//!   «Стандартная» (passport and СНИЛС on file) and open. Then the level is «Подтверждённая» at
//!   once, with a history row by «operator».
//! - The slip: a 10-digit code valid 30 days, printed on «Код подтверждения личности» (never kept
//!   as a file); only a salted SHA-256 is stored, a new slip replaces the account's earlier one,
//!   five wrong entries burn it. The citizen enters it in «Мой профиль» → «Подтвердить личность».

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::applications::types::{
    ApplicationDetail, ApplicationSummary, Debt, DebtList, DebtRequest, NewDebt, StatusUpdate,
};
use crate::context::{Context, rfc3339};
use crate::contract::{Level, Profile, ProfileHistoryPage};
use crate::documents::{DocumentInput, DocumentOffer, IdentityCodeSlipInput, MyDocument, PrintJob};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::staff::StaffAuthed;
use crate::staff::audit::{self, Entry};
use crate::staff::find::{self, CitizenCard};
use crate::validate::{self, Invalid};

/// How long a «Код подтверждения личности» is valid: 30 days.
pub const IDENTITY_CODE_DAYS: i64 = 30;
/// Wrong entries after which a code is burnt.
pub const IDENTITY_CODE_TRIES: i64 = 5;

/// One citizen, by the number on the opened card.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CitizenRef {
    /// «Номер личного кабинета».
    pub account_number: String,
}

/// A page of the citizen's «История изменений».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CitizenPage {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// From 1.
    pub page: u32,
}

/// One of the citizen's documents.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CitizenDocument {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The document's number.
    pub number: String,
}

/// «Подтвердить оплату» or «Отклонить квитанцию».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReceiptDecision {
    /// The debt.
    #[ts(type = "number")]
    pub id: i64,
    /// Paid (true) or the receipt rejected (false, with a comment the citizen reads).
    pub accept: bool,
    /// Required when rejecting.
    #[ts(optional)]
    pub comment: Option<String>,
}

/// What the operator read from the passport presented.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IdentityCheck {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// Серия и номер: 10 digits, spaces allowed.
    pub passport_number: String,
    /// ДД.ММ.ГГГГ.
    pub passport_issue_date: String,
    /// 123-456.
    pub division_code: String,
    /// ДД.ММ.ГГГГ.
    pub birth_date: String,
}

/// «Подтвердить личность» in «Мой профиль»: the code from the slip.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IdentityCodeRequest {
    /// 10 digits; spaces and hyphens are ignored.
    #[ts(as = "String")]
    pub code: crate::secret::Secret,
}

/// A document issued by the machine's administrator (`kabinet-cli document issue`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IssueDocument {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The kind and its template's data.
    pub input: DocumentInput,
}

/// «Сохранить как…» of a citizen's document: the dialog's words and what to save afterwards.
#[derive(Debug, Clone)]
pub struct CitizenDocumentOffer {
    /// Whose and which.
    pub request: CitizenDocument,
    /// The dialog's words.
    pub offer: DocumentOffer,
}

/// The operator's calls on one citizen.
pub struct Desk<'a> {
    pub(crate) kabinet: &'a crate::Kabinet,
    pub(crate) ctx: &'a Context,
}

impl Desk<'_> {
    /// The opened card again (after an action).
    pub async fn card(&self, me: &StaffAuthed, request: CitizenRef) -> ApiResult<CitizenCard> {
        let account_id = opened(self.ctx, me, &request.account_number).await?;
        find::card_of(self.ctx, account_id).await
    }

    /// The citizen's applications, newest first.
    pub async fn applications(
        &self,
        me: &StaffAuthed,
        request: CitizenRef,
    ) -> ApiResult<Vec<ApplicationSummary>> {
        let account_id = opened(self.ctx, me, &request.account_number).await?;
        self.kabinet.casework().applications_of_id(account_id).await
    }

    /// Moves an application to a new status with a comment; the citizen is told.
    pub async fn set_application_status(
        &self,
        me: &StaffAuthed,
        update: StatusUpdate,
    ) -> ApiResult<ApplicationDetail> {
        let account = application_account(self.ctx, &update.number).await?;
        opened_id(self.ctx, me, account).await?;
        self.kabinet.casework().set_application_status(me, update).await
    }

    /// The citizen's debts.
    pub async fn debts(&self, me: &StaffAuthed, request: CitizenRef) -> ApiResult<DebtList> {
        let account_id = opened(self.ctx, me, &request.account_number).await?;
        crate::debts::list_of(self.ctx, account_id).await
    }

    /// Adds an open debt; the citizen is told.
    pub async fn add_debt(&self, me: &StaffAuthed, debt: NewDebt) -> ApiResult<Debt> {
        opened(self.ctx, me, &debt.account_number).await?;
        self.kabinet.casework().add_debt(me, debt).await
    }

    /// Confirms a payment, or rejects its receipt with a comment; the citizen is told.
    pub async fn decide_receipt(&self, me: &StaffAuthed, decision: ReceiptDecision) -> ApiResult<Debt> {
        let account: Option<i64> = crate::db::query_scalar("SELECT account_id FROM debts WHERE id = ?")
            .bind(decision.id)
            .fetch_optional(&self.ctx.pool)
            .await
            .map_err(self.ctx.db_error())?;
        let account = account.ok_or_else(|| crate::debts::not_found(self.ctx))?;
        opened_id(self.ctx, me, account).await?;
        let casework = self.kabinet.casework();
        if decision.accept {
            casework.confirm_debt(me, DebtRequest { id: decision.id }).await
        } else {
            casework.reject_receipt(me, decision.id, decision.comment.as_deref()).await
        }
    }

    /// The citizen's documents, newest first.
    pub async fn documents(&self, me: &StaffAuthed, request: CitizenRef) -> ApiResult<Vec<MyDocument>> {
        let account_id = opened(self.ctx, me, &request.account_number).await?;
        let documents = self.kabinet.documents();
        Ok(documents.list(account_id).await?.into_iter().map(MyDocument::from).collect())
    }

    /// One of the citizen's documents for the print dialog; the printing is audited.
    pub async fn print_job(&self, me: &StaffAuthed, request: CitizenDocument) -> ApiResult<PrintJob> {
        let (number, kind, bytes) = self.document(me, &request, "document_printed").await?;
        Ok(PrintJob { title: crate::documents::file_name(kind, &number), number, bytes })
    }

    /// The words of «Сохранить как…» for one of the citizen's documents.
    pub async fn save_offer(
        &self,
        me: &StaffAuthed,
        request: CitizenDocument,
    ) -> ApiResult<CitizenDocumentOffer> {
        let account_id = opened(self.ctx, me, &request.account_number).await?;
        let owned = crate::documents::registry::owned_kind(&self.ctx.pool, request.number.trim(), account_id)
            .await
            .map_err(self.ctx.db_error())?;
        let Some((kind, true)) = owned else { return Err(document_not_found(self.ctx)) };
        let offer = self.kabinet.documents().offer_for(kind, request.number.trim());
        Ok(CitizenDocumentOffer { request, offer })
    }

    /// Writes one of the citizen's documents where the staff member chose; audited.
    pub async fn save_copy(
        &self,
        me: &StaffAuthed,
        request: CitizenDocument,
        path: &std::path::Path,
    ) -> ApiResult<String> {
        let bytes = self.copy_to_save(me, &request).await?;
        self.kabinet.documents().write_chosen(path, bytes).await
    }

    /// The bytes of one of the citizen's documents about to be saved elsewhere; audited as saved.
    pub async fn copy_to_save(&self, me: &StaffAuthed, request: &CitizenDocument) -> ApiResult<Vec<u8>> {
        self.document(me, request, "document_saved").await.map(|(_, _, bytes)| bytes)
    }

    /// A page of the citizen's «История изменений».
    pub async fn history(&self, me: &StaffAuthed, request: CitizenPage) -> ApiResult<ProfileHistoryPage> {
        let account_id = opened(self.ctx, me, &request.account_number).await?;
        crate::profile::history_of(self.ctx, account_id, request.page).await
    }

    /// Identity confirmed in person: the passport data seen against the account's; the level
    /// becomes «Подтверждённая», or every differing field is named.
    pub async fn confirm_identity(&self, me: &StaffAuthed, check: IdentityCheck) -> ApiResult<CitizenCard> {
        let ctx = self.ctx;
        let typed = read_check(ctx, &check)?;
        let account_id = opened(ctx, me, &check.account_number).await?;
        let mut tx = ctx.write().await?;
        let on_file = on_file(ctx, &mut tx, account_id).await?;
        let mut differ = Vec::new();
        for (field, seen, kept) in [
            (Field::Passport, Some(&typed.passport_number), on_file.passport_number.as_ref()),
            (Field::IssueDate, Some(&typed.issue_date), on_file.passport_issue_date.as_ref()),
            (Field::DivisionCode, Some(&typed.division_code), on_file.division_code.as_ref()),
            (Field::BirthDate, Some(&typed.birth_date), Some(&on_file.birth_date)),
        ] {
            match kept {
                None => differ.push((field, Invalid::NothingOnFile)),
                Some(kept) if Some(kept) != seen => differ.push((field, Invalid::DiffersFromAccount)),
                Some(_) => {}
            }
        }
        let details = serde_json::json!({
            "matched": differ.is_empty(),
            "differing": differ.iter().map(|(field, _)| field).collect::<Vec<_>>(),
        });
        let entry = Entry { actor: me.actor(), action: "identity_checked", target: &on_file.number, details };
        if !differ.is_empty() {
            audit::append(ctx, &mut tx, entry).await?;
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(ApiError::fields(differ, ctx.locale()));
        }
        raise(ctx, &mut tx, account_id, &on_file, "operator").await?;
        audit::append(ctx, &mut tx, entry).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        find::card_of(ctx, account_id).await
    }

    /// «Код подтверждения личности»: a new code valid 30 days on a slip for the print dialog.
    pub async fn identity_slip(&self, me: &StaffAuthed, request: CitizenRef) -> ApiResult<PrintJob> {
        let ctx = self.ctx;
        let account_id = opened(ctx, me, &request.account_number).await?;
        let code = new_code();
        let salt: [u8; 16] = rand::random();
        let expires_at = ctx.now() + IDENTITY_CODE_DAYS * 24 * 3600;
        let mut tx = ctx.write().await?;
        let on_file = on_file(ctx, &mut tx, account_id).await?;
        refuse_unless_standard(ctx, &on_file)?;
        crate::db::query("DELETE FROM identity_codes WHERE account_id = ?")
            .bind(account_id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        crate::db::query(
            "INSERT INTO identity_codes (account_id, salt, digest, created_at, expires_at, staff_login) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(account_id)
        .bind(salt.as_slice())
        .bind(code_digest(&salt, &on_file.number, &code).as_slice())
        .bind(ctx.now())
        .bind(expires_at)
        .bind(&me.login)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        let details = serde_json::json!({ "valid_until": rfc3339(expires_at) });
        let entry =
            Entry { actor: me.actor(), action: "identity_code_issued", target: &on_file.number, details };
        audit::append(ctx, &mut tx, entry).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        let input = IdentityCodeSlipInput {
            full_name: on_file.full_name(),
            account_number: on_file.number.clone(),
            code: format!("{}-{}", &code[..5], &code[5..]),
            valid_until: rfc3339(expires_at),
            service_centre: ctx.locale().pick("Центр обслуживания", "Service centre").to_owned(),
            operator: me.full_name.clone(),
        };
        let issued =
            self.kabinet.documents().issue(DocumentInput::IdentityCodeSlip(input), Some(account_id)).await?;
        Ok(PrintJob {
            title: crate::documents::file_name(issued.kind, &issued.number),
            number: issued.number,
            bytes: issued.bytes,
        })
    }

    /// Issues a document of any kind to a citizen (the machine's administrator's
    /// `kabinet-cli document issue`); the citizen is told.
    pub async fn issue_document(&self, me: &StaffAuthed, request: IssueDocument) -> ApiResult<MyDocument> {
        let issued =
            self.kabinet.casework().issue_document(me, &request.account_number, request.input).await?;
        Ok(MyDocument {
            number: issued.number,
            kind: issued.kind,
            title: issued.title,
            created_at: issued.created_at,
            pages: issued.pages,
            size: i64::try_from(issued.bytes.len()).unwrap_or(i64::MAX),
            available: true,
        })
    }

    async fn document(
        &self,
        me: &StaffAuthed,
        request: &CitizenDocument,
        action: &str,
    ) -> ApiResult<(String, crate::documents::DocumentKind, Vec<u8>)> {
        let ctx = self.ctx;
        let account_id = opened(ctx, me, &request.account_number).await?;
        let number = request.number.trim().to_owned();
        let owned = crate::documents::registry::owned(ctx, &number, account_id).await?;
        let Some((kind, Some(bytes))) = owned else { return Err(document_not_found(ctx)) };
        let details = serde_json::json!({ "document": number });
        let target = request.account_number.trim();
        audit::record(ctx, Entry { actor: me.actor(), action, target, details }).await?;
        Ok((number, kind, bytes))
    }
}

/// «Подтвердить личность»: the citizen enters the slip's code; the level rises.
pub(crate) async fn enter_code(
    ctx: &Context,
    account_id: i64,
    request: &IdentityCodeRequest,
) -> ApiResult<Profile> {
    let code: String = request.code.as_str().chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if code.len() != 10 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::field(Field::IdentityCode, Invalid::IdentityCodeFormat, ctx.locale()));
    }
    let mut tx = ctx.write().await?;
    let on_file = on_file(ctx, &mut tx, account_id).await?;
    let live: Option<(i64, Vec<u8>, Vec<u8>, i64)> = crate::db::query_as(
        "SELECT id, salt, digest, failures FROM identity_codes \
         WHERE account_id = ? AND used_at IS NULL AND expires_at > ? AND failures < ?",
    )
    .bind(account_id)
    .bind(ctx.now())
    .bind(IDENTITY_CODE_TRIES)
    .fetch_optional(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let Some((id, salt, digest, failures)) = live else {
        return Err(ApiError::with_message(
            ErrorCode::CodeMissing,
            ctx.locale().pick(
                "Действующего кода нет: он истёк, уже использован или введён неверно 5 раз. Получите новый бланк в центре обслуживания",
                "There is no valid code: it expired, was used or was entered wrongly 5 times. Get a new slip at a service centre",
            ),
        ));
    };
    let right: bool = code_digest(&salt, &on_file.number, &code).as_slice() == digest.as_slice();
    if !right {
        crate::db::query("UPDATE identity_codes SET failures = failures + 1 WHERE id = ?")
            .bind(id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        tx.commit().await.map_err(ctx.db_error())?;
        let left = u32::try_from(IDENTITY_CODE_TRIES - failures - 1).unwrap_or(0);
        return Err(
            ApiError::field(Field::IdentityCode, Invalid::CodeWrong, ctx.locale()).attempts_left(left)
        );
    }
    refuse_unless_standard(ctx, &on_file)?;
    crate::db::query("UPDATE identity_codes SET used_at = ? WHERE id = ?")
        .bind(ctx.now())
        .bind(id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    raise(ctx, &mut tx, account_id, &on_file, "citizen").await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    crate::profile::of_account(ctx, account_id).await
}

/// The account of a card this staff member opened in this session, by its number.
pub(crate) async fn opened(ctx: &Context, me: &StaffAuthed, account_number: &str) -> ApiResult<i64> {
    let number = crate::account_number::normalise(account_number)
        .map_err(|reason| ApiError::field(Field::AccountNumber, reason, ctx.locale()))?;
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let id = crate::notifications::account_by_number(ctx, &mut conn, &number).await?;
    drop(conn);
    opened_id(ctx, me, id).await?;
    Ok(id)
}

async fn opened_id(ctx: &Context, me: &StaffAuthed, account_id: i64) -> ApiResult<()> {
    if me.is_machine() {
        return Ok(());
    }
    let open: bool = crate::db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM staff_cards WHERE session_id = ? AND account_id = ?)",
    )
    .bind(me.session_id)
    .bind(account_id)
    .fetch_one(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    if open {
        return Ok(());
    }
    Err(ApiError::with_message(
        ErrorCode::WrongState,
        ctx.locale().pick(
            "Сначала откройте карточку гражданина в «Поиск гражданина» и укажите цель",
            "Open the citizen's card in «Find a citizen» with a purpose first",
        ),
    ))
}

async fn application_account(ctx: &Context, number: &str) -> ApiResult<i64> {
    let id: Option<i64> = crate::db::query_scalar("SELECT account_id FROM applications WHERE number = ?")
        .bind(number.trim())
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    id.ok_or_else(|| crate::applications::not_found(ctx))
}

fn document_not_found(ctx: &Context) -> ApiError {
    ApiError::with_message(
        ErrorCode::NotFound,
        ctx.locale().pick("У гражданина нет такого документа", "The citizen has no such document"),
    )
}

/// What the account keeps that an identity check compares.
#[derive(sqlx::FromRow)]
struct OnFile {
    number: String,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: String,
    level: Level,
    status: crate::contract::AccountStatus,
    passport_number: Option<String>,
    passport_issue_date: Option<String>,
    division_code: Option<String>,
}

impl OnFile {
    fn full_name(&self) -> String {
        crate::accounts::full_name(&self.surname, &self.given_name, self.patronymic.as_deref())
    }
}

async fn on_file(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<OnFile> {
    let found: Option<OnFile> = crate::db::query_as(
        "SELECT a.number, a.surname, a.given_name, a.patronymic, a.birth_date, a.level, a.status, \
         p.passport_number, p.passport_issue_date, p.division_code \
         FROM accounts a LEFT JOIN profiles p ON p.account_id = a.id WHERE a.id = ?",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let found = found.ok_or_else(|| ctx.error(ErrorCode::NotFound))?;
    let key = crate::sealing::account_key(ctx, conn, account_id).await?;
    found.open(&key, account_id).map_err(ctx.unreadable())
}

impl OnFile {
    /// Opens the sealed fields with the account's key.
    fn open(self, key: &crate::sealing::Sealer, id: i64) -> Result<Self, crate::sealing::Unreadable> {
        let profile = |column: &str, value: &Option<String>| key.open_opt(column, id, value.as_deref());
        Ok(Self {
            surname: key.open("accounts.surname", id, &self.surname)?,
            given_name: key.open("accounts.given_name", id, &self.given_name)?,
            patronymic: key.open_opt("accounts.patronymic", id, self.patronymic.as_deref())?,
            birth_date: key.open("accounts.birth_date", id, &self.birth_date)?,
            passport_number: profile("profiles.passport_number", &self.passport_number)?,
            passport_issue_date: profile("profiles.passport_issue_date", &self.passport_issue_date)?,
            division_code: profile("profiles.division_code", &self.division_code)?,
            ..self
        })
    }
}

/// The operator's typed values, normalised as the profile stores them.
struct Typed {
    passport_number: String,
    issue_date: String,
    division_code: String,
    birth_date: String,
}

fn read_check(ctx: &Context, check: &IdentityCheck) -> ApiResult<Typed> {
    let mut found = Vec::new();
    let passport =
        validate::passport_number(&check.passport_number).map_err(|e| found.push((Field::Passport, e))).ok();
    let issued =
        validate::date(&check.passport_issue_date).map_err(|e| found.push((Field::IssueDate, e))).ok();
    let division =
        validate::division_code(&check.division_code).map_err(|e| found.push((Field::DivisionCode, e))).ok();
    let birth = validate::date(&check.birth_date).map_err(|e| found.push((Field::BirthDate, e))).ok();
    match (passport, issued, division, birth) {
        (Some(passport_number), Some(issued), Some(division_code), Some(birth)) if found.is_empty() => {
            Ok(Typed {
                passport_number,
                issue_date: issued.to_string(),
                division_code,
                birth_date: birth.to_string(),
            })
        }
        _ => Err(ApiError::fields(found, ctx.locale())),
    }
}

fn refuse_unless_standard(ctx: &Context, on_file: &OnFile) -> ApiResult<()> {
    if !on_file.status.is_open() {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick("Кабинет закрыт", "The account is closed"),
        ));
    }
    match on_file.level {
        Level::Standard => Ok(()),
        Level::Confirmed => Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick("Личность уже подтверждена", "The identity is already confirmed"),
        )),
        Level::Simplified => Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick(
                "Уровень «Упрощённая»: гражданин сначала указывает паспорт и СНИЛС в профиле",
                "Level «Simplified»: the citizen first enters the passport and СНИЛС in the profile",
            ),
        )),
    }
}

/// «Стандартная» → «Подтверждённая», with its history row and the citizen's message.
async fn raise(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    on_file: &OnFile,
    actor: &str,
) -> ApiResult<()> {
    refuse_unless_standard(ctx, on_file)?;
    crate::db::query("UPDATE accounts SET level = ? WHERE id = ?")
        .bind(Level::Confirmed)
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    crate::profile::record_as(ctx, conn, account_id, "level", Some("standard"), Some("confirmed"), actor)
        .await?;
    let locale = ctx.locale();
    let title = locale.pick("Личность подтверждена", "Identity confirmed");
    let body = locale.pick(
        "Уровень учётной записи — «Подтверждённая». Если это были не вы, нажмите «Это был не я» в разделе «Безопасность».",
        "Your account level is «Confirmed». If this was not you, press «It was not me» in «Security».",
    );
    let event = crate::notifications::publish::Event {
        event: crate::notifications::types::EventType::Security,
        kind: "identity_confirmed",
        service: None,
        title,
        body,
    };
    crate::notifications::publish::publish(ctx, conn, account_id, event).await.map(|_| ())
}

fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..10).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}

fn code_digest(salt: &[u8], account_number: &str, code: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(salt);
    hasher.update(account_number.as_bytes());
    hasher.update([0]);
    hasher.update(code.as_bytes());
    hasher.finalize().into()
}
