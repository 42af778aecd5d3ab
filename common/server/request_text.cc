#include "common/server/request_text.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/plain_text.h"
#include "penataan/common/v1/common.pb.h"

namespace penataan {
namespace {

namespace pb = google::protobuf;

TextKind KindOf(const pb::FieldDescriptor& field) {
  return field.options().GetExtension(common::v1::multiline) ? TextKind::kMultiLine
                                                             : TextKind::kOneLine;
}

void Check(const std::string& path, const std::string& value, TextKind kind,
           std::vector<Violation>& out) {
  std::string problem = TextProblem(value, kind);
  if (!problem.empty()) out.push_back({path, 0, std::move(problem)});
}

void Walk(const pb::Message& message, const std::string& prefix, std::vector<Violation>& out);

// A map's entries, named by their key when it is plain ("personalisation[nama]").
void WalkMap(const pb::Message& message, const pb::FieldDescriptor& field, const std::string& path,
             std::vector<Violation>& out) {
  const pb::Reflection& r = *message.GetReflection();
  const pb::FieldDescriptor* key = field.message_type()->map_key();
  const pb::FieldDescriptor* value = field.message_type()->map_value();
  for (int i = 0; i < r.FieldSize(message, &field); ++i) {
    const pb::Message& entry = r.GetRepeatedMessage(message, &field, i);
    const pb::Reflection& er = *entry.GetReflection();
    std::string name = absl::StrCat(path, "[", i, "]");
    if (key->type() == pb::FieldDescriptor::TYPE_STRING) {
      const std::string k = er.GetString(entry, key);
      if (TextProblem(k, TextKind::kOneLine).empty()) {
        name = absl::StrCat(path, "[", k, "]");
      } else {
        Check(absl::StrCat(path, " key ", i + 1), k, TextKind::kOneLine, out);
      }
    }
    if (value->type() == pb::FieldDescriptor::TYPE_STRING) {
      Check(name, er.GetString(entry, value), KindOf(field), out);
    } else if (value->type() == pb::FieldDescriptor::TYPE_MESSAGE) {
      Walk(er.GetMessage(entry, value), name, out);
    }
  }
}

void Walk(const pb::Message& message, const std::string& prefix, std::vector<Violation>& out) {
  const pb::Reflection& r = *message.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  r.ListFields(message, &fields);
  for (const pb::FieldDescriptor* f : fields) {
    const std::string path = prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    if (f->is_map()) {
      WalkMap(message, *f, path, out);
    } else if (f->type() == pb::FieldDescriptor::TYPE_STRING) {
      if (!f->is_repeated()) {
        Check(path, r.GetString(message, f), KindOf(*f), out);
        continue;
      }
      for (int i = 0; i < r.FieldSize(message, f); ++i) {
        Check(absl::StrCat(path, "[", i, "]"), r.GetRepeatedString(message, f, i), KindOf(*f), out);
      }
    } else if (f->type() == pb::FieldDescriptor::TYPE_MESSAGE) {
      if (!f->is_repeated()) {
        Walk(r.GetMessage(message, f), path, out);
        continue;
      }
      for (int i = 0; i < r.FieldSize(message, f); ++i) {
        Walk(r.GetRepeatedMessage(message, f, i), absl::StrCat(path, "[", i, "]"), out);
      }
    }
  }
}

}  // namespace

absl::Status CheckRequestText(const google::protobuf::Message& request) {
  std::vector<Violation> out;
  Walk(request, "", out);
  // The violations travel in the status's trailer, which gRPC keeps small.
  constexpr size_t kMaxNamed = 20;
  if (out.size() > kMaxNamed) {
    const size_t more = out.size() - kMaxNamed;
    out.resize(kMaxNamed);
    out.push_back({"request", 0, absl::StrCat("and ", more, " more text fields like these")});
  }
  return InvalidFields(out);
}

}  // namespace penataan
