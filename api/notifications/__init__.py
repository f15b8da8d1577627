"""Notifications inside the app (通知): written beside each workflow move, read by their addressee only."""
