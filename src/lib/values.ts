/**
 * Value lists and the shapes of structured columns, declared once: joi schemas, TypeScript types and
 * the typed database columns all read them from here (style.md 12). Pure: imports nothing.
 */

/** Dossier states (domain A4). Open ones have a running (or paused) deadline. */
export const STATUSES = [
  'received',
  'processing',
  'awaiting_supplement',
  'paused',
  'decided',
  'returned',
  'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES = [
  'received',
  'processing',
  'awaiting_supplement',
  'paused',
] as const satisfies readonly Status[];

/** Channels (domain A3): in person, online through the portal, by post. */
export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTCOMES = ['approved', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * When an apology (phiếu xin lỗi và hẹn lại ngày trả) was issued against the due instant (issue 13):
 * the law asks for it at least one working day before (`on_time`); `short` is less than a day before,
 * `late` after the due instant. Provinces publish these three counts in their reform reports.
 */
export const APOLOGY_KINDS = ['on_time', 'short', 'late'] as const;
export type ApologyKind = (typeof APOLOGY_KINDS)[number];

/** How the result reached the applicant. */
export const RETURN_METHODS = ['counter', 'post', 'online'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

/** Why the clock stops (domain B2); staff pause for the last two, a supplement request for the first. */
export const PAUSE_REASONS = ['supplement', 'financial_obligation', 'other_legal'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const STAFF_PAUSE_REASONS = ['financial_obligation', 'other_legal'] as const satisfies readonly PauseReason[];

/** The citizen's satisfaction rating (domain B5: "dissatisfied" lowers criterion 5.4). */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Form 05: a step or dossier finished early, on time or late (domain B3). */
export const CLASSIFICATIONS = ['early', 'on_time', 'late'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const BUDGET_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day'] as const;
export type BudgetUnit = (typeof BUDGET_UNITS)[number];

/** A procedure's processing time (domain B2). `cutoff` (HH:mm, default 15:00) is for `same_day`. */
export interface Budget {
  value: number;
  unit: BudgetUnit;
  cutoff?: string;
}

/** Per procedure: a supplement pauses the clock, or restarts the whole budget (domain B2). */
export const SUPPLEMENT_POLICIES = ['pause', 'restart'] as const;
export type SupplementPolicy = (typeof SUPPLEMENT_POLICIES)[number];

export const AGENCY_LEVELS = ['province', 'department', 'commune', 'center', 'other'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/** Roles that work on dossier steps. */
export const STEP_ROLES = ['receptionist', 'officer', 'leader'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export interface ProcedureStep {
  name: string;
  role: StepRole;
  budget: Budget;
}

/** Channels a citizen may agree at intake to be told through (issue 12: the outbox). */
export const NOTIFY_CHANNELS = ['email', 'sms', 'zalo'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

export interface Applicant {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  /** Consent to be told of supplements, apologies and results; absent = the OUTBOX_DEFAULT_CONSENT setting. */
  notify?: NotifyChannel[];
}

/** A component (thành phần hồ sơ) received at the counter. */
export interface Component {
  name: string;
  copies?: number;
}

/** An agency's working calendar (domain B1). Agencies without one inherit their parent's. */
export interface CalendarSettings {
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Office windows of a working day, local `HH:mm`, in order and not overlapping. */
  windows: Array<{ start: string; end: string }>;
}
