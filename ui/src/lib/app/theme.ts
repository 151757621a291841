export type Theme = 'standard' | 'contrast';

const STORAGE_KEY = 'kabinet.theme';

export function storedTheme(): Theme {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'contrast' ? 'contrast' : 'standard';
  } catch {
    return 'standard';
  }
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'contrast') root.dataset.theme = 'contrast';
  else delete root.dataset.theme;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    return;
  }
}
