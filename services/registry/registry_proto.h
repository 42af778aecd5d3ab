#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_PROTO_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_PROTO_H_

// Conversions between the API's messages and the registry's plain types.

#include "penataan/registry/v1/registry.pb.h"
#include "services/registry/honorer.h"
#include "services/registry/registry_store.h"

namespace penataan::registry {

void ToProto(const Instansi& in, v1::Instansi* out);
Instansi FromProto(const v1::Instansi& in);

void ToProto(const Honorer& in, v1::Honorer* out);
// INVALID_ARGUMENT naming the field when a date is not a real date.
absl::StatusOr<Honorer> FromProto(const v1::Honorer& in);

void ToProto(const StatusEvent& in, v1::StatusEvent* out);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_PROTO_H_
