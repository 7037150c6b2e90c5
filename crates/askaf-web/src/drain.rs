//! The rest of a request body its handler did not read, read and thrown
//! away before the connection closes, as nginx does (`lingering_close`).
//!
//! A form larger than its address takes is refused (413) once the limit is
//! read, the rest unread. Closed with unread bytes in its buffer, the
//! connection ends in a reset (TCP's RST), and a browser still writing the
//! form, which reads the answer only once it has written it all, shows the
//! reset ("connection was reset") instead of the page that says why. Read
//! to its end, the body leaves the connection clean: the browser finishes
//! writing, and reads the page.
//!
//! Bounded, so that no client holds a connection or the server's time with
//! a body it never stops sending: at most [`DRAIN_BYTES`] more, for at most
//! [`DRAIN_WITHIN`]; past either, the connection closes as before.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use http_body::{Body as _, Frame, SizeHint};

/// The most a body's unread rest is read for: a form twice past the
/// largest limit (the editor's 10 MB) and then some.
pub(crate) const DRAIN_BYTES: u64 = 32 * 1024 * 1024;

/// The longest an unread rest is read for, from when its handler let go.
pub(crate) const DRAIN_WITHIN: Duration = Duration::from_secs(10);

/// Every request's body wrapped in [`Drained`].
pub(crate) async fn unread_bodies(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    // A request without a body (every page's GET) has nothing to drain:
    // it is passed on as it is, with no wrapper boxed for it.
    if request.body().is_end_stream() {
        return next.run(request).await;
    }
    next.run(request.map(|body| Body::new(Drained::new(body))))
        .await
}

/// A request body that, dropped before its end, has its rest read and
/// thrown away in a task of its own (see the module's doc).
struct Drained {
    inner: Option<Body>,
    /// Read to its end by whoever held it: nothing is left.
    ended: bool,
}

impl Drained {
    fn new(inner: Body) -> Drained {
        let ended = inner.is_end_stream();
        Drained {
            inner: Some(inner),
            ended,
        }
    }
}

impl http_body::Body for Drained {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(inner).poll_frame(cx);
        if let Poll::Ready(None | Some(Err(_))) = polled {
            this.ended = true;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.ended || self.inner.as_ref().is_none_or(|b| b.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), |b| b.size_hint())
    }
}

impl Drop for Drained {
    fn drop(&mut self) {
        let Some(body) = self.inner.take() else {
            return;
        };
        if self.ended || body.is_end_stream() {
            return;
        }
        // Dropped outside a runtime (never, for a request's body): the
        // connection closes as it would have.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(drain(body));
        }
    }
}

/// Reads `body` to its end, within [`DRAIN_BYTES`] and [`DRAIN_WITHIN`].
async fn drain(mut body: Body) {
    let read = async {
        let mut left = DRAIN_BYTES;
        while let Some(Ok(frame)) =
            std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
        {
            let n = frame.data_ref().map_or(0, |d| d.len() as u64);
            if n >= left {
                return;
            }
            left -= n;
        }
    };
    let _ = tokio::time::timeout(DRAIN_WITHIN, read).await;
}
