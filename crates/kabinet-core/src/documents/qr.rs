//! The verification QR code, drawn as vector rectangles: it stays sharp at any zoom or printer
//! resolution and costs a few hundred bytes instead of an image.
//!
//! Each horizontal run of dark modules is one filled rectangle, so a version-3 code is about a
//! hundred `re` operators. Error correction M survives a fold or a stain on a printed page.

use qrcode::{Color, EcLevel, QrCode};

/// What the code carries: the document number and the verification code, separated so that a
/// scanner app shows both and a program can split them.
pub fn payload(number: &str, verification_code: &str) -> String {
    format!("КАБИНЕТ-ДОКУМЕНТ\nНомер: {number}\nКод проверки: {verification_code}")
}

/// The dark runs of the code for `data` as rectangles `[x, y, width, height]` filling a square
/// of `size` points whose lower-left corner is at (`x`, `y`); `None` if the data is too long.
pub fn rectangles(data: &str, x: f32, y: f32, size: f32) -> Option<Vec<[f32; 4]>> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let modules = code.width();
    let colors = code.to_colors();
    let cell = size / modules as f32;
    let mut rects = Vec::new();
    for (row, line) in colors.chunks(modules).enumerate() {
        let top = y + size - row as f32 * cell;
        let mut column = 0;
        while column < modules {
            if line[column] != Color::Dark {
                column += 1;
                continue;
            }
            let start = column;
            while column < modules && line[column] == Color::Dark {
                column += 1;
            }
            rects.push([
                round(x + start as f32 * cell),
                round(top - cell),
                round((column - start) as f32 * cell),
                round(cell),
            ]);
        }
    }
    Some(rects)
}

fn round(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_stay_inside_the_square() {
        let rects =
            rectangles(&payload("ПЗК-2026-000001", "7K4M-Q2XD"), 10.0, 20.0, 80.0).unwrap_or_default();
        assert!(rects.len() > 50);
        for [x, y, w, h] in rects {
            assert!(x >= 10.0 && y >= 19.99 && x + w <= 90.01 && y + h <= 100.01);
        }
    }
}
