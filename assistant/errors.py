"""The project's exceptions: the library raises them, the CLI and the UI show them as one clear line."""


class CareerAssistantError(Exception):
    """Base class of every error the project raises on purpose."""


class InvalidQuestion(CareerAssistantError):
    """The question or its history is empty, too long or malformed."""


class IndexMissing(CareerAssistantError):
    """There is no index yet: run `career-assistant ingest`."""


class StoreUnavailable(CareerAssistantError):
    """The Chroma store (a server, usually) cannot be reached."""


class ModelMismatch(CareerAssistantError):
    """The index was built with another embedding model."""


class IngestError(CareerAssistantError):
    """A file could not be ingested, or ingestion could not start."""


class StoreCorrupt(StoreUnavailable):
    """The embedded index's files are damaged: `career-assistant ingest --rebuild` moves them aside and rebuilds."""


class StoreFull(StoreUnavailable):
    """The disk holding the index has no room for what an ingest would write."""


class StoreReadOnly(StoreUnavailable):
    """The index can be queried but not written (a read-only folder or file system)."""
