#!/bin/sh
# Word-count mapper that also reports a counter and a status on stderr.
LC_ALL=C awk '{ for (i = 1; i <= NF; i++) print $i "\t1"; n++ }
  END { print "reporter:counter:Test Group,lines seen," n > "/dev/stderr";
        print "reporter:status:counted " n " lines" > "/dev/stderr" }'
