//! How a batch run feeds the queue: flagged items are collected and committed a batch at a
//! time (one transaction, one fsync each), and between batches whatever is due goes out to
//! the webhook without waiting for retries. A run killed at any moment loses only the items
//! of the batch not yet committed, and the next run, which scores the same pages again,
//! commits them; everything committed has its outbox row and is delivered by this run's
//! end, a later run, or `chaff queue deliver`.

use super::{Counts, Courier, DeliveryReport, NewItem, Queue, QueueError};
use std::time::Duration;

/// A queue being filled by a batch run.
pub struct Sink {
    queue: Queue,
    /// The run's one webhook agent, if it delivers.
    webhook: Option<Courier>,
    pending: Vec<NewItem>,
    batch: usize,
    /// Totals over the run.
    pub counts: Counts,
}

impl Sink {
    /// Commit every `batch` items (at least 1).
    pub fn new(queue: Queue, webhook: Option<Courier>, batch: usize) -> Sink {
        Sink {
            queue,
            webhook,
            pending: Vec::new(),
            batch: batch.max(1),
            counts: Counts::default(),
        }
    }

    /// Add a flagged item; commits (and delivers what is due) when a batch is full.
    pub fn push(&mut self, item: NewItem) -> Result<(), QueueError> {
        self.pending.push(item);
        if self.pending.len() >= self.batch {
            self.commit()?;
            self.deliver(Duration::ZERO)?;
        }
        Ok(())
    }

    /// Commit what is left and deliver, retrying failures for up to `wait`.
    pub fn finish(
        mut self,
        wait: Duration,
    ) -> Result<(Counts, Option<DeliveryReport>), QueueError> {
        self.commit()?;
        let report = self.deliver(wait)?;
        Ok((self.counts, report))
    }

    fn commit(&mut self) -> Result<(), QueueError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let c = self.queue.enqueue(&self.pending)?;
        self.counts.added += c.added;
        self.counts.updated += c.updated;
        self.pending.clear();
        Ok(())
    }

    fn deliver(&mut self, wait: Duration) -> Result<Option<DeliveryReport>, QueueError> {
        let Some(courier) = &self.webhook else {
            return Ok(None);
        };
        Ok(Some(courier.deliver(&mut self.queue, wait)?))
    }
}
