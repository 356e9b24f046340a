"""Plain data every layer shares: the plan, the master's layout, findings, errors, units, Danish numbers."""
