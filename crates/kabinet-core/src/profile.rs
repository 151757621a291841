//! «Мой профиль»: personal data in the official formats, the passport, СНИЛС, ИНН and address,
//! contacts replaced only after a code to the new one, and «История изменений».
//!
//! Saving needs a one-time code sent to the phone and a password entry within 10 minutes.
//! Passport and СНИЛС together raise an упрощённая account to стандартная; changing ФИО or the
//! passport of a подтверждённая account drops it to стандартная until confirmed again. A new
//! phone or e-mail replaces the old one at the moment its code is confirmed: from then on the
//! old one no longer signs in. Document numbers are masked in the history.

use crate::db::Conn;
use time::Date;
use time::format_description::well_known::Iso8601;

use crate::auth::Authed;
use crate::context::{Context, rfc3339};
use crate::contract::{
    CodeSent, ContactChangeConfirm, ContactChangeRequest, ContactKind, Level, Profile, ProfileChange,
    ProfileHistoryPage, ProfileUpdate,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::notify::{self, SecurityEvent};
use crate::otp::{self, Purpose};
use crate::outbox::{self, Channel, NewMessage};
use crate::validate::{self, Invalid};

const PAGE_SIZE: i64 = 20;

/// The profile of the signed-in citizen.
pub struct Profiles<'a> {
    pub(crate) ctx: &'a Context,
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    id: i64,
    at: i64,
    field: String,
    old_value: Option<String>,
    new_value: Option<String>,
    actor: String,
}

#[derive(sqlx::FromRow, Clone)]
struct Stored {
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: String,
    gender: String,
    level: Level,
    phone: Option<String>,
    email: Option<String>,
    snils: Option<String>,
    passport_number: Option<String>,
    passport_issue_date: Option<String>,
    passport_issued_by: Option<String>,
    division_code: Option<String>,
    inn: Option<String>,
    address: Option<String>,
}

impl Profiles<'_> {
    /// The profile.
    pub async fn get(&self, me: &Authed) -> ApiResult<Profile> {
        let authed = me;
        Ok(to_profile(&load(self.ctx, authed.account_id).await?))
    }

    /// Sends the code that confirms saving the profile to the phone.
    pub async fn send_save_code(&self, me: &Authed) -> ApiResult<CodeSent> {
        let ctx = self.ctx;
        let authed = me;
        let phone = load(ctx, authed.account_id).await?.phone.unwrap_or_default();
        send_code(ctx, authed.account_id, Purpose::ProfileSave, Channel::Sms, &phone).await
    }

    /// Validates and saves the profile with the code from the phone.
    pub async fn save(&self, me: &Authed, update: ProfileUpdate) -> ApiResult<Profile> {
        let ctx = self.ctx;
        let authed = me;
        let before = load(ctx, authed.account_id).await?;
        let after = validated(ctx, &before, &update)?;
        let mut tx = ctx.write().await?;
        if let Some(snils) = after.snils.as_deref().filter(|s| before.snils.as_deref() != Some(*s)) {
            refuse_taken(ctx, &mut tx, "snils", snils, authed.account_id, Field::Snils).await?;
        }
        let phone = before.phone.clone().unwrap_or_default();
        if let Err(refused) =
            otp::verify(ctx, &mut tx, Purpose::ProfileSave, &phone, update.code.trim()).await
        {
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(refused);
        }
        write(ctx, &mut tx, authed.account_id, &before, &after).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        Ok(to_profile(&load(ctx, authed.account_id).await?))
    }

    /// Sends a code to a new phone or e-mail; nothing changes until it is confirmed. Whether the
    /// contact belongs to another account is said only after its code was confirmed, so this
    /// step cannot be used to learn who is registered.
    pub async fn change_contact_start(
        &self,
        me: &Authed,
        request: ContactChangeRequest,
    ) -> ApiResult<CodeSent> {
        let ctx = self.ctx;
        let authed = me;
        let (_, value, channel) = contact(ctx, request.kind, &request.value)?;
        send_code(ctx, authed.account_id, Purpose::ContactChange, channel, &value).await
    }

    /// Confirms a new phone or e-mail with its code; the old one stops signing in now and every
    /// other session of the account ends.
    pub async fn change_contact_confirm(
        &self,
        me: &Authed,
        request: ContactChangeConfirm,
    ) -> ApiResult<Profile> {
        let ctx = self.ctx;
        let authed = me;
        let (kind, value, _) = contact(ctx, request.kind, &request.value)?;
        let mut tx = ctx.write().await?;
        if let Err(refused) =
            otp::verify(ctx, &mut tx, Purpose::ContactChange, &value, request.code.trim()).await
        {
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(refused);
        }
        refuse_taken(ctx, &mut tx, kind, &value, authed.account_id, field_of(request.kind)).await?;
        let key = crate::sealing::account_key(ctx, &mut tx, authed.account_id).await?;
        let old = crate::accounts::identifier(ctx, &mut tx, &key, authed.account_id, kind, false).await?;
        notify::security(ctx, &mut tx, authed.account_id, SecurityEvent::ContactChanged).await?;
        crate::db::query("DELETE FROM identifiers WHERE account_id = ? AND kind = ?")
            .bind(authed.account_id)
            .bind(kind)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        let identifier = match request.kind {
            ContactKind::Phone => crate::accounts::Identifier::Phone(value.clone()),
            ContactKind::Email => crate::accounts::Identifier::Email(value.clone()),
        };
        crate::accounts::add_identifier(ctx, &mut tx, &key, authed.account_id, &identifier, Some(ctx.now()))
            .await?;
        record(ctx, &mut tx, authed.account_id, kind, old.as_deref(), Some(&value)).await?;
        crate::auth::end_other_sessions(
            ctx,
            &mut tx,
            authed.account_id,
            authed.session_id,
            "contact_changed",
        )
        .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        Ok(to_profile(&load(ctx, authed.account_id).await?))
    }

    /// «Подтвердить личность»: the code from the operator's slip raises the level to
    /// «Подтверждённая» (see `staff::desk`).
    pub async fn confirm_identity(
        &self,
        me: &Authed,
        request: crate::staff::desk::IdentityCodeRequest,
    ) -> ApiResult<Profile> {
        crate::staff::desk::enter_code(self.ctx, me.account_id, &request).await
    }

    /// A page of «История изменений», newest first.
    pub async fn history(
        &self,
        me: &Authed,
        request: crate::contract::PageRequest,
    ) -> ApiResult<ProfileHistoryPage> {
        history_of(self.ctx, me.account_id, request.page).await
    }
}

/// A page of an account's «История изменений», newest first (the citizen's own, or staff's view
/// of an opened card).
pub(crate) async fn history_of(ctx: &Context, account_id: i64, page: u32) -> ApiResult<ProfileHistoryPage> {
    let columns = "id, at, field, old_value, new_value, actor";
    let (page, pages, rows): (u32, u32, Vec<ChangeRow>) =
        ctx.history_page("profile_changes", columns, account_id, page, PAGE_SIZE).await?;
    let key = crate::sealing::account_key(ctx, &ctx.pool, account_id).await?;
    let changes = rows
        .into_iter()
        .map(|row| {
            Ok(ProfileChange {
                at: rfc3339(row.at),
                label: label_of(ctx, &row.field).to_owned(),
                old_value: key
                    .open_opt("profile_changes.old_value", row.id, row.old_value.as_deref())
                    .map_err(ctx.unreadable())?,
                new_value: key
                    .open_opt("profile_changes.new_value", row.id, row.new_value.as_deref())
                    .map_err(ctx.unreadable())?,
                field: row.field,
                actor: row.actor,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(ProfileHistoryPage { changes, page, pages })
}

/// The profile of any account, as the citizen sees it: for forms, exports and documents that
/// other domains fill from it.
pub(crate) async fn of_account(ctx: &Context, account_id: i64) -> ApiResult<Profile> {
    Ok(to_profile(&load(ctx, account_id).await?))
}

/// The profile as stored, with the account's wrapped key read in the same query.
#[derive(sqlx::FromRow)]
struct Loaded {
    #[sqlx(flatten)]
    stored: Stored,
    wrapped: Vec<u8>,
}

/// The profile as stored, opened with the account's key: one query (the wrapped key comes with
/// the row), then the fields opened in memory.
async fn load(ctx: &Context, account_id: i64) -> ApiResult<Stored> {
    let loaded: Loaded = crate::db::query_as(
        "SELECT a.surname, a.given_name, a.patronymic, a.birth_date, a.gender, a.level, \
           (SELECT value FROM identifiers WHERE account_id = a.id AND kind = 'phone') AS phone, \
           (SELECT value FROM identifiers WHERE account_id = a.id AND kind = 'email') AS email, \
           (SELECT value FROM identifiers WHERE account_id = a.id AND kind = 'snils') AS snils, \
           p.passport_number, p.passport_issue_date, p.passport_issued_by, p.division_code, p.inn, p.address, \
           k.wrapped \
         FROM accounts a JOIN account_keys k ON k.account_id = a.id \
         LEFT JOIN profiles p ON p.account_id = a.id WHERE a.id = ?",
    )
    .bind(account_id)
    .fetch_one(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let key = ctx
        .keys()?
        .sealer_of(account_id, &loaded.wrapped)
        .ok_or_else(|| ctx.unreadable()(crate::sealing::Unreadable))?;
    loaded.stored.open(&key, account_id).map_err(ctx.unreadable())
}

impl Stored {
    /// Opens every sealed field (`accounts`, `identifiers`, `profiles`); the level is not sealed.
    fn open(self, key: &crate::sealing::Sealer, id: i64) -> Result<Self, crate::sealing::Unreadable> {
        let profile = |column: &str, value: Option<String>| key.open_opt(column, id, value.as_deref());
        Ok(Self {
            surname: key.open("accounts.surname", id, &self.surname)?,
            given_name: key.open("accounts.given_name", id, &self.given_name)?,
            patronymic: key.open_opt("accounts.patronymic", id, self.patronymic.as_deref())?,
            birth_date: key.open("accounts.birth_date", id, &self.birth_date)?,
            gender: key.open("accounts.gender", id, &self.gender)?,
            level: self.level,
            phone: key.open_opt("identifiers.value", "phone", self.phone.as_deref())?,
            email: key.open_opt("identifiers.value", "email", self.email.as_deref())?,
            snils: key.open_opt("identifiers.value", "snils", self.snils.as_deref())?,
            passport_number: profile("profiles.passport_number", self.passport_number)?,
            passport_issue_date: profile("profiles.passport_issue_date", self.passport_issue_date)?,
            passport_issued_by: profile("profiles.passport_issued_by", self.passport_issued_by)?,
            division_code: profile("profiles.division_code", self.division_code)?,
            inn: profile("profiles.inn", self.inn)?,
            address: profile("profiles.address", self.address)?,
        })
    }
}

fn display_date(iso: &str) -> String {
    Date::parse(iso, &Iso8601::DATE).map(validate::dotted_date).unwrap_or_default()
}

fn to_profile(stored: &Stored) -> Profile {
    Profile {
        surname: stored.surname.clone(),
        given_name: stored.given_name.clone(),
        patronymic: stored.patronymic.clone(),
        birth_date: display_date(&stored.birth_date),
        gender: stored.gender.clone(),
        level: stored.level,
        phone: stored.phone.clone().unwrap_or_default(),
        email: stored.email.clone(),
        snils: stored.snils.clone(),
        inn: stored.inn.clone(),
        passport_number: stored.passport_number.clone(),
        passport_issue_date: stored.passport_issue_date.as_deref().map(display_date),
        passport_issued_by: stored.passport_issued_by.clone(),
        division_code: stored.division_code.clone(),
        address: stored.address.clone(),
    }
}

fn optional<T>(
    found: &mut Vec<(Field, Invalid)>,
    field: Field,
    text: Option<&str>,
    rule: impl FnOnce(&str) -> validate::Checked<T>,
) -> Option<T> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    rule(text).map_err(|code| found.push((field, code))).ok()
}

fn validated(ctx: &Context, before: &Stored, update: &ProfileUpdate) -> ApiResult<Stored> {
    let mut found = Vec::new();
    let today = ctx.clock.today();
    let surname = validate::name_part(&update.surname).map_err(|c| found.push((Field::Surname, c))).ok();
    let given_name =
        validate::name_part(&update.given_name).map_err(|c| found.push((Field::GivenName, c))).ok();
    let patronymic = validate::optional_name_part(update.patronymic.as_deref().unwrap_or_default())
        .map_err(|c| found.push((Field::Patronymic, c)))
        .ok()
        .flatten();
    let birth =
        validate::birth_date(&update.birth_date, today).map_err(|c| found.push((Field::BirthDate, c))).ok();
    let gender = validate::gender(&update.gender).map_err(|c| found.push((Field::Gender, c))).ok();
    let snils = optional(&mut found, Field::Snils, update.snils.as_deref(), validate::snils);
    let inn = optional(&mut found, Field::Inn, update.inn.as_deref(), validate::inn);
    let passport_number =
        optional(&mut found, Field::Passport, update.passport_number.as_deref(), validate::passport_number);
    let issue_date = match birth {
        Some(birth) => {
            optional(&mut found, Field::IssueDate, update.passport_issue_date.as_deref(), |text| {
                validate::passport_issue_date(text, birth, today)
            })
        }
        None => None,
    };
    let issued_by =
        optional(&mut found, Field::IssuedBy, update.passport_issued_by.as_deref(), validate::issued_by);
    let division_code =
        optional(&mut found, Field::DivisionCode, update.division_code.as_deref(), validate::division_code);
    let address = update.address.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned);
    if address.as_ref().is_some_and(|a| a.chars().count() > 300) {
        found.push((Field::Address, Invalid::TooLong));
    }
    let passport_parts =
        [passport_number.is_some(), issue_date.is_some(), issued_by.is_some(), division_code.is_some()];
    if passport_parts.iter().any(|p| *p) && !passport_parts.iter().all(|p| *p) {
        for (present, field) in passport_parts.iter().zip([
            Field::Passport,
            Field::IssueDate,
            Field::IssuedBy,
            Field::DivisionCode,
        ]) {
            if !present && !found.iter().any(|(f, _)| *f == field) {
                found.push((field, Invalid::Required));
            }
        }
    }
    if !found.is_empty() {
        return Err(ApiError::fields(found, ctx.locale()));
    }
    Ok(Stored {
        surname: surname.unwrap_or_default(),
        given_name: given_name.unwrap_or_default(),
        patronymic,
        birth_date: birth.map(|d| d.to_string()).unwrap_or_default(),
        gender: gender.map(|g| g.as_str().to_owned()).unwrap_or_default(),
        level: before.level,
        phone: before.phone.clone(),
        email: before.email.clone(),
        snils,
        passport_number,
        passport_issue_date: issue_date.map(|d| d.to_string()),
        passport_issued_by: issued_by,
        division_code,
        inn,
        address,
    })
}

fn next_level(before: &Stored, after: &Stored) -> Level {
    let identity_changed = before.surname != after.surname
        || before.given_name != after.given_name
        || before.patronymic != after.patronymic
        || before.passport_number != after.passport_number
        || before.passport_issue_date != after.passport_issue_date;
    let documents = after.passport_number.is_some() && after.snils.is_some();
    match (before.level, documents) {
        (Level::Confirmed, true) if !identity_changed => Level::Confirmed,
        (_, true) => Level::Standard,
        _ => Level::Simplified,
    }
}

/// The level's stored code, as «История изменений» records it.
fn level_code(level: Level) -> &'static str {
    match level {
        Level::Simplified => "simplified",
        Level::Standard => "standard",
        Level::Confirmed => "confirmed",
    }
}

async fn write(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    before: &Stored,
    after: &Stored,
) -> ApiResult<()> {
    let level = next_level(before, after);
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    let person = crate::accounts::Person {
        surname: after.surname.clone(),
        given_name: after.given_name.clone(),
        patronymic: after.patronymic.clone(),
        birth_date: after.birth_date.clone(),
        gender: after.gender.clone(),
    };
    crate::accounts::store_person(ctx, conn, &key, account_id, &person).await?;
    crate::db::query("UPDATE accounts SET level = ? WHERE id = ?")
        .bind(level)
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    let id = account_id;
    let sealed = |column: &str, value: &Option<String>| key.seal_opt(column, id, value.as_deref());
    crate::db::query(
        "INSERT INTO profiles (account_id, passport_number, passport_issue_date, passport_issued_by, division_code, inn, \
         address, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET \
         passport_number = excluded.passport_number, passport_issue_date = excluded.passport_issue_date, \
         passport_issued_by = excluded.passport_issued_by, division_code = excluded.division_code, inn = excluded.inn, \
         address = excluded.address, updated_at = excluded.updated_at",
    )
    .bind(account_id)
    .bind(sealed("profiles.passport_number", &after.passport_number))
    .bind(sealed("profiles.passport_issue_date", &after.passport_issue_date))
    .bind(sealed("profiles.passport_issued_by", &after.passport_issued_by))
    .bind(sealed("profiles.division_code", &after.division_code))
    .bind(sealed("profiles.inn", &after.inn))
    .bind(sealed("profiles.address", &after.address))
    .bind(ctx.now())
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    write_snils(ctx, conn, &key, account_id, before.snils.as_deref(), after.snils.as_deref()).await?;
    let changes: [(&str, Option<&str>, Option<&str>); 13] = [
        ("surname", Some(&before.surname), Some(&after.surname)),
        ("given_name", Some(&before.given_name), Some(&after.given_name)),
        ("patronymic", before.patronymic.as_deref(), after.patronymic.as_deref()),
        ("birth_date", Some(&before.birth_date), Some(&after.birth_date)),
        ("gender", Some(&before.gender), Some(&after.gender)),
        ("snils", before.snils.as_deref(), after.snils.as_deref()),
        ("inn", before.inn.as_deref(), after.inn.as_deref()),
        ("passport_number", before.passport_number.as_deref(), after.passport_number.as_deref()),
        ("passport_issue_date", before.passport_issue_date.as_deref(), after.passport_issue_date.as_deref()),
        ("passport_issued_by", before.passport_issued_by.as_deref(), after.passport_issued_by.as_deref()),
        ("division_code", before.division_code.as_deref(), after.division_code.as_deref()),
        ("address", before.address.as_deref(), after.address.as_deref()),
        ("level", Some(level_code(before.level)), Some(level_code(level))),
    ];
    for (field, old, new) in changes {
        if old != new {
            record(ctx, conn, account_id, field, old, new).await?;
        }
    }
    Ok(())
}

async fn write_snils(
    ctx: &Context,
    conn: &mut Conn,
    key: &crate::sealing::Sealer,
    account_id: i64,
    before: Option<&str>,
    after: Option<&str>,
) -> ApiResult<()> {
    if before == after {
        return Ok(());
    }
    crate::db::query("DELETE FROM identifiers WHERE account_id = ? AND kind = 'snils'")
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    if let Some(snils) = after {
        let snils = crate::accounts::Identifier::Snils(snils.to_owned());
        crate::accounts::add_identifier(ctx, conn, key, account_id, &snils, Some(ctx.now())).await?;
    }
    Ok(())
}

/// Writes one «История изменений» row by the citizen, in the caller's transaction.
pub(crate) async fn record(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> ApiResult<()> {
    record_as(ctx, conn, account_id, field, old, new, "citizen").await
}

/// Writes one «История изменений» row by `actor` (`citizen`, `operator`, `system`).
pub(crate) async fn record_as(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    actor: &str,
) -> ApiResult<()> {
    // The row first, then its values sealed to its id, in the caller's transaction.
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO profile_changes (account_id, at, field, old_value, new_value, actor) \
         VALUES (?, ?, ?, NULL, NULL, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(ctx.now())
    .bind(field)
    .bind(actor)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    let old = old.map(|v| key.seal("profile_changes.old_value", id, &shown(field, v)));
    let new = new.map(|v| key.seal("profile_changes.new_value", id, &shown(field, v)));
    crate::db::query("UPDATE profile_changes SET old_value = ?, new_value = ? WHERE id = ?")
        .bind(old)
        .bind(new)
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// How a value appears in the history: document numbers masked, dates as ДД.ММ.ГГГГ.
pub fn shown(field: &str, value: &str) -> String {
    let keep = |head: usize, tail: usize| -> String {
        let chars: Vec<char> = value.chars().collect();
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| if i < head || i + tail >= chars.len() { *c } else { '*' })
            .collect()
    };
    match field {
        "passport_number" => {
            let masked = keep(2, 2);
            format!("{} {} {}", &masked[..2], &masked[2..4], &masked[4..])
        }
        "snils" => {
            let masked = keep(3, 2);
            format!("{}-{}-{} {}", &masked[..3], &masked[3..6], &masked[6..9], &masked[9..])
        }
        "inn" => keep(2, 2),
        "birth_date" | "passport_issue_date" => display_date(value),
        _ => value.to_owned(),
    }
}

fn label_of(ctx: &Context, field: &str) -> &'static str {
    let l = ctx.locale();
    match field {
        "surname" => Field::Surname.label(l),
        "given_name" => Field::GivenName.label(l),
        "patronymic" => Field::Patronymic.label(l),
        "birth_date" => Field::BirthDate.label(l),
        "gender" => Field::Gender.label(l),
        "snils" => Field::Snils.label(l),
        "inn" => Field::Inn.label(l),
        "passport_number" => Field::Passport.label(l),
        "passport_issue_date" => Field::IssueDate.label(l),
        "passport_issued_by" => Field::IssuedBy.label(l),
        "division_code" => Field::DivisionCode.label(l),
        "address" => Field::Address.label(l),
        "phone" => Field::Phone.label(l),
        "email" => Field::Email.label(l),
        "passport_scan" => Field::PassportScan.label(l),
        "snils_scan" => Field::SnilsScan.label(l),
        _ => l.pick("Уровень учётной записи", "Account level"),
    }
}

fn contact(ctx: &Context, kind: ContactKind, value: &str) -> ApiResult<(&'static str, String, Channel)> {
    match kind {
        ContactKind::Phone => validate::phone(value)
            .map(|phone| ("phone", phone, Channel::Sms))
            .map_err(|code| ApiError::field(Field::Phone, code, ctx.locale())),
        ContactKind::Email => validate::email(value)
            .map(|email| ("email", email.address.to_lowercase(), Channel::Email))
            .map_err(|code| ApiError::field(Field::Email, code, ctx.locale())),
    }
}

fn field_of(kind: ContactKind) -> Field {
    match kind {
        ContactKind::Phone => Field::Phone,
        ContactKind::Email => Field::Email,
    }
}

async fn refuse_taken(
    ctx: &Context,
    conn: &mut Conn,
    kind: &str,
    value: &str,
    account_id: i64,
    field: Field,
) -> ApiResult<()> {
    let owner: Option<i64> =
        crate::db::query_scalar("SELECT account_id FROM identifiers WHERE kind = ? AND lookup = ?")
            .bind(kind)
            .bind(ctx.keys()?.index(value))
            .fetch_optional(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    match owner {
        Some(owner) if owner != account_id => {
            crate::closure::purge::refuse_closed_holder(ctx, conn, owner, field).await?;
            let mut error = ctx.error(ErrorCode::IdentifierTaken);
            error.fields = ApiError::field(field, Invalid::Taken, ctx.locale()).fields;
            Err(error)
        }
        _ => Ok(()),
    }
}

pub(crate) async fn send_code(
    ctx: &Context,
    account_id: i64,
    purpose: Purpose,
    channel: Channel,
    destination: &str,
) -> ApiResult<CodeSent> {
    let mut tx = ctx.write().await?;
    let issued = otp::issue(ctx, &mut tx, purpose, destination).await?;
    let body = ctx
        .locale()
        .pick(
            "Код подтверждения в Кабинете: {code}. Никому не сообщайте его. Код действует 5 минут.",
            "Your Кабинет confirmation code: {code}. Do not share it. It is valid for 5 minutes.",
        )
        .replace("{code}", &issued.code);
    let subject = ctx.locale().pick("Код подтверждения", "Confirmation code");
    let message = NewMessage {
        account_id: Some(account_id),
        channel,
        destination,
        kind: "profile_code",
        subject,
        body: &body,
    };
    outbox::enqueue(ctx, &mut tx, message).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(CodeSent {
        destination: destination.to_owned(),
        expires_at: rfc3339(issued.expires_at),
        resend_at: rfc3339(issued.resend_at),
        sends_left: issued.sends_left,
    })
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn document_numbers_are_masked_in_the_history() {
        assert_eq!(shown("passport_number", "4508123456"), "45 ** ****56");
        assert_eq!(shown("snils", "11223344595"), "112-***-*** 95");
        assert_eq!(shown("inn", "500100732259"), "50********59");
        assert_eq!(shown("surname", "Иванова"), "Иванова");
    }
}
