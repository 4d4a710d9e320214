//! Stopping on Ctrl-C or SIGTERM: once no map is being written, say so and exit 0, so no
//! half-written map or temporary file is left behind.

use crate::error::{Error, Result};
use std::sync::{Arc, Mutex};
use tokio::signal::unix::{signal, SignalKind};

/// Held while files are written; a signal waits for it.
pub type Busy = Arc<Mutex<()>>;

/// From now on, Ctrl-C (SIGINT) and SIGTERM wait for `busy`, call `say` and exit with 0.
pub fn on_signal(busy: Busy, say: impl FnOnce() + Send + 'static) -> Result<()> {
    let fail = |e: std::io::Error| Error::msg(format!("cannot handle signals: {e}"));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(fail)?;
    // Registered here, before returning, so a signal that comes at once is caught.
    let (mut int, mut term) = {
        let _inside = runtime.enter();
        (signal(SignalKind::interrupt()).map_err(fail)?, signal(SignalKind::terminate()).map_err(fail)?)
    };
    std::thread::spawn(move || {
        runtime.block_on(async {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
        });
        let _idle = busy.lock().unwrap_or_else(|e| e.into_inner());
        say();
        std::process::exit(0);
    });
    Ok(())
}
