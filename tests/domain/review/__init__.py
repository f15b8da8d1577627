"""Review workflow rules (domain/catalogue.py … domain/workflow.py), table-driven from the seeds."""
