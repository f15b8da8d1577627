"""A teacher's choice of 微能力点: read, explain the options, save, confirm, change with approval."""
