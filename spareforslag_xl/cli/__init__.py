"""The command line (click): options in, one library call, messages and exit codes out."""
