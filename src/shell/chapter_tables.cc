// The chapter's example tables (cities, temps, animals, primes), built by
// the statements of the chapter scripts (../shared/chapter/sql/*.sql),
// embedded so that `sluice sql --preload-chapter` (and `make run`) works
// from any directory.
#include "shell/chapter_tables.h"

namespace sluice::shell {

std::string_view ChapterTablesSql() {
  return R"sql(
create table cities as
   select 38 as latitude, 122 as longitude, "Berkeley" as name union
   select 42,             71,               "Cambridge"        union
   select 45,             93,               "Minneapolis";
create table temps as
  select "Berkeley" as city, 68 as temp union
  select "Chicago"         , 59         union
  select "Minneapolis"     , 55;
create table animals as
  select "dog" as name, 4 as legs, 20 as weight union
  select "cat"        , 4        , 10           union
  select "ferret"     , 4        , 10           union
  select "t-rex"      , 2        , 12000        union
  select "penguin"    , 2        , 10           union
  select "bird"       , 2        , 6;
create table primes (n unique, prime default 1);
insert into primes values (2, 1), (3, 1);
insert into primes(n) values (4), (5);
insert into primes(n) select n + 4 from primes;
update primes set prime = 0 where n > 2 and n % 2 = 0;
update primes set prime = 0 where n > 3 and n % 3 = 0;
delete from primes where prime = 0;
)sql";
}

}  // namespace sluice::shell
