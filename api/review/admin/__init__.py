"""School administration: the programme setup, the audit log, and the progress workbooks."""
