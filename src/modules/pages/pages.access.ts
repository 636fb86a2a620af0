import type { RatingLevel } from '../../lib/values.js';

/** The second factor a citizen gives with the code (domain B6). */
export interface SecondFactor {
  pin?: string;
  phone4?: string;
}

/**
 * What the citizen page reads from the public lookup. The fields marked "contract" are being added
 * by the dossiers module; they are optional here so the page renders with or without them.
 */
export interface TrackingView {
  code: string;
  status: string;
  statusLabel: string;
  applicant: { name: string };
  procedure: { code: string; name: string };
  agency: { name: string };
  receivedAt: string | null;
  promisedAt: string | null;
  remainingWorkingMinutes: number | null;
  paused: boolean;
  finishedAt: string | null;
  returnedAt: string | null;
  steps: { name: string; startedAt: string | null; finishedAt: string | null; classification: string | null }[];
  /** What the citizen is told (issue 13): dossiers/use-cases/public.ts. */
  clockStartAt?: string | null;
  remaining?: { workingDays: number; workingHours: number; minutes: number; text: string } | null;
  supplement?: { items: string[]; reason: string | null; requestedAt: string | null } | null;
  apology?: { reason: string | null; promisedAt: string | null; at: string | null; kind: string | null } | null;
  outcome?: { code: string; label: string; reason: string | null } | null;
  returnMethod?: string | null;
  returnMethodLabel?: string | null;
  collectAt?: { name: string };
}

/** The two public use cases the citizen page needs; implemented over services.dossiers in pages.adapter.ts. */
export interface PublicTracking {
  lookup(code: string, factor: SecondFactor): Promise<TrackingView>;
  rate(code: string, pin: string, level: RatingLevel, comment?: string): Promise<unknown>;
}
