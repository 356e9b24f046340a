"""The pure money logic: allocation, computation, a department's parts, validation, salaries, the audit."""
