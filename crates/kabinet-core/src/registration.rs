//! Registration («Регистрация»): phone → code → ФИО, birth date, gender → password twice →
//! the user agreement and the consent to personal-data processing → an account (упрощённая).
//!
//! The steps are stateless for the core: after the phone is confirmed the UI holds a ticket (its
//! hash and expiry live in the database) and sends the draft collected so far; `check` validates
//! whatever fields the draft has, `complete` demands all of them and creates the account in one
//! transaction.

use crate::db::Conn;
use time::Date;
use zeroize::Zeroizing;

use crate::account_number;
use crate::context::{Context, rfc3339};
use crate::contract::{
    Agreements, CodeSent, Level, PhoneConfirmed, Registered, RegistrationDraft, SendCodeRequest,
    VerifyCodeRequest,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::otp::{self, Purpose};
use crate::outbox::{self, Channel, NewMessage};
use crate::password_hash;
use crate::validate::{self, Gender, Invalid, PasswordContext};

/// Version of the user agreement recorded on acceptance.
pub const TERMS_VERSION: &str = "2026-11-01";
/// Version of the consent to personal-data processing recorded on acceptance.
pub const CONSENT_VERSION: &str = "2026-11-01";
const TICKET_TTL: i64 = 30 * 60;

/// The registration flow.
pub struct Registration<'a> {
    pub(crate) ctx: &'a Context,
}

impl Registration<'_> {
    /// The texts to accept, with their versions.
    pub async fn agreements(&self, _caller: &crate::auth::Caller) -> ApiResult<Agreements> {
        let locale = self.ctx.locale();
        Ok(Agreements {
            terms_version: TERMS_VERSION.to_owned(),
            terms_text: locale
                .pick(include_str!("texts/terms.ru.txt"), include_str!("texts/terms.en.txt"))
                .to_owned(),
            consent_version: CONSENT_VERSION.to_owned(),
            consent_text: locale
                .pick(include_str!("texts/consent.ru.txt"), include_str!("texts/consent.en.txt"))
                .to_owned(),
        })
    }

    /// Sends a registration code to a phone. Whether the phone is taken is said only once its
    /// code was confirmed (`verify_code`), so this step cannot be used to learn who is registered.
    pub async fn send_code(
        &self,
        _caller: &crate::auth::Caller,
        request: SendCodeRequest,
    ) -> ApiResult<CodeSent> {
        let ctx = self.ctx;
        let phone = field(ctx, Field::Phone, validate::phone(&request.phone))?;
        let mut tx = ctx.write().await?;
        let issued = otp::issue(ctx, &mut tx, Purpose::Registration, &phone).await?;
        let body = ctx.locale().pick(
            "Код для регистрации в Кабинете: {code}. Никому не сообщайте его. Код действует 5 минут.",
            "Your Кабинет registration code: {code}. Do not share it. It is valid for 5 minutes.",
        );
        let body = Zeroizing::new(body.replace("{code}", &issued.code));
        let message = NewMessage {
            account_id: None,
            channel: Channel::Sms,
            destination: &phone,
            kind: "registration_code",
            subject: ctx.locale().pick("Код регистрации", "Registration code"),
            body: &body,
        };
        outbox::enqueue(ctx, &mut tx, message).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        Ok(CodeSent {
            destination: phone,
            expires_at: rfc3339(issued.expires_at),
            resend_at: rfc3339(issued.resend_at),
            sends_left: issued.sends_left,
        })
    }

    /// Confirms the phone with its code and hands out the ticket for the next steps; a phone of a
    /// live account is refused here («Этот номер уже зарегистрирован — восстановите доступ»), one
    /// of a closed account with its restoration and purge dates.
    pub async fn verify_code(
        &self,
        _caller: &crate::auth::Caller,
        request: VerifyCodeRequest,
    ) -> ApiResult<PhoneConfirmed> {
        let ctx = self.ctx;
        let phone = field(ctx, Field::Phone, validate::phone(&request.phone))?;
        let code = request.code.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::field(Field::Code, Invalid::Format, ctx.locale()));
        }
        let mut tx = ctx.write().await?;
        if let Err(refused) = otp::verify(ctx, &mut tx, Purpose::Registration, &phone, code).await {
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(refused);
        }
        if let Err(taken) = refuse_taken_phone(ctx, &mut tx, &phone).await {
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(taken);
        }
        let ticket = hex::encode(rand::random::<[u8; 32]>());
        let expires_at = ctx.now() + TICKET_TTL;
        let token_hash = crate::auth::token_hash(&ticket);
        // No account yet: the phone is sealed under the day's transit key (crate::sealing).
        let sealed = crate::sealing::transit_key_today(ctx, &mut tx).await?.seal(
            "registration_tickets.phone",
            hex::encode(&token_hash),
            &phone,
        );
        crate::db::query("INSERT INTO registration_tickets (token_hash, phone, expires_at) VALUES (?, ?, ?)")
            .bind(&token_hash)
            .bind(&sealed)
            .bind(expires_at)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        tx.commit().await.map_err(ctx.db_error())?;
        Ok(PhoneConfirmed { ticket: ticket.into(), phone, expires_at: rfc3339(expires_at) })
    }

    /// Validates the fields the draft has so far, for the step the citizen is on.
    pub async fn check(&self, _caller: &crate::auth::Caller, draft: RegistrationDraft) -> ApiResult<()> {
        let phone = self.ticket_phone(&draft.ticket).await?;
        Form::read(self.ctx, &draft, &phone, Completeness::AsFarAsGiven).map(|_| ())
    }

    /// Creates the account from a complete draft.
    pub async fn complete(
        &self,
        _caller: &crate::auth::Caller,
        draft: RegistrationDraft,
    ) -> ApiResult<Registered> {
        let ctx = self.ctx;
        let phone = self.ticket_phone(&draft.ticket).await?;
        let form = Form::read(ctx, &draft, &phone, Completeness::All)?;
        let password = Zeroizing::new(draft.password.as_deref().unwrap_or_default().trim().to_owned());
        let hash = password_hash::hash(password, ctx.locale()).await?;
        let mut tx = ctx.write().await?;
        use_ticket(ctx, &mut tx, &draft.ticket).await?;
        refuse_taken_phone(ctx, &mut tx, &phone).await?;
        let (account_id, number, key) = insert_account(ctx, &mut tx, &form).await?;
        insert_credentials(ctx, &mut tx, &key, account_id, &phone, &hash).await?;
        crate::journal::record(ctx, &mut tx, account_id, "registered").await?;
        tx.commit().await.map_err(ctx.db_error())?;
        Ok(Registered { account_number: number, level: Level::Simplified })
    }

    async fn ticket_phone(&self, ticket: &str) -> ApiResult<String> {
        let ctx = self.ctx;
        let token_hash = crate::auth::token_hash(ticket);
        let phone: Option<String> = crate::db::query_scalar(
            "SELECT phone FROM registration_tickets \
             WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        )
        .bind(&token_hash)
        .bind(ctx.now())
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        let Some(sealed) = phone else { return Err(ctx.error(ErrorCode::RegistrationExpired)) };
        let row = hex::encode(&token_hash);
        let opened =
            crate::sealing::open_transit(ctx, &ctx.pool, "registration_tickets.phone", row, &sealed).await?;
        // A ticket whose day's key is gone is as expired as its time says.
        opened.ok_or_else(|| ctx.error(ErrorCode::RegistrationExpired))
    }
}

fn field<T>(ctx: &Context, field: Field, checked: validate::Checked<T>) -> ApiResult<T> {
    checked.map_err(|code| ApiError::field(field, code, ctx.locale()))
}

async fn refuse_taken_phone(ctx: &Context, conn: &mut Conn, phone: &str) -> ApiResult<()> {
    let taken: Option<i64> =
        crate::db::query_scalar("SELECT account_id FROM identifiers WHERE kind = 'phone' AND lookup = ?")
            .bind(ctx.keys()?.index(phone))
            .fetch_optional(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    match taken {
        Some(holder) => {
            crate::closure::purge::refuse_closed_holder(ctx, conn, holder, Field::Phone).await?;
            let mut error = ctx.error(ErrorCode::IdentifierTaken);
            error.fields = ApiError::field(Field::Phone, Invalid::Taken, ctx.locale()).fields;
            Err(error)
        }
        None => Ok(()),
    }
}

async fn use_ticket(ctx: &Context, conn: &mut Conn, ticket: &str) -> ApiResult<()> {
    let used = crate::db::query(
        "UPDATE registration_tickets SET used_at = ? \
         WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(ctx.now())
    .bind(crate::auth::token_hash(ticket))
    .bind(ctx.now())
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    if used.rows_affected() == 1 { Ok(()) } else { Err(ctx.error(ErrorCode::RegistrationExpired)) }
}

/// Inserts the account under a new random number that no account and no tombstone has: a purged
/// account's number stays on its certificate and in the registry, so it is never handed out again.
async fn insert_account(
    ctx: &Context,
    conn: &mut Conn,
    form: &Form,
) -> ApiResult<(i64, String, crate::sealing::Sealer)> {
    loop {
        let number = account_number::generate();
        // The row first (its id binds the sealed values to it), then its key and the sealed
        // person, in the same transaction: no one ever sees the empty placeholders.
        let inserted: Option<i64> = crate::db::query_scalar(
            "INSERT INTO accounts (number, surname, given_name, patronymic, birth_date, gender, created_at) \
             SELECT ?1, '', '', NULL, '', '', ?2 WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE account_number = ?1) \
             ON CONFLICT (number) DO NOTHING RETURNING id",
        )
        .bind(&number)
        .bind(ctx.now())
        .fetch_optional(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
        if let Some(id) = inserted {
            let key = crate::sealing::create_account_key(ctx, conn, id).await?;
            let person = crate::accounts::Person {
                surname: form.surname.clone().unwrap_or_default(),
                given_name: form.given_name.clone().unwrap_or_default(),
                patronymic: form.patronymic.clone(),
                birth_date: form.birth_date.map(|d| d.to_string()).unwrap_or_default(),
                gender: form.gender.map(Gender::as_str).unwrap_or_default().to_owned(),
            };
            crate::accounts::store_person(ctx, conn, &key, id, &person).await?;
            return Ok((id, number, key));
        }
    }
}

async fn insert_credentials(
    ctx: &Context,
    conn: &mut Conn,
    key: &crate::sealing::Sealer,
    account_id: i64,
    phone: &str,
    hash: &str,
) -> ApiResult<()> {
    let phone = crate::accounts::Identifier::Phone(phone.to_owned());
    crate::accounts::add_identifier(ctx, conn, key, account_id, &phone, Some(ctx.now())).await?;
    crate::passwords::store(ctx, conn, account_id, hash).await?;
    for kind in crate::consents::ConsentKind::ALL {
        crate::consents::record(ctx, conn, account_id, kind).await?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Completeness {
    AsFarAsGiven,
    All,
}

/// The validated draft.
struct Form {
    surname: Option<String>,
    given_name: Option<String>,
    patronymic: Option<String>,
    birth_date: Option<Date>,
    gender: Option<Gender>,
}

impl Form {
    fn read(
        ctx: &Context,
        draft: &RegistrationDraft,
        phone: &str,
        completeness: Completeness,
    ) -> ApiResult<Self> {
        let mut errors = Errors { found: Vec::new(), completeness };
        let today = ctx.clock.today();
        let surname = errors.take(Field::Surname, draft.surname.as_deref(), validate::name_part);
        let given_name = errors.take(Field::GivenName, draft.given_name.as_deref(), validate::name_part);
        let patronymic = match draft.patronymic.as_deref() {
            Some(text) => errors.check(Field::Patronymic, validate::optional_name_part(text)).flatten(),
            None => None,
        };
        let birth_date = errors
            .take(Field::BirthDate, draft.birth_date.as_deref(), |text| validate::birth_date(text, today));
        let gender = errors.take(Field::Gender, draft.gender.as_deref(), validate::gender);
        let names: Vec<&str> =
            [&surname, &given_name, &patronymic].into_iter().flatten().map(String::as_str).collect();
        let context =
            PasswordContext { birth_date, phone: Some(phone), snils: None, name_parts: &names, email: None };
        errors.take(Field::Password, draft.password.as_deref(), |text| validate::password(text, &context));
        if let Some(repeat) = draft.password_repeat.as_deref() {
            if draft.password.as_deref() != Some(repeat) {
                errors.found.push((Field::PasswordRepeat, Invalid::PasswordMismatch));
            }
        } else if completeness == Completeness::All {
            errors.found.push((Field::PasswordRepeat, Invalid::Required));
        }
        errors.accepted(Field::AcceptTerms, draft.accept_terms);
        errors.accepted(Field::AcceptPersonalData, draft.accept_personal_data);
        if !errors.found.is_empty() {
            return Err(ApiError::fields(errors.found, ctx.locale()));
        }
        Ok(Self { surname, given_name, patronymic, birth_date, gender })
    }
}

struct Errors {
    found: Vec<(Field, Invalid)>,
    completeness: Completeness,
}

impl Errors {
    fn take<T>(
        &mut self,
        field: Field,
        value: Option<&str>,
        rule: impl FnOnce(&str) -> validate::Checked<T>,
    ) -> Option<T> {
        match value {
            Some(text) => self.check(field, rule(text)),
            None => {
                if self.completeness == Completeness::All {
                    self.found.push((field, Invalid::Required));
                }
                None
            }
        }
    }

    fn check<T>(&mut self, field: Field, checked: validate::Checked<T>) -> Option<T> {
        checked.map_err(|code| self.found.push((field, code))).ok()
    }

    fn accepted(&mut self, field: Field, value: Option<bool>) {
        match value {
            Some(true) => {}
            Some(false) => self.found.push((field, Invalid::NotAccepted)),
            None if self.completeness == Completeness::All => self.found.push((field, Invalid::NotAccepted)),
            None => {}
        }
    }
}
