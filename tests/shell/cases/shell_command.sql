select 1;
.shell echo hi; exit 3
select 2;
.system "echo  a" b
.sh
.sy printf '%s|%s\n' x 'y z'
.shel exit 1
.system true
select 3;
