"""What every API feature shares: access checks, audit, refusals, rules inputs, visibility."""
