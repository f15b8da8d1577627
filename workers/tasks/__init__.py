"""Celery task wrappers: names, queues, retries; the work itself is in workers/stages."""
