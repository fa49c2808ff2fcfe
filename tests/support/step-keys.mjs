// Keyboard walks through a step-through (web/teach/steps.js), shared by the playground's e2e tests
// and the docs widget's (view="steps"): each test says how to wait for a step, this presses the keys.

/**
 * Presses each `[key, step]` of `presses` in turn, waiting after each until `atStep(step)` (which
 * waits for "Step n of total") holds: the step the key should lead to, 1-based.
 */
export async function pressSteps(page, presses, atStep) {
  for (const [key, step] of presses) {
    await page.keyboard.press(key);
    await atStep(step);
  }
}
