"""The pipeline's errors.

    PipelineError          anything the pipeline reports to a user
    ├── ConfigError        bad options or config file (exit 78 from the CLI)
    ├── FetchError         a URL could not be fetched (network, status, size, type)
    ├── ExtractError       a page was fetched but holds no usable article
    └── StoreError         the database cannot be opened or written

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


class Terminated(KeyboardInterrupt):
    """SIGTERM (cron's or systemd's timeout, a shutdown): stop as cleanly as after Ctrl-C."""
