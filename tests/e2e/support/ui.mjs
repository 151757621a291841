// Small page helpers: find by data-testid, type, click, read; every wait is bounded.
export const byId = (browser, id) => browser.$(`[data-testid="${id}"]`);

export async function waitFor(browser, id, timeout = 15000) {
  const element = await byId(browser, id);
  await element.waitForDisplayed({ timeout });
  return element;
}

export async function type(browser, id, value) {
  const element = await waitFor(browser, id);
  await element.clearValue();
  if (value !== '') await element.setValue(value);
}

export async function click(browser, id) {
  const element = await waitFor(browser, id);
  await element.click();
}

export async function text(browser, id) {
  return (await waitFor(browser, id)).getText();
}

/** The message shown at a field after a failed submit, with the error summary present. */
export async function fieldError(browser, field) {
  await waitFor(browser, 'error-summary');
  return text(browser, `error-${field}`);
}
