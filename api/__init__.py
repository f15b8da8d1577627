"""The HTTP API: thin routes that parse, authorise, call a service and return."""
