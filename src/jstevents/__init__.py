"""jstevents: the coordinator's toolkit for JST training programmes."""

__version__ = "0.1.0"
