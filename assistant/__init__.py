"""Assistant for social entrepreneurs: cited answers from an indexed corpus, and handoffs.

Pipeline, one module a stage: ``ingest`` -> ``chunk`` -> ``embed`` -> ``index`` -> ``understand``
-> ``retrieve`` -> ``answer`` -> ``ui``; with ``config``, ``errors`` and ``cli``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
