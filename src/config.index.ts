import Joi from 'joi';
import type { DigitizationScales } from './modules/stats/index-rules.js';

// The reform indices' point scales (domain B5, issue 15 for digitisation): their joi keys, read into
// the Config by src/config.ts, which stays the only reader of process.env.

/**
 * Point scales of the reform indices (domain B5). They rest on unconfirmed readings of Decision 766
 * and the PAR INDEX methodology (A9), so they are settings; every figure carries the version.
 */
export interface IndexScales {
  progressPoints: number;
  onlinePoints: number;
  onlineFullAt: number;
  satisfactionPoints: number;
  satisfactionFullAt: number;
  /** PAR INDEX: [minimum rate, points], highest minimum first; the first match wins. */
  parScale: Array<[number, number]>;
}

/** The index scales' keys of the environment schema, spread into it by src/config.ts. */
export const indexKeys = {
  INDEX_PROGRESS_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(20)
    .description('Decision 766 criterion 2.1 (progress): points at a 100% rate.'),
  INDEX_ONLINE_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(12)
    .description('Decision 766 criterion 3.3 (online share): maximum points.'),
  INDEX_ONLINE_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.5)
    .description('Online share that earns full points (below: in proportion).'),
  INDEX_SATISFACTION_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(6)
    .description('Decision 766 criterion 5.4 (satisfaction): maximum points.'),
  INDEX_SATISFACTION_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.9)
    .description('Satisfaction rate that earns full points.'),
  PAR_SCALE: Joi.string()
    .pattern(/^(\d(\.\d+)?:\d+(\.\d+)?)(,\d(\.\d+)?:\d+(\.\d+)?)*$/)
    .default('1:1,0.95:0.5,0:0')
    .description('PAR INDEX on-time points: "minimum rate:points" pairs, highest minimum first.'),
  INDEX_DIGITIZED_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(8)
    .description('Decision 766 digitisation group: points for dossiers whose components were digitised at intake.'),
  INDEX_DIGITIZED_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.8)
    .description('Digitised-at-intake share that earns full points.'),
  INDEX_ELECTRONIC_RESULT_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(8)
    .description('Decision 766 digitisation group: points for results issued electronically.'),
  INDEX_ELECTRONIC_RESULT_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.8)
    .description('Electronic-result share that earns full points.'),
  INDEX_REUSE_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(6)
    .description('Decision 766 digitisation group: points for reuse of already digitised documents.'),
  INDEX_REUSE_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.5)
    .description('Reused share of digitised components that earns full points.'),
};

/** The B5 point scales from the validated environment. */
// joi types its validated value as any; each key's type is fixed by indexKeys above.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function indexScales(value: Record<string, any>): IndexScales {
  return {
    progressPoints: value.INDEX_PROGRESS_POINTS,
    onlinePoints: value.INDEX_ONLINE_POINTS,
    onlineFullAt: value.INDEX_ONLINE_FULL_AT,
    satisfactionPoints: value.INDEX_SATISFACTION_POINTS,
    satisfactionFullAt: value.INDEX_SATISFACTION_FULL_AT,
    parScale: String(value.PAR_SCALE)
      .split(',')
      .map((pair) => pair.split(':').map(Number) as [number, number]),
  };
}

/** The digitisation point scales from the validated environment. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function digitizationScales(value: Record<string, any>): DigitizationScales {
  return {
    digitizedPoints: value.INDEX_DIGITIZED_POINTS,
    digitizedFullAt: value.INDEX_DIGITIZED_FULL_AT,
    electronicResultPoints: value.INDEX_ELECTRONIC_RESULT_POINTS,
    electronicResultFullAt: value.INDEX_ELECTRONIC_RESULT_FULL_AT,
    reusePoints: value.INDEX_REUSE_POINTS,
    reuseFullAt: value.INDEX_REUSE_FULL_AT,
  };
}
