//! Documents of the closure flow: the application (online and as a paper blank), the
//! confirmation, the act of a forced closure and the certificate of deletion.

use super::super::format;
use super::super::layout::{BODY, CELL, Column, Flow, SMALL, Signature};
use super::super::model::{
    ClosureActInput, ClosureApplicationBlankInput, ClosureApplicationInput, ClosureConfirmationInput,
    ClosureReason, DeletionCertificateInput, ForcedGround,
};
use super::super::text::{Align, b, t};
use super::{Body, InputError, Sheet, date, moment, optional_date, optional_moment, required, row};

/// «Неактуальность» or «Иное: текст».
fn reason_text(reason: ClosureReason, text: Option<&str>) -> String {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => format!("{}: {text}", reason.label()),
        None => reason.label().to_owned(),
    }
}

/// «2 рабочих дня», «5 рабочих дней».
fn working_days(days: u32) -> String {
    let word = match (days % 10, days % 100) {
        (1, n) if n != 11 => "рабочий день",
        (2..=4, n) if !(12..=14).contains(&n) => "рабочих дня",
        _ => "рабочих дней",
    };
    format!("{days} {word}")
}

fn consequences(flow: &mut Flow, style: super::super::text::Style) {
    flow.heading("Последствия закрытия");
    for text in [
        "доступ к личному кабинету и электронным услугам прекращается, все сеансы входа завершаются, \
         подписки на уведомления отключаются;",
        "в течение 30 дней после закрытия личный кабинет можно восстановить;",
        "персональные данные хранятся в зашифрованном виде 90 дней, затем безвозвратно уничтожаются, \
         о чём выдаётся сертификат об удалении персональных данных.",
    ] {
        flow.bullet(&[t(text)], style);
    }
}

/// «Заявление о закрытии личного кабинета», as submitted online.
pub(super) fn application(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &ClosureApplicationInput,
) -> Result<Body, InputError> {
    let request = required("Номер заявления", &data.request_number)?;
    let submitted = moment("Дата подачи", &data.submitted_at)?;
    let name = required("ФИО", &data.full_name)?;
    let phone = required("Мобильный телефон", &data.phone)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    let deadline = date("Срок рассмотрения", &data.deadline)?;
    let withdraw = optional_moment("Отзыв заявления", data.withdraw_until.as_deref())?;
    sheet.title(&mut flow, "ЗАЯВЛЕНИЕ", "о закрытии личного кабинета");
    flow.indented(
        &[
            t("Я, "),
            b(name.clone()),
            t(", прошу закрыть мой личный кабинет № "),
            b(account.clone()),
            t(" в информационной системе «Кабинет» и удалить мои персональные данные в установленный срок."),
        ],
        BODY,
    );
    flow.gap(4.0);
    flow.key_values(&[
        row("Номер заявления", request.clone()),
        row("Дата и время подачи", format::moment(submitted)),
        row("Фамилия, имя, отчество", name.clone()),
        row("ИНН", format::or_none(data.inn.as_deref(), "не указан")),
        row("Мобильный телефон", format::phone(&phone)),
        row("Электронная почта", format::or_none(data.email.as_deref(), "не указана")),
        row("Номер личного кабинета", account.clone()),
        row("Причина закрытия", reason_text(data.reason, data.reason_text.as_deref())),
        row(
            "Срок рассмотрения",
            format!("{} (до {deadline} включительно)", working_days(data.deadline_working_days)),
        ),
        row("Статус", "Ожидает закрытия"),
    ]);
    consequences(&mut flow, BODY);
    if let Some(until) = withdraw {
        flow.paragraph(
            &[
                t("Заявление можно отозвать до "),
                b(format::moment(until)),
                t(" в разделе «Закрыть профиль»."),
            ],
            BODY,
            Align::Left,
        );
    }
    flow.indented(
        &[t(format!(
            "Согласен(на) на удаление персональных данных. Заявление подписано простой электронной подписью: \
             паролем и одноразовым кодом, отправленным на номер {}, {}.",
            format::phone(&phone),
            format::moment(submitted)
        ))],
        BODY,
    );
    sheet.verification(&mut flow);
    Ok(Body {
        flow,
        subject: format!("Заявление № {request} о закрытии личного кабинета № {account}"),
        account_number: Some(account),
    })
}

/// The paper blank: known values printed, the rest lines to fill in, signature lines.
pub(super) fn blank(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &ClosureApplicationBlankInput,
) -> Result<Body, InputError> {
    let value = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_owned();
    sheet.title(&mut flow, "ЗАЯВЛЕНИЕ", "о закрытии личного кабинета (для подачи в центре обслуживания)");
    flow.indented(
        &[t(
            "Прошу закрыть мой личный кабинет в информационной системе «Кабинет» и удалить мои персональные \
             данные в установленный срок.",
        )],
        BODY,
    );
    flow.gap(4.0);
    flow.fill_line("Фамилия, имя, отчество", &value(&data.full_name));
    flow.fill_line("Номер личного кабинета", &value(&data.account_number));
    flow.fill_line("ИНН", &value(&data.inn));
    flow.fill_line(
        "Паспорт: серия и номер",
        &data.passport.as_deref().map(format::passport).unwrap_or_default(),
    );
    flow.fill_line("Мобильный телефон", &data.phone.as_deref().map(format::phone).unwrap_or_default());
    flow.fill_line("Электронная почта", &value(&data.email));
    flow.heading("Причина закрытия (отметьте одну)");
    let items: Vec<(String, bool)> = ClosureReason::ALL
        .iter()
        .map(|reason| (reason.label().to_owned(), data.reason == Some(*reason)))
        .collect();
    flow.checkboxes(&items);
    if matches!(data.reason, None | Some(ClosureReason::Other)) || !value(&data.reason_text).is_empty() {
        flow.fill_line("Пояснение (для «Иное»)", &value(&data.reason_text));
    }
    consequences(&mut flow, CELL);
    flow.paragraph(
        &[b("С последствиями закрытия ознакомлен(а). Согласен(на) на удаление персональных данных.")],
        CELL,
        Align::Left,
    );
    flow.signatures(&[Signature { role: "Заявитель".into(), name: String::new(), dated: true }]);
    flow.heading("Отметка центра обслуживания");
    flow.fill_line("Центр обслуживания", &value(&data.service_centre));
    flow.fill_line("Личность установлена по документу", "");
    flow.fill_line("Регистрационный номер заявления", "");
    flow.fill_line("Оператор (фамилия, инициалы)", "");
    flow.signatures(&[Signature {
        role: "Подпись оператора, дата приёма".into(),
        name: String::new(),
        dated: true,
    }]);
    sheet.verification(&mut flow);
    let account = data.account_number.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned);
    let subject = match &account {
        Some(account) => format!("Бланк заявления о закрытии личного кабинета № {account}"),
        None => "Бланк заявления о закрытии личного кабинета".to_owned(),
    };
    Ok(Body { flow, subject, account_number: account })
}

/// «Подтверждение закрытия личного кабинета».
pub(super) fn confirmation(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &ClosureConfirmationInput,
) -> Result<Body, InputError> {
    let name = required("ФИО", &data.full_name)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    let request = required("Номер заявления", &data.request_number)?;
    let submitted = moment("Дата подачи", &data.submitted_at)?;
    let closed = moment("Дата закрытия", &data.closed_at)?;
    let restore = date("Восстановление возможно до", &data.restore_until)?;
    let purge = date("Удаление персональных данных", &data.purge_on)?;
    sheet.title(&mut flow, "ПОДТВЕРЖДЕНИЕ", "закрытия личного кабинета");
    let mut rows =
        vec![row("Фамилия, имя, отчество", name.clone()), row("Номер личного кабинета", account.clone())];
    if let Some(snils) = data.snils.as_deref().filter(|s| !s.trim().is_empty()) {
        rows.push(row("СНИЛС", format::snils(snils)));
    }
    rows.extend([
        row("Номер заявления", request.clone()),
        row("Дата подачи заявления", format::moment(submitted)),
        row("Причина закрытия", reason_text(data.reason, data.reason_text.as_deref())),
        row("Статус", "Закрыт"),
        row("Дата и время закрытия", format::moment(closed)),
        row("Восстановление возможно до", format!("{restore} включительно")),
        row("Удаление персональных данных", purge.clone()),
    ]);
    flow.key_values(&rows);
    flow.indented(
        &[
            t(format!("Настоящим подтверждается, что на основании заявления № {request} от {} личный кабинет № ", format::date(submitted))),
            b(account.clone()),
            t(format!(
                " ({name}) закрыт {}. Сеансы входа и токены отозваны, подписки на уведомления отключены, вход в \
                 личный кабинет невозможен.",
                format::moment(closed)
            )),
        ],
        BODY,
    );
    flow.indented(
        &[
            t("До "),
            b(restore),
            t(
                " личный кабинет можно восстановить: паролем, кодом на телефон и номером паспорта. Персональные \
                 данные хранятся в зашифрованном виде и будут безвозвратно уничтожены ",
            ),
            b(purge),
            t("; после этого выдаётся сертификат об удалении персональных данных и можно зарегистрироваться заново."),
        ],
        BODY,
    );
    let processing = match data.processed_by.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(operator) => format!("Заявление рассмотрено и одобрено оператором: {operator}."),
        None => "Заявление исполнено автоматически по истечении 24 часов с момента подачи.".to_owned(),
    };
    flow.paragraph(&[t(processing)], SMALL, Align::Left);
    sheet.verification(&mut flow);
    Ok(Body {
        flow,
        subject: format!("Подтверждение закрытия личного кабинета № {account}"),
        account_number: Some(account),
    })
}

/// «Акт о закрытии личного кабинета»: a forced closure, with grounds and signatures of staff.
pub(super) fn act(mut flow: Flow, sheet: &Sheet<'_>, data: &ClosureActInput) -> Result<Body, InputError> {
    let name = required("ФИО", &data.full_name)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    let grounds = required("Обстоятельства", &data.grounds_text)?;
    let closed = moment("Дата закрытия", &data.closed_at)?;
    let basis_date = optional_date("Дата документа-основания", data.basis_date.as_deref())?;
    let restore = optional_date("Восстановление возможно до", data.restore_until.as_deref())?;
    let purge = date("Удаление персональных данных", &data.purge_on)?;
    let operator = data.operator.name.trim().to_owned();
    let supervisor = data.supervisor.name.trim().to_owned();
    sheet.title(&mut flow, "АКТ", "о закрытии личного кабинета");
    let mut rows = vec![
        row("Фамилия, имя, отчество", name.clone()),
        row("Номер личного кабинета", account.clone()),
        row("Основание", data.ground.label()),
    ];
    let basis = basis_line(data, basis_date.as_deref());
    if !basis.is_empty() {
        rows.push(row("Документ-основание", basis));
    }
    rows.extend([
        row("Дата и время закрытия", format::moment(closed)),
        row(
            "Восстановление",
            match (&restore, data.ground) {
                (_, ForcedGround::Death) | (None, _) => "не предусмотрено".to_owned(),
                (Some(until), _) => format!("по согласованию с оператором до {until} включительно"),
            },
        ),
        row("Удаление персональных данных", purge),
    ]);
    flow.key_values(&rows);
    flow.heading("Обстоятельства");
    flow.indented(&[t(grounds)], BODY);
    flow.indented(
        &[t(format!(
            "Личный кабинет № {account} закрыт {}. Сеансы входа отозваны, подписки на уведомления отключены. \
             Владелец кабинета (его представитель) уведомлён о закрытии с указанием причины и порядка \
             обжалования.",
            format::moment(closed)
        ))],
        BODY,
    );
    flow.indented(
        &[t("Решение может быть обжаловано в течение 30 дней со дня уведомления: в центре обслуживания, \
             руководителю оператора информационной системы «Кабинет» или в суд.")],
        BODY,
    );
    flow.gap(6.0);
    flow.signatures(&[
        Signature {
            role: format!("{} (исполнил)", data.operator.position.trim()),
            name: operator,
            dated: false,
        },
        Signature {
            role: format!("{} (утвердил)", data.supervisor.position.trim()),
            name: supervisor,
            dated: false,
        },
    ]);
    sheet.verification(&mut flow);
    Ok(Body {
        flow,
        subject: format!("Акт о закрытии личного кабинета № {account}"),
        account_number: Some(account),
    })
}

fn basis_line(data: &ClosureActInput, basis_date: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(authority) = data.authority.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        parts.push(authority.to_owned());
    }
    if let Some(number) = data.basis_number.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        parts.push(format!("№ {number}"));
    }
    if let Some(date) = basis_date {
        parts.push(format!("от {date}"));
    }
    parts.join(", ").replace(", от", " от")
}

/// What a purge destroys, when the caller does not list it.
const DESTROYED: [&str; 8] = [
    "фамилия, имя, отчество, дата рождения, пол",
    "мобильный телефон и адрес электронной почты",
    "паспортные данные, СНИЛС, ИНН, адрес",
    "сканы документов и выданные документы",
    "заявления, запросы и обращения в поддержку",
    "журнал входов, сеансы, настройки и история уведомлений",
    "пароли (хэши), второй фактор, резервные коды",
    "согласия и история изменений профиля",
];

/// «Сертификат об удалении персональных данных».
pub(super) fn deletion_certificate(
    mut flow: Flow,
    sheet: &Sheet<'_>,
    data: &DeletionCertificateInput,
) -> Result<Body, InputError> {
    let name = required("ФИО", &data.full_name)?;
    let account = required("Номер личного кабинета", &data.account_number)?;
    let closed = moment("Дата закрытия", &data.closed_at)?;
    let purged = moment("Дата уничтожения", &data.purged_at)?;
    sheet.title(&mut flow, "СЕРТИФИКАТ", "об удалении персональных данных");
    flow.indented(
        &[
            t("Настоящим удостоверяется, что персональные данные владельца личного кабинета № "),
            b(account.clone()),
            t(format!(" безвозвратно уничтожены {}.", format::moment(purged))),
        ],
        BODY,
    );
    flow.gap(4.0);
    flow.key_values(&[
        row("Владелец", name),
        row("Номер личного кабинета", account.clone()),
        row("Основание закрытия", data.basis.label()),
        row("Дата закрытия", format::moment(closed)),
        row("Дата уничтожения данных", format::moment(purged)),
        row(
            "Способ уничтожения",
            "удаление записей из зашифрованной базы данных с перезаписью освобождённых страниц; \
             ключ шифрования базы хранится только в системном хранилище ключей",
        ),
        row(
            "Что сохранено",
            "обезличенная запись: номер личного кабинета, даты, категория причины закрытия и ключевые \
             хэши идентификаторов, по которым данные восстановить невозможно",
        ),
    ]);
    flow.heading("Уничтоженные данные");
    let categories: Vec<String> = if data.data_categories.is_empty() {
        DESTROYED.iter().map(|c| (*c).to_owned()).collect()
    } else {
        data.data_categories.clone()
    };
    let rows: Vec<Vec<String>> = categories
        .iter()
        .enumerate()
        .map(|(i, category)| vec![(i + 1).to_string(), category.clone()])
        .collect();
    let columns = [
        Column { title: "№".into(), share: 0.07, align: Align::Right },
        Column { title: "Категория данных".into(), share: 0.93, align: Align::Left },
    ];
    flow.table(&columns, &rows);
    flow.paragraph(
        &[t(
            "С этого момента телефон, электронная почта и СНИЛС владельца свободны: он может зарегистрироваться \
             в системе заново.",
        )],
        CELL,
        Align::Left,
    );
    sheet.verification(&mut flow);
    Ok(Body {
        flow,
        subject: format!("Сертификат об удалении персональных данных, личный кабинет № {account}"),
        account_number: Some(account),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_agree_with_the_number() {
        assert_eq!(working_days(2), "2 рабочих дня");
        assert_eq!(working_days(5), "5 рабочих дней");
        assert_eq!(working_days(1), "1 рабочий день");
        assert_eq!(working_days(11), "11 рабочих дней");
        assert_eq!(working_days(22), "22 рабочих дня");
    }
}
