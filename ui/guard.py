"""What the chat server guards itself with: an upload quota, short-lived upload files, slowed-down failed logins.

`ServerGuards(settings)` owns one server's upload folder (Gradio's temp folder, `GRADIO_TEMP_DIR`, set for the
launch) and gives `app.launch` an ASGI middleware through `app_kwargs`:

- `POST .../upload` is refused (413) when the folder already holds `max_upload_total_mb`; a janitor thread
  removes upload files older than `upload_ttl_seconds`; the folder goes when the server shuts down.
- `POST /login` after `login_free_failures` failures from one client address answers 429 until a wait that
  doubles with each further failure (from 1 s, at most `login_max_wait_seconds`) has passed; a success resets it.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from contextlib import suppress
from pathlib import Path

from assistant.settings import Settings

__all__ = ["LoginThrottle", "ServerGuards", "discard_uploads", "folder_bytes", "tune_idle_polling"]

# Gradio's queue looks for work every 1 ms while idle (Queue.sleep_when_free): ~1,000 wake-ups a second and ~4%
# of a core for nothing. 10 ms is a tenth of that; a question then waits at most 10 ms more to be picked up,
# next to an answer's ~60 ms over HTTP (benchmarks/load.py; the idle wake-ups are in benchmarks/README.md).
IDLE_POLL_SECONDS = 0.01
PROGRESS_POLL_SECONDS = 0.05  # how often upload progress is sent (Gradio: 10 ms)


def tune_idle_polling(app) -> None:
    """Make an app's Gradio queue poll less often while idle (call after `app.queue()`)."""
    queue = getattr(app, "_queue", None)
    if queue is not None:
        queue.sleep_when_free = max(queue.sleep_when_free, IDLE_POLL_SECONDS)
        queue.progress_update_sleep_when_free = max(queue.progress_update_sleep_when_free, PROGRESS_POLL_SECONDS)


def discard_uploads(files) -> None:
    """Remove uploaded files once handled (their bytes are in the corpus now, or were refused)."""
    for name in files or []:
        with suppress(OSError):
            os.unlink(name)


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under `folder` (files vanishing meanwhile are skipped)."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


class LoginThrottle:
    """Failed logins per client address: after a few, each try must wait, twice as long after each failure."""

    def __init__(self, free_failures: int, max_wait: float, clients: int = 10_000) -> None:
        self.free_failures = free_failures
        self.max_wait = max_wait
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()  # client -> (failures, last failure)
        self._clients = clients
        self._lock = threading.Lock()

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds `client` must still wait before its next try (0: it may try now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            failures, last = self._failures.get(client, (0, 0.0))
        if failures < self.free_failures:
            return 0.0
        return max(0.0, last + min(self.max_wait, 2.0 ** (failures - self.free_failures)) - now)

    def record(self, client: str, success: bool, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if success:
                self._failures.pop(client, None)
                return
            failures, _ = self._failures.pop(client, (0, 0.0))
            self._failures[client] = (failures + 1, now)
            while len(self._failures) > self._clients:  # forget the longest-quiet client first
                self._failures.popitem(last=False)


class ServerGuards:
    """One server's upload folder, its janitor and the middleware that enforces the quota and login throttle."""

    def __init__(self, settings: Settings, app=None) -> None:
        self.quota = int(settings.max_upload_total_mb * 2**20)
        self.ttl = settings.upload_ttl_seconds
        self.throttle = LoginThrottle(settings.login_free_failures, settings.login_max_wait_seconds)
        self.folder = Path(tempfile.mkdtemp(prefix="career-assistant-uploads-"))
        self._stop = threading.Event()
        self._janitor = threading.Thread(target=self._sweep_until_stopped, name="upload-janitor", daemon=True)
        self._janitor.start()
        atexit.register(self.close)
        if app is not None:
            self.adopt(app)

    def adopt(self, app) -> None:
        """Point a Gradio app's uploads and file caches at this folder, and tune its idle polling.

        Gradio reads its temp folder (`GRADIO_TEMP_DIR`) when the server starts (uploads) and when each component
        is made (the copies handed to a callback): both must be this folder for the quota and cleanup to cover them.
        """
        os.environ["GRADIO_TEMP_DIR"] = str(self.folder)
        for block in [app, *getattr(app, "blocks", {}).values()]:
            if hasattr(block, "GRADIO_CACHE"):
                block.GRADIO_CACHE = str(self.folder)
        tune_idle_polling(app)

    def app_kwargs(self) -> dict:
        """What `Blocks.launch(app_kwargs=...)` passes to Gradio's FastAPI app: this middleware first."""
        from starlette.middleware import Middleware

        return {"middleware": [Middleware(_GuardMiddleware, guards=self)]}

    def sweep(self, now: float | None = None) -> None:
        """Remove upload files older than the time-to-live, and the folders they leave empty."""
        limit = (time.time() if now is None else now) - self.ttl
        for root, folders, names in os.walk(self.folder, topdown=False):
            for name in names:
                path = os.path.join(root, name)
                try:
                    if os.lstat(path).st_mtime < limit:
                        os.unlink(path)
                except OSError:
                    continue
            for name in folders:
                try:
                    os.rmdir(os.path.join(root, name))  # only if empty
                except OSError:
                    continue

    def _sweep_until_stopped(self) -> None:
        while not self._stop.wait(min(60.0, max(1.0, self.ttl / 4))):
            self.sweep()

    def close(self) -> None:
        """Stop the janitor and remove the upload folder with everything in it."""
        self._stop.set()
        shutil.rmtree(self.folder, ignore_errors=True)


class _GuardMiddleware:
    """A pure ASGI middleware (it never buffers a body): checks uploads and logins before Gradio sees them."""

    def __init__(self, app, guards: ServerGuards) -> None:
        self.app = app
        self.guards = guards

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        path = scope["path"].rstrip("/")
        if path.endswith("/upload"):
            return await self._upload(scope, receive, send)
        if path.endswith("/login"):
            return await self._login(scope, receive, send)
        return await self.app(scope, receive, send)

    async def _upload(self, scope, receive, send) -> None:
        declared = int(dict(scope["headers"]).get(b"content-length", b"0") or 0)
        used = folder_bytes(self.guards.folder)
        if used + declared > self.guards.quota:
            mb = self.guards.quota / 2**20
            detail = f"The server's upload space ({mb:g} MB) is full; add or remove the files waiting, or try later."
            await _discard_body(receive, limit=max(declared, self.guards.quota))  # so the client reads the reply
            return await _reply(send, 413, detail)
        await self.app(scope, receive, send)

    async def _login(self, scope, receive, send) -> None:
        client = (scope.get("client") or ("?", 0))[0]
        wait = self.guards.throttle.wait(client)
        if wait > 0:
            return await _reply(send, 429, f"Too many failed logins; try again in {wait:.0f} s.", wait)
        status: list[int] = []

        async def watch(message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status:
            self.guards.throttle.record(client, success=status[0] < 400)


async def _discard_body(receive, limit: int) -> None:
    """Read and drop a request's body (up to `limit` bytes): nothing of it is stored."""
    seen = 0
    while seen <= limit:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body"):
            return


async def _reply(send, status: int, detail: str, retry_after: float | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(max(1, round(retry_after))).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
