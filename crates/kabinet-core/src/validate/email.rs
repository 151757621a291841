//! E-mail addresses, internationalised domains included (имя@почта.рф), kept in Unicode for
//! display and in punycode for sending.
//!
//! - At most 254 characters in all (also in the punycode form), no whitespace, exactly one @.
//! - Local part: at most 64 characters, a dot-atom of letters (any script), digits,
//!   `` !#$%&'*+/=?^_`{|}~- `` and dots — no dot first, last or next to another; kept as typed.
//! - Domain: dot-separated labels of letters (any script), digits and inner hyphens, at least
//!   two labels, the last one (TLD) two or more letters; lower-cased; a label typed in punycode
//!   (xn--…) is shown decoded. Each punycode label is at most 63 characters, the whole domain
//!   at most 253 (DNS limits).

use super::{Checked, Invalid, required};

const MAX_ADDRESS: usize = 254;
const MAX_LOCAL: usize = 64;
const MAX_LABEL: usize = 63;
const MAX_DOMAIN: usize = 253;
const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-";

/// A checked e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email {
    /// `local@domain` with the domain lower-cased in Unicode, for display and uniqueness.
    pub address: String,
    /// The same address with the domain in punycode, for sending.
    pub ascii: String,
}

/// Checks an e-mail address.
pub fn email(input: &str) -> Checked<Email> {
    let text = required(input)?;
    if text.chars().count() > MAX_ADDRESS {
        return Err(Invalid::EmailTooLong);
    }
    if text.chars().any(char::is_whitespace) {
        return Err(Invalid::EmailWhitespace);
    }
    let Some((local, domain)) = text.split_once('@').filter(|(_, d)| !d.contains('@')) else {
        return Err(Invalid::EmailAt);
    };
    check_local(local)?;
    let (unicode, ascii) = check_domain(domain)?;
    let ascii = format!("{local}@{ascii}");
    if ascii.chars().count() > MAX_ADDRESS {
        return Err(Invalid::EmailTooLong);
    }
    Ok(Email { address: format!("{local}@{unicode}"), ascii })
}

fn check_local(local: &str) -> Checked<()> {
    if local.chars().count() > MAX_LOCAL {
        return Err(Invalid::EmailLocalTooLong);
    }
    let allowed = |c: char| c.is_alphabetic() || c.is_ascii_digit() || c == '.' || LOCAL_SPECIALS.contains(c);
    let dots_fine = !local.starts_with('.') && !local.ends_with('.') && !local.contains("..");
    if !local.is_empty() && dots_fine && local.chars().all(allowed) {
        Ok(())
    } else {
        Err(Invalid::EmailLocal)
    }
}

/// The domain in Unicode and in punycode.
fn check_domain(domain: &str) -> Checked<(String, String)> {
    let unicode = decoded(&domain.to_lowercase())?;
    let labels: Vec<&str> = unicode.split('.').collect();
    if labels.len() < 2 || !labels.iter().all(|label| is_label(label)) {
        return Err(Invalid::EmailDomain);
    }
    if !labels.last().is_some_and(|tld| is_tld(tld)) {
        return Err(Invalid::EmailTld);
    }
    let ascii = idna::domain_to_ascii(&unicode).map_err(|_| Invalid::EmailDomain)?;
    if ascii.len() > MAX_DOMAIN || ascii.split('.').any(|label| label.len() > MAX_LABEL) {
        return Err(Invalid::EmailDomain);
    }
    let (canonical, result) = idna::domain_to_unicode(&ascii);
    result.map_err(|_| Invalid::EmailDomain)?;
    Ok((canonical, ascii))
}

/// The domain with any punycode label decoded.
fn decoded(domain: &str) -> Checked<String> {
    if !domain.split('.').any(|label| label.starts_with("xn--")) {
        return Ok(domain.to_owned());
    }
    let (unicode, result) = idna::domain_to_unicode(domain);
    result.map(|()| unicode).map_err(|_| Invalid::EmailDomain)
}

fn is_label(label: &str) -> bool {
    !label.is_empty()
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphabetic() || c.is_ascii_digit() || c == '-')
}

fn is_tld(label: &str) -> bool {
    label.chars().count() >= 2 && label.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(address: &str, ascii: &str) -> Checked<Email> {
        Ok(Email { address: address.to_owned(), ascii: ascii.to_owned() })
    }

    #[test]
    fn accepts_plain_addresses() {
        assert_eq!(
            email(" Ivan.Petrov+kabinet@Mail.RU "),
            ok("Ivan.Petrov+kabinet@mail.ru", "Ivan.Petrov+kabinet@mail.ru")
        );
        assert_eq!(
            email("a!#$%&'*+/=?^_`{|}~-z@sub-domain.example.com"),
            ok(
                "a!#$%&'*+/=?^_`{|}~-z@sub-domain.example.com",
                "a!#$%&'*+/=?^_`{|}~-z@sub-domain.example.com"
            )
        );
        assert_eq!(email("x@1c.ru"), ok("x@1c.ru", "x@1c.ru"));
    }

    #[test]
    fn accepts_internationalised_addresses() {
        assert_eq!(email("имя@почта.рф"), ok("имя@почта.рф", "имя@xn--80a1acny.xn--p1ai"));
        assert_eq!(email("ivan@ПОЧТА.РФ"), ok("ivan@почта.рф", "ivan@xn--80a1acny.xn--p1ai"));
        assert_eq!(email("ivan@xn--80a1acny.xn--p1ai"), ok("ivan@почта.рф", "ivan@xn--80a1acny.xn--p1ai"));
    }

    #[test]
    fn length_limits() {
        let local = "a".repeat(64);
        let domain = format!("{}.{}.{}.ru", "b".repeat(63), "c".repeat(63), "d".repeat(58));
        let longest = format!("{local}@{domain}");
        assert_eq!(longest.len(), 254);
        assert_eq!(email(&longest).map(|e| e.address), Ok(longest.clone()));
        assert_eq!(email(&format!("{longest}u")), Err(Invalid::EmailTooLong));
        assert_eq!(email(&format!("{}@mail.ru", "a".repeat(65))), Err(Invalid::EmailLocalTooLong));
        assert_eq!(email(&format!("a@{}.ru", "b".repeat(64))), Err(Invalid::EmailDomain));
    }

    #[test]
    fn punycode_label_is_limited_to_63() {
        let label = "почта".repeat(12);
        assert!(idna::domain_to_ascii(&label).map(|a| a.len()).unwrap_or_default() > 63);
        assert_eq!(email(&format!("ivan@{label}.рф")), Err(Invalid::EmailDomain));
    }

    #[test]
    fn punycode_address_is_limited_to_254() {
        let label = "почта".repeat(6);
        let domain = [label.as_str(); 5].join(".") + ".рф";
        let ascii_domain = idna::domain_to_ascii(&domain).unwrap_or_default();
        let address = format!("{}@{domain}", "a".repeat(64));
        assert!(address.chars().count() <= 254);
        assert!(ascii_domain.len() <= 253 && ascii_domain.len() + 65 > 254, "{}", ascii_domain.len());
        assert_eq!(email(&address), Err(Invalid::EmailTooLong));
        let long_domain = [label.as_str(); 7].join(".") + ".рф";
        assert!(idna::domain_to_ascii(&long_domain).unwrap_or_default().len() > 253);
        assert_eq!(email(&format!("ivan@{long_domain}")), Err(Invalid::EmailDomain));
    }

    #[test]
    fn refusals() {
        assert_eq!(email("  "), Err(Invalid::Required));
        assert_eq!(email("ivan petrov@mail.ru"), Err(Invalid::EmailWhitespace));
        assert_eq!(email("ivan@mail.\u{a0}ru"), Err(Invalid::EmailWhitespace));
        for text in ["ivan.mail.ru", "ivan@@mail.ru", "ivan@petrov@mail.ru"] {
            assert_eq!(email(text), Err(Invalid::EmailAt), "{text}");
        }
        for text in [
            "@mail.ru",
            ".ivan@mail.ru",
            "ivan.@mail.ru",
            "iv..an@mail.ru",
            "iv(an)@mail.ru",
            "\"ivan\"@mail.ru",
            "iv,an@mail.ru",
        ] {
            assert_eq!(email(text), Err(Invalid::EmailLocal), "{text}");
        }
        for text in [
            "ivan@",
            "ivan@mail",
            "ivan@.ru",
            "ivan@mail..ru",
            "ivan@mail.ru.",
            "ivan@-mail.ru",
            "ivan@mail-.ru",
            "ivan@ma_il.ru",
            "ivan@[127.0.0.1]",
            "ivan@xn--zz.ru",
        ] {
            assert_eq!(email(text), Err(Invalid::EmailDomain), "{text}");
        }
        for text in ["ivan@mail.r", "ivan@mail.r2", "ivan@mail.123", "ivan@почта.ф"] {
            assert_eq!(email(text), Err(Invalid::EmailTld), "{text}");
        }
    }
}
