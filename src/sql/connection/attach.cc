// ATTACH / DETACH, routing a statement to the attached database it names,
// and the transaction rules across attached databases (attach.h).
#include "sql/connection/attach.h"

#include <set>

#include "sql/binder/binder.h"
#include "sql/exec/expr_eval.h"
#include "sql/lexer/lexer.h"

namespace sluice::sql {

namespace {

constexpr size_t kMaxAttached = 10;  // SQLITE_MAX_ATTACHED's default

// The text of an ATTACH/DETACH operand: a bare identifier is its own name,
// anything else is evaluated (NULL: "").
Result<std::string> OperandText(DatabaseImpl& db, const Expr& e, const Statement& s) {
  if (e.kind == ExprKind::kColumnRef) {
    const auto& ref = e.As<ColumnRefExpr>();
    if (ref.table.empty() && ref.schema.empty()) return ref.column;
  }
  Binder binder(db.catalog(), db.parameters());
  SLUICE_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.BindConstantExpr(e, s));
  ExecContext ctx;
  SLUICE_ASSIGN_OR_RETURN(Value v, EvaluateConstant(*bound, &ctx));
  if (v.is_null()) return std::string();
  if (v.is_string()) return std::string(v.bytes());
  if (v.is_integer()) return std::to_string(v.integer());
  return Status::InvalidArgument("invalid name for ATTACH / DETACH");
}

// ---- stripping the routed database's qualifier ----

class Stripper {
 public:
  explicit Stripper(std::string name) : name_(std::move(name)) {}

  void Name(std::string* schema) const {
    if (NameEqualsNoCase(*schema, name_)) schema->clear();
  }
  void ExprTree(Expr* e) {
    if (e == nullptr) return;
    switch (e->kind) {
      case ExprKind::kColumnRef: Name(&e->As<ColumnRefExpr>().schema); break;
      case ExprKind::kUnary: ExprTree(e->As<UnaryExpr>().operand.get()); break;
      case ExprKind::kBinary:
        ExprTree(e->As<BinaryExpr>().left.get());
        ExprTree(e->As<BinaryExpr>().right.get());
        break;
      case ExprKind::kNullTest: ExprTree(e->As<NullTestExpr>().operand.get()); break;
      case ExprKind::kLike: {
        auto& l = e->As<LikeExpr>();
        ExprTree(l.left.get());
        ExprTree(l.pattern.get());
        ExprTree(l.escape.get());
        break;
      }
      case ExprKind::kBetween: {
        auto& b = e->As<BetweenExpr>();
        ExprTree(b.operand.get());
        ExprTree(b.low.get());
        ExprTree(b.high.get());
        break;
      }
      case ExprKind::kInList:
        ExprTree(e->As<InListExpr>().operand.get());
        for (ExprPtr& x : e->As<InListExpr>().list) ExprTree(x.get());
        break;
      case ExprKind::kInSelect:
        ExprTree(e->As<InSelectExpr>().operand.get());
        SelectTree(e->As<InSelectExpr>().select.get());
        break;
      case ExprKind::kInTable:
        ExprTree(e->As<InTableExpr>().operand.get());
        Name(&e->As<InTableExpr>().schema);
        for (ExprPtr& x : e->As<InTableExpr>().args) ExprTree(x.get());
        break;
      case ExprKind::kExists: SelectTree(e->As<ExistsExpr>().select.get()); break;
      case ExprKind::kSubquery: SelectTree(e->As<SubqueryExpr>().select.get()); break;
      case ExprKind::kCase: {
        auto& c = e->As<CaseExpr>();
        ExprTree(c.operand.get());
        for (CaseWhen& w : c.whens) {
          ExprTree(w.when.get());
          ExprTree(w.then.get());
        }
        ExprTree(c.else_result.get());
        break;
      }
      case ExprKind::kCast: ExprTree(e->As<CastExpr>().operand.get()); break;
      case ExprKind::kFunction:
        for (ExprPtr& x : e->As<FunctionExpr>().args) ExprTree(x.get());
        break;
      case ExprKind::kCollate: ExprTree(e->As<CollateExpr>().operand.get()); break;
      case ExprKind::kRowValue:
        for (ExprPtr& x : e->As<RowValueExpr>().elements) ExprTree(x.get());
        break;
      case ExprKind::kRaise: ExprTree(e->As<RaiseExpr>().message.get()); break;
      default: break;
    }
  }
  void From(FromClause* from) {
    if (from == nullptr) return;
    for (FromItem& item : from->items) {
      Table(item.table.get());
      ExprTree(item.on.get());
    }
  }
  void Table(TableRef* t) {
    if (t == nullptr) return;
    Name(&t->schema);
    for (ExprPtr& x : t->args) ExprTree(x.get());
    SelectTree(t->select.get());
    From(t->join.get());
  }
  void With(WithClause* with) {
    if (with == nullptr) return;
    for (CommonTableExpr& cte : with->ctes) SelectTree(cte.select.get());
  }
  void SelectTree(Select* s) {
    if (s == nullptr) return;
    With(s->with.get());
    for (SelectCore& core : s->cores) {
      for (ExprList& row : core.rows) {
        for (ExprPtr& x : row) ExprTree(x.get());
      }
      for (ResultColumn& c : core.columns) {
        Name(&c.schema);
        ExprTree(c.expr.get());
      }
      From(core.from.get());
      ExprTree(core.where.get());
      for (ExprPtr& x : core.group_by) ExprTree(x.get());
      ExprTree(core.having.get());
    }
    for (OrderingTerm& o : s->order_by) ExprTree(o.expr.get());
    ExprTree(s->limit.get());
    ExprTree(s->offset.get());
  }
  void StatementTree(Statement* s) {
    switch (s->kind) {
      case StatementKind::kSelect: SelectTree(s->As<SelectStatement>().select.get()); break;
      case StatementKind::kInsert: {
        auto& i = s->As<InsertStatement>();
        With(i.with.get());
        Name(&i.schema);
        SelectTree(i.select.get());
        break;
      }
      case StatementKind::kUpdate: {
        auto& u = s->As<UpdateStatement>();
        With(u.with.get());
        Name(&u.schema);
        for (Assignment& a : u.assignments) ExprTree(a.value.get());
        From(u.from.get());
        ExprTree(u.where.get());
        break;
      }
      case StatementKind::kDelete: {
        auto& d = s->As<DeleteStatement>();
        With(d.with.get());
        Name(&d.schema);
        ExprTree(d.where.get());
        break;
      }
      case StatementKind::kCreateTable: {
        auto& c = s->As<CreateTableStatement>();
        Name(&c.schema);
        SelectTree(c.as_select.get());
        break;
      }
      case StatementKind::kCreateIndex: {
        auto& c = s->As<CreateIndexStatement>();
        Name(&c.schema);
        ExprTree(c.where.get());
        break;
      }
      case StatementKind::kCreateView: {
        auto& c = s->As<CreateViewStatement>();
        Name(&c.schema);
        SelectTree(c.select.get());
        break;
      }
      case StatementKind::kCreateTrigger: Name(&s->As<CreateTriggerStatement>().schema); break;
      case StatementKind::kDrop: Name(&s->As<DropStatement>().schema); break;
      case StatementKind::kPragma: Name(&s->As<PragmaStatement>().schema); break;
      case StatementKind::kVacuum: Name(&s->As<VacuumStatement>().schema); break;
      case StatementKind::kReindex: Name(&s->As<ReindexStatement>().schema); break;
      case StatementKind::kAnalyze: Name(&s->As<AnalyzeStatement>().schema); break;
      case StatementKind::kExplain: {
        Statement* inner = s->As<ExplainStatement>().statement.get();
        if (inner != nullptr) StatementTree(inner);
        break;
      }
      default: break;
    }
  }

 private:
  std::string name_;
};

// Whether the catalog of `db` has an object (table, view, index, trigger)
// called `name`.
bool HasObject(DatabaseImpl& db, std::string_view name) {
  size_t pos = 0;
  return db.catalog().FindTable(name) != nullptr || db.catalog().FindView(name) != nullptr ||
         db.catalog().FindIndex(name, &pos) != nullptr || db.catalog().FindTrigger(name) != nullptr;
}

bool IsCreate(StatementKind k) {
  return k == StatementKind::kCreateTable || k == StatementKind::kCreateIndex || k == StatementKind::kCreateView ||
         k == StatementKind::kCreateTrigger;
}

// The databases of the connection that are in the transaction.
std::vector<DatabaseImpl*> Group(DatabaseImpl& main) {
  std::vector<DatabaseImpl*> out{&main};
  for (DatabaseImpl::AttachedDatabase& a : main.attached()) out.push_back(a.db.get());
  return out;
}

}  // namespace

Status RunAttach(DatabaseImpl& db, const AttachStatement& s) {
  SLUICE_ASSIGN_OR_RETURN(std::string file, OperandText(db, *s.file, s));
  SLUICE_ASSIGN_OR_RETURN(std::string name, OperandText(db, *s.name, s));
  if (db.in_transaction()) return Status::InvalidArgument("cannot ATTACH database within transaction");
  bool taken = NameEqualsNoCase(name, "main") || NameEqualsNoCase(name, "temp");
  for (const DatabaseImpl::AttachedDatabase& a : db.attached()) taken = taken || NameEqualsNoCase(a.name, name);
  if (taken) return Status::InvalidArgument("database " + name + " is already in use");
  if (db.attached().size() >= kMaxAttached) {
    return Status::InvalidArgument("too many attached databases - max " + std::to_string(kMaxAttached));
  }
  Result<std::unique_ptr<Database>> opened = Database::Open(file);
  if (!opened.ok()) {
    if (opened.status().result_code() == ResultCode::kCantOpen) {
      return Status::InvalidArgument("unable to open database: " + file, ResultCode::kCantOpen);
    }
    return opened.status();
  }
  std::unique_ptr<DatabaseImpl> attached(static_cast<DatabaseImpl*>(opened->release()));
  attached->set_parent(&db);
  db.attached().push_back({name, std::move(attached)});
  return Status::OK();
}

Status RunDetach(DatabaseImpl& db, const DetachStatement& s) {
  SLUICE_ASSIGN_OR_RETURN(std::string name, OperandText(db, *s.name, s));
  if (NameEqualsNoCase(name, "main")) return Status::InvalidArgument("cannot detach database main");
  auto& list = db.attached();
  for (size_t i = 0; i < list.size(); ++i) {
    if (!NameEqualsNoCase(list[i].name, name)) continue;
    if (list[i].db->in_transaction() || list[i].db->live_statements() > 0) {
      return Status::InvalidArgument("database " + name + " is locked");
    }
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
    return Status::OK();
  }
  return Status::InvalidArgument("no such database: " + name);
}

Result<DatabaseImpl*> RouteStatement(DatabaseImpl& main, Statement& ast, std::string* qualifier) {
  if (main.attached().empty()) return &main;
  if (ast.kind == StatementKind::kAttach || ast.kind == StatementKind::kDetach) return &main;
  // Which databases the statement's tokens name: qualifiers (X.), and
  // unqualified names of objects (main first, as sqlite3 resolves them).
  std::set<size_t> qualified;  // indexes into attached(); SIZE_MAX: main
  std::set<size_t> unqualified;
  const size_t kMain = static_cast<size_t>(-1);
  Lexer lexer(ast.sql);
  Token prev;
  Token tok = lexer.Next();
  while (tok.kind != TokenKind::kEof) {
    Token next = lexer.Next();
    bool is_name = tok.kind != TokenKind::kString && tok.kind != TokenKind::kDot && !tok.text.empty() &&
                   tok.kind != TokenKind::kParameter;
    if (is_name && prev.kind != TokenKind::kDot) {
      std::string name = Dequote(tok.text);
      if (next.kind == TokenKind::kDot) {
        if (NameEqualsNoCase(name, "main") || NameEqualsNoCase(name, "temp")) qualified.insert(kMain);
        for (size_t i = 0; i < main.attached().size(); ++i) {
          if (NameEqualsNoCase(main.attached()[i].name, name)) qualified.insert(i);
        }
      }
      if (HasObject(main, name)) {
        unqualified.insert(kMain);
      } else {
        for (size_t i = 0; i < main.attached().size(); ++i) {
          if (HasObject(*main.attached()[i].db, name)) {
            unqualified.insert(i);
            break;
          }
        }
      }
    }
    prev = tok;
    tok = next;
  }
  std::set<size_t> all = qualified;
  // CREATE x: main's. CREATE X.x: the names in its body are X's own (an
  // index's table, a view's tables), as sqlite3 resolves them.
  if (!IsCreate(ast.kind)) all.insert(unqualified.begin(), unqualified.end());
  if (all.empty() || (all.size() == 1 && *all.begin() == kMain)) return &main;
  if (all.size() > 1) {
    std::string names;
    for (size_t i : all)
      names += std::string(names.empty() ? "" : " and ") + (i == kMain ? "main" : main.attached()[i].name);
    return Status::InvalidArgument("statements that use tables of several databases (" + names + ") are not supported");
  }
  DatabaseImpl::AttachedDatabase& target = main.attached()[*all.begin()];
  SLUICE_RETURN_IF_ERROR(JoinTransaction(*target.db));
  Stripper(target.name).StatementTree(&ast);
  if (qualifier != nullptr && !qualified.empty()) *qualifier = target.name;
  return target.db.get();
}

Status JoinTransaction(DatabaseImpl& db) {
  DatabaseImpl* main = db.parent();
  if (main == nullptr || !main->in_transaction() || db.in_transaction() || db.replaying()) return Status::OK();
  if (main->transaction().savepoint_count() > 0) {
    for (DatabaseImpl::AttachedDatabase& a : main->attached()) {
      if (a.db.get() == &db) {
        return Status::InvalidArgument("database " + a.name +
                                       " cannot join a transaction that has savepoints: not supported");
      }
    }
  }
  return db.transaction().Begin();
}

Status CheckSingleFileWrite(DatabaseImpl& db) {
  DatabaseImpl& main = db.parent() != nullptr ? *db.parent() : db;
  if (!db.is_file_database() || !db.in_transaction() || main.attached().empty()) return Status::OK();
  for (DatabaseImpl* other : Group(main)) {
    if (other == &db || !other->is_file_database() || !other->in_transaction()) continue;
    if (other->wrote_in_transaction()) {
      return Status::InvalidArgument(
          "a transaction may write to only one database file: COMMIT the changes to the other first");
    }
  }
  return Status::OK();
}

Status CommitAttached(DatabaseImpl& main) {
  // The written file first: if its commit fails, nothing else has ended.
  std::vector<DatabaseImpl*> order;
  for (DatabaseImpl::AttachedDatabase& a : main.attached()) {
    if (!a.db->in_transaction()) continue;
    if (a.db->is_file_database() && a.db->wrote_in_transaction()) {
      order.insert(order.begin(), a.db.get());
    } else {
      order.push_back(a.db.get());
    }
  }
  for (DatabaseImpl* db : order) SLUICE_RETURN_IF_ERROR(db->transaction().Commit());
  return Status::OK();
}

Status RollbackAttached(DatabaseImpl& main) {
  Status first = Status::OK();
  for (DatabaseImpl::AttachedDatabase& a : main.attached()) {
    if (!a.db->in_transaction()) continue;
    Status s = a.db->transaction().Rollback();
    if (first.ok() && !s.ok()) first = s;
  }
  return first;
}

Status CheckNoAttachedInTransaction(DatabaseImpl& main) {
  for (DatabaseImpl::AttachedDatabase& a : main.attached()) {
    if (a.db->in_transaction()) {
      return Status::InvalidArgument("savepoints are not supported while attached database " + a.name +
                                     " is in the transaction");
    }
  }
  return Status::OK();
}

}  // namespace sluice::sql
