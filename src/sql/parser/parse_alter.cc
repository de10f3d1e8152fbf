// ALTER TABLE, as SQLite's grammar (parse.y):
//   cmd ::= ALTER TABLE fullname RENAME TO nm
//         | ALTER TABLE fullname RENAME kwcolumn_opt nm TO nm
//         | ALTER TABLE fullname ADD kwcolumn_opt columnname carglist
//         | ALTER TABLE fullname DROP kwcolumn_opt nm
// The names keep their token spans: the connection rewrites schema text
// with them (quoting follows the new name's token) and points errors at
// them.
#include "sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

// The token `COLUMN` is optional before a name; it is the name itself when
// nothing that could be a name follows it.
bool IsNameToken(TokenKind k) { return k != TokenKind::kEof && k != TokenKind::kSemicolon && k != TokenKind::kTo; }

}  // namespace

StatementPtr Parser::ParseAlterTable() {
  const size_t begin = tok_.offset;
  Advance();  // ALTER
  if (!Expect(TokenKind::kTable)) return {};
  auto alter = std::make_unique<AlterTableStatement>();
  if (!ParseQualifiedName(&alter->schema, &alter->table)) return {};
  auto name_with_span = [&](std::string* name, SourceSpan* span) {
    span->begin = tok_.offset;
    if (!ParseName(name)) return false;
    span->end = last_end_;
    return true;
  };
  switch (kind()) {
    case TokenKind::kRename:
      Advance();
      if (Accept(TokenKind::kTo)) {
        alter->action = AlterTableStatement::Action::kRenameTable;
      } else {
        alter->action = AlterTableStatement::Action::kRenameColumn;
        if (At(TokenKind::kColumn) && IsNameToken(Peek().kind)) Advance();
        if (!name_with_span(&alter->column, &alter->column_span)) return {};
        if (!Expect(TokenKind::kTo)) return {};
      }
      if (!name_with_span(&alter->new_name, &alter->new_name_span)) return {};
      break;
    case TokenKind::kAdd:
      Advance();
      alter->action = AlterTableStatement::Action::kAddColumn;
      if (At(TokenKind::kColumn) && IsNameToken(Peek().kind)) Advance();
      if (!ParseColumnDef(&alter->column_def)) return {};
      break;
    case TokenKind::kDrop:
      Advance();
      alter->action = AlterTableStatement::Action::kDropColumn;
      if (At(TokenKind::kColumn) && IsNameToken(Peek().kind)) Advance();
      if (!name_with_span(&alter->column, &alter->column_span)) return {};
      break;
    default: return SyntaxError();
  }
  FinishStatement(*alter, begin);
  return StatementPtr(std::move(alter));
}

}  // namespace sluice::sql
