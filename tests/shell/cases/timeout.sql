-- .timeout MS: sets the busy timeout and prints nothing; the argument is
-- read like sqlite3's integerValue() (missing or not a number: 0; 0x10,
-- 2k suffixes), extra arguments are ignored; ".time" abbreviates neither
-- .timeout nor .timer (five letters needed).
.timeout 500
.timeout
.timeout abc
.timeout 0x10
.timeout 2k 9
.timeout -5
.timeo 100
.time 5
.tim on
select 'still running';
.help timeout
.help dump
.help tim
