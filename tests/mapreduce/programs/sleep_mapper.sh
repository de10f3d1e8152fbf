#!/bin/sh
# Writes its pid and sleeps (for the Ctrl-C test): $1 is the pid file.
echo $$ >>"$1"
exec sleep 600
