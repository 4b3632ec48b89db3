//! Webhook delivery of new items, from the outbox, following Standard Webhooks.
//!
//! Each item goes out as one signed POST. The `webhook-id` is derived from the item's key
//! (URL and body hash), not from a row number, so it stays the same across retries, runs and
//! even a rebuilt queue file: the receiver can use it to drop duplicates. Delivery is at
//! least once: a crash after the receiver answered and before the outbox row was updated
//! sends the item again, under the same id.
//!
//! Retry state lives in the outbox rows (attempts, next attempt, last error), so a run that
//! stops leaves the rest for the next `deliver` call, whichever process makes it.

use super::queue::DueRow;
use super::{Event, HistoryEntry, Item, Queue, QueueError, now_ms, rfc3339};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{KeyInit, Mac};
use serde::Serialize;
use std::io::Read;
use std::time::{Duration, Instant};

/// The environment variable holding the signing secret.
pub const SECRET_ENV: &str = "CHAFF_WEBHOOK_SECRET";

/// How much of a refusing receiver's answer is kept in the outbox.
const KEPT_RESPONSE_BYTES: u64 = 4096;

/// The receiver's idempotency key for the `n`-th decision (1, 2, …) on the item with this
/// URL and body hash: stable across retries and runs like [`webhook_id`].
pub fn decided_webhook_id(url: &str, body_hash: &str, n: i64) -> String {
    format!("{}_decided_{n}", webhook_id(url, body_hash))
}

/// The receiver's idempotency key for the item with this URL and body hash.
pub fn webhook_id(url: &str, body_hash: &str) -> String {
    let mut key = Vec::with_capacity(url.len() + body_hash.len() + 1);
    key.extend_from_slice(url.as_bytes());
    key.push(0);
    key.extend_from_slice(body_hash.as_bytes());
    format!("msg_{:032x}", xxhash_rust::xxh3::xxh3_128(&key))
}

/// The key that signs deliveries.
#[derive(Clone)]
pub struct WebhookSecret(Vec<u8>);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

impl WebhookSecret {
    /// `whsec_<base64>` as the Standard Webhooks spec writes secrets, or else the raw bytes.
    pub fn parse(text: &str) -> Result<WebhookSecret, QueueError> {
        let key = match text.strip_prefix("whsec_") {
            Some(b64) => B64
                .decode(b64.trim())
                .map_err(|e| QueueError::Secret(format!("whsec_ secret is not base64: {e}")))?,
            None => text.as_bytes().to_vec(),
        };
        if key.is_empty() {
            return Err(QueueError::Secret("the secret is empty".to_string()));
        }
        Ok(WebhookSecret(key))
    }

    /// The secret from `CHAFF_WEBHOOK_SECRET`, or None when it is not set.
    pub fn from_env() -> Result<Option<WebhookSecret>, QueueError> {
        match std::env::var(SECRET_ENV) {
            Ok(v) => WebhookSecret::parse(&v).map(Some),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(e) => Err(QueueError::Secret(format!("{SECRET_ENV}: {e}"))),
        }
    }

    /// The `webhook-signature` header: `v1,` + base64(HMAC-SHA256(secret, "id.timestamp.body")).
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0)
            .expect("HMAC takes keys of any length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        format!("v1,{}", B64.encode(mac.finalize().into_bytes()))
    }
}

/// When to try again, and when to give up: one small value, the same for every event.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Wait before the second attempt; doubled for each attempt after it.
    pub base_backoff: Duration,
    /// Longest wait between two attempts.
    pub max_backoff: Duration,
    /// Attempts after which a row is marked failed.
    pub max_attempts: u32,
    /// Retryable failures in a row after which every pending row waits (0: never).
    pub breaker_after: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(3600),
            max_attempts: 20,
            breaker_after: 5,
        }
    }
}

impl RetryPolicy {
    /// Exponential backoff with "equal jitter": half the delay fixed, half random, so that
    /// many items failing together do not come back together.
    fn backoff(&self, id: &str, attempts: u32) -> Duration {
        let exp = self
            .base_backoff
            .saturating_mul(1u32 << attempts.saturating_sub(1).min(30))
            .min(self.max_backoff);
        let seed = format!("{id}/{attempts}/{:?}", Instant::now());
        let unit = (xxhash_rust::xxh3::xxh3_64(seed.as_bytes()) >> 11) as f64 / (1u64 << 53) as f64;
        exp / 2 + exp.mul_f64(unit / 2.0)
    }

    /// The backoff, but never sooner than the receiver's `Retry-After` asked, nor past the cap.
    fn delay(&self, id: &str, attempts: u32, after: Option<Duration>) -> Duration {
        self.backoff(id, attempts)
            .max(after.unwrap_or_default())
            .min(self.max_backoff)
    }
}

/// How hard to try.
#[derive(Debug, Clone)]
pub struct DeliveryOptions {
    /// Time allowed for one request, connection included.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// How long this call may sleep waiting for retries to come due; zero makes one pass
    /// over what is due now and leaves the rest to a later call.
    pub wait_for_retries: Duration,
}

impl Default for DeliveryOptions {
    fn default() -> Self {
        DeliveryOptions {
            timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            wait_for_retries: Duration::ZERO,
        }
    }
}

/// What one `deliver` call did, and what is left.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeliveryReport {
    /// Requests sent (or tried) in this call.
    pub attempts: u64,
    /// Rows delivered in this call.
    pub delivered: u64,
    /// Rows marked failed in this call.
    pub failed: u64,
    /// Rows still waiting for a retry when the call returned.
    pub pending: u64,
    /// When the earliest of those is due (unix ms).
    pub next_attempt_at: Option<i64>,
    /// The last few errors, for the operator.
    pub errors: Vec<String>,
}

/// The JSON body of a delivery, in the Standard Webhooks shape.
#[derive(Serialize)]
struct Payload<'a> {
    #[serde(rename = "type")]
    kind: Event,
    timestamp: String,
    data: Data<'a>,
}

#[derive(Serialize)]
struct Data<'a> {
    #[serde(flatten)]
    item: &'a Item,
    /// For `decided` events: the decision announced (the item may have changed since).
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<HistoryEntry>,
}

enum Outcome {
    Delivered(u16),
    Retry {
        error: String,
        after: Option<Duration>,
    },
    Failed {
        status: u16,
        body: String,
    },
}

/// A webhook receiver and the one HTTP agent (connection pool) that talks to it for a whole
/// run: a batch run calls [`Courier::deliver`] between batches and at the end.
pub struct Courier {
    agent: ureq::Agent,
    url: String,
    secret: WebhookSecret,
    options: DeliveryOptions,
}

impl Courier {
    /// Check the URL and build the agent.
    pub fn new(
        url: &str,
        secret: WebhookSecret,
        options: DeliveryOptions,
    ) -> Result<Courier, QueueError> {
        check_url(url)?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(options.timeout))
            .max_redirects(0)
            .build()
            .into();
        Ok(Courier {
            agent,
            url: url.to_string(),
            secret,
            options,
        })
    }

    /// Send every due outbox row, signed, and record the outcome; sleep for retries coming
    /// due for at most `wait`.
    pub fn deliver(&self, queue: &mut Queue, wait: Duration) -> Result<DeliveryReport, QueueError> {
        let policy = &self.options.retry;
        let deadline = Instant::now() + wait;
        let mut report = DeliveryReport::default();
        // Retryable failures in a row, across rows: the receiver, not the row, is the
        // problem, so past `breaker_after` of them the whole outbox waits instead of each
        // row being tried (and timing out) in turn.
        let mut consecutive: u32 = 0;
        // Passes over what is due; between passes, sleep until the next retry if the
        // caller allows that long. A row retried in a pass is not due again in the same pass.
        loop {
            let pass_start = now_ms();
            let mut cursor = 0;
            'pass: loop {
                let due = queue.due_rows(pass_start, cursor)?;
                if due.is_empty() {
                    break;
                }
                for row in due {
                    cursor = row.row_id;
                    let body = payload(queue, &row)?;
                    report.attempts += 1;
                    let outcome = self.send(&row.webhook_id, &body);
                    let attempts = row.attempts + 1;
                    let what = format!("item {} ({})", row.item_id, row.event.as_str());
                    match outcome {
                        Outcome::Delivered(status) => {
                            queue.mark_delivered(row.row_id, attempts, status)?;
                            report.delivered += 1;
                            consecutive = 0;
                        }
                        Outcome::Failed { status, body } => {
                            let error = format!("HTTP {status}: the receiver refused the item");
                            queue.mark_failed(
                                row.row_id,
                                attempts,
                                &error,
                                Some((status, &body)),
                            )?;
                            report.failed += 1;
                            consecutive = 0;
                            note_error(&mut report, format!("{what}: {error}"));
                        }
                        Outcome::Retry { error, after } => {
                            note_error(&mut report, format!("{what}: {error}"));
                            if attempts >= i64::from(policy.max_attempts) {
                                let error = format!("gave up after {attempts} attempts: {error}");
                                queue.mark_failed(row.row_id, attempts, &error, None)?;
                                report.failed += 1;
                            } else {
                                let delay = policy.delay(&row.webhook_id, attempts as u32, after);
                                let at = now_ms() + delay.as_millis() as i64;
                                queue.schedule_retry(row.row_id, attempts, &error, at)?;
                            }
                            consecutive += 1;
                            if policy.breaker_after > 0 && consecutive >= policy.breaker_after {
                                let pause = policy.delay(
                                    "receiver",
                                    consecutive - policy.breaker_after + 1,
                                    after,
                                );
                                queue.hold_pending_until(now_ms() + pause.as_millis() as i64)?;
                                note_error(
                                    &mut report,
                                    format!(
                                        "{consecutive} failures in a row: all deliveries wait {} ms",
                                        pause.as_millis()
                                    ),
                                );
                                break 'pass;
                            }
                        }
                    }
                }
            }
            match queue.next_due()? {
                Some(at) => {
                    let wait = Duration::from_millis((at - now_ms()).max(0) as u64);
                    if Instant::now() + wait > deadline {
                        break;
                    }
                    std::thread::sleep(wait);
                }
                None => break,
            }
        }
        report.pending = queue.outbox_counts()?.pending;
        report.next_attempt_at = queue.next_due()?;
        Ok(report)
    }

    /// One signed POST, and what its answer means for the outbox row.
    fn send(&self, id: &str, body: &[u8]) -> Outcome {
        let timestamp = now_ms() / 1000;
        let result = self
            .agent
            .post(&self.url)
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", self.secret.sign(id, timestamp, body))
            .send(body);
        let mut response = match result {
            Ok(r) => r,
            Err(e) => {
                return Outcome::Retry {
                    error: e.to_string(),
                    after: None,
                };
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let mut kept = Vec::new();
        let _ = response
            .body_mut()
            .as_reader()
            .take(KEPT_RESPONSE_BYTES)
            .read_to_end(&mut kept);
        let text = String::from_utf8_lossy(&kept).into_owned();
        match status {
            200..=299 => Outcome::Delivered(status),
            408 | 429 | 500..=599 => Outcome::Retry {
                error: format!(
                    "HTTP {status}: {}",
                    text.chars().take(200).collect::<String>()
                ),
                after: retry_after,
            },
            _ => Outcome::Failed { status, body: text },
        }
    }
}

/// The signed body of an outbox row's event.
fn payload(queue: &Queue, row: &DueRow) -> Result<Vec<u8>, QueueError> {
    let item = queue.get(row.item_id)?;
    let decision = match (row.event, row.history_id) {
        (Event::Decided, Some(h)) => Some(queue.history_entry(h)?),
        _ => None,
    };
    let timestamp = rfc3339(decision.as_ref().map_or(item.first_seen, |d| d.at));
    Ok(serde_json::to_vec(&Payload {
        kind: row.event,
        timestamp,
        data: Data {
            item: &item,
            decision,
        },
    })
    .expect("items serialise"))
}

impl Queue {
    /// Send every due outbox row to `url`, signed with `secret`, with an agent for this call
    /// only (a run that delivers several times keeps one [`Courier`] instead).
    pub fn deliver(
        &mut self,
        url: &str,
        secret: &WebhookSecret,
        options: &DeliveryOptions,
    ) -> Result<DeliveryReport, QueueError> {
        Courier::new(url, secret.clone(), options.clone())?.deliver(self, options.wait_for_retries)
    }
}

fn note_error(report: &mut DeliveryReport, error: String) {
    if report.errors.len() >= 10 {
        report.errors.remove(0);
    }
    report.errors.push(error);
}

/// A webhook URL chaff can deliver to: http or https, with a host. Checked before a run
/// starts, not after its pages are scored.
pub fn check_url(url: &str) -> Result<(), QueueError> {
    let bad = |what: &str| QueueError::Url {
        url: url.to_string(),
        what: what.to_string(),
    };
    let uri: ureq::http::Uri = url.parse().map_err(|_| bad("not a URL"))?;
    match uri.scheme_str() {
        Some("http") | Some("https") => {}
        _ => return Err(bad("the scheme must be http or https")),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_the_standard_webhooks_example() {
        // The example from the Standard Webhooks specification.
        let secret = WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let sig = secret.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn secrets_raw_or_whsec() {
        assert!(WebhookSecret::parse("whsec_!!!").is_err());
        assert!(WebhookSecret::parse("").is_err());
        assert_eq!(WebhookSecret::parse("abc").unwrap().0, b"abc");
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let o = RetryPolicy {
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            ..Default::default()
        };
        let d1 = o.backoff("x", 1);
        let d3 = o.backoff("x", 3);
        let d9 = o.backoff("x", 9);
        assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100));
        assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400));
        assert!(d9 >= Duration::from_millis(500) && d9 <= Duration::from_millis(1000));
    }

    #[test]
    fn urls_are_checked() {
        assert!(check_url("http://127.0.0.1:9/hook").is_ok());
        assert!(check_url("ftp://x/").is_err());
        assert!(check_url("not a url").is_err());
    }
}
