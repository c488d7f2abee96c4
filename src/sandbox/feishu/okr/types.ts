/**
 * The OKR v1 objects as the emulator serves them (feishu-apis.md §6.1, §6.3). The emulator's own shapes:
 * every field but `id` is optional, as the API omits freely.
 */
export interface OkrPeriod {
  id: string;
  zh_name?: string;
  en_name?: string;
  /** §6.1: 0 normal, 1 not handled, 2 marked invalid, 3 hidden. */
  status?: number;
  /** §6.1: ms timestamps as strings. */
  period_start_time?: string;
  period_end_time?: string;
}

export interface ProgressRate {
  percent?: number;
  /** "-1" none, "0" normal, "1" at risk, "2" delayed. */
  status?: string;
}

export interface OkrUserRef {
  open_id?: string;
  user_id?: string;
}

export interface KeyResult {
  id: string;
  content?: string;
  /** 0–100. */
  score?: number;
  /** Deprecated by the API; kr_weight replaces it. */
  weight?: number;
  kr_weight?: number;
  progress_rate?: ProgressRate;
  deadline?: string;
  mentioned_user_list?: OkrUserRef[];
}

export interface AlignedObjective {
  id?: string;
  okr_id?: string;
  owner?: OkrUserRef;
}

export interface Objective {
  id: string;
  permission?: number;
  content?: string;
  progress_report?: string;
  score?: number;
  weight?: number;
  progress_rate?: ProgressRate;
  kr_list?: KeyResult[];
  aligned_objective_list?: AlignedObjective[];
  aligning_objective_list?: AlignedObjective[];
  deadline?: string;
  mentioned_user_list?: OkrUserRef[];
}

export interface Okr {
  id: string;
  /** 0: only `id` is returned (no access); 1: full fields. */
  permission?: number;
  period_id?: string;
  name?: string;
  /** 0 initial … 4 approved. */
  confirm_status?: number;
  objective_list?: Objective[];
}
