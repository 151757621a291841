//! The Latin forms a Russian name takes inside a password: romanised (the ICAO Doc 9303 scheme
//! of Russian passports, and the everyday scheme people type: Й→y, Х→h, Ю→yu, Я→ya, Ё→yo,
//! Щ→sch) and typed with the keyboard left on the Latin layout (ЙЦУКЕН on QWERTY: Иванов → bdfyjd).
//! All forms are lower case.

/// ICAO Doc 9303 romanisation, as in Russian passports since 2014.
pub(super) fn icao(word: &str) -> String {
    romanise(word, |c| match c {
        'ё' => Some("e"),
        'й' => Some("i"),
        'х' => Some("kh"),
        'ъ' => Some("ie"),
        'ю' => Some("iu"),
        'я' => Some("ia"),
        _ => common(c),
    })
}

/// The romanisation most people type by hand.
pub(super) fn everyday(word: &str) -> String {
    romanise(word, |c| match c {
        'ё' => Some("yo"),
        'й' => Some("y"),
        'х' => Some("h"),
        'ъ' => Some(""),
        'ю' => Some("yu"),
        'я' => Some("ya"),
        'щ' => Some("sch"),
        _ => common(c),
    })
}

/// The same keys pressed with the Latin (QWERTY) layout active.
pub(super) fn latin_layout(word: &str) -> String {
    const CYRILLIC: &str = "йцукенгшщзхъфывапролджэячсмитьбюё";
    const LATIN: &str = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
    word.to_lowercase()
        .chars()
        .map(|c| CYRILLIC.chars().position(|k| k == c).and_then(|i| LATIN.chars().nth(i)).unwrap_or(c))
        .collect()
}

fn romanise(word: &str, scheme: impl Fn(char) -> Option<&'static str>) -> String {
    word.to_lowercase().chars().map(|c| scheme(c).map_or_else(|| c.to_string(), str::to_owned)).collect()
}

/// Letters both schemes romanise alike.
fn common(c: char) -> Option<&'static str> {
    let latin = match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ь' => "",
        _ => return None,
    };
    Some(latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_as_in_passports() {
        assert_eq!(icao("Иванов"), "ivanov");
        assert_eq!(icao("Юлия"), "iuliia");
        assert_eq!(icao("Щукин"), "shchukin");
        assert_eq!(icao("Хрущёв"), "khrushchev");
        assert_eq!(icao("Подъячев"), "podieiachev");
        assert_eq!(icao("Игорь"), "igor");
        assert_eq!(icao("Цой"), "tsoi");
        assert_eq!(icao("Эльвира"), "elvira");
        assert_eq!(icao("Жуков"), "zhukov");
        assert_eq!(icao("Чайковский"), "chaikovskii");
    }

    #[test]
    fn everyday_spellings() {
        assert_eq!(everyday("Юлия"), "yuliya");
        assert_eq!(everyday("Михаил"), "mihail");
        assert_eq!(everyday("Дмитрий"), "dmitriy");
        assert_eq!(everyday("Пётр"), "pyotr");
        assert_eq!(everyday("Щукин"), "schukin");
    }

    #[test]
    fn keyboard_layout() {
        assert_eq!(latin_layout("Иванов"), "bdfyjd");
        assert_eq!(latin_layout("пароль"), "gfhjkm");
        assert_eq!(latin_layout("Жэхъ-бюё"), ";'[]-,.`");
    }
}
