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
  // Formasi and screening reach an instansi's contacts by email and, where a contact
  // has one, by its webhook (its own system or a WhatsApp gateway); screening reaches
  // honorers by email and WhatsApp ("whatsapp:+628…", posted to the operator's
  // gateway). The same news, shorter, on templates of their own, since a template
  // has one channel. Locally (LOG) they are logged like everything else, so that the
  // demo shows them in var/notifications.jsonl.
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
      make_on(webhook, "screening-result-ms-whatsapp",
              "Hasil seleksi ((seleksi)): MS",
              "Yth. ((nama)), pendaftaran Anda nomor ((nomor_pendaftaran)) pada seleksi "
              "administrasi ((seleksi)) di ((instansi)) dinyatakan MEMENUHI SYARAT (MS). "
              "Ikuti pengumuman tahap berikutnya dari instansi Anda.\n"
              "(Pesan otomatis Penataan Tenaga Non-ASN)"),
      make("screening-result-tms",
           "Hasil seleksi administrasi ((seleksi)): Tidak Memenuhi Syarat (TMS)",
           "Yth. ((nama)),\n\n"
           "Berdasarkan hasil seleksi administrasi ((seleksi)) pada ((instansi)), "
           "pendaftaran Anda nomor ((nomor_pendaftaran)) dinyatakan TIDAK MEMENUHI SYARAT "
           "(TMS) dengan alasan:\n((alasan))\n\n"
           "Anda dapat mengajukan sanggah melalui admin instansi paling lambat "
           "((batas_sanggah)). Sanggah yang diajukan setelah batas tersebut tidak diproses.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "screening-result-tms-whatsapp",
              "Hasil seleksi ((seleksi)): TMS",
              "Yth. ((nama)), pendaftaran Anda nomor ((nomor_pendaftaran)) pada seleksi "
              "administrasi ((seleksi)) di ((instansi)) dinyatakan TIDAK MEMENUHI SYARAT (TMS) "
              "karena:\n((alasan))\n"
              "Sanggah dapat diajukan melalui admin instansi paling lambat ((batas_sanggah)); "
              "setelah itu tidak diproses.\n"
              "(Pesan otomatis Penataan Tenaga Non-ASN)"),
      // The instansi's admin learns the whole picture at once: how many passed, why
      // the others did not, and whom no message could reach, so that they are told
      // in person before the appeal window closes.
      make("screening-instansi-summary",
           "Rekap hasil seleksi administrasi ((seleksi)): ((jumlah_ms)) MS, ((jumlah_tms)) TMS",
           "Yth. Admin ((instansi)),\n\n"
           "Hasil seleksi administrasi ((seleksi)) untuk pelamar dari instansi Anda:\n"
           "- Memenuhi Syarat (MS): ((jumlah_ms))\n"
           "- Tidak Memenuhi Syarat (TMS): ((jumlah_tms))\n\n"
           "Alasan TMS (satu pelamar dapat memiliki lebih dari satu alasan):\n"
           "((rincian_alasan))\n\n"
           "Setiap pelamar yang memiliki email atau nomor WhatsApp telah diberi tahu hasil dan "
           "alasannya. ((tanpa_kontak)) pelamar tidak memiliki kontak: mohon sampaikan hasilnya "
           "secara langsung.\n\n"
           "Sanggah dapat diajukan paling lambat ((batas_sanggah)).\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "screening-instansi-summary-webhook",
              "Rekap seleksi ((seleksi)): ((jumlah_ms)) MS, ((jumlah_tms)) TMS",
              "((instansi)): hasil seleksi administrasi ((seleksi)) ((jumlah_ms)) MS dan "
              "((jumlah_tms)) TMS. Alasan TMS:\n((rincian_alasan))\n"
              "((tanpa_kontak)) pelamar tanpa kontak perlu diberi tahu langsung. Batas sanggah: "
              "((batas_sanggah))."),
      make("appeal-decision",
           "Keputusan sanggah seleksi ((seleksi)): ((keputusan))",
           "Yth. ((nama)),\n\n"
           "Sanggah Anda atas hasil seleksi administrasi ((seleksi)) pada ((instansi)) "
           "telah diputuskan: ((keputusan)).\n"
           "Hasil akhir: ((hasil_akhir)).\n"
           "Catatan: ((catatan))\n\n"
           "Keputusan sanggah bersifat final.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "appeal-decision-whatsapp",
              "Keputusan sanggah ((seleksi)): ((keputusan))",
              "Yth. ((nama)), sanggah Anda atas hasil seleksi administrasi ((seleksi)) di "
              "((instansi)) ((keputusan)). Hasil akhir: ((hasil_akhir)). Catatan: ((catatan)). "
              "Keputusan sanggah bersifat final.\n"
              "(Pesan otomatis Penataan Tenaga Non-ASN)"),
      make("appeal-decision-instansi",
           "Keputusan sanggah ((nama)), seleksi ((seleksi)): ((keputusan))",
           "Yth. Admin ((instansi)),\n\n"
           "Sanggah ((nama)) atas hasil seleksi administrasi ((seleksi)) telah diputuskan: "
           "((keputusan)).\n"
           "Hasil akhir: ((hasil_akhir)).\n"
           "Catatan: ((catatan))\n\n"
           "Pelamar telah diberi tahu bila memiliki kontak; bila tidak, mohon sampaikan "
           "keputusan ini secara langsung.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "appeal-decision-instansi-webhook",
              "Keputusan sanggah ((nama)): ((keputusan))",
              "((instansi)): sanggah ((nama)) atas seleksi administrasi ((seleksi)) "
              "((keputusan)); hasil akhir ((hasil_akhir)). Catatan: ((catatan))"),
      // Contracts (SK), sent by the registry. The admins hear N days ahead what is
      // about to end and which reviews are missing, so that renewals are ready; each
      // worker hears what the end of their SK means for them; the admins then get
      // the count, with those no message could reach, to be told in person.
      make("contract-expiring",
           "((jumlah_kontrak)) SK tenaga non-ASN berakhir ((tanggal_berakhir))",
           "Yth. Admin ((instansi)),\n\n"
           "((jumlah_kontrak)) SK tenaga non-ASN di instansi Anda berakhir pada "
           "((tanggal_berakhir)), ((sisa_hari)). Rincian per unit kerja:\n"
           "((rincian_unit))\n\n"
           "Daftar SK yang berakhir:\n"
           "((daftar_kontrak))\n\n"
           "Penilaian kinerja yang belum diisi: ((penilaian_belum)):\n"
           "((daftar_belum_dinilai))\n\n"
           "Perpanjangan SK mengikuti penilaian kinerja dari kepala unit; mohon lengkapi "
           "penilaian dan siapkan SK baru sebelum tanggal tersebut.\n\n"
           "Tenaga non-ASN yang SK-nya berakhir tanpa SK baru akan dirumahkan sampai SK baru "
           "terbit, kecuali di unit kerja krusial (tetap bekerja).\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      // Short: the per-contract lists are the email's (the registry leaves them out).
      make_on(webhook, "contract-expiring-webhook",
              "((jumlah_kontrak)) SK berakhir ((tanggal_berakhir))",
              "((instansi)): ((jumlah_kontrak)) SK tenaga non-ASN berakhir "
              "((tanggal_berakhir)), ((sisa_hari)); penilaian kinerja belum diisi: "
              "((penilaian_belum)).\n((rincian_unit))"),
      make("contract-sent-home",
           "SK Anda berakhir ((tanggal_berakhir)): dirumahkan sampai SK baru terbit",
           "Yth. ((nama)),\n\n"
           "SK Anda nomor ((nomor_sk)) sebagai tenaga non-ASN di ((unit_kerja)), "
           "((instansi)), telah berakhir pada ((tanggal_berakhir)) dan belum ada SK baru.\n\n"
           "Sejak tanggal berikutnya Anda dirumahkan sampai SK baru terbit. Anda akan diberi "
           "tahu bila SK baru terbit. Untuk pertanyaan, hubungi kepala unit kerja atau admin "
           "kepegawaian instansi Anda.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "contract-sent-home-whatsapp",
              "SK berakhir: dirumahkan",
              "Yth. ((nama)), SK Anda nomor ((nomor_sk)) di ((unit_kerja)), ((instansi)), "
              "berakhir ((tanggal_berakhir)). Anda dirumahkan sampai SK baru terbit; Anda akan "
              "diberi tahu bila SK baru terbit.\n"
              "(Pesan otomatis Penataan Tenaga Non-ASN)"),
      make("contract-kept-at-work",
           "SK Anda berakhir ((tanggal_berakhir)): tetap bekerja",
           "Yth. ((nama)),\n\n"
           "SK Anda nomor ((nomor_sk)) sebagai tenaga non-ASN di ((unit_kerja)), "
           "((instansi)), telah berakhir pada ((tanggal_berakhir)) dan belum ada SK baru.\n\n"
           "Karena ((unit_kerja)) termasuk unit kerja krusial, Anda tetap bekerja seperti "
           "biasa sambil menunggu SK baru. Untuk pertanyaan, hubungi kepala unit kerja atau "
           "admin kepegawaian instansi Anda.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "contract-kept-at-work-whatsapp",
              "SK berakhir: tetap bekerja",
              "Yth. ((nama)), SK Anda nomor ((nomor_sk)) di ((unit_kerja)), ((instansi)), "
              "berakhir ((tanggal_berakhir)). Karena unit kerja Anda krusial, Anda tetap "
              "bekerja sambil menunggu SK baru.\n"
              "(Pesan otomatis Penataan Tenaga Non-ASN)"),
      make("contract-renewed",
           "SK baru Anda: ((nomor_sk)), ((tanggal_mulai)) s.d. ((tanggal_berakhir))",
           "Yth. ((nama)),\n\n"
           "SK Anda sebagai tenaga non-ASN di ((unit_kerja)), ((instansi)), telah diperpanjang "
           "dengan SK nomor ((nomor_sk)), berlaku ((tanggal_mulai)) sampai dengan "
           "((tanggal_berakhir)). ((kembali_bekerja))\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "contract-renewed-whatsapp",
              "SK baru ((nomor_sk))",
              "Yth. ((nama)), SK Anda di ((unit_kerja)), ((instansi)), diperpanjang: SK nomor "
              "((nomor_sk)), berlaku ((tanggal_mulai)) s.d. ((tanggal_berakhir)). "
              "((kembali_bekerja))\n"
              "(Pesan otomatis Penataan Tenaga Non-ASN)"),
      make("contract-expiry-summary",
           "SK berakhir ((tanggal_berakhir)): ((jumlah_dirumahkan)) dirumahkan, "
           "((jumlah_tetap_bekerja)) tetap bekerja",
           "Yth. Admin ((instansi)),\n\n"
           "SK tenaga non-ASN yang berakhir pada ((tanggal_berakhir)) tanpa SK baru telah "
           "diproses:\n"
           "- Dirumahkan sampai SK baru terbit: ((jumlah_dirumahkan))\n"
           "- Tetap bekerja (unit kerja krusial): ((jumlah_tetap_bekerja))\n\n"
           "Setiap tenaga non-ASN yang memiliki email atau nomor WhatsApp telah diberi tahu. "
           "((tanpa_kontak)) orang tidak memiliki kontak: mohon sampaikan secara langsung.\n\n"
           "SK baru (perpanjangan) mengembalikan yang dirumahkan ke status aktif.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make_on(webhook, "contract-expiry-summary-webhook",
              "SK berakhir ((tanggal_berakhir))",
              "((instansi)): SK yang berakhir ((tanggal_berakhir)) diproses: "
              "((jumlah_dirumahkan)) dirumahkan, ((jumlah_tetap_bekerja)) tetap bekerja (unit "
              "krusial). ((tanpa_kontak)) orang tanpa kontak perlu diberi tahu langsung."),
  };
}

}  // namespace penataan::notification
