"""Stage logic as plain functions of (runtime, recording id); Celery wrappers live in tasks/."""
