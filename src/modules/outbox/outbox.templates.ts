import type { CitizenTemplate, DossierSnapshot, LifecycleEvent } from './outbox.types.js';

/** One citizen notice in every form the channels need, Vietnamese (the citizen's language). */
export interface Notice {
  subject: string;
  paragraphs: string[];
  facts: Array<[string, string]>;
  /** Most detailed first; the SMS channel takes the first that fits (sms-text.ts). */
  sms: string[];
  /** ZNS template parameters (names listed in docs/integration.md). */
  zalo: Record<string, string>;
}

export interface NoticeContext {
  dossier: DossierSnapshot;
  event: LifecycleEvent;
  trackingUrl: string;
  /** "17:00 ngày 26/11/2026" in the applicant's time zone. */
  when(d: Date | null): string;
}

const RETURN_METHODS: Record<string, string> = {
  counter: 'tại quầy',
  post: 'qua dịch vụ bưu chính',
  online: 'trực tuyến',
};

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Builds the notice an event sends to the citizen (domain A4: forms 01, 02, 04, stop notice). */
export function citizenNotice(template: CitizenTemplate, ctx: NoticeContext): Notice {
  const { dossier: d, event, trackingUrl: url, when } = ctx;
  const greet = `Kính gửi ông/bà ${d.applicant.name},`;
  const common: Array<[string, string]> = [
    ['Mã hồ sơ', d.code],
    ['Thủ tục', d.procedure.name],
  ];
  const zalo = {
    customer_name: d.applicant.name,
    dossier_code: d.code,
    procedure_name: d.procedure.name,
    tracking_url: url,
  };
  switch (template) {
    case 'intake':
      return {
        subject: `Tiếp nhận hồ sơ ${d.code}`,
        paragraphs: [
          greet,
          `${d.receivingAgency.name} đã tiếp nhận hồ sơ của ông/bà.`,
          `Ông/bà tra cứu tình trạng hồ sơ tại ${url} bằng mã hồ sơ và mã tra cứu in trên giấy tiếp nhận.`,
        ],
        facts: [
          ...common,
          ['Cơ quan giải quyết', d.agency.name],
          ['Thời điểm tiếp nhận', when(d.receivedAt)],
          ['Hẹn trả kết quả', when(d.dueAt)],
          ['Tra cứu', url],
        ],
        sms: [
          `${d.receivingAgency.name}: đã tiếp nhận hồ sơ ${d.code}, hẹn trả ${when(d.dueAt)}. Tra cứu: ${url}`,
          `Đã tiếp nhận hồ sơ ${d.code}, hẹn trả ${when(d.dueAt)}. Tra cứu: ${url}`,
          `Đã tiếp nhận hồ sơ ${d.code}. Tra cứu: ${url}`,
        ],
        zalo: { ...zalo, received_at: when(d.receivedAt), due_at: when(d.dueAt) },
      };
    case 'supplement': {
      const items = Array.isArray(event.data.items) ? event.data.items.map(String) : [];
      return {
        subject: `Yêu cầu bổ sung, hoàn thiện hồ sơ ${d.code}`,
        paragraphs: [
          greet,
          'Để tiếp tục giải quyết, đề nghị ông/bà bổ sung, hoàn thiện các nội dung sau:',
          ...items.map((item, i) => `${i + 1}. ${item}`),
          `Lý do: ${text(event.data.reason)}`,
          `Nộp bổ sung tại ${d.receivingAgency.name}. Thời gian chờ bổ sung không tính vào thời hạn giải quyết.`,
        ],
        facts: [...common, ['Tra cứu', url]],
        sms: [
          `Hồ sơ ${d.code} cần bổ sung: ${items.join('; ')}. Nộp tại ${d.receivingAgency.name}. Chi tiết: ${url}`,
          `Hồ sơ ${d.code} cần bổ sung: ${items.join('; ')}. Chi tiết: ${url}`,
          `Hồ sơ ${d.code} cần bổ sung giấy tờ. Chi tiết: ${url}`,
        ],
        zalo: { ...zalo, items: items.join('; '), reason: text(event.data.reason) },
      };
    }
    case 'apology':
      return {
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.code}`,
        paragraphs: [
          greet,
          `${d.agency.name} thành thật xin lỗi ông/bà vì hồ sơ chưa giải quyết được đúng hẹn ${when(d.dueAt)}.`,
          `Lý do: ${text(event.data.reason)}`,
          `Thời gian hẹn trả kết quả mới: ${when(d.promisedAt)}.`,
        ],
        facts: [...common, ['Hẹn trả ban đầu', when(d.dueAt)], ['Hẹn trả mới', when(d.promisedAt)], ['Tra cứu', url]],
        sms: [
          `${d.agency.name} xin lỗi: hồ sơ ${d.code} chậm hẹn, hẹn trả mới ${when(d.promisedAt)}. ${url}`,
          `Xin lỗi ông/bà: hồ sơ ${d.code} hẹn trả mới ${when(d.promisedAt)}. ${url}`,
        ],
        zalo: { ...zalo, reason: text(event.data.reason), due_at: when(d.dueAt), promised_at: when(d.promisedAt) },
      };
    case 'result': {
      const approved = d.outcome === 'approved';
      const collect = `tại ${d.receivingAgency.name}`;
      return {
        subject: approved ? `Hồ sơ ${d.code} đã có kết quả` : `Thông báo kết quả giải quyết hồ sơ ${d.code}`,
        paragraphs: [
          greet,
          approved
            ? `Hồ sơ của ông/bà đã có kết quả. Mời ông/bà nhận kết quả ${collect}.`
            : `Hồ sơ của ông/bà không được giải quyết. Lý do: ${text(event.data.reason)}. Văn bản trả lời nhận ${collect}.`,
        ],
        facts: [...common, ['Nơi nhận kết quả', d.receivingAgency.name], ['Tra cứu', url]],
        sms: [
          approved
            ? `Hồ sơ ${d.code} đã có kết quả. Mời nhận ${collect}. ${url}`
            : `Hồ sơ ${d.code} không được giải quyết, nhận văn bản trả lời ${collect}. ${url}`,
          approved ? `Hồ sơ ${d.code} đã có kết quả. ${url}` : `Hồ sơ ${d.code} không được giải quyết. ${url}`,
        ],
        zalo: {
          ...zalo,
          outcome: approved ? 'Đã có kết quả' : 'Không được giải quyết',
          collect_at: d.receivingAgency.name,
        },
      };
    }
    case 'returned': {
      const how = RETURN_METHODS[text(event.data.method)] ?? '';
      return {
        subject: `Đã trả kết quả hồ sơ ${d.code}`,
        paragraphs: [
          greet,
          `Kết quả hồ sơ của ông/bà đã được trả ${how} lúc ${when(d.returnedAt)}.`,
          'Ông/bà có thể đánh giá mức độ hài lòng tại trang tra cứu.',
        ],
        facts: [...common, ['Thời điểm trả kết quả', when(d.returnedAt)], ['Tra cứu', url]],
        sms: [
          `Hồ sơ ${d.code} đã trả kết quả ${how} lúc ${when(d.returnedAt)}. Đánh giá: ${url}`,
          `Hồ sơ ${d.code} đã trả kết quả. ${url}`,
        ],
        zalo: { ...zalo, returned_at: when(d.returnedAt), method: how },
      };
    }
    case 'withdrawn':
      return {
        subject: `Thông báo dừng giải quyết hồ sơ ${d.code}`,
        paragraphs: [greet, `Theo đề nghị của ông/bà, hồ sơ đã được dừng giải quyết lúc ${when(d.withdrawnAt)}.`],
        facts: [...common, ['Thời điểm dừng', when(d.withdrawnAt)]],
        sms: [
          `Hồ sơ ${d.code} đã dừng giải quyết theo đề nghị của ông/bà lúc ${when(d.withdrawnAt)}.`,
          `Hồ sơ ${d.code} đã dừng giải quyết.`,
        ],
        zalo: { ...zalo, withdrawn_at: when(d.withdrawnAt) },
      };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FOOTER =
  'Thư này được gửi tự động từ hệ thống một cửa điện tử theo đăng ký nhận thông báo của ông/bà; vui lòng không trả lời thư.';

/** Plain text and HTML bodies of an e-mail notice. */
export function emailBodies(notice: Notice): { text: string; html: string } {
  const text = [...notice.paragraphs, '', ...notice.facts.map(([k, v]) => `${k}: ${v}`), '', FOOTER].join('\n');
  const rows = notice.facts
    .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(notice.subject)}</title></head><body>` +
    notice.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<table cellpadding="4">${rows}</table><p><small>${escapeHtml(FOOTER)}</small></p></body></html>`;
  return { text, html };
}
