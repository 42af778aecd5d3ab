#ifndef PENATAAN_SERVICES_NOTIFICATION_DEFAULT_TEMPLATES_H_
#define PENATAAN_SERVICES_NOTIFICATION_DEFAULT_TEMPLATES_H_

// The Indonesian templates for the events the other services raise, stored at
// start-up when their id does not exist yet (an admin's later versions are kept):
//
//   formasi-deadline-reminder  instansi, periode, batas_waktu (the instansi's
//                              effective deadline with its zone, and the instansi's
//                              own zone in parentheses where it differs), zona_waktu
//                              (the instansi's: WIB/WITA/WIT), sisa_waktu
//   formasi-deadline-missed    instansi, periode, batas_waktu, zona_waktu
//   formasi-proposal-decision  instansi, periode, keputusan, jumlah_disetujui, catatan
//   formasi-*-webhook          the same three, shorter, for an instansi's webhook
//                              contacts
//   screening-result-ms        nama, instansi, seleksi, nomor_pendaftaran
//   screening-result-tms       nama, instansi, seleksi, nomor_pendaftaran, alasan
//                              (every failed rule, "- message", one per line),
//                              batas_sanggah (in the honorer's instansi zone)
//   screening-result-*-whatsapp  the same two, short, for the honorer's WhatsApp
//   screening-instansi-summary instansi, seleksi, jumlah_ms, jumlah_tms,
//                              rincian_alasan ("- Masa kerja kurang: 12" per line),
//                              tanpa_kontak (honorers to be told in person),
//                              batas_sanggah; -webhook for the instansi's webhook
//   appeal-decision            nama, instansi, seleksi, keputusan, hasil_akhir, catatan
//   appeal-decision-whatsapp   the same, short, for the honorer's WhatsApp
//   appeal-decision-instansi   instansi, nama, seleksi, keputusan, hasil_akhir,
//                              catatan; -webhook for the instansi's webhook
//   contract-expiring          instansi, tanggal_berakhir, jumlah_kontrak, rincian_unit,
//                              penilaian_belum, sisa_hari; -webhook
//   contract-sent-home         nama, instansi, unit_kerja, nomor_sk, tanggal_berakhir;
//                              -whatsapp
//   contract-kept-at-work      the same; -whatsapp
//   contract-renewed           nama, instansi, unit_kerja, nomor_sk, tanggal_mulai,
//                              tanggal_berakhir, kembali_bekerja; -whatsapp
//   contract-expiry-summary    instansi, tanggal_berakhir, jumlah_dirumahkan,
//                              jumlah_tetap_bekerja, tanpa_kontak; -webhook
//   (the registry's contract notices: services/registry/contract_notices.h)
//
// A formasi, screening or registry service fills the values; the wording lives here. The
// channel given applies to all but the -webhook and -whatsapp variants, which are
// WEBHOOK (LOG when the channel given is LOG).

#include <vector>

#include "services/notification/notification_model.h"

namespace penataan::notification {

std::vector<Template> DefaultTemplates(Channel channel);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_DEFAULT_TEMPLATES_H_
