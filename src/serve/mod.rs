//! `histmap watch --serve`: the live preview. A local web page shows every phase and one
//! large map, which updates in place when a watched file is saved (Server-Sent Events); a
//! broken edit's error shows above the last good map until it is fixed; other styles,
//! languages and dates are drawn on demand. The server (axum, on a tokio runtime in its own
//! thread) only reads: its page, the files the watch wrote and the views it draws.

mod hub;
mod routes;
mod view;

pub use hub::Hub;

use crate::error::{Error, Result};
use std::net::SocketAddr;
use std::sync::Arc;

/// A running preview server.
pub struct Server {
    /// The page's address, e.g. `http://127.0.0.1:40123/`.
    pub url: String,
    /// Whether it listens on a loopback address only.
    pub loopback: bool,
}

/// Starts serving `hub` on `addr`, or on a loopback address with a free port; returns once
/// the address is bound (an address in use is an error here, before any watching).
pub fn start(addr: Option<SocketAddr>, hub: Arc<Hub>) -> Result<Server> {
    let addr = addr.unwrap_or(SocketAddr::from(([127, 0, 0, 1], 0)));
    let fail = |e: std::io::Error| Error::msg(format!("cannot serve the preview on {addr}: {e}"));
    let listener = std::net::TcpListener::bind(addr).map_err(fail)?;
    listener.set_nonblocking(true).map_err(fail)?;
    let local = listener.local_addr().map_err(fail)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("histmap-serve")
        .enable_all()
        .build()
        .map_err(fail)?;
    let app = routes::router(hub, local);
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let served = match tokio::net::TcpListener::from_std(listener) {
                Ok(listener) => axum::serve(listener, app).await,
                Err(e) => Err(e),
            };
            if let Err(e) = served {
                eprintln!("error: the preview stopped: {e}");
            }
        })
    });
    let url = match local {
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
        SocketAddr::V4(a) => format!("http://{a}/"),
    };
    Ok(Server { url, loopback: local.ip().is_loopback() })
}
