//! WCAG 2 contrast ratios of CSS colours, so the theme tests can hold its text to AA: the
//! palette in style.css (`theme_palette`) and the colours a browser computes
//! (`browser_theme`) go through the same arithmetic.

/// An sRGB colour, channels 0–255, alpha 0–1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub r: f64,
    pub g: f64,
    pub b: f64,
    pub a: f64,
}

/// Reads `#rgb`, `#rrggbb`, `rgb(r, g, b)`, `rgba(r, g, b, a)` and `rgb(r g b / a)`, the
/// forms style.css uses and `getComputedStyle` returns; anything else is `None`.
pub fn parse(text: &str) -> Option<Rgba> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
        let [r, g, b] = match digits.as_slice() {
            [r, g, b] => [r * 17, g * 17, b * 17],
            [r1, r2, g1, g2, b1, b2] => [r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2],
            _ => return None,
        };
        return Some(Rgba { r: r.into(), g: g.into(), b: b.into(), a: 1.0 });
    }
    let inner = text.strip_prefix("rgba(").or_else(|| text.strip_prefix("rgb("))?.strip_suffix(')')?;
    let parts: Vec<f64> =
        inner.split([',', ' ', '/']).filter(|p| !p.is_empty()).map(|p| p.parse::<f64>().ok()).collect::<Option<_>>()?;
    match parts.as_slice() {
        [r, g, b] => Some(Rgba { r: *r, g: *g, b: *b, a: 1.0 }),
        [r, g, b, a] => Some(Rgba { r: *r, g: *g, b: *b, a: *a }),
        _ => None,
    }
}

/// Relative luminance (WCAG 2.x).
pub fn luminance(c: Rgba) -> f64 {
    let channel = |v: f64| {
        let s = v / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// The contrast ratio of `fg` drawn on the opaque `bg` (a translucent `fg` is blended
/// onto `bg` first), from 1 to 21.
pub fn ratio(fg: Rgba, bg: Rgba) -> f64 {
    let blend = |f: f64, b: f64| f * fg.a + b * (1.0 - fg.a);
    let fg = Rgba { r: blend(fg.r, bg.r), g: blend(fg.g, bg.g), b: blend(fg.b, bg.b), a: 1.0 };
    let (a, b) = (luminance(fg), luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// [`ratio`] of two CSS colour texts; panics naming the one it cannot read (test code).
pub fn ratio_of(fg: &str, bg: &str) -> f64 {
    let read = |c: &str| parse(c).unwrap_or_else(|| panic!("not a colour this test reads: {c:?}"));
    ratio(read(fg), read(bg))
}
