import Joi from 'joi';
import { instant, localDate, uuid } from '../../http/responses.js';

/**
 * The answers of the statistics endpoints (stats.service.ts). The lead is reshaping these answers
 * (issue 13 "Supervisors"), so they are declared open (`unknown`) past the fields listed here:
 * tests check the listed fields, new ones do not fail until they are added.
 */
const int = Joi.number().integer().min(0);
const rate = Joi.number().min(0).max(1).allow(null).example(0.9512);

const period = Joi.object({
  label: Joi.string().example('2026-10'),
  from: localDate,
  to: localDate,
  window: Joi.string().valid('calendar', 'report'),
}).unknown(true);

/** Report II.06a columns (domain B4), with the on-time rate. */
const counts = {
  receivedOnline: int.description('Tiếp nhận trực tuyến — received online'),
  receivedDirect: int.description('Tiếp nhận trực tiếp, bưu chính — received in person or by post'),
  carriedOver: int.description('Kỳ trước chuyển sang — carried over'),
  resolvedEarly: int.description('Đã giải quyết trước hạn — resolved early'),
  resolvedOnTime: int.description('Đã giải quyết đúng hạn — resolved on time'),
  resolvedLate: int.description('Đã giải quyết quá hạn — resolved late'),
  withdrawn: int.description('Rút hồ sơ, dừng giải quyết — withdrawn'),
  inProgressWithin: int.description('Đang giải quyết trong hạn — in progress within time'),
  inProgressOverdue: int.description('Đang giải quyết quá hạn — in progress overdue'),
  onTimeRate: rate.description('Tỷ lệ đúng hạn — on-time rate'),
};

const header = {
  period: period.required(),
  source: Joi.string().valid('snapshot', 'live').required(),
  computedAt: instant.required(),
  ruleVersion: Joi.string().required(),
};
/** Issue 15: where the rows' `digitization766` came from (the snapshot carries them, or live). */
const digitizationSource = Joi.string()
  .valid('snapshot', 'live')
  .description('Chỉ số số hóa từ số liệu đã chốt hay tính trực tiếp — digitisation from the snapshot or live');

/** Issue 15: Decision 766 digitisation group (docs/digitization.md), from the snapshot or live. */
const part = (what: string) =>
  Joi.object({
    count: int.required().description('Số được tính — counted'),
    total: int.required().description('Tổng số (mẫu số) — population'),
    rate: rate.required().description('Tỷ lệ — rate (null: nothing to count)'),
    points: Joi.number().min(0).allow(null).required().description('Điểm — points (null with the rate)'),
  }).description(what);
const digitization766 = Joi.object({
  digitizedAtIntake: part('Hồ sơ số hóa thành phần khi tiếp nhận — dossiers digitised at intake'),
  electronicResults: part('Kết quả giải quyết điện tử — results issued electronically'),
  reuse: part('Thành phần tái sử dụng dữ liệu đã số hóa — components reusing digitised documents'),
  points: Joi.number().min(0).allow(null).description('Tổng điểm nhóm số hóa — points of the group'),
  ruleVersion: Joi.string().example('DIG-2026.12').description('Phiên bản quy tắc số hóa — digitisation rule version'),
}).description('Chỉ số số hóa (QĐ 766) — digitisation indicators');

const agencyRow = Joi.object({
  agencyId: uuid.required(),
  agencyName: Joi.string().allow(null),
  ...counts,
  digitization766,
}).unknown(true);

export const statsResponses = {
  agencies: Joi.object({
    ...header,
    digitizationSource,
    rollup: Joi.boolean(),
    rows: Joi.array()
      .items(agencyRow.keys({ parentId: uuid.allow(null) }))
      .required(),
  }).unknown(true),
  procedures: Joi.object({
    ...header,
    agencyId: uuid.allow(null).required(),
    agencyName: Joi.string().allow(null),
    rows: Joi.array()
      .items(Joi.object({ procedureCode: Joi.string(), procedureName: Joi.string(), ...counts }).unknown(true))
      .required(),
  }).unknown(true),
  steps: Joi.object({
    period: period.required(),
    computedAt: instant.required(),
    agencyId: uuid.allow(null),
    excludedImported: int,
    rows: Joi.array()
      .items(
        Joi.object({
          agencyId: uuid,
          agencyName: Joi.string().allow(null),
          step: Joi.string().example('Thẩm định hồ sơ'),
          finished: int,
          late: int,
          lateShare: rate,
          workingHours: Joi.number(),
          averageWorkingHours: Joi.number().allow(null),
        }).unknown(true),
      )
      .required(),
  }).unknown(true),
  trend: Joi.object({
    agencyId: uuid.allow(null),
    window: Joi.string().valid('calendar', 'report'),
    ruleVersion: Joi.string(),
    series: Joi.array()
      .items(Joi.object({ period, source: Joi.string().valid('snapshot', 'live'), ...counts }).unknown(true))
      .required(),
  }).unknown(true),
  counter: Joi.object({
    period: period.required(),
    source: Joi.string().valid('live').required(),
    computedAt: instant.required(),
    agencyId: uuid.allow(null),
    rollup: Joi.boolean(),
    rows: Joi.array()
      .items(
        Joi.object({
          agencyId: uuid.required(),
          agencyName: Joi.string().allow(null),
          received: int.description("Tiếp nhận tại quầy của đơn vị — received at this unit's counter"),
          byChannel: Joi.object().pattern(Joi.string(), int),
          byAgency: Joi.array().items(Joi.object().unknown(true)),
        }).unknown(true),
      )
      .required(),
  }).unknown(true),
  index: Joi.object({
    ...header,
    digitizationSource,
    rollup: Joi.boolean(),
    rows: Joi.array()
      .items(
        Joi.object({
          agencyId: uuid.required(),
          agencyName: Joi.string(),
          progress766: Joi.object().unknown(true),
          onlineShare766: Joi.object().unknown(true),
          satisfaction766: Joi.object().unknown(true),
          parOnTime: Joi.object().unknown(true),
          digitization766,
        }).unknown(true),
      )
      .required(),
  }).unknown(true),
};
