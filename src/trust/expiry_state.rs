//! Expiry states of a relationship (expired, expires soon, valid), in the
//! words the list, the detail pane and the table output share.

use jiff::{SignedDuration, Timestamp};

/// Relationships that expire within this span are flagged as expiring soon.
pub const EXPIRING_SOON: SignedDuration = SignedDuration::from_hours(7 * 24);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExpiryState {
    Expired,
    ExpiringSoon,
    Valid,
}

impl ExpiryState {
    pub fn of(expires_at: Timestamp, now: Timestamp) -> Self {
        let left = expires_at.duration_since(now);
        if left <= SignedDuration::ZERO {
            Self::Expired
        } else if left <= EXPIRING_SOON {
            Self::ExpiringSoon
        } else {
            Self::Valid
        }
    }

    /// Returns the state in words, so that it reads without colour.
    pub fn label(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::ExpiringSoon => "expires soon",
            Self::Valid => "valid",
        }
    }
}

/// Formats the span between `now` and `at` in the largest unit it fills,
/// such as `in 3d`, `5h ago` or `in 2y`, rounded to the nearest whole unit:
/// an expiry set to `+90d` a few seconds ago reads `in 90d`, not `in 89d`.
/// A year is 365 days.
pub fn relative(at: Timestamp, now: Timestamp) -> String {
    const MINUTE: u64 = 60;
    const HOUR: u64 = 3_600;
    const DAY: u64 = 86_400;
    const YEAR: u64 = 365 * DAY;

    let span = at.duration_since(now);
    let seconds = span.as_secs().unsigned_abs();
    let rounded = |unit: u64| (seconds + unit / 2) / unit;

    let amount = match seconds {
        0..MINUTE => return "now".to_string(),
        MINUTE..HOUR => format!("{}m", rounded(MINUTE)),
        HOUR..DAY => format!("{}h", rounded(HOUR)),
        DAY..YEAR => format!("{}d", rounded(DAY)),
        _ => format!("{}y", rounded(YEAR)),
    };

    if span.is_negative() {
        format!("{amount} ago")
    } else {
        format!("in {amount}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn past_instant_is_expired() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(
            ExpiryState::of(at("2026-12-04T11:59:59Z"), now),
            ExpiryState::Expired
        );
    }

    #[test]
    fn exact_expiry_instant_is_expired() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(ExpiryState::of(now, now), ExpiryState::Expired);
    }

    #[test]
    fn seven_days_ahead_is_expiring_soon() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(
            ExpiryState::of(at("2026-12-11T12:00:00Z"), now),
            ExpiryState::ExpiringSoon
        );
    }

    #[test]
    fn eight_days_ahead_is_valid() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(
            ExpiryState::of(at("2026-12-12T12:00:00Z"), now),
            ExpiryState::Valid
        );
    }

    #[test]
    fn relative_future_uses_largest_unit() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(relative(at("2026-12-07T13:00:00Z"), now), "in 3d");
    }

    #[test]
    fn relative_past_says_ago() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(relative(at("2026-12-04T07:00:00Z"), now), "5h ago");
    }

    #[test]
    fn relative_rounds_to_nearest_day() {
        let now = at("2026-12-04T12:00:05Z");
        assert_eq!(relative(at("2027-03-04T12:00:00Z"), now), "in 90d");
    }

    #[test]
    fn relative_rounds_to_nearest_year() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(relative(at("2028-12-03T12:00:00Z"), now), "in 2y");
    }

    #[test]
    fn relative_under_a_minute_is_now() {
        let now = at("2026-12-04T12:00:00Z");
        assert_eq!(relative(at("2026-12-04T12:00:30Z"), now), "now");
    }
}
