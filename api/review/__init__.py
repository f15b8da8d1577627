"""The review workflow over HTTP: selections, submissions, scoring, quotas, forwarding."""
