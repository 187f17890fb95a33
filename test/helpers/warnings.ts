/** Test set-up shared by suites that exercise code which warns. */
import { setWarningHandler } from '../../src/core/warn';

/** Silence `warn()` for the whole suite (restored after it); call at the top level of a test file. */
export function silenceWarnings(): void {
  let previous: (message: string) => void;
  beforeAll(() => {
    previous = setWarningHandler(null);
  });
  afterAll(() => {
    setWarningHandler(previous);
  });
}
