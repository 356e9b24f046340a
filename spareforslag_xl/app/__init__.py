"""One library function per command: read, check, compute, render and write, raising the library's errors."""
