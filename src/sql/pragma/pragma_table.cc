// The table of schema PRAGMAs (pragma_table.h).
#include "sql/pragma/pragma_table.h"

#include "base/ascii.h"
#include "sql/pragma/pragma_lists.h"
#include "sql/pragma/pragma_schema.h"

namespace sluice::sql {

namespace {

const std::vector<PragmaTableDef>& Definitions() {
  static const std::vector<PragmaTableDef>* defs = new std::vector<PragmaTableDef>{
      {"application_id", {"application_id"}, false, false, ApplicationIdRows},
      {"collation_list", {"seq", "name"}, false, false, CollationListRows},
      {"compile_options", {"compile_options"}, false, false, CompileOptionsRows},
      {"function_list", {"name", "builtin", "type", "enc", "narg", "flags"}, false, false, FunctionListRows},
      {"index_info", {"seqno", "cid", "name"}, true, true, IndexInfoRows},
      {"index_list", {"seq", "name", "unique", "origin", "partial"}, true, true, IndexListRows},
      {"index_xinfo", {"seqno", "cid", "name", "desc", "coll", "key"}, true, true, IndexXinfoRows},
      {"table_info", {"cid", "name", "type", "notnull", "dflt_value", "pk"}, true, true, TableInfoRows},
      {"table_list", {"schema", "name", "type", "ncol", "wr", "strict"}, true, false, TableListRows},
      {"table_xinfo", {"cid", "name", "type", "notnull", "dflt_value", "pk", "hidden"}, true, true, TableXinfoRows},
      {"user_version", {"user_version"}, false, false, UserVersionRows},
  };
  return *defs;
}

}  // namespace

const PragmaTableDef* FindPragmaTable(std::string_view name) {
  for (const PragmaTableDef& def : Definitions()) {
    if (EqualsIgnoreAsciiCase(def.name, name)) return &def;
  }
  return nullptr;
}

}  // namespace sluice::sql
