// CREATE TABLE / INDEX / VIEW / TRIGGER and DROP statements.
#include <string>
#include <utility>

#include "base/ascii.h"
#include "sql/lexer/keywords.h"
#include "sql/parser/parser_internal.h"

namespace sluice::sql {
namespace {

bool IsTableConstraintStart(TokenKind k) {
  return k == TokenKind::kConstraint || k == TokenKind::kPrimary || k == TokenKind::kUnique || k == TokenKind::kCheck ||
         k == TokenKind::kForeign;
}

bool IsColumnConstraintStart(TokenKind k) {
  switch (k) {
    case TokenKind::kConstraint:
    case TokenKind::kDefault:
    case TokenKind::kNull:
    case TokenKind::kNot:
    case TokenKind::kPrimary:
    case TokenKind::kUnique:
    case TokenKind::kCheck:
    case TokenKind::kReferences:
    case TokenKind::kDeferrable:
    case TokenKind::kCollate:
    case TokenKind::kGenerated:
    case TokenKind::kAs: return true;
    default: return false;
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) { return EqualsIgnoreAsciiCase(a, b); }

// The clause of the last REFERENCES constraint of `column`, which a
// following [NOT] DEFERRABLE qualifies; a scratch clause when there is none.
ForeignKeyClause* LastForeignKey(ColumnDef* column) {
  for (auto it = column->constraints.rbegin(); it != column->constraints.rend(); ++it) {
    if (it->kind == ColumnConstraint::Kind::kReferences) return it->foreign_key.get();
  }
  static thread_local ForeignKeyClause scratch;
  return &scratch;
}

// sqlite3StringToId: a string literal standing alone (or under COLLATE) in
// an index's column list names a column, as in CREATE INDEX i ON t('a').
void StringToColumnRef(ExprPtr* slot) {
  if ((*slot)->kind == ExprKind::kCollate) {
    StringToColumnRef(&(*slot)->As<CollateExpr>().operand);
    return;
  }
  if ((*slot)->kind != ExprKind::kLiteral) return;
  const auto& literal = (*slot)->As<LiteralExpr>();
  if (literal.literal != LiteralKind::kString) return;
  auto ref = std::make_unique<ColumnRefExpr>();
  ref->span = literal.span;
  ref->column = literal.value;
  ref->column_quote = QuoteStyle::kSingle;
  *slot = std::move(ref);
}

}  // namespace

bool Parser::ParseIfNotExists(bool* if_not_exists) {
  if (!At(TokenKind::kIf)) return true;
  Advance();
  if (!Expect(TokenKind::kNot)) return {};
  if (!Expect(TokenKind::kExists)) return {};
  *if_not_exists = true;
  return true;
}

// CREATE [TEMP] TABLE | VIEW | TRIGGER, CREATE [UNIQUE] INDEX
StatementPtr Parser::ParseCreate() {
  const size_t begin = tok_.offset;
  Advance();  // CREATE
  const bool temp = Accept(TokenKind::kTemp) || Accept(TokenKind::kTemporary);
  StatementPtr statement;
  if (!temp && Accept(TokenKind::kUnique)) {
    if (!Expect(TokenKind::kIndex)) return {};
    if (!(statement = ParseCreateIndex(true))) return {};
  } else {
    switch (kind()) {
      case TokenKind::kTable: {
        Advance();
        if (!(statement = ParseCreateTable(temp))) return {};
        break;
      }
      case TokenKind::kView: {
        Advance();
        if (!(statement = ParseCreateView(temp))) return {};
        break;
      }
      case TokenKind::kTrigger: {
        Advance();
        if (!(statement = ParseCreateTrigger(temp))) return {};
        break;
      }
      case TokenKind::kIndex: {
        if (temp) return SyntaxError();
        Advance();
        if (!(statement = ParseCreateIndex(false))) return {};
        break;
      }
      case TokenKind::kVirtual:
        if (temp) return SyntaxError();
        return ErrorAt(tok_, "CREATE VIRTUAL TABLE is not supported", true);
      default: return SyntaxError();
    }
  }
  FinishStatement(*statement, begin);
  return statement;
}

// After TABLE: [IF NOT EXISTS] [schema.]name ( columns [, constraints] )
// [table options] | ... AS select
StatementPtr Parser::ParseCreateTable(bool temp) {
  auto table = std::make_unique<CreateTableStatement>();
  table->temp = temp;
  if (!ParseIfNotExists(&table->if_not_exists)) return {};
  if (!ParseQualifiedName(&table->schema, &table->name, &table->name_span)) return {};
  if (Accept(TokenKind::kAs)) {
    if (!(table->as_select = ParseSelect())) return {};
    return StatementPtr(std::move(table));
  }
  if (!Expect(TokenKind::kLeftParen)) return {};
  bool constraints = false;
  for (;;) {
    if (IsTableConstraintStart(kind())) {
      constraints = true;
      break;
    }
    ColumnDef column;
    if (!ParseColumnDef(&column)) return {};
    table->columns.push_back(std::move(column));
    if (!Accept(TokenKind::kComma)) break;
  }
  // conslist: constraints separated by commas or by nothing at all.
  while (constraints) {
    TableConstraint constraint;
    if (!ParseTableConstraint(&constraint)) return {};
    table->constraints.push_back(std::move(constraint));
    constraints = Accept(TokenKind::kComma) || IsTableConstraintStart(kind());
  }
  if (!Expect(TokenKind::kRightParen)) return {};
  if (!ParseTableOptions(table.get())) return {};
  return StatementPtr(std::move(table));
}

// table_option_set ::= table_option (, table_option)*
// table_option ::= WITHOUT nm | nm     (WITHOUT ROWID, STRICT)
bool Parser::ParseTableOptions(CreateTableStatement* table) {
  for (;;) {
    if (At(TokenKind::kWithout)) {
      Advance();
      if (!IsNm(tok_)) return SyntaxError();
      Token name = Advance();
      if (!EqualsIgnoreCase(Dequote(name.text), "rowid")) {
        return ErrorAt(name, "unknown table option: " + std::string(name.text), false);
      }
      table->without_rowid = true;
    } else if (IsNm(tok_)) {
      Token name = Advance();
      if (!EqualsIgnoreCase(Dequote(name.text), "strict")) {
        return ErrorAt(name, "unknown table option: " + std::string(name.text), false);
      }
      table->strict = true;
    } else {
      return true;
    }
    if (!Accept(TokenKind::kComma)) return true;
  }
}

// nm [typetoken] ccons*
bool Parser::ParseColumnDef(ColumnDef* column) {
  column->span.begin = tok_.offset;
  if (!ParseName(&column->name)) return {};
  if (!ParseTypeName(&column->type_name)) return {};
  while (IsColumnConstraintStart(kind()))
    if (!ParseColumnConstraint(column)) return {};
  column->span.end = last_end_;
  return true;
}

// One ccons of SQLite's grammar (CONSTRAINT name applies to the next one).
bool Parser::ParseColumnConstraint(ColumnDef* column) {
  ColumnConstraint c;
  c.span.begin = tok_.offset;
  if (Accept(TokenKind::kConstraint)) {
    if (!ParseName(&c.name)) return {};
    if (!IsColumnConstraintStart(kind()) || At(TokenKind::kConstraint)) {
      column->dangling_constraint_name = std::move(c.name);
      return true;
    }
  }
  switch (kind()) {
    case TokenKind::kDefault: {
      Advance();
      c.kind = ColumnConstraint::Kind::kDefault;
      if (Accept(TokenKind::kLeftParen)) {
        if (!(c.expr = ParseExpr())) return {};
        if (!Expect(TokenKind::kRightParen)) return {};
        break;
      }
      const size_t begin = tok_.offset;
      const bool plus = At(TokenKind::kPlus);
      const bool minus = At(TokenKind::kMinus);
      if (plus || minus) Advance();
      switch (kind()) {
        case TokenKind::kNull:
        case TokenKind::kFloat:
        case TokenKind::kBlob:
        case TokenKind::kString:
        case TokenKind::kInteger:
        case TokenKind::kCurrentDate:
        case TokenKind::kCurrentTime:
        case TokenKind::kCurrentTimestamp: {
          if (!(c.expr = ParseLiteral())) return {};
          break;
        }
        default: {
          if (plus || minus || !(At(TokenKind::kIdentifier) || At(TokenKind::kIndexed) || IsFallbackKeyword(kind()))) {
            return SyntaxError();
          }
          // DEFAULT word: SQLite takes the word as a string ('word'), TRUE
          // and FALSE as 1 and 0.
          auto literal = std::make_unique<LiteralExpr>();
          Token word = Advance();
          literal->span = SourceSpan{word.offset, last_end_};
          literal->text = std::string(word.text);
          literal->value = Dequote(word.text);
          if (word.text.front() != '"' && word.text.front() != '[' && word.text.front() != '`' &&
              (EqualsIgnoreCase(literal->value, "true") || EqualsIgnoreCase(literal->value, "false"))) {
            literal->literal = LiteralKind::kInteger;
            literal->integer = EqualsIgnoreCase(literal->value, "true") ? 1 : 0;
            literal->value.clear();
          } else {
            literal->literal = LiteralKind::kString;
          }
          c.expr = std::move(literal);
          break;
        }
      }
      if (plus || minus) {
        auto unary = std::make_unique<UnaryExpr>();
        unary->op = minus ? UnaryOp::kNegate : UnaryOp::kPlus;
        unary->span.begin = begin;
        unary->operand = std::move(c.expr);
        if (!FinishExpr(*unary)) return {};
        c.expr = std::move(unary);
      }
      break;
    }
    case TokenKind::kNull:
      Advance();
      c.kind = ColumnConstraint::Kind::kNull;
      if (!ParseOnConflict(&c.conflict)) return {};
      break;
    case TokenKind::kNot:
      if (Peek().kind == TokenKind::kDeferrable) return ParseDeferral(LastForeignKey(column));
      Advance();
      if (!Expect(TokenKind::kNull)) return {};
      c.kind = ColumnConstraint::Kind::kNotNull;
      if (!ParseOnConflict(&c.conflict)) return {};
      break;
    case TokenKind::kDeferrable: return ParseDeferral(LastForeignKey(column));
    case TokenKind::kPrimary:
      Advance();
      if (!Expect(TokenKind::kKey)) return {};
      c.kind = ColumnConstraint::Kind::kPrimaryKey;
      if (Accept(TokenKind::kAsc)) {
        c.order = SortOrder::kAsc;
      } else if (Accept(TokenKind::kDesc)) {
        c.order = SortOrder::kDesc;
      }
      if (!ParseOnConflict(&c.conflict)) return {};
      c.autoincrement = Accept(TokenKind::kAutoincrement);
      break;
    case TokenKind::kUnique:
      Advance();
      c.kind = ColumnConstraint::Kind::kUnique;
      if (!ParseOnConflict(&c.conflict)) return {};
      break;
    case TokenKind::kCheck: {
      Advance();
      c.kind = ColumnConstraint::Kind::kCheck;
      if (!Expect(TokenKind::kLeftParen)) return {};
      if (!(c.expr = ParseExpr())) return {};
      if (!Expect(TokenKind::kRightParen)) return {};
      break;
    }
    case TokenKind::kReferences:
      c.kind = ColumnConstraint::Kind::kReferences;
      c.foreign_key = std::make_unique<ForeignKeyClause>();
      if (!ParseForeignKeyClause(c.foreign_key.get())) return {};
      break;
    case TokenKind::kCollate:
      Advance();
      if (!IsIds(tok_)) return SyntaxError();
      c.kind = ColumnConstraint::Kind::kCollate;
      c.collation = Dequote(Advance().text);
      break;
    case TokenKind::kGenerated:
    case TokenKind::kAs: {
      if (Accept(TokenKind::kGenerated)) {
        if (!Expect(TokenKind::kAlways)) return {};
      }
      if (!Expect(TokenKind::kAs)) return {};
      c.kind = ColumnConstraint::Kind::kGenerated;
      if (!Expect(TokenKind::kLeftParen)) return {};
      if (!(c.expr = ParseExpr())) return {};
      if (!Expect(TokenKind::kRightParen)) return {};
      if (At(TokenKind::kIdentifier) || IsFallbackKeyword(kind())) {
        Token type = Advance();
        std::string word = Dequote(type.text);
        if (EqualsIgnoreCase(word, "stored")) {
          c.stored = true;
        } else if (!EqualsIgnoreCase(word, "virtual")) {
          return ErrorAt(type, "unknown generated column type: " + std::string(type.text), true);
        }
      }
      break;
    }
    default: return SyntaxError();
  }
  c.span.end = last_end_;
  column->constraints.push_back(std::move(c));
  column->dangling_constraint_name.clear();
  return true;
}

// REFERENCES nm [( names )] refargs [defer_subclause]
bool Parser::ParseForeignKeyClause(ForeignKeyClause* fk) {
  fk->span.begin = tok_.offset;
  if (!Expect(TokenKind::kReferences)) return {};
  if (!ParseName(&fk->table)) return {};
  if (At(TokenKind::kLeftParen))
    if (!ParseNameList(&fk->columns)) return {};
  for (;;) {
    if (Accept(TokenKind::kMatch)) {
      if (!ParseName(&fk->match)) return {};
      continue;
    }
    if (!At(TokenKind::kOn)) break;
    Advance();
    ForeignKeyAction* action = nullptr;
    ForeignKeyAction ignored;
    if (Accept(TokenKind::kDelete)) {
      action = &fk->on_delete;
    } else if (Accept(TokenKind::kUpdate)) {
      action = &fk->on_update;
    } else {
      if (!Expect(TokenKind::kInsert)) return {};  // ON INSERT: accepted, ignored
      action = &ignored;
    }
    if (Accept(TokenKind::kSet)) {
      if (Accept(TokenKind::kNull)) {
        *action = ForeignKeyAction::kSetNull;
      } else {
        if (!Expect(TokenKind::kDefault)) return {};
        *action = ForeignKeyAction::kSetDefault;
      }
    } else if (Accept(TokenKind::kCascade)) {
      *action = ForeignKeyAction::kCascade;
    } else if (Accept(TokenKind::kRestrict)) {
      *action = ForeignKeyAction::kRestrict;
    } else {
      if (!Expect(TokenKind::kNo)) return {};
      if (!Expect(TokenKind::kAction)) return {};
      *action = ForeignKeyAction::kNoAction;
    }
  }
  if (At(TokenKind::kDeferrable) || (At(TokenKind::kNot) && Peek().kind == TokenKind::kDeferrable)) {
    if (!ParseDeferral(fk)) return {};
  }
  fk->span.end = last_end_;
  return true;
}

// [NOT] DEFERRABLE [INITIALLY DEFERRED | INITIALLY IMMEDIATE]
bool Parser::ParseDeferral(ForeignKeyClause* fk) {
  const bool negated = Accept(TokenKind::kNot);
  if (!Expect(TokenKind::kDeferrable)) return {};
  fk->deferral = negated ? ForeignKeyClause::Deferral::kNotDeferrable : ForeignKeyClause::Deferral::kDeferrable;
  if (Accept(TokenKind::kInitially)) {
    if (Accept(TokenKind::kDeferred)) {
      fk->initially_deferred = true;
    } else {
      if (!Expect(TokenKind::kImmediate)) return {};
    }
  }
  return true;
}

// tcons ::= [CONSTRAINT nm] (PRIMARY KEY (cols [AUTOINCREMENT]) onconf
//   | UNIQUE (cols) onconf | CHECK (expr) onconf
//   | FOREIGN KEY (names) REFERENCES ...)
bool Parser::ParseTableConstraint(TableConstraint* t) {
  t->span.begin = tok_.offset;
  if (Accept(TokenKind::kConstraint)) {
    if (!ParseName(&t->name)) return {};
  }
  switch (kind()) {
    case TokenKind::kPrimary:
      Advance();
      if (!Expect(TokenKind::kKey)) return {};
      t->kind = TableConstraint::Kind::kPrimaryKey;
      if (!ParseIndexedColumns(&t->columns, &t->autoincrement)) return {};
      if (!ParseOnConflict(&t->conflict)) return {};
      break;
    case TokenKind::kUnique:
      Advance();
      t->kind = TableConstraint::Kind::kUnique;
      if (!ParseIndexedColumns(&t->columns, nullptr)) return {};
      if (!ParseOnConflict(&t->conflict)) return {};
      break;
    case TokenKind::kCheck: {
      Advance();
      t->kind = TableConstraint::Kind::kCheck;
      if (!Expect(TokenKind::kLeftParen)) return {};
      if (!(t->check = ParseExpr())) return {};
      if (!Expect(TokenKind::kRightParen)) return {};
      if (!ParseOnConflict(&t->conflict)) return {};
      break;
    }
    case TokenKind::kForeign:
      Advance();
      if (!Expect(TokenKind::kKey)) return {};
      t->kind = TableConstraint::Kind::kForeignKey;
      if (!ParseNameList(&t->fk_columns)) return {};
      t->foreign_key = std::make_unique<ForeignKeyClause>();
      if (!ParseForeignKeyClause(t->foreign_key.get())) return {};
      break;
    default: return SyntaxError();
  }
  t->span.end = last_end_;
  return true;
}

// ( expr [ASC|DESC], ... [AUTOINCREMENT] ); AUTOINCREMENT only where
// `autoincrement` is given (a PRIMARY KEY).
bool Parser::ParseIndexedColumns(std::vector<IndexedColumn>* columns, bool* autoincrement) {
  if (!Expect(TokenKind::kLeftParen)) return {};
  do {
    IndexedColumn column;
    column.span.begin = tok_.offset;
    if (!(column.expr = ParseExpr())) return {};
    StringToColumnRef(&column.expr);
    if (Accept(TokenKind::kAsc)) {
      column.order = SortOrder::kAsc;
    } else if (Accept(TokenKind::kDesc)) {
      column.order = SortOrder::kDesc;
    }
    column.span.end = last_end_;
    columns->push_back(std::move(column));
  } while (Accept(TokenKind::kComma));
  if (autoincrement != nullptr && Accept(TokenKind::kAutoincrement)) *autoincrement = true;
  return Expect(TokenKind::kRightParen);
}

// After [UNIQUE] INDEX: [IF NOT EXISTS] [schema.]name ON table ( cols )
// [WHERE expr]
StatementPtr Parser::ParseCreateIndex(bool unique) {
  auto index = std::make_unique<CreateIndexStatement>();
  index->unique = unique;
  if (!ParseIfNotExists(&index->if_not_exists)) return {};
  if (!ParseQualifiedName(&index->schema, &index->name, &index->name_span)) return {};
  if (!Expect(TokenKind::kOn)) return {};
  if (!ParseName(&index->table)) return {};
  if (!ParseIndexedColumns(&index->columns, nullptr)) return {};
  if (Accept(TokenKind::kWhere)) {
    if (!(index->where = ParseExpr())) return {};
  }
  return StatementPtr(std::move(index));
}

// After VIEW: [IF NOT EXISTS] [schema.]name [( names )] AS select
StatementPtr Parser::ParseCreateView(bool temp) {
  auto view = std::make_unique<CreateViewStatement>();
  view->temp = temp;
  if (!ParseIfNotExists(&view->if_not_exists)) return {};
  if (!ParseQualifiedName(&view->schema, &view->name, &view->name_span)) return {};
  if (At(TokenKind::kLeftParen))
    if (!ParseNameList(&view->columns)) return {};
  if (!Expect(TokenKind::kAs)) return {};
  if (!(view->select = ParseSelect())) return {};
  return StatementPtr(std::move(view));
}

// After TRIGGER: [IF NOT EXISTS] [schema.]name [BEFORE|AFTER|INSTEAD OF]
//   DELETE|INSERT|UPDATE [OF names] ON table [FOR EACH ROW] [WHEN expr]
//   BEGIN (statement ;)+ END
StatementPtr Parser::ParseCreateTrigger(bool temp) {
  auto trigger = std::make_unique<CreateTriggerStatement>();
  trigger->temp = temp;
  if (!ParseIfNotExists(&trigger->if_not_exists)) return {};
  if (!ParseQualifiedName(&trigger->schema, &trigger->name, &trigger->name_span)) return {};
  if (Accept(TokenKind::kBefore)) {
    trigger->timing = CreateTriggerStatement::Timing::kBefore;
  } else if (Accept(TokenKind::kAfter)) {
    trigger->timing = CreateTriggerStatement::Timing::kAfter;
  } else if (Accept(TokenKind::kInstead)) {
    if (!Expect(TokenKind::kOf)) return {};
    trigger->timing = CreateTriggerStatement::Timing::kInsteadOf;
  }
  if (Accept(TokenKind::kDelete)) {
    trigger->event = CreateTriggerStatement::Event::kDelete;
  } else if (Accept(TokenKind::kInsert)) {
    trigger->event = CreateTriggerStatement::Event::kInsert;
  } else if (Accept(TokenKind::kUpdate)) {
    trigger->event = CreateTriggerStatement::Event::kUpdate;
    if (Accept(TokenKind::kOf)) {
      do {
        std::string column;
        if (!ParseName(&column)) return {};
        trigger->update_columns.push_back(std::move(column));
      } while (Accept(TokenKind::kComma));
    }
  } else {
    return SyntaxError();
  }
  if (!Expect(TokenKind::kOn)) return {};
  std::string table_schema;
  if (!ParseQualifiedName(&table_schema, &trigger->table)) return {};
  if (Accept(TokenKind::kFor)) {
    if (!Expect(TokenKind::kEach)) return {};
    if (!Expect(TokenKind::kRow)) return {};
    trigger->for_each_row = true;
  }
  if (Accept(TokenKind::kWhen)) {
    if (!(trigger->when = ParseExpr())) return {};
  }
  if (!Expect(TokenKind::kBegin)) return {};
  trigger->body_span.begin = tok_.offset;
  in_trigger_body_ = true;
  struct ResetOnExit {  // also when a step fails to parse
    bool* flag;
    ~ResetOnExit() { *flag = false; }
  } reset{&in_trigger_body_};
  do {
    StatementPtr statement;
    switch (kind()) {
      case TokenKind::kSelect:
      case TokenKind::kValues: {
        if (!(statement = ParseSelectStatement(nullptr, tok_.offset))) return {};
        break;
      }
      case TokenKind::kWith: {
        if (!(statement = ParseWithStatement())) return {};
        break;
      }
      case TokenKind::kInsert:
      case TokenKind::kReplace: {
        if (!(statement = ParseInsert(nullptr))) return {};
        break;
      }
      case TokenKind::kUpdate: {
        if (!(statement = ParseUpdate(nullptr))) return {};
        break;
      }
      case TokenKind::kDelete: {
        if (!(statement = ParseDelete(nullptr))) return {};
        break;
      }
      default: return SyntaxError();
    }
    trigger->body.push_back(std::move(statement));
    if (!Expect(TokenKind::kSemicolon)) return {};
  } while (!At(TokenKind::kEnd));
  trigger->body_span.end = last_end_;
  Advance();  // END
  return StatementPtr(std::move(trigger));
}

// DROP TABLE|INDEX|VIEW|TRIGGER [IF EXISTS] [schema.]name
StatementPtr Parser::ParseDrop() {
  const size_t begin = tok_.offset;
  Advance();  // DROP
  auto drop = std::make_unique<DropStatement>();
  switch (kind()) {
    case TokenKind::kTable: drop->object = DropStatement::Object::kTable; break;
    case TokenKind::kIndex: drop->object = DropStatement::Object::kIndex; break;
    case TokenKind::kView: drop->object = DropStatement::Object::kView; break;
    case TokenKind::kTrigger: drop->object = DropStatement::Object::kTrigger; break;
    default: return SyntaxError();
  }
  Advance();
  if (Accept(TokenKind::kIf)) {
    if (!Expect(TokenKind::kExists)) return {};
    drop->if_exists = true;
  }
  if (!ParseQualifiedName(&drop->schema, &drop->name)) return {};
  FinishStatement(*drop, begin);
  return StatementPtr(std::move(drop));
}

}  // namespace sluice::sql
