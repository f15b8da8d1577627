"""Task names and the queue each one runs on; names read "domain.verb"."""

PROBE = "recordings.probe"
ANALYZE = "recordings.analyze"
TRANSCODE = "recordings.transcode"
IDENTIFY = "recordings.identify"
ENROL_REFERENCE = "references.enrol"
EXPIRE_UPLOADS = "uploads.expire"
WATCHDOG = "jobs.watchdog"
BIOMETRIC_SWEEP = "biometric.sweep"

QUEUE_PROBE = "probe"
QUEUE_ANALYZE = "analyze"
QUEUE_TRANSCODE = "transcode"
QUEUES = (QUEUE_PROBE, QUEUE_ANALYZE, QUEUE_TRANSCODE)

# Maintenance tasks are quick, so they share the probe queue instead of needing a worker of their own.
ROUTES = {
    PROBE: QUEUE_PROBE,
    ANALYZE: QUEUE_ANALYZE,
    TRANSCODE: QUEUE_TRANSCODE,
    # Matches stored faces with numpy, no video and no models: quick, like the maintenance tasks.
    IDENTIFY: QUEUE_PROBE,
    ENROL_REFERENCE: QUEUE_ANALYZE,  # needs the face models, which the analyze workers load
    EXPIRE_UPLOADS: QUEUE_PROBE,
    WATCHDOG: QUEUE_PROBE,
    BIOMETRIC_SWEEP: QUEUE_PROBE,
}

STAGE_TASKS = {
    "probe": PROBE,
    "analyze": ANALYZE,
    "transcode": TRANSCODE,
    "enrol": ENROL_REFERENCE,
    "identify": IDENTIFY,
}
