export type RadioOption = { value: string; label: string; testid: string };

export type SummaryAction = { label: string; context: string; testid: string; onclick: () => void };

export type SummaryRow = { key: string; value: string; testid?: string; action?: SummaryAction };
