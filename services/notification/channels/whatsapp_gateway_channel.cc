#include "services/notification/channels/whatsapp_gateway_channel.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/contact_address.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/notification/recipient.h"
#include "services/notification/whatsapp_recipient.h"

namespace penataan::notification {

absl::StatusOr<std::unique_ptr<WhatsAppGatewayChannel>> WhatsAppGatewayChannel::Create(
    WhatsAppGatewayOptions options) {
  RETURN_IF_ERROR(ValidateRecipient(v1::WEBHOOK, options.url, "--whatsapp_gateway_url"));
  std::optional<std::string> host = UrlHost(options.url);
  if (!host) return InvalidField("--whatsapp_gateway_url", "not a URL libcurl can read");
  WebhookOptions webhook;
  webhook.secret = std::move(options.secret);
  webhook.timeout = options.timeout;
  // The operator named this host: it is trusted wherever it resolves (an
  // on-premise gateway on 10.x is the usual case).
  ASSIGN_OR_RETURN(webhook.allowed_hosts, WebhookHosts::Parse(*host));
  return std::unique_ptr<WhatsAppGatewayChannel>(new WhatsAppGatewayChannel(
      std::move(options.url), std::move(options.bearer_token), std::move(webhook)));
}

std::string WhatsAppGatewayChannel::Body(const std::string& number, const OutgoingMessage& m) {
  google::protobuf::Struct body;
  auto& fields = *body.mutable_fields();
  fields["to"].set_string_value(number);
  fields["text"].set_string_value(m.body);
  fields["reference"].set_string_value(m.reference);
  std::string json;
  // Cannot fail for a Struct of strings.
  (void)google::protobuf::util::MessageToJsonString(body, &json);
  return json;
}

DeliveryOutcome WhatsAppGatewayChannel::Send(const OutgoingMessage& m) {
  std::optional<std::string> number = WhatsAppNumber(m.recipient);
  // Validated when stored; a row edited by hand is refused rather than guessed at.
  if (!number) return DeliveryOutcome::Permanent("not a whatsapp:+628… recipient");
  DeliveryOutcome outcome =
      PostJson(pool_, webhook_, JsonPost{url_, Body(*number, m), m.name, m.send_time,
                                         bearer_token_});
  if (!outcome.response.empty()) {
    const std::string masked = MaskWhatsapp(*number);
    // With and without the "+": gateways echo either.
    outcome.response = absl::StrReplaceAll(
        outcome.response, {{*number, masked}, {number->substr(1), masked.substr(1)}});
  }
  return outcome;
}

}  // namespace penataan::notification
