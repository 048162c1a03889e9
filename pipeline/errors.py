"""The pipeline's errors.

    PipelineError          anything the pipeline reports to a user
    ├── ConfigError        bad options or config file (exit 78 from the CLI)
    ├── FetchError         a URL could not be fetched (network, status, size, type)
    ├── ExtractError       a page was fetched but holds no usable article
    └── StoreError         the database cannot be opened or written
        ├── DiskFull       no space left for the database or an export (exit 74)
        └── DatabaseBusy   another process holds SQLite's write lock past the busy timeout (exit 75)

Each message names the URL or file and, where there is one, the fix.
"""


class PipelineError(Exception):
    """Base class: a problem the user can act on."""


class ConfigError(PipelineError):
    pass


class FetchError(PipelineError):
    pass


class ExtractError(PipelineError):
    pass


class StoreError(PipelineError):
    pass


class DiskFull(StoreError):
    pass


class DatabaseBusy(StoreError):
    pass


def storage_error(exc: BaseException, where: str) -> StoreError | None:
    """The StoreError a sqlite3 or OS error means, with a message that says what to do;
    None when it is not a storage problem (then it is a bug, and stays one)."""
    import errno
    import sqlite3

    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in text or "disk full" in text:
        return DiskFull(f"{where}: no space left on the device; free some space and run again "
                        "(what was being stored is retried next run)")
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return DatabaseBusy(f"{where}: another process is writing to the database (SQLite's write lock was"
                            " held past the busy timeout); try again when it has finished")
    if isinstance(exc, sqlite3.OperationalError) and "disk i/o error" in text:
        return StoreError(f"{where}: the disk failed while writing (disk I/O error); check the device and the"
                          " file, then run again (what was being stored is retried next run)")
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in text:
        return StoreError(f"{where}: the database is read-only; check the file's permissions or choose another --db")
    if isinstance(exc, PermissionError):
        return StoreError(f"{where}: permission denied ({exc.strerror}); check the permissions or choose another path")
    return None


class Terminated(KeyboardInterrupt):
    """SIGTERM (cron's or systemd's timeout, a shutdown): stop as cleanly as after Ctrl-C."""
