"""Where a group and a school stand against their 优秀 quotas, counted in SQL."""
