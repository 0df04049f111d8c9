//! When a failed GET is worth another try, and how long to wait first.

use std::time::Duration;

use jiff::Timestamp;
use rand::Rng;

use super::ApiError;

/// First backoff step; each retry doubles it, up to [`MAX_BACKOFF`].
const BASE_BACKOFF: Duration = Duration::from_millis(250);

const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// Maximum `Retry-After` the client waits out. When a server requests a
/// longer wait, its error is returned with that wait instead of a client that
/// hangs.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Returns how long to wait before retrying after `error`, or `None` when the
/// error is not transient: only 429, 502, 503, 504 and a connection lost
/// before the response are. `attempt` counts the retries already made.
pub(crate) fn delay_before_retry(error: &ApiError, attempt: u32) -> Option<Duration> {
    match error {
        ApiError::Status(status) => match status.status {
            429 | 503 => match status.retry_after {
                Some(wait) if wait > MAX_RETRY_AFTER => None,
                Some(wait) => Some(wait),
                None => Some(backoff(attempt)),
            },
            502 | 504 => Some(backoff(attempt)),
            _ => None,
        },
        ApiError::ConnectionLost { .. } => Some(backoff(attempt)),
        _ => None,
    }
}

/// Exponential backoff with "equal jitter": half of the step is fixed, the
/// other half random, so that clients retrying together spread out.
fn backoff(attempt: u32) -> Duration {
    let step = BASE_BACKOFF
        .saturating_mul(1 << attempt.min(16))
        .min(MAX_BACKOFF);
    let half = step / 2;
    let jitter_ms = rand::rng().random_range(0..=half.as_millis() as u64);
    half + Duration::from_millis(jitter_ms)
}

/// Parses `Retry-After`: a number of seconds or an HTTP date (RFC 9110),
/// which is turned into the time left from `now` (zero when it is past).
pub fn parse_retry_after(value: &str, now: Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }

    let date = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let left = date.duration_since(now);
    Some(Duration::try_from(left).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-12-04T20:00:00Z".parse().unwrap()
    }

    #[test]
    fn seconds_are_parsed() {
        assert_eq!(parse_retry_after("7", now()), Some(Duration::from_secs(7)));
    }

    #[test]
    fn http_date_is_time_left() {
        let wait = parse_retry_after("Fri, 04 Dec 2026 20:00:30 GMT", now());

        assert_eq!(wait, Some(Duration::from_secs(30)));
    }

    #[test]
    fn past_http_date_is_zero() {
        let wait = parse_retry_after("Fri, 04 Dec 2026 19:00:00 GMT", now());

        assert_eq!(wait, Some(Duration::ZERO));
    }

    #[test]
    fn garbage_is_ignored() {
        assert_eq!(parse_retry_after("soon", now()), None);
    }

    #[test]
    fn negative_seconds_are_ignored() {
        assert_eq!(parse_retry_after("-5", now()), None);
    }

    #[test]
    fn backoff_stays_within_its_step() {
        for attempt in 0..20 {
            let step = BASE_BACKOFF
                .saturating_mul(1 << attempt.min(16))
                .min(MAX_BACKOFF);

            let delay = backoff(attempt);

            assert!(delay >= step / 2, "attempt {attempt}: {delay:?}");
            assert!(delay <= step, "attempt {attempt}: {delay:?}");
        }
    }
}
