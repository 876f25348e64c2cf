"""Chroma's client as `store.py` uses it: a server client that gives up in time, what its failures mean, and
the embedded state a replaced index must drop. Only `store.py` imports this module."""

from __future__ import annotations

from contextlib import suppress

from .settings import Settings


def evict_shared_state(client) -> None:
    """Stop the embedded Chroma state `client` shares with any other client of its path (see `_disconnect`).

    chromadb 1.x keeps it in `SharedSystemClient`'s class-level maps, released only by the last `close()`;
    other clients of the path then fail once and reconnect (`_retrying`).
    """
    from chromadb.api.shared_system_client import SharedSystemClient as Shared

    identifier = getattr(client, "_identifier", None)
    with Shared._refcount_lock:
        Shared._identifier_to_refcount.pop(identifier, None)
        system = Shared._identifier_to_system.pop(identifier, None)
    if system is not None:
        with suppress(Exception):
            system.stop()


def bounded_http_client(settings: Settings, options):
    """A Chroma HTTP client whose every request gives up after `settings.chroma_timeout` seconds.

    chromadb's own client waits forever (httpx `timeout=None`): a server that is stopped refuses at once, but
    one that hangs (overloaded, paused, half-dead) would hold every question. Its constructor already sends a
    request, so a heartbeat with the timeout goes first.
    """
    import chromadb
    import httpx

    host, port, timeout = settings.chroma_host, settings.chroma_port, settings.chroma_timeout
    httpx.get(f"http://{host}:{port}/api/v2/heartbeat", timeout=timeout).raise_for_status()
    client = chromadb.HttpClient(host=host, port=port, settings=options)
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout)
    return client


def unreachable(exc: Exception) -> bool:
    """Whether a failure means the server could not be reached (rather than that it answered with an error)."""
    import httpx

    # chromadb's constructor turns a refused connection into ValueError("Could not connect to a Chroma server...").
    return isinstance(exc, httpx.TransportError) or "Could not connect" in str(exc)


def reason(exc: Exception, settings: Settings) -> str:
    """Why a Chroma server request failed, in words a user can act on."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {settings.chroma_timeout:g}s (CAREER_ASSISTANT_CHROMA_TIMEOUT)"
    if isinstance(exc, httpx.ConnectError) or "Could not connect" in str(exc):
        return "connection refused; is `chroma run` running there?"
    return str(exc) or type(exc).__name__
