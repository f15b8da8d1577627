"""The processing pipeline's shared half: Celery configuration, job state and dispatch.

Both the API (which queues work) and the workers (which do it) import this package; the
API sends tasks by name, so it never imports the workers' code.
"""
