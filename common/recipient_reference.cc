#include "common/recipient_reference.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace penataan {
namespace {

const char* ChannelName(ContactChannel channel) {
  switch (channel) {
    case ContactChannel::kEmail: return "email";
    case ContactChannel::kWebhook: return "webhook";
    case ContactChannel::kWhatsapp: return "whatsapp";
  }
  return "webhook";
}

}  // namespace

std::string AddressKey(ContactChannel channel, const std::string& address) {
  const bool email = channel == ContactChannel::kEmail;
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;  // FNV-1a 64 prime
  };
  for (char c : absl::StrCat(ChannelName(channel), ":")) mix(static_cast<unsigned char>(c));
  for (char c : address) {
    mix(static_cast<unsigned char>(email ? absl::ascii_tolower(static_cast<unsigned char>(c))
                                         : c));
  }
  return absl::StrFormat("%016x", h);
}

std::string RecipientReference(const std::string& row_reference, const std::string& address,
                               ContactChannel channel) {
  return absl::StrCat(row_reference, "/", ChannelName(channel), "/",
                      AddressKey(channel, address));
}

}  // namespace penataan
