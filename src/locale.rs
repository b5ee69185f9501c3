//! Readers' text in the site's `language`, from CLDR data through ICU4X: country names and
//! salaries ("£32,000–£38,000 a year", "32 000 € – 38 000 € par an"). Machine values (ISO
//! codes, amounts) stay as they are in JSON-LD and feeds; only what people read changes.

use crate::jobs::{Salary, SalaryUnit};
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::displaynames::multi::RegionDisplayNames;
use icu_locale_core::subtags::Region;
use icu_locale_core::Locale;
use std::collections::HashMap;

/// Formatters for one language, built once per build.
pub struct Readable {
    locale: Locale,
    regions: Option<RegionDisplayNames>,
    /// For languages CLDR names no countries in: its root data has none either.
    english_regions: Option<RegionDisplayNames>,
    decimals: Option<DecimalFormatter>,
    currencies: HashMap<String, Option<CurrencyFormatter<DecimalFormatter>>>,
}

impl Readable {
    /// For a BCP 47 tag such as `en-GB` or `fr` (`en_GB` too). A tag ICU cannot read is
    /// read as English; a language CLDR has no data for falls back along CLDR's own chain
    /// to its root data (`£ 32,000`), with English country names.
    pub fn new(language: &str) -> Readable {
        let locale: Locale = language.replace('_', "-").parse().unwrap_or(icu_locale_core::locale!("en"));
        let regions = RegionDisplayNames::try_new(locale.clone().into(), Default::default()).ok();
        let english = icu_locale_core::locale!("en");
        let english_regions = RegionDisplayNames::try_new(english.into(), Default::default()).ok();
        let decimals = DecimalFormatter::try_new(locale.clone().into(), Default::default()).ok();
        Readable { locale, regions, english_regions, decimals, currencies: HashMap::new() }
    }

    /// "United Kingdom" for `GB` in English, "Royaume-Uni" in French; the code itself for
    /// one CLDR does not name.
    pub fn country(&self, code: &str) -> String {
        let region = Region::try_from_str(code).ok();
        let name = region
            .and_then(|r| [&self.regions, &self.english_regions].into_iter().find_map(|names| names.as_ref()?.of(r)));
        name.map_or_else(|| code.to_string(), str::to_string)
    }

    /// The salary as readers say it: a range (or one amount) in the currency's local form,
    /// whole amounts without a fraction, and the period ("a year", "par an").
    pub fn salary(&mut self, s: &Salary) -> String {
        let low = self.money(&s.currency, s.min);
        let amount = if s.max == s.min {
            low
        } else {
            let high = self.money(&s.currency, s.max);
            // CLDR's range rule: when either side holds a space, so does the dash.
            let dash =
                if low.contains(char::is_whitespace) || high.contains(char::is_whitespace) { " – " } else { "–" };
            format!("{low}{dash}{high}")
        };
        format!("{amount} {}", per_period(self.locale.id.language.as_str(), s.unit))
    }

    /// One amount with its currency sign where the language puts it.
    fn money(&mut self, currency: &str, amount: f64) -> String {
        let Ok(value) = amount.to_string().parse::<Decimal>() else { return format!("{currency} {amount}") };
        let locale = &self.locale;
        let formatter = self.currencies.entry(currency.to_string()).or_insert_with(|| {
            let code = CurrencyType::try_from_str(currency).ok()?;
            CurrencyFormatter::try_new_symbol(locale.clone().into(), code, Default::default()).ok()
        });
        let Some(formatter) = formatter else { return format!("{currency} {amount}") };
        let text = formatter.format_fixed_decimal(&value).to_string();
        if amount.fract() != 0.0 {
            return text;
        }
        // A whole amount is padded to the currency's minor unit ("£32,000.00"); salaries
        // are written whole. The padded figure is found as the language writes it, so any
        // separators and digits work.
        let Some(decimals) = &self.decimals else { return text };
        let whole = decimals.format(&value).to_string();
        for digits in (1..=3).rev() {
            let mut padded = value.clone();
            padded.absolute.pad_end(-digits);
            let padded = decimals.format(&padded).to_string();
            if text.contains(&padded) {
                return text.replacen(&padded, &whole, 1);
            }
        }
        text
    }
}

/// "a year", "par an": CLDR has unit names but not this everyday phrase, so it is wording,
/// kept here for the languages careerpress has it in; others read English.
fn per_period(language: &str, unit: SalaryUnit) -> &'static str {
    let words: [&str; 5] = match language {
        "fr" => ["de l’heure", "par jour", "par semaine", "par mois", "par an"],
        "de" => ["pro Stunde", "pro Tag", "pro Woche", "pro Monat", "pro Jahr"],
        "es" => ["por hora", "al día", "a la semana", "al mes", "al año"],
        "it" => ["all’ora", "al giorno", "a settimana", "al mese", "all’anno"],
        "nl" => ["per uur", "per dag", "per week", "per maand", "per jaar"],
        "pt" => ["por hora", "por dia", "por semana", "por mês", "por ano"],
        _ => ["an hour", "a day", "a week", "a month", "a year"],
    };
    words[match unit {
        SalaryUnit::Hour => 0,
        SalaryUnit::Day => 1,
        SalaryUnit::Week => 2,
        SalaryUnit::Month => 3,
        SalaryUnit::Year => 4,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary(min: f64, max: f64, currency: &str, unit: SalaryUnit) -> Salary {
        Salary { min, max, currency: currency.into(), unit }
    }

    /// Spaces as CLDR writes them (no-break and narrow no-break) made plain, for reading.
    fn plain(text: String) -> String {
        text.replace(['\u{a0}', '\u{202f}'], " ")
    }

    #[test]
    fn salaries_read_as_the_language_writes_them() {
        let mut gb = Readable::new("en-GB");
        assert_eq!(gb.salary(&salary(32000.0, 38000.0, "GBP", SalaryUnit::Year)), "£32,000–£38,000 a year");
        let mut us = Readable::new("en-US");
        assert_eq!(us.salary(&salary(25.0, 30.0, "USD", SalaryUnit::Hour)), "$25–$30 an hour");
        assert_eq!(us.salary(&salary(25.5, 30.0, "USD", SalaryUnit::Hour)), "$25.50–$30 an hour");
        assert_eq!(us.salary(&salary(60000.0, 60000.0, "USD", SalaryUnit::Year)), "$60,000 a year");
        let mut fr = Readable::new("fr");
        assert_eq!(plain(fr.salary(&salary(32000.0, 38000.0, "EUR", SalaryUnit::Year))), "32 000 € – 38 000 € par an");
        let mut de = Readable::new("de");
        assert_eq!(plain(de.salary(&salary(3200.0, 3800.0, "EUR", SalaryUnit::Month))), "3.200 € – 3.800 € pro Monat");
        // A currency of three minor digits, one of none, and one CLDR has no sign for.
        assert_eq!(plain(gb.salary(&salary(900.0, 900.0, "KWD", SalaryUnit::Month))), "KWD 900 a month");
        assert_eq!(
            gb.salary(&salary(5000000.0, 6000000.0, "JPY", SalaryUnit::Year)),
            "JP¥5,000,000–JP¥6,000,000 a year"
        );
    }

    #[test]
    fn countries_are_named_in_the_language() {
        assert_eq!(Readable::new("en-GB").country("GB"), "United Kingdom");
        assert_eq!(Readable::new("fr").country("GB"), "Royaume-Uni");
        assert_eq!(Readable::new("fr").country("US"), "États-Unis");
        assert_eq!(Readable::new("de").country("FR"), "Frankreich");
        // Not a country CLDR names: the code, as written.
        assert_eq!(Readable::new("en").country("XX"), "XX");
        // A tag written with an underscore, and one no one can read.
        assert_eq!(Readable::new("en_US").country("DE"), "Germany");
        assert_eq!(Readable::new("not a tag!").country("DE"), "Germany");
        assert_eq!(Readable::new("xx-YY").country("DE"), "Germany");
    }
}
