#include "services/notification/default_templates.h"

namespace penataan::notification {

std::vector<Template> DefaultTemplates(Channel channel) {
  auto make_on = [](Channel on, const char* id, const char* subject, const char* body) {
    Template t;
    t.id = id;
    t.channel = on;
    t.subject = subject;
    t.body = body;
    t.created_by = "system";
    return t;
  };
  auto make = [&](const char* id, const char* subject, const char* body) {
    return make_on(channel, id, subject, body);
  };
  // Formasi reaches an instansi's contacts by email and, where a contact has one, by
  // its webhook (its own system or a WhatsApp gateway): the same news, shorter, on
  // templates of their own, since a template has one channel. Locally (LOG) they
  // are logged like everything else.
  const Channel webhook = channel == v1::LOG ? v1::LOG : v1::WEBHOOK;
  return {
      make("formasi-deadline-reminder",
           "Pengingat: usulan formasi ((periode)) ditutup ((batas_waktu))",
           "Yth. Admin ((instansi)),\n\n"
           "Batas akhir pengiriman usulan formasi periode ((periode)) adalah "
           "((batas_waktu)). Sisa waktu: ((sisa_waktu)) (zona waktu instansi Anda: "
           "((zona_waktu))).\n\n"
           "Usulan yang belum dikirim sampai batas tersebut tidak dapat diterima. "
           "Pastikan seluruh rincian formasi sudah lengkap dan dikirim sebelum batas waktu.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "formasi-deadline-reminder-webhook",
              "Pengingat: usulan formasi ((periode)) ditutup ((batas_waktu))",
              "Pengingat untuk ((instansi)): usulan formasi ((periode)) ditutup "
              "((batas_waktu)), sisa waktu ((sisa_waktu)) (zona waktu instansi: "
              "((zona_waktu))). Usulan yang belum dikirim sampai batas tersebut tidak dapat "
              "diterima."),
      make("formasi-deadline-missed",
           "Batas waktu usulan formasi ((periode)) telah lewat",
           "Yth. Admin ((instansi)),\n\n"
           "Batas akhir pengiriman usulan formasi periode ((periode)), yaitu "
           "((batas_waktu)), telah lewat dan usulan ((instansi)) belum dikirim "
           "(zona waktu instansi Anda: ((zona_waktu))).\n\n"
           "Sesuai ketentuan, instansi yang tidak menyampaikan usulan sampai batas waktu "
           "dianggap tidak membutuhkan formasi PPPK pada periode ini.\n\n"
           "Bila ada keberatan atau pertanyaan, hubungi Kedeputian Bidang SDM Aparatur "
           "Kementerian PANRB melalui surat resmi pimpinan instansi.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "formasi-deadline-missed-webhook",
              "Batas waktu usulan formasi ((periode)) telah lewat",
              "((instansi)): batas waktu usulan formasi ((periode)), ((batas_waktu)), "
              "telah lewat tanpa usulan terkirim (zona waktu instansi: ((zona_waktu))); "
              "instansi dianggap tidak membutuhkan formasi. Hubungi Kedeputian Bidang SDM "
              "Aparatur Kementerian PANRB."),
      make("formasi-proposal-decision",
           "Keputusan usulan formasi ((periode)): ((keputusan))",
           "Yth. Admin ((instansi)),\n\n"
           "Usulan formasi periode ((periode)) telah diputuskan: ((keputusan)).\n"
           "Jumlah formasi yang disetujui: ((jumlah_disetujui)).\n"
           "Catatan: ((catatan))\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "formasi-proposal-decision-webhook",
              "Keputusan usulan formasi ((periode)): ((keputusan))",
              "((instansi)): usulan formasi ((periode)) diputuskan ((keputusan)); "
              "formasi disetujui: ((jumlah_disetujui)). Catatan: ((catatan))"),
      make("screening-result-ms",
           "Hasil seleksi administrasi ((seleksi)): Memenuhi Syarat (MS)",
           "Yth. ((nama)),\n\n"
           "Berdasarkan hasil seleksi administrasi ((seleksi)) pada ((instansi)), "
           "pendaftaran Anda nomor ((nomor_pendaftaran)) dinyatakan MEMENUHI SYARAT (MS).\n\n"
           "Ikuti pengumuman tahap berikutnya dari instansi Anda.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make("screening-result-tms",
           "Hasil seleksi administrasi ((seleksi)): Tidak Memenuhi Syarat (TMS)",
           "Yth. ((nama)),\n\n"
           "Berdasarkan hasil seleksi administrasi ((seleksi)) pada ((instansi)), "
           "pendaftaran Anda nomor ((nomor_pendaftaran)) dinyatakan TIDAK MEMENUHI SYARAT "
           "(TMS) dengan alasan:\n((alasan))\n\n"
           "Anda dapat mengajukan sanggah melalui admin instansi paling lambat "
           "((batas_sanggah)). Sanggah yang diajukan setelah batas tersebut tidak diproses.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make("appeal-decision",
           "Keputusan sanggah seleksi ((seleksi)): ((keputusan))",
           "Yth. ((nama)),\n\n"
           "Sanggah Anda atas hasil seleksi administrasi ((seleksi)) pada ((instansi)) "
           "telah diputuskan: ((keputusan)).\n"
           "Hasil akhir: ((hasil_akhir)).\n"
           "Catatan: ((catatan))\n\n"
           "Keputusan sanggah bersifat final.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
  };
}

}  // namespace penataan::notification
