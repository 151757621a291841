//! Documents about a live account: «Справка о регистрации», «Выписка персональных данных»,
//! «История обращений» and the operator's «Код подтверждения личности» slip.

use super::super::format;
use super::super::layout::{BODY, CELL, Column, Flow, SMALL, Signature};
use super::super::model::{
    ApplicationsHistoryInput, DayRegisterInput, IdentityCodeSlipInput, PersonalDataExtractInput,
    RegistrationCertificateInput,
};
use super::super::text::{Align, b, t};
use super::{Body, InputError, Sheet, date, moment, required, row};
use crate::validate::Gender;

/// «Справка о регистрации личного кабинета».
pub(super) fn registration_certificate(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &RegistrationCertificateInput,
) -> Result<Body, InputError> {
    let name = required("ФИО", &data.full_name)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    let birth = date("Дата рождения", &data.birth_date)?;
    let registered = moment("Дата регистрации", &data.registered_at)?;
    let phone = required("Мобильный телефон", &data.phone)?;
    sheet.title(&mut flow, "СПРАВКА", "о регистрации личного кабинета гражданина");
    flow.indented(
        &[
            t("Настоящая справка подтверждает, что на имя "),
            b(name.clone()),
            t(format!(" (дата рождения {birth}) в информационной системе «Кабинет» зарегистрирован личный кабинет № ")),
            b(account.clone()),
            t(format!(". Сведения приведены по состоянию на {}.", format::moment(sheet.stamp.created_at))),
        ],
        BODY,
    );
    flow.gap(4.0);
    flow.key_values(&[
        row("Фамилия, имя, отчество", name.clone()),
        row("Дата рождения", birth),
        row("Номер личного кабинета", account.clone()),
        row("Дата регистрации", format::moment(registered)),
        row("Уровень учётной записи", format::level(data.level)),
        row("Статус", format::status(data.status)),
        row("Мобильный телефон", format::phone(&phone)),
        row("Электронная почта", format::or_none(data.email.as_deref(), "не указана")),
        row("СНИЛС", data.snils.as_deref().map(format::snils).unwrap_or_else(|| "не указан".to_owned())),
    ]);
    let purpose = format::or_none(data.purpose.as_deref(), "по месту требования");
    flow.indented(&[t(format!("Справка выдана для предъявления {purpose}."))], BODY);
    flow.paragraph(
        &[t(
            "Справка сформирована автоматически по данным личного кабинета на момент выдачи и действительна \
             без подписи и печати: её подлинность подтверждает запись в реестре выданных документов.",
        )],
        SMALL,
        Align::Left,
    );
    sheet.verification(&mut flow);
    Ok(Body {
        flow,
        subject: format!("Справка о регистрации личного кабинета № {account}"),
        account_number: Some(account),
    })
}

/// «Выписка персональных данных».
pub(super) fn personal_data_extract(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &PersonalDataExtractInput,
) -> Result<Body, InputError> {
    let name = required("ФИО", &data.full_name)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    let birth = date("Дата рождения", &data.birth_date)?;
    let registered = moment("Дата регистрации", &data.registered_at)?;
    let phone = required("Мобильный телефон", &data.phone)?;
    sheet.title(&mut flow, "ВЫПИСКА", "персональных данных из личного кабинета");
    flow.indented(
        &[
            t("Выписка содержит все персональные данные, которые хранятся в личном кабинете № "),
            b(account.clone()),
            t(format!(
                ", по состоянию на {}. Храните выписку так же бережно, как паспорт.",
                format::moment(sheet.stamp.created_at)
            )),
        ],
        BODY,
    );
    flow.heading("Личные и контактные данные");
    let gender = match data.gender {
        Gender::Male => "Мужской",
        Gender::Female => "Женский",
    };
    flow.key_values(&[
        row("Фамилия, имя, отчество", name),
        row("Дата рождения", birth),
        row("Пол", gender),
        row("Мобильный телефон", format::phone(&phone)),
        row("Электронная почта", format::or_none(data.email.as_deref(), "не указана")),
        row("Адрес", format::or_none(data.address.as_deref(), "не указан")),
    ]);
    flow.heading("Документы");
    let mut documents = vec![
        row("СНИЛС", data.snils.as_deref().map(format::snils).unwrap_or_else(|| "не указан".to_owned())),
        row("ИНН", format::or_none(data.inn.as_deref(), "не указан")),
    ];
    match &data.passport {
        Some(passport) => documents.extend([
            row("Паспорт: серия и номер", format::passport(&passport.series_number)),
            row("Паспорт: кем выдан", passport.issued_by.clone()),
            row("Паспорт: дата выдачи", passport.issued_on.clone()),
            row("Паспорт: код подразделения", passport.division_code.clone()),
        ]),
        None => documents.push(row("Паспорт", "не указан")),
    }
    flow.key_values(&documents);
    flow.heading("Учётная запись");
    flow.key_values(&[
        row("Номер личного кабинета", account.clone()),
        row("Уровень учётной записи", format::level(data.level)),
        row("Статус", format::status(data.status)),
        row("Дата регистрации", format::moment(registered)),
    ]);
    consents(&mut flow, data)?;
    sheet.verification(&mut flow);
    Ok(Body {
        flow,
        subject: format!("Выписка персональных данных, личный кабинет № {account}"),
        account_number: Some(account),
    })
}

fn consents(flow: &mut Flow, data: &PersonalDataExtractInput) -> Result<(), InputError> {
    flow.heading("Согласия и соглашения");
    if data.consents.is_empty() {
        flow.paragraph(&[t("Согласий нет.")], BODY, Align::Left);
        return Ok(());
    }
    let columns = [
        Column { title: "Документ".into(), share: 0.39, align: Align::Left },
        Column { title: "Версия".into(), share: 0.15, align: Align::Left },
        Column { title: "Принято".into(), share: 0.23, align: Align::Left },
        Column { title: "Отозвано".into(), share: 0.23, align: Align::Left },
    ];
    let mut rows = Vec::new();
    for consent in &data.consents {
        let accepted = moment("Согласие: принято", &consent.accepted_at)?;
        let withdrawn = super::optional_moment("Согласие: отозвано", consent.withdrawn_at.as_deref())?;
        rows.push(vec![
            consent.title.clone(),
            consent.version.clone(),
            format::moment(accepted),
            withdrawn.map(format::moment).unwrap_or_else(|| "—".to_owned()),
        ]);
    }
    flow.table(&columns, &rows);
    Ok(())
}

/// «История обращений»: a long table whose head repeats on every page.
pub(super) fn applications_history(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &ApplicationsHistoryInput,
) -> Result<Body, InputError> {
    let name = required("ФИО", &data.full_name)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    sheet.title(&mut flow, "ИСТОРИЯ ОБРАЩЕНИЙ", "заявления, запросы и обращения в поддержку");
    let mut rows = Vec::new();
    let mut first = None;
    let mut last = None;
    for (i, entry) in data.entries.iter().enumerate() {
        let submitted = moment("Дата подачи", &entry.submitted_at)?;
        let updated = super::optional_moment("Дата изменения", entry.updated_at.as_deref())?;
        first = Some(first.map_or(submitted, |at: time::OffsetDateTime| at.min(submitted)));
        last = Some(last.map_or(submitted, |at: time::OffsetDateTime| at.max(submitted)));
        rows.push(vec![
            (i + 1).to_string(),
            entry.number.clone(),
            entry.kind.label().to_owned(),
            entry.subject.clone(),
            format::date(submitted),
            entry.status.label().to_owned(),
            updated.map(format::date).unwrap_or_else(|| "—".to_owned()),
        ]);
    }
    let period = match (first, last) {
        (Some(first), Some(last)) => format!("{} — {}", format::date(first), format::date(last)),
        _ => "—".to_owned(),
    };
    flow.key_values(&[
        row("Фамилия, имя, отчество", name),
        row("Номер личного кабинета", account.clone()),
        row("Всего записей", data.entries.len().to_string()),
        row("Период", period),
    ]);
    if rows.is_empty() {
        flow.paragraph(&[t("Заявлений, запросов и обращений нет.")], BODY, Align::Left);
    } else {
        let columns = [
            Column { title: "№".into(), share: 0.045, align: Align::Right },
            Column { title: "Номер".into(), share: 0.165, align: Align::Left },
            Column { title: "Вид".into(), share: 0.125, align: Align::Left },
            Column { title: "Услуга или тема".into(), share: 0.26, align: Align::Left },
            Column { title: "Подано".into(), share: 0.12, align: Align::Left },
            Column { title: "Статус".into(), share: 0.165, align: Align::Left },
            Column { title: "Изменено".into(), share: 0.12, align: Align::Left },
        ];
        flow.table(&columns, &rows);
    }
    sheet.verification(&mut flow);
    Ok(Body {
        flow,
        subject: format!("История обращений, личный кабинет № {account}"),
        account_number: Some(account),
    })
}

/// «Реестр документов за день»: what a service centre issued on one day, before their PDFs.
pub(super) fn day_register(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &DayRegisterInput,
) -> Result<Body, InputError> {
    let day = date("День", &data.day)?;
    let operator = required("Сформировал", &data.operator)?;
    sheet.title(&mut flow, "РЕЕСТР ДОКУМЕНТОВ", &format!("выданных за {day}"));
    let included = data.entries.iter().filter(|e| e.included).count();
    flow.key_values(&[
        row("День", day.clone()),
        row("Документов в реестре", data.entries.len().to_string()),
        row("Приложено к реестру", included.to_string()),
        row("Сформировал", operator),
    ]);
    let mut rows = Vec::new();
    for (i, entry) in data.entries.iter().enumerate() {
        let at = moment("Выдан", &entry.issued_at)?;
        rows.push(vec![
            (i + 1).to_string(),
            required("Номер документа", &entry.number)?,
            required("Документ", &entry.title)?,
            entry.account_number.clone().unwrap_or_else(|| "—".to_owned()),
            format::moment(at),
            if entry.included { "приложен".to_owned() } else { "не хранится".to_owned() },
        ]);
    }
    if rows.is_empty() {
        flow.paragraph(&[t("За этот день документов нет.")], BODY, Align::Left);
    } else {
        let columns = [
            Column { title: "№".into(), share: 0.05, align: Align::Right },
            Column { title: "Номер документа".into(), share: 0.19, align: Align::Left },
            Column { title: "Документ".into(), share: 0.32, align: Align::Left },
            Column { title: "Кабинет".into(), share: 0.15, align: Align::Left },
            Column { title: "Выдан".into(), share: 0.17, align: Align::Left },
            Column { title: "PDF".into(), share: 0.12, align: Align::Left },
        ];
        flow.table(&columns, &rows);
    }
    flow.paragraph(
        &[t(
            "Сертификат об удалении персональных данных не хранится после удаления данных: в реестре — его номер; \
             подлинность проверяется по номеру и коду проверки.",
        )],
        SMALL,
        Align::Left,
    );
    sheet.verification(&mut flow);
    Ok(Body { flow, subject: format!("Реестр документов за {day}"), account_number: None })
}

/// «Код подтверждения личности»: the slip, a tear-off stub for the service centre's file.
pub(super) fn identity_code_slip(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &IdentityCodeSlipInput,
) -> Result<Body, InputError> {
    let name = required("ФИО", &data.full_name)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    let code = required("Код", &data.code)?;
    let until = moment("Действует до", &data.valid_until)?;
    let centre = required("Центр обслуживания", &data.service_centre)?;
    let operator = required("Оператор", &data.operator)?;
    sheet.title(&mut flow, "КОД ПОДТВЕРЖДЕНИЯ ЛИЧНОСТИ", "для повышения уровня учётной записи");
    flow.key_values(&[
        row("Фамилия, имя, отчество", name.clone()),
        row("Номер личного кабинета", account.clone()),
        row("Центр обслуживания", centre.clone()),
        row("Оператор", operator.clone()),
    ]);
    flow.code_box(&code, &format!("Код действует до {}", format::moment(until)));
    for (n, step) in [
        "Войдите в личный кабинет.",
        "Откройте раздел «Мой профиль», затем «Подтвердить личность» и «Код из центра обслуживания».",
        "Введите код. Уровень учётной записи станет «Подтверждённая».",
    ]
    .iter()
    .enumerate()
    {
        flow.paragraph(&[b(format!("{}. ", n + 1)), t(*step)], BODY, Align::Left);
    }
    flow.paragraph(
        &[b("Никому не сообщайте код"), t(" — ни по телефону, ни сотрудникам: они его не спрашивают.")],
        BODY,
        Align::Left,
    );
    sheet.verification(&mut flow);
    flow.cut_line();
    flow.paragraph(&[b("Корешок — остаётся в центре обслуживания")], CELL, Align::Left);
    flow.key_values(&[
        row("Фамилия, имя, отчество", name),
        row("Номер личного кабинета", account.clone()),
        row("Код выдан", format::moment(sheet.stamp.created_at)),
        row("Номер документа", sheet.stamp.number.clone()),
    ]);
    flow.signatures(&[
        Signature { role: "Код получил(а)".into(), name: String::new(), dated: true },
        Signature { role: format!("Оператор ({centre})"), name: operator, dated: false },
    ]);
    Ok(Body {
        flow,
        subject: format!("Код подтверждения личности, личный кабинет № {account}"),
        account_number: Some(account),
    })
}
