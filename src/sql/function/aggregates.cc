// Aggregate accumulators with SQLite 3.40's semantics (see aggregates.h).
#include "sql/function/aggregates.h"

#include "sql/value/arithmetic.h"
#include "sql/value/conversion.h"
#include "sql/value/length_limit.h"

namespace sluice::sql {

void SumAccumulator::StepInt64(int64_t v) {
  ++count_;
  real_sum_ += static_cast<double>(v);
  if (!approx_ && !overflow_ && !AddInt64(int_sum_, v, &int_sum_)) approx_ = overflow_ = true;
}

void SumAccumulator::StepDouble(double v) {
  ++count_;
  real_sum_ += v;
  approx_ = true;
}

void SumAccumulator::Step(const Value& v) {
  // sqlite3_value_numeric_type(): TEXT that is wholly a number is used as
  // that number; anything else non-NULL is read as a double.
  switch (v.type()) {
    case StorageClass::kNull: return;
    case StorageClass::kInteger: StepInt64(v.integer()); return;
    case StorageClass::kReal: StepDouble(v.real()); return;
    case StorageClass::kText: {
      Value n = NumericAffinityOf(v, /*try_for_int=*/false);
      if (n.is_integer()) {
        StepInt64(n.integer());
      } else {
        StepDouble(ValueToDouble(n));
      }
      return;
    }
    case StorageClass::kBlob: StepDouble(ValueToDouble(v)); return;
  }
}

void SumAccumulator::Merge(const SumAccumulator& other) {
  // `other`'s rows come after ours. Once we have seen a non-INTEGER (or
  // overflowed), later integers no longer matter, as in a sequential sum.
  // Otherwise continue the integer sum with other's integer prefix. (A
  // sequential sum could overflow in the middle of that prefix and recover;
  // the merge only sees the prefix total, so it misses that rare case.)
  count_ += other.count_;
  real_sum_ += other.real_sum_;
  if (approx_) return;
  if (other.overflow_ || !AddInt64(int_sum_, other.int_sum_, &int_sum_)) {
    approx_ = overflow_ = true;
    return;
  }
  approx_ = other.approx_;
}

Result<Value> SumAccumulator::FinalizeSum() const {
  if (count_ == 0) return Value();
  if (overflow_) return Status::InvalidArgument("integer overflow");
  if (approx_) return Value::Real(real_sum_);
  return Value::Integer(int_sum_);
}

Value SumAccumulator::FinalizeAvg() const {
  if (count_ == 0) return Value();
  return Value::Real(real_sum_ / static_cast<double>(count_));
}

bool MinMaxAccumulator::StepAny(const Value& v) {
  if (v.is_null()) return false;
  if (!best_.is_null()) {
    int c = CompareValues(best_, v, collation_);
    if (is_max_ ? c >= 0 : c <= 0) return false;
  }
  best_ = v.Owned();
  return true;
}

void MinMaxAccumulator::Merge(const MinMaxAccumulator& other) { (void)Step(other.best_); }

void GroupConcatAccumulator::Step(const Value& v, const Value* sep) {
  if (v.is_null()) return;
  std::optional<std::string> s;
  if (sep == nullptr) {
    s = ",";
  } else if (!sep->is_null()) {
    s = TextForm(*sep);
  }
  if (any_) {
    if (s) text_ += *s;
  } else {
    any_ = true;
    first_sep_ = std::move(s);
  }
  AppendTextForm(v, &text_);
  CheckLength();
}

void GroupConcatAccumulator::CheckLength() {
  if (too_big_ || !ExceedsMaxValueLength(text_.size())) return;
  too_big_ = true;
  std::string().swap(text_);
}

Result<Value> GroupConcatAccumulator::Finalize() const {
  if (too_big_) return TooBigError();
  return any_ ? Value::Text(text_) : Value();
}

void GroupConcatAccumulator::Merge(const GroupConcatAccumulator& other) {
  if (!other.any_) return;
  if (!any_) {
    *this = other;
    return;
  }
  if (too_big_ || other.too_big_) {
    too_big_ = true;
    std::string().swap(text_);
    return;
  }
  if (other.first_sep_) text_ += *other.first_sep_;
  text_ += other.text_;
  CheckLength();
}

namespace {

class CountAggregator final : public Aggregator {
 public:
  explicit CountAggregator(bool star) : star_(star) {}
  AggregateKind kind() const override { return star_ ? AggregateKind::kCountStar : AggregateKind::kCount; }
  Status Step(std::span<const Value> args) override {
    if (star_ || args.empty()) {
      acc_.StepRow();
    } else {
      acc_.Step(args[0]);
    }
    return Status::OK();
  }
  void Merge(const Aggregator& other) override { acc_.Merge(static_cast<const CountAggregator&>(other).acc_); }
  Result<Value> Finalize() const override { return acc_.Finalize(); }

 private:
  bool star_;
  CountAccumulator acc_;
};

class SumAggregator final : public Aggregator {
 public:
  explicit SumAggregator(AggregateKind kind) : kind_(kind) {}
  AggregateKind kind() const override { return kind_; }
  Status Step(std::span<const Value> args) override {
    acc_.Step(args[0]);
    return Status::OK();
  }
  void Merge(const Aggregator& other) override { acc_.Merge(static_cast<const SumAggregator&>(other).acc_); }
  Result<Value> Finalize() const override {
    switch (kind_) {
      case AggregateKind::kTotal: return acc_.FinalizeTotal();
      case AggregateKind::kAvg: return acc_.FinalizeAvg();
      default: return acc_.FinalizeSum();
    }
  }

 private:
  AggregateKind kind_;
  SumAccumulator acc_;
};

class MinMaxAggregator final : public Aggregator {
 public:
  MinMaxAggregator(bool is_max, Collation collation) : acc_(is_max, collation), is_max_(is_max) {}
  AggregateKind kind() const override { return is_max_ ? AggregateKind::kMax : AggregateKind::kMin; }
  Status Step(std::span<const Value> args) override {
    (void)acc_.Step(args[0]);
    return Status::OK();
  }
  void Merge(const Aggregator& other) override { acc_.Merge(static_cast<const MinMaxAggregator&>(other).acc_); }
  Result<Value> Finalize() const override { return acc_.Finalize(); }

 private:
  MinMaxAccumulator acc_;
  bool is_max_;
};

class GroupConcatAggregator final : public Aggregator {
 public:
  AggregateKind kind() const override { return AggregateKind::kGroupConcat; }
  Status Step(std::span<const Value> args) override {
    acc_.Step(args[0], args.size() > 1 ? &args[1] : nullptr);
    return Status::OK();
  }
  void Merge(const Aggregator& other) override { acc_.Merge(static_cast<const GroupConcatAggregator&>(other).acc_); }
  Result<Value> Finalize() const override { return acc_.Finalize(); }

 private:
  GroupConcatAccumulator acc_;
};

}  // namespace

std::unique_ptr<Aggregator> MakeAggregator(AggregateKind kind, Collation collation) {
  switch (kind) {
    case AggregateKind::kCount: return std::make_unique<CountAggregator>(false);
    case AggregateKind::kCountStar: return std::make_unique<CountAggregator>(true);
    case AggregateKind::kSum:
    case AggregateKind::kTotal:
    case AggregateKind::kAvg: return std::make_unique<SumAggregator>(kind);
    case AggregateKind::kMin: return std::make_unique<MinMaxAggregator>(false, collation);
    case AggregateKind::kMax: return std::make_unique<MinMaxAggregator>(true, collation);
    case AggregateKind::kGroupConcat: return std::make_unique<GroupConcatAggregator>();
  }
  return nullptr;
}

}  // namespace sluice::sql
