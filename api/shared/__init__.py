"""What every API feature shares: access checks, audit, refusals, review inputs, visibility."""
