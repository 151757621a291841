//! `kabinet-cli check` against an independent implementation of the СНИЛС and ИНН checksums on
//! thousands of generated numbers, valid and corrupted, in one invocation per kind.

use std::process::Command;

use serde_json::Value;

struct Lcg(u64);

impl Lcg {
    fn digit(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % 10) as u32
    }
    fn digits(&mut self, n: usize) -> Vec<u32> {
        (0..n).map(|_| self.digit()).collect()
    }
}

fn snils_control(body: &[u32]) -> u32 {
    let sum: u32 = body.iter().enumerate().map(|(i, d)| d * (9 - i as u32)).sum();
    match sum {
        s if s < 100 => s,
        100 | 101 => 0,
        s => (s % 101) % 100,
    }
}

fn snils_oracle(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 11 {
        return false;
    }
    let number: u32 = digits[..9].iter().fold(0, |n, d| n * 10 + d);
    number <= 1_001_998 || snils_control(&digits[..9]) == digits[9] * 10 + digits[10]
}

fn inn_digit(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11 % 10
}

const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

fn inn_oracle(digits: &[u32]) -> bool {
    digits.len() == 12
        && inn_digit(&digits[..10], &W11) == digits[10]
        && inn_digit(&digits[..11], &W12) == digits[11]
}

fn to_text(digits: &[u32]) -> String {
    digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect()
}

fn run_check(kind: &str, values: &[String]) -> Vec<Value> {
    let output =
        Command::new(env!("CARGO_BIN_EXE_kabinet-cli")).arg("check").arg(kind).args(values).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

fn generated_snils(rng: &mut Lcg, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let mut body = rng.digits(9);
            if i % 50 == 0 {
                body[..5].copy_from_slice(&[0, 0, 1, 0, 0]);
            }
            let control = snils_control(&body);
            let mut digits = [body, vec![control / 10, control % 10]].concat();
            if i % 3 == 1 {
                let at = rng.digit() as usize;
                digits[at] = (digits[at] + 1 + rng.digit() % 9) % 10;
            }
            let text = to_text(&digits);
            if i % 2 == 0 {
                format!("{}-{}-{} {}", &text[..3], &text[3..6], &text[6..9], &text[9..])
            } else {
                text
            }
        })
        .collect()
}

fn generated_inn(rng: &mut Lcg, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let mut digits = rng.digits(10);
            digits.push(inn_digit(&digits, &W11));
            digits.push(inn_digit(&digits, &W12));
            if i % 3 == 1 {
                let at = (rng.digit() as usize + rng.digit() as usize) % 12;
                digits[at] = (digits[at] + 1 + rng.digit() % 9) % 10;
            }
            to_text(&digits)
        })
        .collect()
}

#[test]
fn check_agrees_with_an_independent_snils_checksum() {
    let values = generated_snils(&mut Lcg(2026), 3000);
    let results = run_check("snils", &values);
    assert_eq!(results.len(), values.len());
    let mut rejected = 0;
    for (value, result) in values.iter().zip(&results) {
        assert_eq!(result["value"], value.as_str());
        assert_eq!(result["ok"].as_bool().unwrap(), snils_oracle(value), "{value}: {result}");
        if !snils_oracle(value) {
            rejected += 1;
            assert_eq!(result["code"], "checksum", "{value}");
            assert!(result["message"].as_str().is_some_and(|m| !m.is_empty()));
        } else {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(result["normalized"], digits.as_str());
        }
    }
    assert!(rejected > 500, "the corrupted numbers were generated");
}

#[test]
fn check_agrees_with_an_independent_inn_checksum() {
    let values = generated_inn(&mut Lcg(7), 3000);
    let results = run_check("inn", &values);
    assert_eq!(results.len(), values.len());
    for (value, result) in values.iter().zip(&results) {
        let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
        assert_eq!(result["ok"].as_bool().unwrap(), inn_oracle(&digits), "{value}: {result}");
    }
    let organisation = run_check("inn", &["7707083893".to_owned()]);
    assert_eq!(organisation[0]["code"], "inn_organization");
}

#[test]
fn check_prints_one_object_per_value_in_order_for_every_kind() {
    let cases = [
        ("phone", "+7 (912) 345-67-89", Some("+79123456789")),
        ("phone", "+7 (495) 123-45-67", None),
        ("passport", "45 08 123456", Some("4508123456")),
        ("division-code", "123456", Some("123-456")),
        ("email", "имя@почта.рф", Some("имя@почта.рф")),
        ("name", "Ёлкина-Соколова", Some("Ёлкина-Соколова")),
        ("name", "Ivanov", None),
        ("birth-date", "05.03.1990", Some("1990-03-05")),
        ("birth-date", "31.02.1990", None),
        ("password", "Zq8#mW2!rLp", None),
        ("password", "password", None),
    ];
    for (kind, value, normalized) in cases {
        let result = &run_check(kind, &[value.to_owned()])[0];
        let expected_ok = normalized.is_some() || (kind == "password" && value != "password");
        assert_eq!(result["ok"].as_bool().unwrap(), expected_ok, "{kind} {value}: {result}");
        if let Some(normalized) = normalized {
            assert_eq!(result["normalized"], normalized, "{kind} {value}");
        }
    }
}
