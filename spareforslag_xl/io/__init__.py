"""The outside world: safe output (all files or none), input checks before any parser, parallel rendering, SMTP."""
