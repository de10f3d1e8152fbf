.parameter list
select :x;
.parameter set :x 5
.parameter set @name hello
.parameter set $e 1+2
.parameter set ?3 x'00'
.parameter set :long_parameter_name 2.5
.parameter set :b x'0102'
.parameter set :n NULL
.parameter set :s 'it''s'
.parameter list
select :x, @name, $e, ?3, :nosuch, typeof(:x), typeof(@name), typeof(:b), :n is null, :s;
select ?, ?, ?3, typeof(?3);
create table t(a, b);
insert into t values(:x, $e);
select * from t where a = :x;
.parameter unset :x
.parameter list
select :x;
.parameter set :q
.parameter
.parameter bogus
.parameter list extra
.param init
.parameter clear
.parameter list
select $e;
.parameter set :t "a b"
.parameter set :u 'quoted'
.par list
