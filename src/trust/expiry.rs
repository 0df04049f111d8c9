//! Parsing the expiry a person types: a strict RFC 3339 time or a span
//! counted from now, such as `+90d`.
//!
//! The result is always a UTC instant in whole seconds. Hydra stores whole
//! seconds and rounds a fraction to the nearest one, so trustui truncates the
//! fraction itself and reports it with a notice. The instant shown in the form is exactly the
//! instant stored, and `23:59:59.9` never becomes the next day.

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Span, Timestamp};

use super::quote::shown;

/// A parsed expiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiry {
    /// The instant to send, in whole seconds.
    pub at: Timestamp,
    /// True when a fraction of a second was typed and dropped.
    pub fraction_dropped: bool,
}

/// How to write an expiry, for messages.
pub const EXAMPLES: &str = "such as 2027-12-31T23:59:59Z or +90d";

/// Parses `text` as an RFC 3339 time with an offset (lowercase `t` and `z`
/// and a space for `T` accepted) or as `+N` followed by `m` (minutes), `h`,
/// `d`, `w` or `y` (calendar years in UTC) from `now`. The error is a
/// sentence naming the value, what is wrong and how to write it.
pub fn parse(text: &str, now: Timestamp) -> Result<Expiry, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("Expiry is required: enter a time {EXAMPLES}"));
    }

    match text.as_bytes()[0] {
        b'+' => parse_span(text, now),
        b'-' => Err(format!(
            "Expiry `{}` counts backward: a span counts forward from now, {EXAMPLES}",
            shown(text)
        )),
        _ => parse_rfc3339(text),
    }
}

fn parse_span(text: &str, now: Timestamp) -> Result<Expiry, String> {
    let body = &text[1..];
    let digits_end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, unit) = body.split_at(digits_end);
    let unit = unit.trim_start();

    if digits.is_empty() {
        return Err(format!(
            "Expiry `{}` is not a span: write + and a number with a unit, {EXAMPLES}",
            shown(text)
        ));
    }
    if unit.is_empty() {
        return Err(format!(
            "Expiry `{}` needs a unit: m (minutes), h (hours), d (days), w (weeks) or y (years), \
             such as +{digits}d",
            shown(text)
        ));
    }

    let beyond = || format!("Expiry `{}` lies beyond year 9999", shown(text));
    let amount: i64 = digits.parse().map_err(|_| beyond())?;

    let start = now.to_zoned(TimeZone::UTC);
    let end = match unit {
        "m" => start.checked_add(SignedDuration::from_mins(amount.min(i64::MAX / 60))),
        "h" => start.checked_add(SignedDuration::from_hours(amount.min(i64::MAX / 3_600))),
        "d" => days_later(&start, amount),
        "w" => days_later(&start, amount.saturating_mul(7)),
        "y" => match i16::try_from(amount) {
            Ok(years) => Span::new()
                .try_years(years)
                .and_then(|span| start.checked_add(span)),
            Err(_) => return Err(beyond()),
        },
        "M" => {
            return Err(format!(
                "Expiry `{}` uses `M`, but spans have no months: use m for minutes, \
                 or days such as +90d",
                shown(text)
            ));
        }
        other => {
            return Err(format!(
                "Expiry `{}` has the unknown unit `{}`: use m (minutes), h (hours), d (days), \
                 w (weeks) or y (years)",
                shown(text),
                shown(other)
            ));
        }
    };
    let end = end.map_err(|_| beyond())?;

    Ok(Expiry {
        at: whole_seconds(end.timestamp()),
        fraction_dropped: false,
    })
}

/// Adds `days` as fixed 24-hour days, which is exact because UTC has no
/// daylight saving changes.
fn days_later(start: &jiff::Zoned, days: i64) -> Result<jiff::Zoned, jiff::Error> {
    start.checked_add(SignedDuration::from_hours(days.min(i64::MAX / 86_400) * 24))
}

fn parse_rfc3339(text: &str) -> Result<Expiry, String> {
    let mut cursor = Cursor {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let fail = |reason: String| format!("Expiry `{}` {reason}", shown(text));

    let year_digits = cursor.digits();
    if year_digits.len() > 4 {
        return Err(fail(format!(
            "has the year {}, beyond 9999: RFC 3339 years have four digits",
            shown(year_digits)
        )));
    }
    if year_digits.len() < 4 {
        return Err(fail(format!(
            "is not an RFC 3339 time or a span: write a date and time {EXAMPLES}"
        )));
    }
    let year: i16 = year_digits.parse().unwrap_or_default();

    if !cursor.eat(b'-') {
        return Err(fail(format!(
            "is not an RFC 3339 time: write the date as YYYY-MM-DD, {EXAMPLES}"
        )));
    }
    let month = cursor
        .two_digits()
        .ok_or_else(|| fail("needs a two-digit month, such as 2027-03-01T00:00:00Z".into()))?;
    if !(1..=12).contains(&month) {
        return Err(fail(format!(
            "has month {month:02}, which does not exist: months run from 01 to 12"
        )));
    }

    if !cursor.eat(b'-') {
        return Err(fail(format!(
            "is not an RFC 3339 time: write the date as YYYY-MM-DD, {EXAMPLES}"
        )));
    }
    let day = cursor
        .two_digits()
        .ok_or_else(|| fail("needs a two-digit day, such as 2027-03-01T00:00:00Z".into()))?;
    let last_day = days_in_month(year, month);
    if day == 0 || day > last_day {
        return Err(fail(format!(
            "has day {day:02}, but {} {year:04} has {last_day} days",
            MONTH_NAMES[usize::from(month - 1)]
        )));
    }

    if cursor.done() {
        return Err(fail(format!(
            "has no time of day: add one, such as {year:04}-{month:02}-{day:02}T23:59:59Z, \
             or use a span such as +90d"
        )));
    }
    if !(cursor.eat(b'T') || cursor.eat(b't') || cursor.eat(b' ')) {
        return Err(fail(
            "needs `T` between the date and the time, such as 2027-12-31T23:59:59Z".into(),
        ));
    }

    let hour = cursor
        .two_digits()
        .ok_or_else(|| fail("needs a two-digit hour after `T`, such as T09:30:00Z".into()))?;
    if !cursor.eat(b':') {
        return Err(fail(
            "needs the time as HH:MM:SS, such as T09:30:00Z".into(),
        ));
    }
    let minute = cursor
        .two_digits()
        .ok_or_else(|| fail("needs two-digit minutes, such as T09:30:00Z".into()))?;
    if !cursor.eat(b':') {
        return Err(fail(format!(
            "has no seconds: RFC 3339 needs hours, minutes and seconds, such as {hour:02}:{minute:02}:00"
        )));
    }
    let second = cursor
        .two_digits()
        .ok_or_else(|| fail("needs two-digit seconds, such as T09:30:00Z".into()))?;

    if hour > 23 {
        return Err(fail(format!(
            "has hour {hour:02}, which does not exist: hours run from 00 to 23 \
             (midnight is 00:00:00 of the next day)"
        )));
    }
    if minute > 59 {
        return Err(fail(format!(
            "has minute {minute:02}, which does not exist: minutes run from 00 to 59"
        )));
    }
    if second == 60 {
        return Err(fail(
            "has second 60, a leap second, which Hydra does not accept: use 59".into(),
        ));
    }
    if second > 59 {
        return Err(fail(format!(
            "has second {second:02}, which does not exist: seconds run from 00 to 59"
        )));
    }

    let mut fraction_dropped = false;
    if cursor.eat(b'.') {
        let fraction = cursor.digits();
        if fraction.is_empty() {
            return Err(fail(
                "needs digits after the decimal point of the seconds".into(),
            ));
        }
        fraction_dropped = fraction.bytes().any(|digit| digit != b'0');
    }

    let offset_seconds = parse_offset(&mut cursor).map_err(fail)?;

    let civil = DateTime::new(
        year,
        month as i8,
        day as i8,
        hour as i8,
        minute as i8,
        second as i8,
        0,
    )
    .map_err(|_| fail("is not a valid date and time".into()))?;
    let at = Offset::from_seconds(offset_seconds)
        .and_then(|offset| offset.to_timestamp(civil))
        .map_err(|_| {
            let latest = whole_seconds(Timestamp::MAX);
            fail(format!(
                "lies beyond {latest}, the latest time trustui can send"
            ))
        })?;

    if at.as_second() == GO_ZERO_TIME_SECONDS {
        return Err(fail(
            "is Go's zero time, which Hydra reads as a missing expires_at: pick a real expiry"
                .into(),
        ));
    }

    Ok(Expiry {
        at,
        fraction_dropped,
    })
}

/// 0001-01-01T00:00:00Z, the zero `time.Time` that Hydra's validator treats
/// as "not set".
const GO_ZERO_TIME_SECONDS: i64 = -62_135_596_800;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses `Z`, `z` or `±HH:MM` at the end of the text, into seconds east of
/// UTC.
fn parse_offset(cursor: &mut Cursor<'_>) -> Result<i32, String> {
    if cursor.done() {
        return Err("has no UTC offset: add Z for UTC or an offset such as +02:00".to_string());
    }

    let sign = if cursor.eat(b'Z') || cursor.eat(b'z') {
        0
    } else if cursor.eat(b'+') {
        1
    } else if cursor.eat(b'-') {
        -1
    } else {
        return Err(format!(
            "has `{}` where the UTC offset belongs: end with Z or an offset such as +02:00",
            shown(cursor.rest())
        ));
    };

    if sign != 0 {
        let hours = cursor.two_digits();
        let colon = cursor.eat(b':');
        let minutes = cursor.two_digits();
        let (Some(hours), true, Some(minutes)) = (hours, colon, minutes) else {
            return Err("has an offset that is not ±HH:MM, such as +02:00 or -05:30".to_string());
        };
        if hours > 23 || minutes > 59 {
            return Err(format!(
                "has the offset {hours:02}:{minutes:02}, out of range: offsets run up to ±23:59"
            ));
        }
        if !cursor.done() {
            return Err(format!(
                "has extra text `{}` after the offset",
                shown(cursor.rest())
            ));
        }
        return Ok(sign * (i32::from(hours) * 3_600 + i32::from(minutes) * 60));
    }

    if !cursor.done() {
        return Err(format!(
            "has extra text `{}` after the offset",
            shown(cursor.rest())
        ));
    }
    Ok(0)
}

struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn digits(&mut self) -> &'a str {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        &self.text[start..self.at]
    }

    fn two_digits(&mut self) -> Option<u8> {
        let pair = self.bytes.get(self.at..self.at + 2)?;
        if !pair.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.at += 2;
        Some((pair[0] - b'0') * 10 + (pair[1] - b'0'))
    }

    fn rest(&self) -> &'a str {
        // Only ASCII has been consumed, so `at` is a character boundary.
        &self.text[self.at..]
    }
}

fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap_year(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn whole_seconds(at: Timestamp) -> Timestamp {
    Timestamp::from_second(at.as_second()).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-12-04T12:00:00.750Z".parse().unwrap()
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn rfc3339_times_become_utc() {
        let cases = [
            ("2027-12-31T23:59:59Z", "2027-12-31T23:59:59Z"),
            ("2027-12-31t23:59:59z", "2027-12-31T23:59:59Z"),
            ("2027-12-31 23:59:59Z", "2027-12-31T23:59:59Z"),
            ("2027-12-31T23:59:59+02:00", "2027-12-31T21:59:59Z"),
            ("2027-12-31T23:59:59-05:30", "2028-01-01T05:29:59Z"),
            ("2028-02-29T00:00:00Z", "2028-02-29T00:00:00Z"),
            ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"),
            ("  2027-01-01T00:00:00Z  ", "2027-01-01T00:00:00Z"),
        ];
        for (typed, expected) in cases {
            assert_eq!(
                parse(typed, now()).unwrap().at,
                at(expected),
                "input {typed}"
            );
        }
    }

    #[test]
    fn fraction_is_truncated() {
        let expiry = parse("2027-12-31T23:59:59.999Z", now()).unwrap();
        assert_eq!(expiry.at, at("2027-12-31T23:59:59Z"));
        assert!(expiry.fraction_dropped);
    }

    #[test]
    fn zero_fraction_is_not_reported() {
        assert!(
            !parse("2027-12-31T23:59:59.000Z", now())
                .unwrap()
                .fraction_dropped
        );
    }

    #[test]
    fn spans_count_from_now() {
        let cases = [
            ("+30m", "2026-12-04T12:30:00Z"),
            ("+12h", "2026-12-05T00:00:00Z"),
            ("+90d", "2027-03-04T12:00:00Z"),
            ("+2w", "2026-12-18T12:00:00Z"),
            ("+1y", "2027-12-04T12:00:00Z"),
            ("+5 d", "2026-12-09T12:00:00Z"),
        ];
        for (typed, expected) in cases {
            let expiry = parse(typed, now()).unwrap();
            assert_eq!(expiry.at, at(expected), "input {typed}");
        }
    }

    #[test]
    fn year_span_from_leap_day() {
        let expiry = parse("+1y", at("2028-02-29T08:00:00Z")).unwrap();
        assert_eq!(expiry.at, at("2029-02-28T08:00:00Z"));
    }

    #[test]
    fn mistakes_have_exact_messages() {
        let cases = [
            (
                "",
                "Expiry is required: enter a time such as 2027-12-31T23:59:59Z or +90d",
            ),
            (
                "2027-12-31T23:59:59",
                "Expiry `2027-12-31T23:59:59` has no UTC offset: add Z for UTC or an offset such as +02:00",
            ),
            (
                "2027-13-01T00:00:00Z",
                "Expiry `2027-13-01T00:00:00Z` has month 13, which does not exist: months run from 01 to 12",
            ),
            (
                "2027-02-30T00:00:00Z",
                "Expiry `2027-02-30T00:00:00Z` has day 30, but February 2027 has 28 days",
            ),
            (
                "2027-04-31T00:00:00Z",
                "Expiry `2027-04-31T00:00:00Z` has day 31, but April 2027 has 30 days",
            ),
            (
                "2027-12-31T24:00:00Z",
                "Expiry `2027-12-31T24:00:00Z` has hour 24, which does not exist: hours run from 00 to 23 (midnight is 00:00:00 of the next day)",
            ),
            (
                "2027-12-31T23:60:00Z",
                "Expiry `2027-12-31T23:60:00Z` has minute 60, which does not exist: minutes run from 00 to 59",
            ),
            (
                "2027-12-31T23:59:60Z",
                "Expiry `2027-12-31T23:59:60Z` has second 60, a leap second, which Hydra does not accept: use 59",
            ),
            (
                "10000-01-01T00:00:00Z",
                "Expiry `10000-01-01T00:00:00Z` has the year 10000, beyond 9999: RFC 3339 years have four digits",
            ),
            (
                "2027-12-31T23:59Z",
                "Expiry `2027-12-31T23:59Z` has no seconds: RFC 3339 needs hours, minutes and seconds, such as 23:59:00",
            ),
            (
                "2027-12-31",
                "Expiry `2027-12-31` has no time of day: add one, such as 2027-12-31T23:59:59Z, or use a span such as +90d",
            ),
            (
                "2027-12-31X23:59:59Z",
                "Expiry `2027-12-31X23:59:59Z` needs `T` between the date and the time, such as 2027-12-31T23:59:59Z",
            ),
            (
                "2027-12-31T23:59:59.Z",
                "Expiry `2027-12-31T23:59:59.Z` needs digits after the decimal point of the seconds",
            ),
            (
                "2027-12-31T23:59:59+0200",
                "Expiry `2027-12-31T23:59:59+0200` has an offset that is not ±HH:MM, such as +02:00 or -05:30",
            ),
            (
                "2027-12-31T23:59:59+24:00",
                "Expiry `2027-12-31T23:59:59+24:00` has the offset 24:00, out of range: offsets run up to ±23:59",
            ),
            (
                "2027-12-31T23:59:59ZZ",
                "Expiry `2027-12-31T23:59:59ZZ` has extra text `Z` after the offset",
            ),
            (
                "2027-12-31T23:59:59 UTC",
                "Expiry `2027-12-31T23:59:59 UTC` has ` UTC` where the UTC offset belongs: end with Z or an offset such as +02:00",
            ),
            (
                "31/12/2027",
                "Expiry `31/12/2027` is not an RFC 3339 time or a span: write a date and time such as 2027-12-31T23:59:59Z or +90d",
            ),
            (
                "20271231T235959Z",
                "Expiry `20271231T235959Z` has the year 20271231, beyond 9999: RFC 3339 years have four digits",
            ),
            (
                "2027/12/31",
                "Expiry `2027/12/31` is not an RFC 3339 time: write the date as YYYY-MM-DD, such as 2027-12-31T23:59:59Z or +90d",
            ),
            (
                "0001-01-01T00:00:00Z",
                "Expiry `0001-01-01T00:00:00Z` is Go's zero time, which Hydra reads as a missing expires_at: pick a real expiry",
            ),
            (
                "9999-12-31T23:59:59Z",
                "Expiry `9999-12-31T23:59:59Z` lies beyond 9999-12-30T22:00:00Z, the latest time trustui can send",
            ),
            (
                "-5d",
                "Expiry `-5d` counts backward: a span counts forward from now, such as 2027-12-31T23:59:59Z or +90d",
            ),
            (
                "+90",
                "Expiry `+90` needs a unit: m (minutes), h (hours), d (days), w (weeks) or y (years), such as +90d",
            ),
            (
                "+3x",
                "Expiry `+3x` has the unknown unit `x`: use m (minutes), h (hours), d (days), w (weeks) or y (years)",
            ),
            (
                "+3M",
                "Expiry `+3M` uses `M`, but spans have no months: use m for minutes, or days such as +90d",
            ),
            (
                "+d",
                "Expiry `+d` is not a span: write + and a number with a unit, such as 2027-12-31T23:59:59Z or +90d",
            ),
            ("+99999y", "Expiry `+99999y` lies beyond year 9999"),
            ("+9000y", "Expiry `+9000y` lies beyond year 9999"),
            (
                "+99999999999999999999d",
                "Expiry `+99999999999999999999d` lies beyond year 9999",
            ),
        ];

        for (typed, expected) in cases {
            assert_eq!(
                parse(typed, now()).unwrap_err(),
                expected,
                "input {typed:?}"
            );
        }
    }
}
