//! A small pool of worker threads for typesetting many documents.
//!
//! Contract: [`run`] hands every item to one of a few scoped threads and passes each result to
//! a callback on the calling thread as soon as it is ready, so the caller can write progress
//! and keep only what is small. Items are taken in order; results arrive in the order they
//! finish. A panic while working on one item becomes that item's error, and the others go on.
//!
//! Why threads and not rayon's `par_iter`: Typst already uses rayon inside, and nesting the
//! compiles in rayon's pool let memory grow with the number of documents in flight. A fixed
//! number of threads keeps exactly that many documents in memory at once. Each worker also
//! gives Typst a rayon pool of its own with one thread: Typst's parallel loops (pages, PDF
//! streams) then run within the worker, instead of waking a shared pool whose idle threads spin
//! and take the other cores from the workers; documents are the unit of parallel work.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Typst recurses deeply on nested content; a worker gets as much stack as a main thread.
const WORKER_STACK: usize = 16 * 1024 * 1024;

/// How many workers to use when the user does not say: one per core, at most eight.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}

/// Runs `work` on each of `items` with up to `workers` threads; `done` receives the item's
/// index and its result (or the panic message) on the calling thread.
pub fn run<T, R>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(usize, Result<R, String>),
) where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    // A bounded channel: a slow consumer makes the workers wait instead of piling up results.
    let (sender, receiver) = mpsc::sync_channel::<(usize, Result<R, String>)>(workers.max(1) * 2);
    std::thread::scope(|scope| {
        for worker in 0..workers.clamp(1, items.len().max(1)) {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            std::thread::Builder::new()
                .name(format!("amicus-worker-{worker}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    let inner = rayon_core::ThreadPoolBuilder::new()
                        .num_threads(1)
                        .stack_size(WORKER_STACK)
                        .thread_name(move |_| format!("amicus-typst-{worker}"))
                        .build()
                        .expect("the system can start a thread");
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        let result =
                            catch_unwind(AssertUnwindSafe(|| inner.install(|| work(item)))).map_err(panic_message);
                        if sender.send((index, result)).is_err() {
                            break;
                        }
                    }
                })
                .expect("the system can start a worker thread");
        }
        drop(sender);
        for (index, result) in receiver {
            done(index, result);
        }
    });
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_done_once_and_results_reach_the_caller() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = vec![0; items.len()];
        let mut sum = 0;
        run(
            &items,
            3,
            |n| n * 2,
            |index, result| {
                seen[index] += 1;
                sum += result.unwrap();
            },
        );
        assert!(seen.iter().all(|&n| n == 1));
        assert_eq!(sum, 2 * (0..500).sum::<u64>());
    }

    #[test]
    fn a_panic_fails_only_its_item() {
        let items = [1, 2, 3, 4];
        let mut failed = Vec::new();
        let mut succeeded = 0;
        run(
            &items,
            2,
            |&n| if n == 3 { panic!("item {n} broke") } else { n },
            |index, result| match result {
                Ok(_) => succeeded += 1,
                Err(message) => failed.push((index, message)),
            },
        );
        assert_eq!(failed, [(2, "item 3 broke".to_owned())]);
        assert_eq!(succeeded, 3);
    }

    #[test]
    fn no_more_workers_than_items_and_an_empty_list_is_fine() {
        let mut calls = 0;
        run(&[] as &[u8], 4, |_| (), |_, _| calls += 1);
        assert_eq!(calls, 0);
        let threads = std::sync::Mutex::new(std::collections::HashSet::new());
        run(&[1], 4, |_| threads.lock().unwrap().insert(std::thread::current().id()), |_, _| calls += 1);
        assert_eq!((calls, threads.lock().unwrap().len()), (1, 1));
    }
}
