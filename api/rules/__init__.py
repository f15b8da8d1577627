"""The review rules as the server applies them (``GET /api/rules``), so the UI never copies one."""
