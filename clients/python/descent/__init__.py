"""Descent client: stream training-loss points from a training script to a Descent server.

    from descent import Run
    run = Run("resnet50-lr3e-4", project="vision", params={"lr": 3e-4})
    run.log(iteration=step, epoch=epoch, loss=loss.item(), val_loss=v)   # buffered, non-blocking
    run.finish()

Standard library only. Points are buffered and sent by a background thread (every second or every
1,000 points). Connection errors and 5xx answers are retried with backoff; re-sending is safe because the
server stores each (run, series, iteration) once. If the server is down the training loop never blocks
or crashes: the buffer is bounded, a warning is printed once, and finish() waits a bounded time.
"""

import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque

__all__ = ["Run"]
__version__ = "0.1.0"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is never success: Descent's API does not redirect, so a 3xx means a wrong URL or a proxy's
    sign-in page. urllib would follow it and report the page it lands on as a success."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class _HttpError(Exception):
    def __init__(self, status, detail):
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail


class Run:
    """One training run. Also a context manager: a run left by an exception is marked FAILED."""

    def __init__(self, name, project="default", params=None, tags=None, url=None, token=None,
                 flush_interval=1.0, batch_size=1000, max_buffer=1_000_000, timeout=10.0,
                 max_backoff=30.0):
        self.name = name
        self.project = project
        self.params = dict(params or {})
        self.tags = list(tags or [])
        self.url = (url or os.environ.get("DESCENT_URL") or "http://localhost:8080").rstrip("/")
        self.token = token or os.environ.get("DESCENT_TOKEN")
        self.flush_interval = flush_interval
        self.batch_size = batch_size
        self.max_buffer = max_buffer
        self.timeout = timeout
        self.max_backoff = max_backoff
        self.id = None
        self.dropped = 0
        # Points of batches the server refused (4xx, a redirect, an answer that is not JSON): not stored.
        self.refused = 0
        self._buffer = deque()
        self._in_flight = 0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._idle = threading.Condition(self._lock)
        self._closing = False
        self._warned = set()
        self._thread = threading.Thread(target=self._loop, name="descent-client", daemon=True)
        self._thread.start()

    # -- the training loop's side: never blocks on the network ------------------------------------

    def log(self, iteration, epoch=None, loss=None, timestamp=None, **metrics):
        """Record the values of one step. `metrics` become series named after the keyword (val_loss=...)."""
        point = {"iteration": int(iteration)}
        if epoch is not None:
            point["epoch"] = float(epoch)
        if loss is not None:
            point["loss"] = float(loss)
        point["timestamp"] = int(timestamp if timestamp is not None else time.time() * 1000)
        extra = {k: float(v) for k, v in metrics.items() if v is not None}
        if extra:
            point["metrics"] = extra
        with self._lock:
            if len(self._buffer) >= self.max_buffer:
                self._buffer.popleft()
                self.dropped += 1
                self._warn_once("buffer", f"descent: buffer full ({self.max_buffer} points); dropping the oldest "
                                          f"points until {self.url} is reachable")
            self._buffer.append(point)
            full = len(self._buffer) >= self.batch_size
        if full:
            self._wake.set()

    def flush(self, timeout=30.0):
        """Wait until every point logged so far is stored, or until `timeout` seconds pass. True if all sent."""
        deadline = time.monotonic() + timeout
        self._wake.set()
        with self._lock:
            while self._buffer or self._in_flight:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._idle.wait(min(remaining, 0.1))
                self._wake.set()
        return True

    def finish(self, status="FINISHED", timeout=30.0):
        """Flush (waiting at most `timeout` seconds) and mark the run FINISHED (or FAILED)."""
        sent = self.flush(timeout)
        self._closing = True
        self._wake.set()
        self._thread.join(timeout=1.0)
        if not sent:
            self._warn_once("finish", f"descent: {len(self._buffer)} points could not be sent to {self.url}")
        try:
            if self._ensure_run():
                self._request("PATCH", f"/api/v1/runs/{self.id}", {"status": status})
        except (OSError, _HttpError) as e:
            self._warn_once("status", f"descent: could not mark run {self.name} {status}: {e}")
        return sent

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.finish("FAILED" if exc_type is not None else "FINISHED")
        return False

    # -- background thread -----------------------------------------------------------------------

    def _loop(self):
        backoff = 0.5
        while True:
            self._wake.wait(self.flush_interval)
            self._wake.clear()
            while True:
                with self._lock:
                    if not self._buffer:
                        self._idle.notify_all()
                        break
                    batch = [self._buffer.popleft() for _ in range(min(self.batch_size, len(self._buffer)))]
                    self._in_flight = len(batch)
                try:
                    if not self._ensure_run():
                        raise OSError("run not created")
                    self._request("POST", f"/api/v1/runs/{self.id}/points", {"points": batch})
                    backoff = 0.5
                    with self._lock:
                        self._in_flight = 0
                except (OSError, _HttpError) as e:
                    retry = not isinstance(e, _HttpError) or e.status >= 500 or e.status == 429
                    with self._lock:
                        self._in_flight = 0
                        if retry:
                            self._buffer.extendleft(reversed(batch))
                            # Points logged while the batch was out may have refilled the buffer: the bound
                            # holds for the put-back batch too, and the oldest points go first.
                            while len(self._buffer) > self.max_buffer:
                                self._buffer.popleft()
                                self.dropped += 1
                        self._idle.notify_all()
                    if retry:
                        self._warn_once("down", f"descent: cannot reach {self.url} ({e}); buffering and retrying")
                        if self._closing:
                            return
                        time.sleep(backoff * (0.5 + random.random()))
                        backoff = min(backoff * 2, self.max_backoff)
                    else:
                        self.refused += len(batch)
                        self._warn_once(f"refused{e.status}", f"descent: server refused a batch: {e}")
                    break
            if self._closing:
                return

    def _ensure_run(self):
        if self.id is None:
            body = {"project": self.project, "name": self.name, "params": self.params, "tags": self.tags}
            self.id = self._request("POST", "/api/v1/runs", body)["id"]
        return self.id is not None

    def _request(self, method, path, body):
        data = json.dumps(body, allow_nan=True).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                payload = response.read()
                content_type = response.headers.get_content_type()
                if not content_type.endswith("json"):
                    raise _HttpError(response.status, f"the answer is {content_type}, not JSON: is {self.url} a "
                                                      "Descent server?")
                try:
                    return json.loads(payload) if payload else {}
                except ValueError:
                    raise _HttpError(response.status, "the answer is not valid JSON") from None
        except urllib.error.HTTPError as e:
            if 300 <= e.code < 400:
                raise _HttpError(e.code, f"redirected to {e.headers.get('Location')}; the API never redirects: "
                                         "check the URL (and any proxy in front of Descent)") from None
            try:
                detail = json.loads(e.read() or b"{}").get("detail", e.reason)
            except ValueError:
                detail = e.reason
            raise _HttpError(e.code, detail) from None

    def _warn_once(self, key, message):
        if key not in self._warned:
            self._warned.add(key)
            print(message, file=sys.stderr)
