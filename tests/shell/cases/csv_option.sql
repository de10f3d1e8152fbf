select 1 as a, 'x y' as b, null as c;
